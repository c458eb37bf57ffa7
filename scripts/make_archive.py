"""Build a synthetic archive of N distinct reports (DOCX and TXT) from corpus/, for scale benchmarks.

Each report takes a corpus report's lines, moves it to another year, reorders the
items inside each list and adds one numbered item, so every text is distinct but
reads like the real thing. Deterministic for a given N and seed.

    python scripts/make_archive.py 300 --out /tmp/archive300
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

import docx

from laoreport.readers import read_document

REPO = Path(__file__).resolve().parent.parent
BULLET = re.compile(r"^\s*[·\-•]")


def corpus_lines(corpus: Path) -> list[list[str]]:
    """The visible lines (computed numbering included) of every readable corpus report."""
    sources = []
    for path in sorted(corpus.glob("*")):
        if path.suffix.lower() in (".docx", ".txt"):
            lines = [b.display_text for b in read_document(path).blocks if b.part == "body"]
            if lines:
                sources.append(lines)
    if not sources:
        sys.exit(f"no reports in {corpus}: build the corpus first")
    return sources


def variant(lines: list[str], number: int, rng: random.Random) -> list[str]:
    """Shift years, shuffle each run of bullet items, add one distinct item."""
    shift = number // 12
    out, run = [], []
    for line in lines + [""]:
        if BULLET.match(line):
            run.append(line)
            continue
        if run:
            rng.shuffle(run)
            out.extend(run)
            run = []
        out.append(re.sub(r"\b(20[12]\d)\b", lambda m: str(int(m[1]) + shift), line))
    out.insert(min(len(out), 12 + number % 7), f"· ວຽກງານສະເພາະ ເລກທີ {number} ຂອງປີ {2019 + shift};")
    return out[:-1]


def write_docx(lines: list[str], path: Path) -> None:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of reports")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus")
    parser.add_argument("--seed", type=int, default=20190501)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    sources = corpus_lines(args.corpus)
    args.out.mkdir(parents=True, exist_ok=True)
    for number in range(args.n):
        lines = variant(sources[number % len(sources)], number, rng)
        if number % 2:
            (args.out / f"report_{number:05d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        else:
            write_docx(lines, args.out / f"report_{number:05d}.docx")
    print(f"{args.n} reports in {args.out}")


if __name__ == "__main__":
    main()
