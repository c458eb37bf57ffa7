"""Search latency through the Python API (median, p95) and one `laoreport search` process, end to end.

Run on an index built by bench_import.py:

    python scripts/bench_search.py /tmp/laoreport-bench-XXXX/index3000

With --baseline, the same queries also run on another checkout of laoreport (e.g. `git worktree
add /tmp/before main`) and its own index of the same archive, alternating round by round, so that
both are measured in the same run and the ratios hold on a busy machine:

    python scripts/bench_search.py NEW_INDEX --baseline /tmp/before OLD_INDEX
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

QUERIES = {
    "word": dict(query="ຫຼຽນທີ່ລະນຶກ"),
    "phrase": dict(query='"ວັນສ້າງຕັ້ງອົງການໄອຍະການປະຊາຊົນ ຄົບຮອບ 30 ປີ"'),
    "partial word": dict(query="ລະນຶກ"),
    "other spelling": dict(query="ຫລຽນທີ່ລະນຶກ"),
    "filtered": dict(query="ທາສີອາຄານ", date_from="2019-07", date_to="2019-Q4", status="planned"),
    "almost all": dict(query="ສຳເລັດ"),  # in nearly every report, section and done task
    "nothing": dict(query="ກາເຟ"),  # coffee: in no report, so the "did you mean" path runs too
}


def measure(index: str, runs: int) -> dict:
    """Milliseconds of each run of each query class (after one warm-up search), and the totals."""
    from laoreport.archive import search

    search(index_dir=index, query="ຫຼຽນ")  # warm: word list loaded, index files cached
    times, totals = {}, {}
    for name, kwargs in QUERIES.items():
        times[name] = []
        for _ in range(runs):
            start = time.perf_counter()
            result = search(index_dir=index, **kwargs)
            times[name].append((time.perf_counter() - start) * 1000)
        totals[name] = result.total
    return {"times": times, "totals": totals}


def in_process(checkout: Path | None, index: Path, runs: int) -> dict:
    """measure() in a fresh process running `checkout`'s laoreport (this one's when None)."""
    env = dict(os.environ)
    if checkout:
        env["PYTHONPATH"] = str(checkout)
    code = f"import json, sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import bench_search; " \
           f"print(json.dumps(bench_search.measure({str(index)!r}, {runs})))"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                          cwd="/")
    return json.loads(done.stdout)


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def compile_package(checkout: Path | None) -> None:
    """Compile laoreport's modules, as pip does at install and Python at a first import. Where
    PYTHONDONTWRITEBYTECODE is set (as on the machines this is measured on) and the package is
    installed in editable mode, every command would otherwise compile its source again: 60-90 ms
    that an installed copy never pays."""
    compileall.compile_dir((checkout or Path(__file__).resolve().parent.parent) / "laoreport", quiet=1)


def wall(command: list[str], env=None) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env, cwd="/")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index", type=Path)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds with --baseline")
    parser.add_argument("--processes", type=int, default=7, help="`laoreport search` processes to time")
    parser.add_argument("--baseline", nargs=2, metavar=("CHECKOUT", "INDEX"), type=Path,
                        help="another laoreport checkout and its index, measured in the same run")
    args = parser.parse_args()
    index = args.index.absolute()
    sides = {"after": (None, index)}
    if args.baseline:
        sides = {"before": (args.baseline[0].absolute(), args.baseline[1].absolute()), **sides}
    results = {side: {"times": {name: [] for name in QUERIES}} for side in sides}
    for _ in range(args.rounds if args.baseline else 1):
        for side, (checkout, side_index) in sides.items():
            measured = in_process(checkout, side_index, args.runs)
            for name in QUERIES:
                results[side]["times"][name] += measured["times"][name]
            results[side]["totals"] = measured["totals"]
    for name in QUERIES:
        line = f"{name:15s}"
        for side in sides:
            times = results[side]["times"][name]
            line += f"  {side} median {statistics.median(times):7.1f} ms p95 {p95(times):7.1f} ms " \
                    f"({results[side]['totals'][name]} hits)"
        if args.baseline:
            ratio = statistics.median(results["before"]["times"][name]) / statistics.median(results["after"]["times"][name])
            line += f"  {ratio:6.1f}x faster"
        print(line)
    for side, (checkout, side_index) in sides.items():
        env = {**os.environ, "PYTHONPATH": str(checkout)} if checkout else None
        command = [sys.executable, "-m", "laoreport", "search", "ຫຼຽນທີ່ລະນຶກ", "--index", str(side_index)]
        compile_package(checkout)
        cli, bare = [], []
        for _ in range(args.processes):  # alternated, so that a busy moment weighs on both alike
            cli.append(wall(command, env))
            bare.append(wall([sys.executable, "-c", "pass"]))
        print(f"{side}: `laoreport search` process: {statistics.median(cli) * 1000:.0f} ms wall, median of "
              f"{args.processes} (a bare python start: {statistics.median(bare) * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
