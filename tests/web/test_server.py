"""`laoreport serve` as a process: its first line, --port 0, --open, warnings, errors, Ctrl-C, and an import while it serves."""

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import quote

import pytest

from conftest import write_report
from laoreport.archive import import_paths
from laoreport.web.server import network_url
from web_fixtures import Served, corpus_index  # noqa: F401  (fixtures)


def fetch(url: str) -> tuple[int, dict | str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            body = response.read().decode("utf-8")
            status = response.status
    except urllib.error.HTTPError as error:
        body, status = error.read().decode("utf-8"), error.code
    return status, json.loads(body) if body.startswith("{") else body


def serve_command(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "laoreport", "serve", *args], capture_output=True, text=True,
                          timeout=30, **kwargs)


def test_first_line_is_the_address_and_ctrl_c_stops_within_a_second(corpus_index):
    server = Served(corpus_index)
    try:
        port = int(server.url.rsplit(":", 1)[1].strip("/"))
        assert server.first_line == f"serving http://127.0.0.1:{port}/ (Ctrl-C to stop)"
        assert port > 0
        status, stats = fetch(server.url + "api/stats")
        assert status == 200 and stats["reports"] == 14
        status, page = fetch(server.url + "?q=" + quote("ລະນຶກ"))
        assert status == 200 and "<mark>ລະນຶກ</mark>" in page
    finally:
        seconds = server.stop()
    assert seconds < 1.0
    assert server.process.returncode == 0
    assert server.process.stdout.read().strip() == "stopped"
    assert "Traceback" not in server.process.stderr.read()


def test_another_host_than_loopback_warns_that_the_network_can_read(corpus_index):
    server = Served(corpus_index, "--host", "0.0.0.0")
    try:
        port = server.url.rsplit(":", 1)[1].strip("/")
        assert server.first_line == f"serving http://0.0.0.0:{port}/ (Ctrl-C to stop)"
        assert fetch(f"http://127.0.0.1:{port}/api/stats")[0] == 200
    finally:
        server.stop()
    warning = server.process.stderr.read()
    assert warning.startswith("warning: listening on 0.0.0.0: everyone who can reach this machine")


def test_a_server_for_the_network_says_the_address_colleagues_type(corpus_index):
    """On 0.0.0.0 the address to give colleagues is this machine's own (http://192.168.1.10:8080/),
    not 0.0.0.0; the warning names it, and it answers."""
    reachable = network_url("0.0.0.0", 1)
    if reachable is None:
        pytest.skip("this machine has no network address besides loopback")
    server = Served(corpus_index, "--host", "0.0.0.0")
    try:
        port = server.url.rsplit(":", 1)[1].strip("/")
        address = reachable.replace(":1/", f":{port}/")
        assert fetch(address + "api/stats")[0] == 200
    finally:
        server.stop()
    assert server.process.stderr.read().strip().endswith(f"can read the archive (at {address})")


def test_missing_index_is_the_clis_one_line_error(tmp_path):
    result = serve_command("--index", str(tmp_path / "none"), "--port", "0")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        f"Error: no index at {tmp_path / 'none'}: run `laoreport import FOLDER` first"]


def test_a_port_in_use_is_a_one_line_error(corpus_index):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = serve_command("--index", str(corpus_index), "--port", str(port))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: cannot listen on 127.0.0.1:{port}: ")
    assert lines[0].endswith("choose another --port or --host")


def test_open_starts_the_default_browser_on_the_page(corpus_index, tmp_path):
    opened = tmp_path / "opened.txt"
    recorder = tmp_path / "browser.py"
    recorder.write_text(f"import sys; open({str(opened)!r}, 'w').write(sys.argv[1])\n")
    server = Served(corpus_index, "--open", env={"BROWSER": f"{sys.executable} {recorder} %s"})
    try:
        deadline = time.monotonic() + 10
        while not opened.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert opened.read_text() == server.url
    finally:
        server.stop()


def test_it_answers_while_an_import_runs_and_shows_the_new_reports_without_a_restart(tmp_path):
    first = tmp_path / "first"
    first.mkdir()
    write_report(first, "2019-05.txt")
    index = tmp_path / "index"
    import_paths([first], index)
    more = tmp_path / "more"
    more.mkdir()
    for number in range(60):
        write_report(more, f"r{number:03d}.txt", number=f"{number + 100}", issue=str(number + 100),
                     done=f"ກວດກາສາງເອກະສານ ຫ້ອງ {number + 100};")
    server = Served(index)
    try:
        assert fetch(server.url + "api/search?q=" + quote("ສາງເອກະສານ"))[1]["total"] == 0
        importing = subprocess.Popen([sys.executable, "-m", "laoreport", "import", str(more), "--index", str(index)],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        statuses, totals = [], []
        while importing.poll() is None:
            status, data = fetch(server.url + "api/search?q=" + quote("ສາງເອກະສານ") + "&kind=task&limit=1")
            statuses.append(status)
            totals.append(data["total"] if status == 200 else None)
            fetch(server.url + "?q=" + quote("ຫຼຽນ"))
        assert importing.returncode == 0, importing.stderr.read()
        assert statuses and set(statuses) == {200}
        assert totals == sorted(totals), totals  # what was committed stays found
        status, data = fetch(server.url + "api/search?q=" + quote("ສາງເອກະສານ") + "&kind=task&limit=1")
        assert data["total"] == 60
        assert fetch(server.url + "api/stats")[1]["reports"] == 61
        threads = fetch(server.url + "api/threads?q=" + quote("ກວດກາສາງເອກະສານ"))[1]["threads"]
        assert sum(len(thread["tasks"]) for thread in threads) == 60  # and their threads, linked by the import
    finally:
        server.stop()


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_loopback_names_are_answered_and_others_refused(corpus_index, host):
    server = Served(corpus_index)
    try:
        port = server.url.rsplit(":", 1)[1].strip("/")
        assert fetch(f"http://{host}:{port}/")[0] == 200
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/stats", headers={"Host": f"rebound.example:{port}"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 404
    finally:
        server.stop()


def test_concurrent_searches_answer_as_one_at_a_time(corpus_index):
    """8 clients at once on a server that has not searched yet get what a lone client gets afterwards.

    The first searches are where threads race to load the segmenter's dictionaries."""
    from concurrent.futures import ThreadPoolExecutor

    queries = ["ຫຼຽນທີ່ລະນຶກ", "ລະນຶກ", "ທາສີອາຄານ", "ວາລະສານ ສະບັບທີ 12", "ກອງປະຊຸມ", "ຫລຽນ", "ສ້ອມແປງ ຄອມພິວເຕີ",
               "ວັນສ້າງຕັ້ງ", "ພິມວາລະສານ", "ຮັບແຂກ", "ເຄບີໂຄລາວ", "ປະຊຸມໃຫຍ່", "ທາສີ", "ມອບຫຼຽນ", "ເຄື່ອງປັບອາກາດ",
               "ສັງລວມ"]
    server = Served(corpus_index)
    try:
        urls = [server.url + "api/search?q=" + quote(q) + "&limit=50" for q in queries]
        with ThreadPoolExecutor(max_workers=8) as pool:
            together = list(pool.map(fetch, urls * 2))
        alone = [fetch(url) for url in urls * 2]
    finally:
        server.stop()
    assert all(status == 200 for status, _ in alone) and sum(data["total"] > 0 for _, data in alone) >= 28
    assert together == alone
