"""Import speed against its floor, on the same synthetic archive in the same run.

Floor: read every file (python-docx, or a plain read) and segment its text with raw
laonlp.word_tokenize, in one process, nothing else. Import: `laoreport import` into a
fresh index, as a user runs it. Prints both times, their ratio and the peak RSS of each;
with --baseline, the import of another checkout too, in the same run.

    python scripts/bench_import.py 300 3000 [--baseline /tmp/before]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

FLOOR = r"""
import sys, time, resource
from pathlib import Path
import docx
from laonlp import word_tokenize
start = time.perf_counter()
for path in sorted(Path(sys.argv[1]).iterdir()):
    if path.suffix == ".docx":
        text = "\n".join(p.text for p in docx.Document(path).paragraphs)
    else:
        text = path.read_text(encoding="utf-8")
    word_tokenize(text)
print(time.perf_counter() - start)
"""


# Runs a command and prints the peak RSS (KB) of its largest process, workers included, on stderr.
MEASURE = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
    "sys.stderr.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))"
)


def run(command: list[str], checkout: Path | None = None) -> tuple[float, float, str]:
    """Wall time, peak RSS (MB) of the command's largest process, and its stdout."""
    env = {**os.environ, "PYTHONPATH": str(checkout)} if checkout else None
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True,
                          env=env, cwd="/" if checkout else None)
    return time.perf_counter() - start, int(done.stderr.strip().splitlines()[-1]) / 1024, done.stdout


def bench(n: int, work: Path, baseline: Path | None) -> None:
    archive = work / f"archive{n}"
    subprocess.run([sys.executable, str(HERE / "make_archive.py"), str(n), "--out", str(archive)], check=True,
                   capture_output=True)
    floor_wall, floor_rss, _ = run([sys.executable, "-c", FLOOR, str(archive)])
    print(f"N={n}: floor {floor_wall:.1f} s (peak RSS {floor_rss:.0f} MB)")
    for label, checkout in ([("baseline", baseline)] if baseline else []) + [("import", None)]:
        index = work / f"{label}-index{n}"
        shutil.rmtree(index, ignore_errors=True)  # a fresh index: an old one would make a re-import
        wall, rss, out = run([sys.executable, "-m", "laoreport", "import", str(archive.absolute()), "--index",
                              str(index.absolute())], checkout)
        print(f"  {label} {wall:.1f} s (peak RSS {rss:.0f} MB); {label}/floor = {wall / floor_wall:.2f}")
        print(f"    {out.strip()}   index kept at {index}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="*", default=[300, 3000])
    parser.add_argument("--work", type=Path, help="folder for archives and indexes (default: a new temporary one)")
    parser.add_argument("--baseline", type=Path, metavar="CHECKOUT",
                        help="also import with another laoreport checkout (e.g. `git worktree add /tmp/before main`)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="laoreport-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    for n in args.sizes:
        bench(n, work, args.baseline.absolute() if args.baseline else None)


if __name__ == "__main__":
    main()
