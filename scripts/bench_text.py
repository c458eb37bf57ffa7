"""Throughput of laoreport's normalize + word tokens against raw laonlp.word_tokenize.

Both run in this process on the same paragraphs (the seed report and ../shared/realdocs,
one paragraph per line, as the indexer sees them), after a warm-up call that loads each
dictionary. laoreport's run-level cache is cleared first, so repeats count only where
the texts themselves repeat. Prints characters per second and the ratio (goal >= 1.0).

    python scripts/bench_text.py [--shared ../shared] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Callable

from laoreport.lao import normalize, syllable_tokens, word_tokens
from laoreport.lao.segmentation import _segment_run
from laoreport.lao.syllables import word_syllables
from laoreport.lao.tokens import _normalized


def paragraphs(shared: Path) -> list[str]:
    files = sorted((shared / "seed").glob("*.txt")) + sorted((shared / "realdocs").glob("*.txt"))
    return [line for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


def best_seconds(work: Callable[[], object], repeat: int, before: Callable[[], None]) -> float:
    times = []
    for _ in range(repeat):
        before()
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def clear_caches() -> None:
    _segment_run.cache_clear()
    word_syllables.cache_clear()
    _normalized.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = paragraphs(args.shared)
    chars = sum(map(len, texts))

    from laonlp.tokenize import word_tokenize

    word_tokenize("ພາສາລາວ")
    word_tokens("ພາສາລາວ")
    syllable_tokens("ພາສາລາວ")

    def nothing() -> None:
        pass

    laonlp_s = best_seconds(lambda: [word_tokenize(t) for t in texts], args.repeat, nothing)
    ours_s = best_seconds(lambda: [word_tokens(t) for t in texts], args.repeat, clear_caches)
    norm_s = best_seconds(lambda: [normalize(t) for t in texts], args.repeat, nothing)
    syl_s = best_seconds(lambda: [syllable_tokens(t) for t in texts], args.repeat, clear_caches)
    print(f"{len(texts)} paragraphs, {chars} characters (best of {args.repeat})")
    for label, seconds in [
        ("laonlp.word_tokenize", laonlp_s),
        ("laoreport word_tokens (normalize + segment)", ours_s),
        ("laoreport normalize only", norm_s),
        ("laoreport syllable_tokens", syl_s),
    ]:
        print(f"{label:<45}{chars / seconds:>12,.0f} chars/s")
    print(f"ratio word_tokens / laonlp: {laonlp_s / ours_s:.2f}x")


if __name__ == "__main__":
    main()
