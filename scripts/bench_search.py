"""Search latency through the Python API (median, p95) and one `laoreport search` process, end to end.

Run on an index built by bench_import.py:

    python scripts/bench_search.py /tmp/laoreport-bench-XXXX/index3000
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from laoreport.archive import search

QUERIES = {
    "word": dict(query="ຫຼຽນທີ່ລະນຶກ"),
    "phrase": dict(query='"ວັນສ້າງຕັ້ງອົງການໄອຍະການປະຊາຊົນ ຄົບຮອບ 30 ປີ"'),
    "partial word": dict(query="ລະນຶກ"),
    "other spelling": dict(query="ຫລຽນທີ່ລະນຶກ"),
    "filtered": dict(query="ທາສີອາຄານ", date_from="2019-07", date_to="2019-Q4", status="planned"),
    "almost all": dict(query="ສຳເລັດ"),  # in nearly every report, section and done task
    "nothing": dict(query="ກາເຟ"),  # coffee: in no report, so the "did you mean" path runs too
}


def timed(runs: int, **kwargs) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        search(**kwargs)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index", type=Path)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    search(index_dir=args.index, query="ຫຼຽນ")  # warm: word list loaded, index files cached
    for name, kwargs in QUERIES.items():
        times = sorted(timed(args.runs, index_dir=args.index, **kwargs))
        total = search(index_dir=args.index, **kwargs).total
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        print(f"{name:15s} median {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms   ({total} hits)")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "laoreport", "search", "ຫຼຽນທີ່ລະນຶກ", "--index", str(args.index)],
                   check=True, capture_output=True)
    cli = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    bare = time.perf_counter() - start
    print(f"`laoreport search` process: {cli * 1000:.0f} ms wall (a bare python start: {bare * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
