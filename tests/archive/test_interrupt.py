"""An import stopped by Ctrl-C, SIGTERM or SIGKILL: quick, quiet, consistent, resumable, nothing left running.

Real signals to a real `laoreport import` of 350 reports made by scripts/make_archive.py.
"""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO
from laoreport.archive import import_paths, search, stats

FILES = 350
INTERRUPTED = re.compile(rf"interrupted: (\d+) of {FILES} imported; run the same command to resume\n")


@pytest.fixture(scope="module")
def big_archive(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("archive") / "reports"
    subprocess.run([sys.executable, str(REPO / "scripts" / "make_archive.py"), str(FILES), "--out", str(folder)],
                   check=True, capture_output=True)
    return folder


def _session(session_id: int) -> list[int]:
    """Live (not zombie) processes of a session: the import and whatever it started."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path("/proc", entry, "stat").read_text()
            except OSError:
                continue
            state, _ppid, _pgrp, session = stat.rsplit(")", 1)[1].split()[:4]
            if int(session) == session_id and state != "Z":
                found.append(int(entry))
    return found


def _gone(session_id: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while _session(session_id):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _import_until_first_commit(folder: Path, index: Path) -> subprocess.Popen:
    """`laoreport import` in a session of its own (as a terminal's job), once its workers run and
    its first batch is committed."""
    process = subprocess.Popen([sys.executable, "-m", "laoreport", "import", str(folder), "--index", str(index)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while not (index.exists() and any(name.endswith(".toc") and name != "_laoreport_0.toc"
                                      for name in os.listdir(index))):
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.05)
    assert len(_session(process.pid)) >= 3  # the importer and its workers
    return process


def _stop(process: subprocess.Popen, send) -> tuple[str, str, float]:
    started = time.monotonic()
    send()
    out, err = process.communicate(timeout=30)
    return out, err, time.monotonic() - started


def test_ctrl_c_stops_at_once_keeps_what_was_committed_and_resumes(big_archive, tmp_path):
    index = tmp_path / "index"
    process = _import_until_first_commit(big_archive, index)
    # a terminal's Ctrl-C signals the whole foreground process group: importer and workers
    out, err, seconds = _stop(process, lambda: os.killpg(process.pid, signal.SIGINT))
    assert seconds < 2
    assert process.returncode == 130
    assert out == ""
    stopped = INTERRUPTED.fullmatch(err)
    assert stopped, err  # one line, no traceback
    assert _gone(process.pid, 2)
    kept = int(stopped[1])
    assert 0 < kept < FILES
    assert stats(index)["reports"] == kept
    assert search("ວຽກງານ", index).total > 0
    resumed = import_paths([big_archive], index)
    assert (len(resumed.skipped), len(resumed.imported)) == (kept, FILES - kept)
    assert stats(index)["reports"] == FILES


def _workers(pid: int) -> list[int]:
    """The spawned workers among a process's children (not multiprocessing's resource tracker)."""
    found = []
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        try:
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                found.append(int(child))
        except OSError:
            continue
    return found


def test_workers_starting_up_ignore_ctrl_c(big_archive, tmp_path):
    """A worker takes a few tenths of a second to start Python and import laoreport. Ctrl-C
    reaches it too, and used to print a KeyboardInterrupt traceback from it then: here the
    workers alone get SIGINT every 10 ms while they start, and the import goes on undisturbed."""
    files = sorted(big_archive.iterdir())[:12]
    process = subprocess.Popen([sys.executable, "-m", "laoreport", "import", *map(str, files),
                                "--index", str(tmp_path / "index")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    signalled, deadline, last_start = set(), time.monotonic() + 60, float("inf")
    while len(signalled) < 2 or time.monotonic() < last_start + 0.8:
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        for worker in _workers(process.pid):
            if worker not in signalled:
                signalled.add(worker)
                last_start = time.monotonic()
            try:
                os.kill(worker, signal.SIGINT)
            except ProcessLookupError:
                pass
        time.sleep(0.01)
    out, err = process.communicate(timeout=120)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert process.returncode == 0 and f"imported {len(files)} " in out, (out, err)


def test_sigterm_stops_the_import_as_ctrl_c_does(big_archive, tmp_path):
    index = tmp_path / "index"
    process = _import_until_first_commit(big_archive, index)
    out, err, seconds = _stop(process, lambda: process.send_signal(signal.SIGTERM))  # `kill PID`: the importer only
    assert seconds < 2
    assert process.returncode == 128 + signal.SIGTERM
    stopped = INTERRUPTED.fullmatch(err)
    assert stopped, err
    assert _gone(process.pid, 2)
    assert stats(index)["reports"] == int(stopped[1])


def test_workers_exit_when_the_import_is_killed(big_archive, tmp_path):
    index = tmp_path / "index"
    process = _import_until_first_commit(big_archive, index)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    assert _gone(process.pid, 3), [Path(f"/proc/{pid}/cmdline").read_text() for pid in _session(process.pid)]
    assert stats(index)["reports"] > 0  # the index opens after the kill
