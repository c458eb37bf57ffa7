"""Speed of task threads on a synthetic archive: what import pays for them, and how fast `threads` answers.

Builds an archive of N reports with scripts/make_archive.py (or takes --archive), then in the
same run:
- imports it twice, with thread recording and relinking and without (the importer's two
  thread hooks replaced by no-ops): the ratio is what threads add to an import;
- times, warm and in process (median of 7), `threads(QUERY)`, `threads()` and, as the
  baseline, `search(QUERY, kind="task")`, which returns the same tasks one by one;
- times the two commands end to end (`laoreport threads QUERY --json` against
  `laoreport search QUERY --kind task --json`), each in its own process.

    python scripts/bench_threads.py [--n 3000] [--archive DIR] [--query ຫຼຽນທີ່ລະນຶກ]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from laoreport.archive import import_paths, search, threads
from laoreport.archive import importer

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
        full, summary = timed(lambda: import_paths([archive], with_threads))
        reports = len(summary.imported)
        print(f"archive: {archive} ({reports} reports)")
        print(f"import without threads {plain:.1f} s, with threads {full:.1f} s: x{full / plain:.2f}")
        query_time, found = timed(lambda: threads(args.query, with_threads), 7)
        all_time, everything = timed(lambda: threads(index_dir=with_threads), 7)
        search_time, hits = timed(lambda: search(args.query, with_threads, kind="task"), 7)
        tasks = sum(len(t["tasks"]) for t in found["threads"])
        print(f"threads({args.query}): {query_time * 1000:.0f} ms ({len(found['threads'])} threads, {tasks} tasks); "
              f"search(kind=task) {search_time * 1000:.0f} ms ({hits.total} hits): x{query_time / search_time:.2f}")
        print(f"threads(): {all_time * 1000:.0f} ms ({len(everything['threads'])} threads)")
        threads_cli = command("threads", args.query, "--index", with_threads, "--json")
        search_cli = command("search", args.query, "--kind", "task", "--index", with_threads, "--json")
        print(f"laoreport threads {args.query}: {threads_cli:.2f} s; laoreport search: {search_cli:.2f} s: "
              f"x{threads_cli / search_cli:.2f}")


def _import_without_threads(archive: Path, index: str):
    with mock.patch.object(importer, "record_threads", lambda store, reports: None), \
            mock.patch.object(importer, "relink_threads", lambda store: None):
        return import_paths([archive], index)


if __name__ == "__main__":
    main()
