"""The pages through Flask's test client, as a browser without JavaScript gets them."""

import re
import shutil
import sqlite3
from html.parser import HTMLParser
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from laoreport.archive import search, threads
from laoreport.web.app import CSP, create_app
from laoreport.web.messages import message
from web_fixtures import HOSTILE_TASK, app, client, corpus_index, hostile_index  # noqa: F401  (fixtures)

MEDAL = "ຫຼຽນທີ່ລະນຶກ"


class Page(HTMLParser):
    """The parts of a page the tests look at: headings' periods, links, sources, marks, form values."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.periods, self.links, self.sources, self.marks, self.inputs, self.selected = [], [], [], [], {}, {}
        self._in_mark, self._select = False, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-period" in attrs and tag == "h2":
            self.periods.append(attrs["data-period"])
        if tag == "a":
            self.links.append(attrs.get("href"))
        if "src" in attrs or (tag == "link" and "href" in attrs):
            self.sources.append(attrs.get("src") or attrs.get("href"))
        if tag == "mark":
            self._in_mark = True
            self.marks.append("")
        if tag == "input" and "name" in attrs:
            self.inputs[attrs["name"]] = attrs.get("value", "")
        if tag == "select":
            self._select = attrs["name"]
            self.selected[self._select] = ""
        if tag == "option" and "selected" in attrs:
            self.selected[self._select] = attrs["value"]

    def handle_endtag(self, tag):
        if tag == "mark":
            self._in_mark = False

    def handle_data(self, data):
        if self._in_mark:
            self.marks[-1] += data


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def test_empty_search_page_is_a_plain_form_in_lao(client):
    html = get(client, "/")
    assert '<html lang="lo">' in html
    assert 'name="q"' in html and 'action="/"' in html and 'method="get"' in html
    assert message("lo", "search_help") in html


def test_search_page_groups_hits_by_period_in_time_order(client, corpus_index):
    html = get(client, f"/?q={quote(MEDAL)}")
    page = Page(html)
    expected = search(MEDAL, corpus_index)
    assert page.periods == [period for period, _ in expected.by_period()]
    assert message("lo", "total", total=expected.total) in html
    assert set(page.marks) == {MEDAL, "ຫລຽນທີ່ລະນຶກ"}  # each spelling as written, highlighted whole
    report_links = [link for link in page.links if link.startswith("/report/")]
    assert len(report_links) == len(expected.hits)


def test_the_other_spelling_finds_the_same(client):
    assert Page(get(client, f"/?q={quote('ຫລຽນທີ່ລະນຶກ')}")).periods == Page(get(client, f"/?q={quote(MEDAL)}")).periods


def test_filters_are_kept_in_the_form_and_applied(client, corpus_index):
    url = f"/?q={quote('ລະນຶກ')}&from=2019-06&to=2019-Q3&kind=task&status=done"
    page = Page(get(client, url))
    assert page.inputs["q"] == "ລະນຶກ" and page.inputs["from"] == "2019-06" and page.inputs["to"] == "2019-Q3"
    assert page.selected == {"kind": "task", "status": "done", "type": ""}
    expected = search("ລະນຶກ", corpus_index, "2019-06", "2019-Q3", "task", "done")
    assert page.periods == [period for period, _ in expected.by_period()]
    assert set(page.periods) <= {"2019-06", "2019-08", "2019-09", "2019-Q3"}


def test_type_office_and_number_filters_stay_in_the_form(client, corpus_index):
    url = f"/?q={quote('ທາສີ')}&type=summary&org={quote('ອອປສ')}&number={quote('10/ໜພຫກ')}"
    page = Page(get(client, url))
    assert page.selected["type"] == "summary"
    assert page.inputs["org"] == "ອອປສ" and page.inputs["number"] == "10/ໜພຫກ"  # kept for the next search
    expected = search("ທາສີ", corpus_index, doc_type="summary", org="ອອປສ", number="10/ໜພຫກ")
    assert 0 < expected.total < search("ທາສີ", corpus_index).total
    assert page.periods == [period for period, _ in expected.by_period()]


def test_did_you_mean_links_to_the_suggestion_with_the_filters(client):
    html = get(client, f"/?q={quote('ຫຼຽນທີລະນຶກ')}&kind=task")
    assert message("lo", "no_results", query="ຫຼຽນທີລະນຶກ") in html
    assert message("lo", "did_you_mean") in html
    link = re.search(r'<p class="suggestion">[^<]*<a href="([^"]+)">ຫຼຽນທີ່ລະນຶກ</a>', html).group(1)
    assert parse_qs(urlsplit(link.replace("&amp;", "&")).query) == {"q": [MEDAL], "kind": ["task"]}


def test_show_more_raises_the_limit(client, corpus_index):
    total = search("ສຳເລັດ", corpus_index).total
    assert total > 20
    page = get(client, f"/?q={quote('ສຳເລັດ')}")
    assert page.count('<li class="hit">') == 20
    more = [link for link in Page(page).links if "limit=" in (link or "")]
    assert more and parse_qs(urlsplit(more[0]).query)["limit"] == ["100"]
    assert get(client, more[0]).count('<li class="hit">') == min(total, 100)


def test_htmx_request_gets_the_results_only_and_a_clean_address(client):
    response = client.get(f"/?q={quote(MEDAL)}&from=&to=&kind=&status=", headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert "<html" not in html and "<form" not in html and 'class="period"' in html
    assert response.headers["HX-Push-Url"] == f"/?q={quote(MEDAL)}"
    assert "HX-Request" in response.headers["Vary"]
    restore = client.get(f"/?q={quote(MEDAL)}", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in restore.get_data(as_text=True)


def test_english_at_lang_en_keeps_the_language_in_links(client):
    html = get(client, f"/?q={quote(MEDAL)}&lang=en")
    assert '<html lang="en">' in html and message("en", "search_button") in html
    assert "June 2019" in html and 'name="lang" value="en"' in html
    page = Page(html)
    assert all("lang=en" in link for link in page.links if link.startswith("/report/"))
    switch = next(link for link in page.links if link and "lang" not in link and f"q={quote(MEDAL)}" in link)
    assert switch == f"/?q={quote(MEDAL)}"


@pytest.mark.parametrize(("params", "key", "values"), [
    ("from=2019-13", "bad_period", {"value": "2019-13"}),
    ("limit=1000", "bad_limit", {"max": 200}),
    ("kind=x", "bad_choice", {"value": "x", "name": "kind", "choices": "report, section, task"}),
    ("q=" + "ກ" * 20000, "query_too_long", {"length": 20000, "max": 1000}),
    ("q=%E0%BA%AB%E0%BA", "bad_encoding", {}),
    ("q=%22", "refused_nothing_to_search", {"query": '"'}),
    ("q=---", "refused_nothing_to_search", {"query": "---"}),
    ("number=--", "refused_bad_number", {"number": "--"}),
])
@pytest.mark.parametrize("lang", ["lo", "en"])
def test_bad_parameters_give_a_400_page_in_its_language(client, params, key, values, lang):
    query = params if params.startswith("q=") else f"q={quote(MEDAL)}&{params}"
    html = get(client, f"/?{query}&lang={lang}", status=400)
    assert f'<html lang="{lang}">' in html
    assert re.search(r'<p class="error" role="alert">(.*?)</p>', html).group(1) == _escaped(message(lang, key, **values))


def test_a_refused_search_pushes_no_address(client):
    """htmx would put a refused search in the address bar, and a 20,000-character query into a
    header no HTTP client reads (Python's stops at 64 KB)."""
    response = client.get("/?q=" + quote("ກ" * 20000), headers={"HX-Request": "true"})
    assert response.status_code == 400 and "HX-Push-Url" not in response.headers
    assert sum(len(name) + len(value) for name, value in response.headers.items()) < 2000


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace('"', "&#34;")


def test_report_page(client, corpus_index):
    hit = search("ອອກແບບຫຼຽນທີ່ລະນຶກ", corpus_index, kind="task", limit=1).hits[0]
    html = get(client, f"/report/{hit.report}")
    assert "ອອກແບບຫຼຽນທີ່ລະນຶກ" in html and hit.source in html
    assert "ມິຖຸນາ 2019" in html and "ກໍລະກົດ 2019" in html  # period and plan period
    assert "10/ໜພຫກ" in html and "ບົດສະຫຼຸບ" in html
    assert f'href="/api/reports/{hit.report}?download=1"' in html
    assert f'id="s-{"-".join(hit.section)}"' in html  # the anchor a search hit links to
    assert message("lo", "status_done") in html and message("lo", "status_planned") in html


@pytest.mark.parametrize("path", ["/report/0123456789abcdef", "/report/..%2Fsetup.cfg", "/report/setup.cfg", "/nowhere"])
def test_not_found_pages(client, path):
    html = get(client, path, status=404)
    assert '<p class="error" role="alert">' in html and message("lo", "back_to_search") in html


def test_overview_shows_a_missing_month_and_counts_per_office(client):
    html = get(client, "/overview")
    rows = re.findall(r'<tr data-period="([^"]+)"(?: class="(\w+)")?>', html)
    periods = [period for period, _ in rows]
    assert periods[:4] == ["2019-01", "2019-02", "2019-03", "2019-04"]
    assert periods.index("2019-09") < periods.index("2019-Q3") < periods.index("2019-10")
    assert dict(rows)["2019-07"] == "missing"  # the .doc report is not imported here
    assert dict(rows)["2019-12"] == "missing" and dict(rows)["2019-Q4"] == "missing"
    assert dict(rows)["2020-03"] == "ahead" and dict(rows)["2020"] == "ahead"
    assert dict(rows)["2019-06"] == ""
    assert "<th scope=\"row\">ຄະນະບໍລິຫານງານພັກ ອອປສ</th><td class=\"count\">14</td>" in html


def test_static_files_come_from_a_fixed_list(client):
    css = client.get("/static/laoreport.css")
    assert css.status_code == 200 and css.content_type.startswith("text/css")
    assert '"laoreport Lao"' in css.get_data(as_text=True)
    font = client.get("/static/fonts/noto-sans-lao-400.woff2")
    assert font.content_type == "font/woff2" and font.data[:4] == b"wOF2"
    assert client.get("/static/htmx.min.js").data.startswith(b"var htmx=")
    for path in ["/static/../app.py", "/static/%2e%2e/app.py", "/static/templates/base.html", "/static/VENDORED.txt",
                 "/static/fonts/../../app.py", "/static//etc/passwd"]:
        assert client.get(path, follow_redirects=True).status_code == 404, path


@pytest.mark.parametrize("url", ["/", f"/?q={quote(MEDAL)}", "/overview", "/threads", "/nowhere", "/?q=x&limit=0"])
def test_every_answer_forbids_inline_script_and_other_origins(client, url):
    response = client.get(url)
    assert response.headers["Content-Security-Policy"] == CSP
    assert "unsafe" not in CSP and "default-src 'none'" in CSP and "script-src 'self'" in CSP
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    page = Page(response.get_data(as_text=True))
    assert page.sources and all(src.startswith("/") and not src.startswith("//") for src in page.sources)
    assert "<script>" not in response.get_data(as_text=True)  # no inline script: only <script src=...>


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "OPTIONS"])
@pytest.mark.parametrize("url", ["/", "/overview", "/threads", "/threads/0123456789ab", "/report/0123456789abcdef",
                                 "/static/laoreport.css"])
