"""Fixtures for the web tests: corpus/ imported once, the app over it, `laoreport serve` running, a browser.

Test modules import these names (`from web_fixtures import ...`) so pytest finds them;
tests/conftest.py stays the one conftest.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CORPUS, write_report
from laoreport.archive import import_paths

HOSTILE_TASK = "<script>alert('ລະນຶກ')</script> ແລະ <img src=x onerror=alert(1)> ຮັບຫຼຽນທີ່ລະນຶກ;"


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory) -> Path:
    """corpus/ imported (its DOCX and text files: the same index with or without LibreOffice)."""
    index = tmp_path_factory.mktemp("corpus") / "index"
    summary = import_paths([p for p in sorted(CORPUS.iterdir()) if p.suffix in (".docx", ".txt")], index)
    assert len(summary.imported) == 14 and not summary.failed
    return index


@pytest.fixture(scope="session")
def hostile_index(tmp_path_factory) -> Path:
    """Two small reports, one of whose tasks is HTML meant to run script in a page that shows it."""
    folder = tmp_path_factory.mktemp("hostile")
    write_report(folder, "2019-05 <b>bold.txt", done=HOSTILE_TASK)
    write_report(folder, "2019-06.txt", period="ເດືອນ ມິຖຸນາ 2019", plan="ເດືອນ ກໍລະກົດ 2019", number="08")
    index = folder / "index"
    summary = import_paths([folder], index)
    assert len(summary.imported) == 2 and not summary.failed
    return index


@pytest.fixture(scope="session")
def app(corpus_index):
    from laoreport.web.app import create_app

    return create_app(str(corpus_index))


@pytest.fixture
def client(app):
    return app.test_client()


class Served:
    """A `laoreport serve` process; `url` is the address its first line gave."""

    def __init__(self, index: Path, *args: str, env: dict | None = None):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "laoreport", "serve", "--index", str(index), "--port", "0", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
        )
        self.first_line = self.process.stdout.readline().rstrip("\n")
        assert self.first_line.startswith("serving http://"), self.first_line + self.process.stderr.read()
        self.url = self.first_line.split()[1]

    def stop(self) -> float:
        """Ctrl-C, as a person stops it; returns the seconds it took to exit."""
        start = time.monotonic()
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=10)
        finally:
            if self.process.poll() is None:
                self.process.kill()
        return time.monotonic() - start


@pytest.fixture(scope="session")
def served(corpus_index):
    server = Served(corpus_index)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def served_hostile(hostile_index):
    server = Served(hostile_index)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright; the test skips where either is missing."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"])
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    """Where page screenshots go: $LAOREPORT_SCREENSHOTS, else a folder of this test session."""
    folder = Path(os.environ.get("LAOREPORT_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
