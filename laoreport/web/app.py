"""The web app: search, report, threads and overview pages and a JSON API over laoreport.archive (the only module importing flask).

Every page and every /api/ answer calls the same laoreport.archive function as the
command line, and /api/ answers exactly the dict that the command's --json prints.
The app only reads: each route answers GET (and HEAD), every other method gets 405, no
request writes to the disk (archive.reading_only), and no route opens a file named by the request.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from importlib import resources
from urllib.parse import quote, unquote_to_bytes, urlencode

from flask import Flask, Response, current_app, g, render_template, request, url_for
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound

from laoreport import archive
from laoreport.archive.filters import KINDS, STATUSES
from laoreport.archive.threads import OUTCOMES
from laoreport.errors import ArchiveError, LaoReportError, QueryError, ReportNotFoundError, ThreadNotFoundError
from laoreport.model import DOC_TYPES
from laoreport.periods import parse_period
from laoreport.web.marks import highlight
from laoreport.web.messages import doc_type_name, language, message, period_name, refusal
from laoreport.web.overview import bar_scale, period_rows

MAX_QUERY = 1000  # characters; a longer query is refused, as the command line does
MAX_LIMIT = 200
PAGE_LIMIT = 20
THREADS_LIMIT = 50
CLI_THREADS_LIMIT = 20  # `laoreport threads --limit`'s default: /api/threads answers as the CLI does
SEARCH_FILTERS = ("from", "to", "kind", "status", "type", "org", "number", "source")  # as the CLI's options
FRAGMENT_SAFE = "%!#$&'()*+,/:;=?@"  # what url_for leaves unquoted in an anchor
REPORT_ID = THREAD_ID = re.compile(r"[0-9a-f]{6,64}")

# The static files, fixed when the app is built: a request names one of these keys, never a path.
STATIC_TYPES = {
    "laoreport.css": "text/css; charset=utf-8",
    "htmx.min.js": "text/javascript; charset=utf-8",
    "favicon.svg": "image/svg+xml",
    "fonts/noto-sans-lao-400.woff2": "font/woff2",
    "fonts/noto-sans-lao-700.woff2": "font/woff2",
}

# Scripts and styles from this server only, no inline script, nothing from any other origin.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self'; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")

log = logging.getLogger(__name__)


class BadParameter(Exception):
    """A request parameter that cannot be used; `key` and `values` name its message in the catalogue."""

    def __init__(self, key: str, **values):
        super().__init__(key)
        self.key = key
        self.values = values


def create_app(index_dir: str | None = None, allowed_hosts: tuple[str, ...] | None = None) -> Flask:
    """The app over the index at `index_dir` (resolved as the command line resolves --index).

    `allowed_hosts`: the Host names a request may carry (the server passes the loopback
    names when it listens on loopback, so a page from another site that rebinds its DNS
    name to 127.0.0.1 still cannot read the archive); None accepts any.
    """
    app = Flask(__name__, static_folder=None)
    app.config["INDEX_DIR"] = index_dir
    app.jinja_env.autoescape = True
    app.jinja_env.globals.update(
        t=_t, period_name=_period_name, doc_type_name=_doc_type_name, url=_url, static_url=_static_url,
        anchor=_anchor, report_url=_report_url, thread_url=_thread_url, other_language_url=_other_language_url,
        kinds=KINDS, statuses=STATUSES, outcomes=OUTCOMES, doc_types=DOC_TYPES, max_query=MAX_QUERY, max_limit=MAX_LIMIT,
    )
    app.context_processor(lambda: {"lang": _lang()})
    app.jinja_env.filters.update(highlight=highlight, file_name=os.path.basename)
    static = {name: resources.files("laoreport.web").joinpath("static", name).read_bytes() for name in STATIC_TYPES}
    app.config["STATIC"] = {name: (data, hashlib.sha256(data).hexdigest()[:12]) for name, data in static.items()}

    @app.before_request
    def _check_request():
        g.lang = language(request.args.get("lang"))
        if allowed_hosts is not None and request.host.rsplit(":", 1)[0].strip("[]").lower() not in allowed_hosts:
            raise NotFound()
        _check_utf8(request.query_string)

    app.after_request(_headers)

    _register_pages(app)
    _register_api(app)
    _register_errors(app)
    app.wsgi_app = _answering_despite_panics(app, _reading_only(app.wsgi_app))
    return app


def _headers(response: Response) -> Response:
    """On every answer: the Content-Security-Policy and the other headers that keep a page to itself."""
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    response.vary.add("HX-Request")
    return response


def _reading_only(wsgi_app):
    """Requests that never write to the disk: threads behind the index are shown as they stand
    (the next import brings them up to date) instead of being repaired, as a command would."""

    def reading(environ, start_response):
        with archive.reading_only():
            return wsgi_app(environ, start_response)

    return reading


def _answering_despite_panics(app: Flask, wsgi_app):
    """A 500 page for what Flask lets through: a BaseException such as a Rust extension's panic
    (pyo3's PanicException). Let through, waitress answers nothing and keeps the connection open,
    and enough of them stop the server from accepting any."""

    def guarded(environ, start_response):
        try:
            return wsgi_app(environ, start_response)
        except (KeyboardInterrupt, SystemExit, GeneratorExit):
            raise
        except BaseException:
            log.exception("unexpected error on %s", environ.get("PATH_INFO"))
            with app.request_context(environ):
                g.lang = language(request.args.get("lang"))
                response = _headers(_error(500, message(_lang(), "server_error")))
            return response(environ, start_response)

    return guarded


def _get(app: Flask, rule: str):
    """A read-only route: GET and HEAD only, so OPTIONS, POST and the rest get 405."""
    return app.route(rule, methods=["GET"], provide_automatic_options=False)


def _register_pages(app: Flask) -> None:
    @_get(app, "/")
    def search_page():
        q = request.args.get("q", "")
        values = {name: request.args.get(name, "") for name in SEARCH_FILTERS}
        result, error, status = None, None, 200
        try:
            filters = _search_filters(default_limit=PAGE_LIMIT)
            if q.strip():
                result = archive.search(q, _index(), **filters)
        except BadParameter as bad:
            error, status = message(g.lang, bad.key, **bad.values), 400
        except QueryError as bad:
            error, status = _query_error(bad), 400
        partial = request.headers.get("HX-Request") == "true" and not request.headers.get("HX-History-Restore-Request")
        page = render_template("_results.html" if partial else "search.html", q=q, values=values,
                               result=result, error=error, limit=_limit_or_none(), partial=partial)
        if status != 200:  # a refused search is not worth an address (nor a header repeating a huge query)
            return page, status
        # the address bar shows this search without the form's empty fields, ready to bookmark or send
        return page, status, {"HX-Push-Url": _url("search_page", q=q, limit=request.args.get("limit"), **values)}

    @_get(app, "/report/<report_id>")
    def report_page(report_id: str):
        report = _report(report_id)
        return render_template("report.html", report=report, report_id=report_id)

    @_get(app, "/threads")
    def threads_page():
        q = request.args.get("q", "")
        values = {name: request.args.get(name, "") for name in ("from", "to", "outcome")}
        found, error, status, limit = None, None, 200, THREADS_LIMIT
        try:
            filters, limit = _thread_filters(), _limit(THREADS_LIMIT)
            found = archive.threads(q.strip() or None, _index(), **filters, limit=limit)
        except BadParameter as bad:
            error, status = message(g.lang, bad.key, **bad.values), 400
        except QueryError as bad:
            error, status = _query_error(bad), 400
        return render_template("threads.html", q=q, values=values, threads=found, error=error, limit=limit), status

    @_get(app, "/threads/<thread_id>")
    def thread_page(thread_id: str):
        return render_template("thread.html", thread=_thread(thread_id))

    @_get(app, "/overview")
    def overview_page():
        figures = archive.stats(_index())
        rows = period_rows(figures["by_period"])
        return render_template("overview.html", figures=figures, rows=rows, report_scale=bar_scale(rows, "reports"),
                               task_scale=bar_scale(rows, "done", "planned"))

    @_get(app, "/static/<path:name>")
    def static_file(name: str):
        if name not in app.config["STATIC"]:
            raise NotFound()
        data, digest = app.config["STATIC"][name]
        response = Response(data, content_type=STATIC_TYPES[name])
        response.headers["Cache-Control"] = "public, max-age=86400"
        response.set_etag(digest)
        return response.make_conditional(request)


def _register_api(app: Flask) -> None:
    @_get(app, "/api/search")
    def api_search():
        q = request.args.get("q", "")
        if not q.strip():
            raise BadParameter("missing_query")
        return _json(archive.search(q, _index(), **_search_filters(default_limit=20)).to_dict())

    @_get(app, "/api/reports/<report_id>")
    def api_report(report_id: str):
        response = _json(_report(report_id).to_dict())
        if request.args.get("download"):
            response.headers["Content-Disposition"] = f'attachment; filename="{report_id}.json"'
        return response

    @_get(app, "/api/tasks")
    def api_tasks():
        return _json(archive.list_tasks(
            _index(), period=_period("period"), status=_choice("status", STATUSES), query=_text("q"),
            outcome=_choice("outcome", OUTCOMES), **_range(), **_header_filters()))

    @_get(app, "/api/reports")
    def api_reports():
        return _json(archive.list_reports(_index(), **_range(), **_header_filters()))

    @_get(app, "/api/threads")
    def api_threads():
        return _json(archive.threads(request.args.get("q", "").strip() or None, _index(), **_thread_filters(),
                                     limit=_limit(CLI_THREADS_LIMIT)))

    @_get(app, "/api/stats")
    def api_stats():
        return _json(archive.stats(_index()))


def _register_errors(app: Flask) -> None:
    @app.errorhandler(BadParameter)
    def _bad_parameter(bad: BadParameter):
        return _error(400, message(_lang(), bad.key, **bad.values))

    @app.errorhandler(QueryError)
    def _bad_query(bad: QueryError):
        return _error(400, _query_error(bad))

    @app.errorhandler(ArchiveError)
    def _archive_error(error: ArchiveError):
        return _error(503, message(_lang(), "archive_error", detail=str(error)))

    @app.errorhandler(LaoReportError)
    def _other_error(error: LaoReportError):
        log.error("laoreport error on %s: %s", request.path, error)
        return _error(500, message(_lang(), "server_error"))

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        if isinstance(error, MethodNotAllowed):
            response = _error(405, message(_lang(), "read_only"))
            response.headers["Allow"] = "GET, HEAD"
            return response
        if isinstance(error, _NoReport):
            return _error(404, message(_lang(), "no_report", id=error.report_id))
        if isinstance(error, _NoThread):
            return _error(404, message(_lang(), "no_thread", id=error.thread_id))
        if isinstance(error, NotFound):
            return _error(404, message(_lang(), "not_found"))
        return _error(error.code or 500, error.description or message(_lang(), "server_error"))

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        log.exception("unexpected error on %s", request.path)
        return _error(500, message(_lang(), "server_error"))


# -- request parameters --------------------------------------------------------------------------

def _check_utf8(query_string: bytes) -> None:
    """A query string whose bytes are not UTF-8 is refused, never read with replacement characters."""
    for pair in query_string.split(b"&"):
        try:
            unquote_to_bytes(pair.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            raise BadParameter("bad_encoding") from None


def _period(name: str) -> str | None:
    value = request.args.get(name, "").strip()
    if not value:
        return None
    try:
        return str(parse_period(value))
    except QueryError:
        raise BadParameter("bad_period", value=value) from None


def _choice(name: str, choices: tuple[str, ...]) -> str | None:
    value = request.args.get(name, "").strip()
    if value and value not in choices:
        raise BadParameter("bad_choice", value=value, name=name, choices=", ".join(choices))
    return value or None


def _limit_or_none() -> int | None:
    try:
        return _limit(PAGE_LIMIT)
    except BadParameter:
        return None


def _limit(default: int) -> int:
    value = request.args.get("limit", "").strip()
    if not value:
        return default
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= MAX_LIMIT:
        raise BadParameter("bad_limit", max=MAX_LIMIT)
    return int(value)


def _range() -> dict:
    """The request's query length and period range, checked."""
    q = request.args.get("q", "")
    if len(q) > MAX_QUERY:
        raise BadParameter("query_too_long", length=len(q), max=MAX_QUERY)
    date_from, date_to = _period("from"), _period("to")
    if date_from and date_to and parse_period(date_from).first_month > parse_period(date_to).last_month:
        raise BadParameter("bad_range", first=date_from, last=date_to)
    return {"date_from": date_from, "date_to": date_to}


def _header_filters() -> dict:
    """What a report's header holds, as the CLI's --type, --org and --number; and --source, its file."""
    return {"doc_type": _choice("type", DOC_TYPES), "org": _text("org"), "number": _text("number"),
            "source": _text("source")}


def _search_filters(default_limit: int) -> dict:
    """The search filters of the request, checked: query length, periods, kind, status, header, limit."""
    kind, status = _choice("kind", KINDS), _choice("status", STATUSES)
    if kind == "section" and status:
        raise BadParameter("status_of_sections")
    return {**_range(), "kind": kind, "status": status, **_header_filters(), "limit": _limit(default_limit)}


def _text(name: str) -> str | None:
    value = request.args.get(name, "").strip()
    if len(value) > MAX_QUERY:
        raise BadParameter("query_too_long", length=len(value), max=MAX_QUERY)
    return value or None


def _thread_filters() -> dict:
    """The thread filters of the request, checked: query length, periods, outcome."""
    return {**_range(), "outcome": _choice("outcome", OUTCOMES)}


def _query_error(error: QueryError) -> str:
    """A query the archive refuses, in the page's language (the archive's English after a Lao
    lead for a refusal the catalogue does not word)."""
    return refusal(_lang(), error.reason, error.values, str(error))


# -- answers -------------------------------------------------------------------------------------

def _index() -> str | None:
    return current_app.config["INDEX_DIR"]


def _report(report_id: str):
    """The report with this id, or 404: only an id is accepted here, never a path or a file name."""
    if not REPORT_ID.fullmatch(report_id):
        raise NotFound()
    try:
        return archive.show_report(report_id, _index())
    except ReportNotFoundError:  # none, or several for a short prefix of an id
        raise _NoReport(report_id) from None


class _NoReport(NotFound):
    def __init__(self, report_id: str):
        super().__init__()
        self.report_id = report_id


def _thread(thread_id: str) -> dict:
    """The thread with this id, or 404."""
    if not THREAD_ID.fullmatch(thread_id):
        raise _NoThread(thread_id)
    try:
        return archive.thread(thread_id, _index())
    except ThreadNotFoundError:
        raise _NoThread(thread_id) from None


class _NoThread(NotFound):
    def __init__(self, thread_id: str):
        super().__init__()
        self.thread_id = thread_id


def _json(data) -> Response:
    return Response(json.dumps(data, ensure_ascii=False) + "\n", content_type="application/json; charset=utf-8")


def _lang() -> str:
    return getattr(g, "lang", None) or language(None)


def _error(status: int, text: str) -> Response:
    """An error as JSON under /api/, else as a page in the request's language."""
    if request.path.startswith("/api/"):
        response = _json({"error": text})
    else:
        response = Response(render_template("error.html", status=status, text=text),
                            content_type="text/html; charset=utf-8")
    response.status_code = status
    return response


# -- template helpers ----------------------------------------------------------------------------

def _t(key: str, **values) -> str:
    return message(_lang(), key, **values)


def _period_name(period: str | None) -> str:
    return period_name(_lang(), period)


def _doc_type_name(doc_type: str) -> str:
    return doc_type_name(_lang(), doc_type)


def _url(endpoint: str, **params) -> str:
    """A link that keeps the page's language and drops empty parameters."""
    if _lang() != "lo":
        params["lang"] = _lang()
    return url_for(endpoint, **{k: v for k, v in params.items() if v not in (None, "")})


def _anchor(section: list[str]) -> str:
    """The id of a section on its report's page, from its labels: I / 2 / 2.2 -> s-I-2-2.2."""
    return "s-" + "-".join(section)


def _report_url(report_id: str, section: list[str] | None = None) -> str:
    """/report/ID#s-I-2-2.2, as url_for would build it: by hand, because a page of hits has two
    links a hit and url_for costs more than the rest of a hit's rendering."""
    return _link(f"/report/{quote(report_id)}", _anchor(section) if section else None)


def _thread_url(thread_id: str) -> str:
    return _link(f"/threads/{quote(thread_id)}")


def _link(path: str, fragment: str | None = None) -> str:
    link = request.script_root + path + ("" if _lang() == "lo" else "?lang=" + _lang())
    return link + ("#" + quote(fragment, safe=FRAGMENT_SAFE) if fragment else "")


def _other_language_url() -> str:
    """This page in the other language, its query and filters kept."""
    params = [(k, v) for k, v in request.args.items(multi=True) if k != "lang" and v]
    if _lang() == "lo":
        params.append(("lang", "en"))
    return request.path + ("?" + urlencode(params) if params else "")


def _static_url(name: str) -> str:
    return url_for("static_file", name=name, v=current_app.config["STATIC"][name][1])