def test_pages_are_read_only(client, method, url):
    response = client.open(url, method=method)
    assert response.status_code == 405 and message("lo", "read_only") in response.get_data(as_text=True)


def _folder_state(folder):
    return {path.name: (path.stat().st_mtime_ns, path.stat().st_size) for path in folder.iterdir()}


@pytest.mark.parametrize("threads_file", ["current", "behind", "missing", "of another version"])
def test_no_request_writes_to_the_index_folder(corpus_index, tmp_path, threads_file):
    """A command brings threads behind the index up to date; the web page shows them as they
    stand (behind: an import died between its two commits) and writes nothing."""
    report, thread = search(MEDAL, corpus_index).hits[0].report, threads(MEDAL, corpus_index)["threads"][0]["id"]
    index = tmp_path / "index"
    shutil.copytree(corpus_index, index)
    if threads_file in ("behind", "of another version"):
        with sqlite3.connect(index / "threads.sqlite") as db:
            db.execute("UPDATE meta SET value = '0' WHERE key = ?", ["generation" if threads_file == "behind" else "version"])
        db.close()
    elif threads_file == "missing":
        (index / "threads.sqlite").unlink()
    before = _folder_state(index)
    client = create_app(str(index)).test_client()
    urls = ["/", f"/?q={quote(MEDAL)}&kind=task", f"/report/{report}", "/overview", f"/api/search?q={quote(MEDAL)}",
            f"/api/reports/{report}", "/api/tasks", "/api/reports", "/api/stats"]
    assert all(client.get(url).status_code == 200 for url in urls)
    thread_urls = ["/threads", f"/threads/{thread}", "/api/threads"]
    expected = 200 if threads_file in ("current", "behind") else 503
    assert [client.get(url).status_code for url in thread_urls] == [expected] * 3
    assert _folder_state(index) == before


