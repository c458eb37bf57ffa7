"""/api/ through Flask's test client: each route answers exactly what the command's --json prints; every error is 4xx."""

import json
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from laoreport.archive import search
from laoreport.cli import cli
from laoreport.errors import QueryError
from laoreport.model import DOC_TYPES
from laoreport.web.messages import message
from web_fixtures import app, client, corpus_index  # noqa: F401  (fixtures)

MEDAL = "ຫຼຽນທີ່ລະນຶກ"


def cli_json(*args: str):
    result = CliRunner().invoke(cli, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def api_json(client, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.content_type == "application/json; charset=utf-8"
    return response.get_json()


@pytest.mark.parametrize("params", [
    {"q": MEDAL},
    {"q": "ຫລຽນທີ່ລະນຶກ", "limit": "100"},
    {"q": "ລະນຶກ", "from": "2019-06", "to": "2019-Q3", "kind": "task", "status": "done"},
    {"q": "ທາສີອາຄານ", "kind": "report", "limit": "3"},
    {"q": "ຫຼຽນທີລະນຶກ"},  # no hits: the suggestion
    {"q": "ທາສີ", "type": "summary", "org": "ອອປສ", "number": "10/ໜພຫກ"},
    {"q": "ທາສີ", "type": "law"},
])
def test_search_answers_the_cli_json(client, corpus_index, params):
    url = "/api/search?" + "&".join(f"{k}={quote(v)}" for k, v in params.items())
    options = [arg for key in ("from", "to", "kind", "status", "type", "org", "number", "limit") if key in params
               for arg in (f"--{key}", params[key])]
    expected = cli_json("search", params["q"], "--index", str(corpus_index), *options)
    assert api_json(client, url) == expected
    if params["q"] == "ຫຼຽນທີລະນຶກ":
        assert expected["total"] == 0 and expected["suggestion"] == MEDAL


def test_medal_search_through_the_api(client):
    data = api_json(client, f"/api/search?q={quote(MEDAL)}&limit=100")
    assert {"2019-02", "2019-Q3", "2019", "2020-02"} <= {hit["period"] for hit in data["hits"]}
    assert all("«" in hit["snippet"] for hit in data["hits"])


def test_report_answers_show_json(client, corpus_index):
    report_id = api_json(client, f"/api/search?q={quote(MEDAL)}&kind=task&limit=1")["hits"][0]["report"]
    data = api_json(client, f"/api/reports/{report_id}")
    assert data == cli_json("show", report_id, "--index", str(corpus_index))
    assert data["id"] == report_id and data["sections"] and data["tasks"]


def test_report_json_downloads_as_a_file(client):
    report_id = api_json(client, "/api/search?q=ທາສີ&limit=1")["hits"][0]["report"]
    response = client.get(f"/api/reports/{report_id}?download=1")
    assert response.headers["Content-Disposition"] == f'attachment; filename="{report_id}.json"'
    assert json.loads(response.get_data(as_text=True))["id"] == report_id


@pytest.mark.parametrize("params", [
    {}, {"period": "2019-09", "status": "planned"}, {"period": "2019-Q3"},
    {"q": "ທາສີ", "from": "2019-06", "to": "2019-Q3"}, {"type": "summary", "number": "10/ໜພຫກ"},
])
def test_tasks_answer_the_cli_json(client, corpus_index, params):
    url = "/api/tasks?" + "&".join(f"{k}={quote(v)}" for k, v in params.items())
    options = [arg for key, value in params.items() if key != "q" for arg in (f"--{key}", value)]
    query = [params["q"]] if "q" in params else []
    data = api_json(client, url)
    assert data == cli_json("tasks", *query, "--index", str(corpus_index), *options)
    assert data["total"] == len(data["tasks"]) > 0


@pytest.mark.parametrize("params", [{}, {"from": "2019-06", "to": "2019-Q3"}, {"number": "10/ໜພຫກ"}])
def test_the_list_of_reports_answers_list_json(client, corpus_index, params):
    url = "/api/reports?" + "&".join(f"{k}={quote(v)}" for k, v in params.items())
    options = [arg for key, value in params.items() for arg in (f"--{key}", value)]
    data = api_json(client, url)
    assert data == cli_json("list", "--index", str(corpus_index), *options)
    assert data["total"] == len(data["reports"]) > 0
    assert all(api_json(client, f"/api/reports/{report['id']}")["id"] == report["id"] for report in data["reports"])


@pytest.mark.parametrize("params", [{}, {"outcome": "dropped", "period": "2019"}])
def test_tasks_with_their_threads_outcome_answer_the_cli_json(client, corpus_index, params):
    url = "/api/tasks?" + "&".join(f"{k}={v}" for k, v in params.items())
    options = [arg for key, value in params.items() for arg in (f"--{key}", value)]
    data = api_json(client, url)
    assert data == cli_json("tasks", "--index", str(corpus_index), *options)
    assert data["tasks"] and all(task["thread"] for task in data["tasks"])
    if params:
        assert {task["outcome"] for task in data["tasks"]} == {"dropped"}


@pytest.mark.parametrize("params", [
    {},
    {"q": MEDAL},
    {"q": "ຫລຽນທີ່ລະນຶກ"},
    {"outcome": "dropped", "from": "2019", "to": "2019"},
    {"outcome": "open"},
    {"q": "ທາສີ", "from": "2019-06", "to": "2019-Q3"},
    {"limit": "100"},
])
def test_threads_answer_the_cli_json(client, corpus_index, params):
    url = "/api/threads?" + "&".join(f"{k}={quote(v)}" for k, v in params.items())
    options = [arg for key in ("from", "to", "outcome", "limit") if key in params for arg in (f"--{key}", params[key])]
    query = [params["q"]] if "q" in params else []
    data = api_json(client, url)
    assert data == cli_json("threads", *query, "--index", str(corpus_index), *options)
    assert data["threads"]
    if "q" in params and "ຫ" in params["q"]:  # the medal thread, from its idea to its end, in either spelling
        [medal] = data["threads"]
        assert medal["outcome"] == "done" and medal["first_period"] == "2019-02"


def test_stats_answer_the_cli_json(client, corpus_index):
    data = api_json(client, "/api/stats")
    assert data == cli_json("stats", "--index", str(corpus_index))
    assert data["reports"] == 14 and data["by_period"]["2019-06"]["reports"] == 1


# -- errors: 400 with a message in the request's language, 404, 405; never a 500 ---------------

CHOICES = {"kind": "report, section, task", "status": "done, planned", "outcome": "done, open, dropped"}
BAD = [
    ("/api/search?q=x&from=2019-13", "bad_period", {"value": "2019-13"}),
    ("/api/search?q=x&from=May", "bad_period", {"value": "May"}),
    ("/api/search?q=x&to=2019-Q5", "bad_period", {"value": "2019-Q5"}),
    ("/api/search?q=x&from=2020&to=2019", "bad_range", {"first": "2020", "last": "2019"}),
    ("/api/search?q=x&limit=0", "bad_limit", {"max": 200}),
    ("/api/search?q=x&limit=201", "bad_limit", {"max": 200}),
    ("/api/search?q=x&limit=ten", "bad_limit", {"max": 200}),
    ("/api/search?q=x&limit=%E0%BB%92", "bad_limit", {"max": 200}),  # a Lao digit ໒
    ("/api/search?q=x&kind=file", "bad_choice", {"value": "file", "name": "kind", "choices": CHOICES["kind"]}),
    ("/api/search?q=x&kind=section&status=done", "status_of_sections", {}),
    ("/api/search?q=x&type=novel", "bad_choice", {"value": "novel", "name": "type", "choices": ", ".join(DOC_TYPES)}),
    ("/api/search?q=x&org=" + "ກ" * 1001, "query_too_long", {"length": 1001, "max": 1000}),
    ("/api/search?q=x&status=late", "bad_choice", {"value": "late", "name": "status", "choices": CHOICES["status"]}),
    ("/api/search?q=" + "ກ" * 20000, "query_too_long", {"length": 20000, "max": 1000}),
    ("/api/search?q=%FF%FE", "bad_encoding", {}),
    ("/api/search?q=%E0%BA", "bad_encoding", {}),  # a Lao letter cut in half
    ("/api/search?q=x&from=%C0%AF", "bad_encoding", {}),  # an overlong "/"
    ("/api/search", "missing_query", {}),
    ("/api/search?q=+++", "missing_query", {}),
    ("/api/tasks?period=2019-00", "bad_period", {"value": "2019-00"}),
    ("/api/tasks?status=maybe", "bad_choice", {"value": "maybe", "name": "status", "choices": CHOICES["status"]}),
    ("/api/tasks?outcome=lost", "bad_choice", {"value": "lost", "name": "outcome", "choices": CHOICES["outcome"]}),
    ("/api/threads?outcome=lost", "bad_choice", {"value": "lost", "name": "outcome", "choices": CHOICES["outcome"]}),
    ("/api/threads?from=2019-13", "bad_period", {"value": "2019-13"}),
    ("/api/threads?from=2020&to=2019-06", "bad_range", {"first": "2020", "last": "2019-06"}),
    ("/api/threads?q=" + "ກ" * 20000, "query_too_long", {"length": 20000, "max": 1000}),
]


@pytest.mark.parametrize("lang", ["lo", "en"])
@pytest.mark.parametrize(("url", "key", "values"), BAD)
def test_bad_parameters_are_400_in_the_requests_language(client, url, key, values, lang):
    separator = "&" if "?" in url else "?"
    error = api_json(client, url + (f"{separator}lang=en" if lang == "en" else ""), status=400)["error"]
    assert error == message(lang, key, **values)


def test_a_query_the_archive_refuses_is_400_with_its_reason(client, corpus_index):
    with pytest.raises(QueryError) as refused:
        search("---", corpus_index)
    assert api_json(client, "/api/search?q=---&lang=en", status=400) == {"error": str(refused.value)}
    assert api_json(client, "/api/search?q=---", status=400) == {"error": message("lo", "refused_nothing_to_search",
                                                                                   query="---")}


def test_unknown_report_is_404(client):
    assert api_json(client, "/api/reports/0123456789abcdef", status=404) == {
        "error": "ບໍ່ມີບົດລາຍງານ «0123456789abcdef» ໃນຄັງ"}
    assert api_json(client, "/api/reports/0123456789abcdef?lang=en", status=404) == {
        "error": "no report '0123456789abcdef' in the archive"}


@pytest.mark.parametrize("ref", ["2019-06_report.docx", "..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "corpus"])
def test_reports_are_found_by_id_only_never_by_a_path(client, ref):
    assert client.get(f"/api/reports/{ref}").status_code == 404


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
@pytest.mark.parametrize("url", ["/api/search?q=x", "/api/stats", "/api/tasks", "/api/threads", "/api/reports",
                                 "/api/reports/0123456789abcdef"])
def test_only_get_is_allowed(client, method, url):
    response = client.open(url, method=method, data=b"q=x")
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, HEAD"
    assert response.get_json() == {"error": "ຄັງນີ້ເປີດໃຫ້ອ່ານເທົ່ານັ້ນ"}


def test_unknown_api_route_is_404_json(client):
    assert api_json(client, "/api/import", status=404) == {"error": "ບໍ່ພົບໜ້ານີ້"}


def test_missing_index_is_503_not_500(tmp_path):
    from laoreport.web.app import create_app

    missing = create_app(str(tmp_path / "none")).test_client()
    response = missing.get("/api/stats?lang=en")
    assert response.status_code == 503
    assert "run `laoreport import FOLDER` first" in response.get_json()["error"]


def test_a_panic_below_flask_is_a_500_not_a_hung_connection(corpus_index, monkeypatch):
    """pyo3 panics are BaseExceptions, which Flask lets through; the page still answers."""
    from laoreport.web.app import create_app

    class Panic(BaseException):
        pass

    def panic(*args, **kwargs):
        raise Panic("called `Result::unwrap()` on an `Err` value")

    monkeypatch.setattr("laoreport.archive.search", panic)
    client = create_app(str(corpus_index)).test_client()
    response = client.get("/api/search?q=" + quote(MEDAL))
    assert response.status_code == 500 and response.get_json() == {"error": message("lo", "server_error")}
    page = client.get("/?q=" + quote(MEDAL) + "&lang=en")
    assert page.status_code == 500 and message("en", "server_error") in page.get_data(as_text=True)
    assert page.headers["Content-Security-Policy"]
