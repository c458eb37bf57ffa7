"""Speed of task threads on a synthetic archive: what import pays for them, and how fast `threads` answers.

Builds an archive of N reports with scripts/make_archive.py (or takes --archive), then in the
same run:
- imports it twice, with thread recording and relinking and without (the importer's two
  thread hooks replaced by no-ops): the ratio is what threads add to an import, and the
  relink at the end of the import (all the office's years) is timed on its own;
- imports one more report in the middle of the archive's years, then one after its last
  report, timing each relink: what a change costs once the archive is linked;
- rebuilds the threads file from the index (deleted, as after an upgrade): the first
  `threads()` does it;
- times, warm and in process (median of 7), `threads(QUERY)`, `threads()`, a page of each
  (limit=20) and, as the baseline, `search(QUERY, kind="task")`, which returns the same tasks
  one by one;
- times the commands end to end (`laoreport threads QUERY --json` and `laoreport threads`
  against `laoreport search QUERY --kind task --json`), each in its own process.

    python scripts/bench_threads.py [--n 3000] [--archive DIR] [--query ຫຼຽນທີ່ລະນຶກ]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from laoreport.archive import import_paths, search, threads
from laoreport.archive import importer
from laoreport.archive.threads import relink_threads

REPO = Path(__file__).resolve().parent.parent


def timed(function, repeat: int = 1) -> tuple[float, object]:
    """Median seconds of `repeat` calls, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def command(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "laoreport", *args], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3000, help="reports in the synthetic archive")
    parser.add_argument("--archive", type=Path, help="an existing archive folder instead")
    parser.add_argument("--query", default="ຫຼຽນທີ່ລະນຶກ")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        archive = args.archive
        if archive is None:
            archive = work / "archive"
            subprocess.run([sys.executable, str(REPO / "scripts" / "make_archive.py"), str(args.n),
                            "--out", str(archive)], check=True, capture_output=True)
        with_threads = str(work / "with")
        without = str(work / "without")
        plain, _ = timed(lambda: _import_without_threads(archive, without))
        relinks: list[float] = []
        full, summary = timed(lambda: _import_timing_relinks(archive, with_threads, relinks))
        reports = len(summary.imported)
        print(f"archive: {archive} ({reports} reports)")
        print(f"import without threads {plain:.1f} s, with threads {full:.1f} s: x{full / plain:.2f} "
              f"(the relink at its end: {relinks[-1]:.1f} s)")
        for label, report in (("in the middle of its years", _one_more(archive, work, reports // 2, 0)),
                              ("after its last one", _one_more(archive, work, reports - 1, 1))):
            timed(lambda: _import_timing_relinks(report, with_threads, relinks))
            print(f"one more report {label}: relink {relinks[-1] * 1000:.0f} ms "
                  f"({relinks[-1] / relinks[0]:.3f} of the whole archive's)")
        (Path(with_threads) / "threads.sqlite").unlink()
        rebuild, _ = timed(lambda: threads(index_dir=with_threads, limit=1))
        print(f"threads file rebuilt from the index: {rebuild:.1f} s")
        query_time, found = timed(lambda: threads(args.query, with_threads), 7)
        page_time, page = timed(lambda: threads(args.query, with_threads, limit=20), 7)
        all_time, everything = timed(lambda: threads(index_dir=with_threads), 7)
        first_time, first = timed(lambda: threads(index_dir=with_threads, limit=20), 7)
        search_time, hits = timed(lambda: search(args.query, with_threads, kind="task"), 7)
        for label, seconds, result in ((f"threads({args.query})", query_time, found),
                                       (f"threads({args.query}, limit=20)", page_time, page),
                                       ("threads()", all_time, everything), ("threads(limit=20)", first_time, first)):
            tasks = sum(len(t["tasks"]) for t in result["threads"])
            print(f"{label}: {seconds * 1000:.0f} ms ({len(result['threads'])} of {result['total']} threads, "
                  f"{tasks} tasks): x{seconds / search_time:.2f} search")
        print(f"search({args.query}, kind=task): {search_time * 1000:.0f} ms ({hits.total} hits)")
        threads_cli = command("threads", args.query, "--index", with_threads, "--json")
        listing_cli = command("threads", "--index", with_threads)
        search_cli = command("search", args.query, "--kind", "task", "--index", with_threads, "--json")
        print(f"laoreport threads {args.query} --json: {threads_cli:.2f} s, laoreport threads: {listing_cli:.2f} s; "
              f"laoreport search: {search_cli:.2f} s: x{threads_cli / search_cli:.2f}, x{listing_cli / search_cli:.2f}")


def _one_more(archive: Path, work: Path, number: int, years: int) -> Path:
    """A new text report: the archive's report `number` (or the nearest text one before it), its
    years moved on by `years`, with one more task."""
    while not (archive / f"report_{number:05d}.txt").exists():
        number -= 1
    text = (archive / f"report_{number:05d}.txt").read_text(encoding="utf-8")
    text = re.sub(r"\b(2[0-9]{3})\b", lambda m: str(int(m[1]) + years), text)
    folder = work / f"more{number}"
    folder.mkdir()
    path = folder / "report.txt"
    path.write_text(text + "· ສ້ອມແປງຫ້ອງປະຊຸມໃຫຍ່ ຂອງຫ້ອງການ;\n", encoding="utf-8")
    return path


def _import_timing_relinks(paths: Path, index: str, relinks: list[float]):
    """import_paths, noting how long each relink of threads takes."""
    def relink(store):
        start = time.perf_counter()
        relink_threads(store)
        relinks.append(time.perf_counter() - start)

    with mock.patch.object(importer, "relink_threads", relink):
        return import_paths([paths], index)


def _import_without_threads(archive: Path, index: str):
    with mock.patch.object(importer, "record_threads", lambda *args: None), \
            mock.patch.object(importer, "relink_threads", lambda store: None):
        return import_paths([archive], index)


if __name__ == "__main__":
    main()
