"""`laoreport serve` under load: 8 clients on loopback for 30 s on /api/search, then on the search page.

Each client keeps one connection open and sends bench_search.py's queries in a seeded
random order, one request after another, for the given time (the load is bounded in
clients and in time); the routes take turns in rounds of 5 s. Reported per route: requests, requests/s, p50 and p95 latency,
errors (must be 0); then the server's peak RSS. The baseline in the same run is the
same queries through the Python API in this process, one at a time. Target: the search
page's p95 within 20 ms of /api/search's p95 under the same load (rendering, escaping
and highlighting cost no more than that).

    python scripts/bench_serve.py                       # builds 3000 reports and imports them first
    python scripts/bench_serve.py --index /tmp/index3000 --seconds 30 --clients 8
"""

from __future__ import annotations

import argparse
import http.client
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_search import QUERIES  # noqa: E402  (the same queries as the API's own benchmark)

ROUND_SECONDS = 5.0
PARAMS = {"query": "q", "date_from": "from", "date_to": "to", "kind": "kind", "status": "status"}


def percentile(times: list[float], fraction: float) -> float:
    ordered = sorted(times)
    return ordered[max(0, int(len(ordered) * fraction + 0.5) - 1)]


def build_index(reports: int, work: Path) -> Path:
    archive, index = work / f"archive{reports}", work / f"index{reports}"
    subprocess.run([sys.executable, str(HERE / "make_archive.py"), str(reports), "--out", str(archive)], check=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "laoreport", "import", str(archive), "--index", str(index)], check=True)
    print(f"imported {reports} reports in {time.perf_counter() - start:.0f} s into {index}")
    return index


def api_baseline(index: Path, runs: int) -> list[float]:
    """Milliseconds per search through laoreport.archive.search, one at a time, in this process."""
    from laoreport.archive import search

    search("ຫຼຽນ", index)  # word list and index files loaded once, as in the server
    times = []
    for _ in range(runs):
        for kwargs in QUERIES.values():
            start = time.perf_counter()
            search(index_dir=index, **kwargs)
            times.append((time.perf_counter() - start) * 1000)
    return times


def paths(route: str) -> list[str]:
    return [route + "?" + urlencode({PARAMS[k]: v for k, v in kwargs.items()}) for kwargs in QUERIES.values()]


def load(host: str, port: int, urls: list[str], clients: int, seconds: float, headers: dict) -> tuple[list, int]:
    """Latencies (ms) of every answered request and the number of errors, `clients` at once for `seconds`."""
    times: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        rng = random.Random(number)
        connection = http.client.HTTPConnection(host, port, timeout=60)
        mine, failed = [], 0
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                connection.request("GET", rng.choice(urls), headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status == 200:
                    mine.append((time.perf_counter() - start) * 1000)
                else:
                    failed += 1
            except (OSError, http.client.HTTPException):
                failed += 1
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=60)
        connection.close()
        with lock:
            times.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, errors[0]


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, help="an index to serve (default: build one of --reports reports)")
    parser.add_argument("--reports", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="laoreport-bench-serve-"))
    index = args.index or build_index(args.reports, work)

    baseline = api_baseline(index, runs=10)
    print(f"Python API, one at a time: p50 {statistics.median(baseline):.1f} ms, p95 {percentile(baseline, 0.95):.1f} ms "
          f"({len(baseline)} searches of {len(QUERIES)} kinds)")

    server = subprocess.Popen([sys.executable, "-m", "laoreport", "serve", "--index", str(index), "--port", "0"],
                              stdout=subprocess.PIPE, text=True)
    address = urlsplit(server.stdout.readline().split()[1])
    try:
        routes = {"/api/search": ("/api/search", {}),
                  "search page": ("/", {}),
                  "search page, htmx": ("/", {"HX-Request": "true"})}
        for urls, headers in [(paths(r), h) for r, h in routes.values()]:
            load(address.hostname, address.port, urls, args.clients, 2.0, headers)  # warm every route
        # each route's time in rounds, the routes taking turns: a load that other programs put on the
        # machine falls on every route alike, so their difference is what the route itself costs
        results = {name: ([], 0) for name in routes}
        rounds = max(1, round(args.seconds / ROUND_SECONDS))
        for _ in range(rounds):
            for name, (route, headers) in routes.items():
                times, errors = load(address.hostname, address.port, paths(route), args.clients,
                                     args.seconds / rounds, headers)
                results[name] = (results[name][0] + times, results[name][1] + errors)
        for name, (times, errors) in results.items():
            print(f"{name:18s} {len(times):6d} requests  {len(times) / args.seconds:6.1f}/s  "
                  f"p50 {statistics.median(times):6.1f} ms  p95 {percentile(times, 0.95):6.1f} ms  errors {errors}")
        rss = peak_rss_mb(server.pid)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait()
    api = results["/api/search"][0]
    for name in ("search page", "search page, htmx"):
        times = results[name][0]
        print(f"{name}: p95 {percentile(times, 0.95) - percentile(api, 0.95):+.1f} ms against /api/search's "
              f"(target: at most +20 ms), p50 {statistics.median(times) - statistics.median(api):+.1f} ms")
    print(f"server peak RSS {rss:.0f} MB; {args.clients} clients, {args.seconds:.0f} s per route, loopback")


if __name__ == "__main__":
    main()
