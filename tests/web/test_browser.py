"""The page in a real browser: Debian's headless Chromium driven by Playwright against `laoreport serve`.

Every test checks that no request left the server and that the page logged no error
(a blocked script or style would show there, as the Content-Security-Policy reports it).
Screenshots of each page go to the `screenshots` folder, to be looked at: Lao must show
with its marks stacked over and under their letters, never as boxes.
"""

import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from laoreport.archive import search
from web_fixtures import (  # noqa: F401  (fixtures)
    browser, corpus_index, hostile_index, screenshots, served, served_hostile,
)

MEDAL, MEDAL_OLD_SPELLING = "ຫຼຽນທີ່ລະນຶກ", "ຫລຽນທີ່ລະນຶກ"
VIEWPORT = {"width": 1100, "height": 900}


class Watched:
    """A browser page whose requests, dialogs and console errors are recorded; other origins are blocked."""

    def __init__(self, browser, base_url: str, javascript: bool = True):
        self.base_url = base_url
        self.context = browser.new_context(viewport=VIEWPORT, java_script_enabled=javascript)
        self.requests, self.elsewhere, self.dialogs, self.errors = [], [], [], []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if url.startswith(self.base_url):
            route.continue_()
        else:
            self.elsewhere.append(url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def searches(self) -> list[str]:
        return [url for url in self.requests if urlsplit(url).path == "/" and "q=" in url]

    def periods(self) -> list[str]:
        return self.page.eval_on_selector_all("#results h2[data-period]", "hs => hs.map(h => h.dataset.period)")

    def close(self):
        self.context.close()


@pytest.fixture
def watched(browser, served):
    page = Watched(browser, served.url)
    yield page
    page.close()
    assert page.elsewhere == [], "requests left the server"
    assert page.dialogs == []
    assert page.errors == []


def expected_periods(index, query, **filters):
    return [period for period, _ in search(query, index, **filters).by_period()]


def wait_for_periods(watched, periods):
    watched.page.wait_for_function(
        "expected => JSON.stringify([...document.querySelectorAll('#results h2[data-period]')]"
        ".map(h => h.dataset.period)) === JSON.stringify(expected)", arg=periods, timeout=10000)
    return watched.periods()


@pytest.mark.parametrize("query", [MEDAL, MEDAL_OLD_SPELLING])
def test_typing_key_by_key_shows_the_medal_threads_periods(watched, served, corpus_index, screenshots, query):
    watched.page.goto(served.url)
    watched.page.locator("#q").press_sequentially(query, delay=60)  # one key every 60 ms: faster than the pause
    periods = expected_periods(corpus_index, MEDAL)
    assert len(periods) >= 8 and {"2019-02", "2019-Q3", "2019", "2020-02"} <= set(periods)
    assert wait_for_periods(watched, periods) == periods
    assert len(watched.searches()) == 1  # results came after the pause, not at every key
    assert parse_qs(urlsplit(watched.page.url).query) == {"q": [query]}  # the address holds the search
    marks = watched.page.eval_on_selector_all("#results mark", "ms => [...new Set(ms.map(m => m.textContent))]")
    assert set(marks) == {MEDAL, MEDAL_OLD_SPELLING}
    assert watched.page.evaluate("document.fonts.check('16px \"laoreport Lao\"', 'ຫຼຽນທີ່ລະນຶກ')")
    loaded = watched.page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert '"laoreport Lao"' in loaded or "laoreport Lao" in loaded
    if query == MEDAL:
        watched.page.screenshot(path=screenshots / "search-page.png")


def test_the_address_can_be_bookmarked_and_sent(watched, served, corpus_index):
    watched.page.goto(served.url)
    watched.page.locator("#q").fill("ລະນຶກ")
    watched.page.locator("select[name=kind]").select_option("task")
    wait_for_periods(watched, expected_periods(corpus_index, "ລະນຶກ", kind="task"))
    address = watched.page.url
    assert parse_qs(urlsplit(address).query) == {"q": ["ລະນຶກ"], "kind": ["task"]}
    colleague = watched.context.new_page()
    colleague.goto(address)
    assert colleague.locator("#q").input_value() == "ລະນຶກ"
    assert colleague.locator("select[name=kind]").input_value() == "task"
    assert colleague.eval_on_selector_all("#results h2[data-period]", "hs => hs.length") == len(watched.periods())


@pytest.mark.parametrize(("field", "value", "filters"), [
    ("from", "2019-09", {"date_from": "2019-09"}),
    ("to", "2019-04", {"date_to": "2019-04"}),
    ("kind", "report", {"kind": "report"}),
    ("status", "planned", {"status": "planned"}),
])
def test_each_filter(watched, served, corpus_index, field, value, filters):
    watched.page.goto(served.url + "?q=" + quote(MEDAL))
    assert watched.periods() == expected_periods(corpus_index, MEDAL)
    control = watched.page.locator(f"[name={field}]")
    if field in ("kind", "status"):
        control.select_option(value)
    else:
        control.fill(value)
        control.press("Enter")
    expected = expected_periods(corpus_index, MEDAL, **filters)
    assert expected != expected_periods(corpus_index, MEDAL)  # the filter changes what is found
    assert wait_for_periods(watched, expected) == expected
    assert parse_qs(urlsplit(watched.page.url).query)[field] == [value]
    if field == "status":
        tags = watched.page.eval_on_selector_all("#results .where .tag:nth-child(2)", "ts => ts.map(t => t.className)")
        assert tags and set(tags) == {"tag status-planned"}


def test_a_bad_period_says_so_in_lao_while_typing_goes_on(watched, served):
    watched.page.goto(served.url + "?q=" + quote(MEDAL))
    period = watched.page.locator("[name=from]")
    period.fill("2019-13")
    period.press("Enter")
    error = watched.page.locator("#results .error")
    error.wait_for()
    assert error.text_content() == "«2019-13» ບໍ່ແມ່ນໄລຍະ: ໃຫ້ຂຽນ 2019, 2019-06, 2019-Q3 ຫຼື 2019-H1"
    watched.errors = [e for e in watched.errors if "400" not in e]  # the browser logs the 400 itself


def test_search_works_with_javascript_off(browser, served, corpus_index):
    plain = Watched(browser, served.url, javascript=False)
    try:
        plain.page.goto(served.url)
        plain.page.locator("#q").fill(MEDAL)
        plain.page.locator("select[name=status]").select_option("done")
        plain.page.locator("#q").press("Enter")
        plain.page.wait_for_url(re.compile(r"\?q="))
        assert plain.periods() == expected_periods(corpus_index, MEDAL, status="done")
        assert not any(url.endswith(".js") for url in plain.requests)
    finally:
        plain.close()
    assert plain.elsewhere == [] and plain.errors == []


def test_open_a_report_from_a_hit_and_come_back(watched, served, corpus_index, screenshots):
    watched.page.goto(served.url)
    watched.page.locator("#q").press_sequentially("ອອກແບບຫຼຽນທີ່ລະນຶກ", delay=20)
    watched.page.locator("select[name=kind]").select_option("task")
    periods = wait_for_periods(watched, expected_periods(corpus_index, "ອອກແບບຫຼຽນທີ່ລະນຶກ", kind="task"))
    hit = search("ອອກແບບຫຼຽນທີ່ລະນຶກ", corpus_index, kind="task").hits[0]
    watched.page.locator("#results li.hit a").first.click()
    watched.page.wait_for_url(re.compile(r"/report/"))
    assert urlsplit(watched.page.url).path == f"/report/{hit.report}"
    assert urlsplit(watched.page.url).fragment == "s-" + "-".join(hit.section)
    assert watched.page.locator(f"#s-{'-'.join(hit.section)}".replace(".", "\\.")).is_visible()
    assert "ອອກແບບຫຼຽນທີ່ລະນຶກ" in watched.page.locator("section.tasks").text_content()
    assert watched.page.locator("dd.path").text_content().startswith(hit.source)
    watched.page.screenshot(path=screenshots / "report-page.png")
    with watched.page.expect_download() as download:
        watched.page.locator("p.download a").click()
    assert download.value.suggested_filename == f"{hit.report}.json"
    watched.page.go_back()
    assert wait_for_periods(watched, periods) == periods
    assert watched.page.locator("#q").input_value() == "ອອກແບບຫຼຽນທີ່ລະນຶກ"


def test_open_a_thread_from_a_hit(watched, served, corpus_index, screenshots):
    from laoreport.archive import threads

    [medal] = threads(MEDAL, corpus_index)["threads"]
    watched.page.goto(served.url + "?q=" + quote(MEDAL) + "&kind=task")
    watched.page.locator("#results a.thread").first.click()
    watched.page.wait_for_url(re.compile(r"/threads/"))
    assert urlsplit(watched.page.url).path == f"/threads/{medal['id']}"
    steps = watched.page.locator("ol.timeline li").all_text_contents()
    assert len(steps) == len(medal["tasks"]) + 1 and steps[-1].strip() == "ສຳເລັດ"
    assert "ຄົ້ນຄວ້າແນວຄວາມຄິດ ການຜະລິດຫຼຽນທີ່ລະນຶກ" in steps[0]
    watched.page.screenshot(path=screenshots / "thread-page.png", full_page=True)
    watched.page.locator("ol.timeline a.source").last.click()
    watched.page.wait_for_url(re.compile(r"/report/"))
    assert urlsplit(watched.page.url).path == f"/report/{medal['tasks'][-1]['report']}"


def test_threads_dropped_in_2019(watched, served, corpus_index, screenshots):
    from laoreport.archive import threads

    expected = [t["id"] for t in threads(None, corpus_index, "2019", "2019", "dropped")["threads"]]
    watched.page.goto(served.url + "threads")
    watched.page.locator("[name=from]").fill("2019")
    watched.page.locator("[name=to]").fill("2019")
    watched.page.locator("select[name=outcome]").select_option("dropped")  # no button: the list follows the choice
    watched.page.wait_for_url(re.compile(r"from=2019&to=2019&outcome=dropped"))
    watched.page.wait_for_function("n => document.querySelectorAll('section.thread').length === n", arg=len(expected))
    shown = watched.page.eval_on_selector_all("section.thread", "ss => ss.map(s => s.dataset.thread)")
    assert expected and shown == expected
    watched.page.screenshot(path=screenshots / "threads-page.png")


def test_overview_page(watched, served, screenshots):
    watched.page.goto(served.url + "overview")
    missing = watched.page.eval_on_selector_all("tr.missing", "rs => rs.map(r => r.dataset.period)")
    assert "2019-12" in missing and "2019-06" not in missing
    assert watched.page.locator("tr.missing .gap").first.text_content() == "ບໍ່ມີບົດລາຍງານ"
    watched.page.screenshot(path=screenshots / "overview-page.png", full_page=True)


def test_english_page(watched, served, screenshots):
    watched.page.goto(served.url + "?q=" + quote(MEDAL) + "&lang=en")
    assert watched.page.locator("html").get_attribute("lang") == "en"
    assert watched.page.locator("button[type=submit]").text_content() == "Search"
    watched.page.locator("select[name=kind]").select_option("task")
    watched.page.wait_for_function("() => location.search.includes('kind=task')")
    assert "lang=en" in watched.page.url
    watched.page.locator("a.language").click()
    watched.page.wait_for_function("() => document.documentElement.lang === 'lo'")
    assert parse_qs(urlsplit(watched.page.url).query) == {"q": [MEDAL], "kind": ["task"]}
    watched.page.goto(served.url + "?q=" + quote(MEDAL) + "&lang=en")
    watched.page.screenshot(path=screenshots / "search-page-en.png")


def test_not_found_page(watched, served, screenshots):
    response = watched.page.goto(served.url + "report/0123456789abcdef")
    assert response.status == 404
    assert watched.page.locator(".error").text_content() == "ບໍ່ມີບົດລາຍງານ «0123456789abcdef» ໃນຄັງ"
    watched.page.screenshot(path=screenshots / "not-found-page.png")
    watched.errors = [e for e in watched.errors if "404" not in e]


def test_a_hostile_report_shows_its_script_as_text_and_runs_nothing(browser, served_hostile, hostile_index, screenshots):
    hostile = Watched(browser, served_hostile.url)
    try:
        hostile.page.goto(served_hostile.url)
        hostile.page.locator("#q").press_sequentially("ລະນຶກ", delay=40)
        hostile.page.locator("#results li.hit").first.wait_for()
        results = hostile.page.locator("#results").text_content()
        assert "<script>alert('ລະນຶກ')</script>" in results and "<img src=x onerror=alert(1)>" in results
        assert "2019-05 <b>bold.txt" in results
        assert hostile.page.locator("#results script, #results img, #results b").count() == 0
        hostile.page.screenshot(path=screenshots / "hostile-search.png")
        report_id = search("onerror", hostile_index).hits[0].report
        hostile.page.goto(served_hostile.url + f"report/{report_id}")
        assert "<img src=x onerror=alert(1)>" in hostile.page.locator("section.tasks").text_content()
        assert hostile.page.locator("main script, main img").count() == 0
        hostile.page.wait_for_timeout(300)  # time for an injected handler to fire, were there one
    finally:
        hostile.close()
    assert hostile.dialogs == [] and hostile.elsewhere == [] and hostile.errors == []


def test_every_request_of_every_page_stays_on_the_server(watched, served):
    for path in ["", "?q=" + quote(MEDAL), "overview", "threads", "?q=" + quote(MEDAL) + "&lang=en"]:
        watched.page.goto(served.url + path)
        watched.page.wait_for_load_state("networkidle")
    assert watched.requests and all(url.startswith(served.url) for url in watched.requests)
    kinds = {urlsplit(url).path for url in watched.requests}
    assert {"/static/htmx.min.js", "/static/laoreport.css", "/static/fonts/noto-sans-lao-400.woff2"} <= kinds