def test_hostile_report_text_is_escaped_everywhere(hostile_index):
    hostile = create_app(str(hostile_index)).test_client()
    html = get(hostile, f"/?q={quote('ລະນຶກ')}")
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>bold" not in html
    assert "&lt;script&gt;alert(&#39;<mark>ລະນຶກ</mark>&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "&lt;b&gt;bold.txt" in html
    report_id = search("onerror", hostile_index).hits[0].report
    page = get(hostile, f"/report/{report_id}")
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#39;ລະນຶກ&#39;)&lt;/script&gt;" in page
    assert HOSTILE_TASK in hostile.get(f"/api/reports/{report_id}").get_json()["tasks"][0]["text"]


def test_requests_for_another_host_name_are_refused(corpus_index):
    local = create_app(str(corpus_index), allowed_hosts=("127.0.0.1", "localhost")).test_client()
    assert local.get("/", headers={"Host": "127.0.0.1:8080"}).status_code == 200
    assert local.get("/", headers={"Host": "attacker.example:8080"}).status_code == 404


def test_a_letters_addressee_and_subject_show_on_its_page(tmp_path):
    from conftest import shared_path
    from laoreport.archive import import_paths, show_report

    source = next(shared_path("realdocs").glob("*SupremeCourt_instruction_412*.txt"))
    import_paths([source], tmp_path / "index")
    report = show_report(source.name, tmp_path / "index")
    assert report.header.to and report.header.subject
    html = get(create_app(str(tmp_path / "index")).test_client(), f"/report/{report.id}")
    assert f"<dt>ເຖິງ</dt><dd>{_escaped(report.header.to)}</dd>" in html
    assert f"<dt>ເລື່ອງ</dt><dd>{_escaped(report.header.subject)}</dd>" in html
    assert message("lo", "doc_type_instruction") in html


