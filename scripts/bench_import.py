"""Import speed against its floor, on the same synthetic archive in the same run.

Floor: read every file (python-docx, or a plain read) and segment its text with raw
laonlp.word_tokenize, in one process, nothing else. Import: `laoreport import` into a
fresh index, as a user runs it. Prints both times, their ratio and the peak RSS of each.

    python scripts/bench_import.py 300 3000
"""

from __future__ import annotations

import argparse
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


def run(command: list[str]) -> tuple[float, float, str]:
    """Wall time, peak RSS (MB) of the command's largest process, and its stdout."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True)
    return time.perf_counter() - start, int(done.stderr.strip().splitlines()[-1]) / 1024, done.stdout


def bench(n: int, work: Path) -> None:
    archive = work / f"archive{n}"
    subprocess.run([sys.executable, str(HERE / "make_archive.py"), str(n), "--out", str(archive)], check=True,
                   capture_output=True)
    floor_wall, floor_rss, _ = run([sys.executable, "-c", FLOOR, str(archive)])
    index = work / f"index{n}"
    shutil.rmtree(index, ignore_errors=True)  # a fresh index: an old one would make a re-import
    import_wall, import_rss, out = run([sys.executable, "-m", "laoreport", "import", str(archive), "--index", str(index)])
    print(f"N={n}: floor {floor_wall:.1f} s (peak RSS {floor_rss:.0f} MB), "
          f"import {import_wall:.1f} s (peak RSS {import_rss:.0f} MB); import/floor = {import_wall / floor_wall:.2f}")
    print(f"  {out.strip()}   index kept at {index}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="*", default=[300, 3000])
    parser.add_argument("--work", type=Path, help="folder for archives and indexes (default: a new temporary one)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="laoreport-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    for n in args.sizes:
        bench(n, work)


if __name__ == "__main__":
    main()