def test_threads_page_shows_each_thread_as_a_timeline_from_plan_to_outcome(client, corpus_index):
    from laoreport.archive import threads

    html = get(client, f"/threads?q={quote(MEDAL)}")
    [medal] = threads(MEDAL, corpus_index)["threads"]
    assert html.count('<section class="thread') == 1 and f'data-thread="{medal["id"]}"' in html
    timeline = html[html.index('<ol class="timeline">'):html.index("</ol>")]
    assert timeline.index("ຄົ້ນຄວ້າແນວຄວາມຄິດ ການຜະລິດຫຼຽນທີ່ລະນຶກ") < timeline.index(medal["tasks"][-1]["text"])
    assert '<li class="end end-done"><span class="tag outcome-done">ສຳເລັດ</span></li>' in timeline
    assert "ກຸມພາ 2019 → ກຸມພາ 2020" in html


def test_threads_filtered_by_outcome_dropped_in_2019(client, corpus_index):
    from laoreport.archive import threads

    expected = threads(None, corpus_index, "2019", "2019", "dropped")["threads"]
    html = get(client, "/threads?outcome=dropped&from=2019&to=2019")
    assert expected and re.findall(r'data-thread="(\w+)"', html) == [t["id"] for t in expected]
    assert set(re.findall(r'data-outcome="(\w+)"', html)) == {"dropped"}
    assert Page(html).selected == {"outcome": "dropped"}


def test_threads_page_lists_the_first_fifty_and_offers_more(client, corpus_index):
    from laoreport.archive import threads

    total = len(threads(None, corpus_index)["threads"])
    html = get(client, "/threads?limit=10")
    assert html.count('<section class="thread') == 10 and message("lo", "threads_total", total=total) in html
    assert "limit=40" in html


def test_a_long_thread_shows_its_ends_in_the_list_and_everything_on_its_page(client, corpus_index):
    from laoreport.archive import threads

    [medal] = threads(MEDAL, corpus_index)["threads"]
    assert len(medal["tasks"]) > 8
    listed = get(client, f"/threads?q={quote(MEDAL)}")
    assert listed.count('<li class="step-') == 6
    assert message("lo", "more_mentions", count=len(medal["tasks"]) - 6) in listed
    assert medal["tasks"][0]["text"] in listed and medal["tasks"][-1]["text"] in listed
    assert medal["tasks"][4]["text"] not in listed
    assert get(client, f"/threads/{medal['id']}").count('<li class="step-') == len(medal["tasks"])


def test_thread_page_and_its_links(client, corpus_index):
    from laoreport.archive import threads

    [medal] = threads(MEDAL, corpus_index)["threads"]
    html = get(client, f"/threads/{medal['id']}")
    assert html.count('<section class="thread') == 1 and medal["tasks"][-1]["text"] in html
    report_links = {link.split("#")[0] for link in Page(html).links if link.startswith("/report/")}
    assert report_links == {f"/report/{task['report']}" for task in medal["tasks"]}
    search_page = get(client, f"/?q={quote(MEDAL)}&kind=task")
    assert f'href="/threads/{medal["id"]}"' in search_page  # each task hit links to its thread
    report = get(client, f"/report/{medal['tasks'][0]['report']}")
    assert f'<a class="tag outcome-done" href="/threads/{medal["id"]}">ສຳເລັດ</a>' in report


@pytest.mark.parametrize("path", ["/threads/0123456789ab", "/threads/..%2F..%2Fetc", "/threads/x"])
def test_unknown_thread_is_404(client, path):
    html = get(client, path, status=404)
    assert '<p class="error" role="alert">' in html


def test_threads_page_refuses_bad_filters_in_the_pages_language(client):
    html = get(client, "/threads?outcome=lost&lang=en", status=400)
    assert _escaped(message("en", "bad_choice", value="lost", name="outcome", choices="done, open, dropped")) in html
    assert 'name="outcome"' in html  # the form is still there to correct it
