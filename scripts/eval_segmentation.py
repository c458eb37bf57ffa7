"""Word-segmentation quality of laoreport against raw laonlp (and ICU) on ../shared/gold.

Reports boundary and word precision/recall/F1 on the HVU test 1k and Yunshan Cup 2020
test sets. Both sides are folded with laoreport.lao.normalize (each gold word on its
own; the sentence is their concatenation), so that spelling variants do not count as
segmentation errors. A boundary is a character position where a token starts or ends
(0 and the end excluded); tokens a system drops or alters (laonlp loses "/") are
aligned to the text by searching forward. Word scores count only words with a Lao
letter on both sides, since laoreport emits no punctuation tokens. ICU is measured
when PyICU is importable.

    python scripts/eval_segmentation.py [--gold ../shared/gold] [--limit N]
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Callable, Iterable

from laoreport.lao import normalize, word_tokens
from laoreport.lao.chars import is_lao

SETS = {"HVU test": "hvu_test1k.txt", "Yunshan test": "yunshan2020_test.txt"}
Spans = list[tuple[int, int]]


def read_gold(path: Path, limit: int | None) -> list[list[str]]:
    """Sentences as lists of folded gold words."""
    sentences = []
    for line in path.read_text(encoding="utf-8").splitlines()[:limit]:
        words = [w for w in map(normalize, line.split("|")) if w.strip()]
        if words:
            sentences.append(words)
    return sentences


def gold_spans(words: list[str]) -> Spans:
    spans, start = [], 0
    for word in words:
        spans.append((start, start + len(word)))
        start += len(word)
    return spans


def aligned_spans(text: str, tokens: Iterable[str]) -> Spans:
    """Spans of `tokens` in `text`, found left to right; whitespace and lost tokens skipped."""
    spans, position = [], 0
    for token in tokens:
        if not token.strip():
            continue
        found = text.find(token, position)
        if found < 0:
            continue
        spans.append((found, found + len(token)))
        position = found + len(token)
    return spans


def ours(text: str) -> Spans:
    return [(t.start, t.end) for t in word_tokens(text)]


def raw_laonlp() -> Callable[[str], Spans]:
    from laonlp.tokenize import word_tokenize

    return lambda text: aligned_spans(text, word_tokenize(text))


def icu() -> Callable[[str], Spans] | None:
    try:
        import icu as pyicu
    except ImportError:
        return None
    breaker = pyicu.BreakIterator.createWordInstance(pyicu.Locale("lo"))

    def spans(text: str) -> Spans:
        breaker.setText(text)
        cuts = [0, *breaker]
        # PyICU counts UTF-16 units; Lao and ASCII are one unit each, as in Python.
        return [(a, b) for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]

    return spans


def boundaries(spans: Spans, length: int) -> set[int]:
    return {p for span in spans for p in span if 0 < p < length}


def _lao_spans(text: str, spans: Spans) -> set[tuple[int, int]]:
    return {(a, b) for a, b in spans if any(map(is_lao, text[a:b]))}


def prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = hits / predicted if predicted else 0.0
    r = hits / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(sentences: list[list[str]], system: Callable[[str], Spans]) -> dict[str, tuple]:
    b_hits = b_pred = b_gold = w_hits = w_pred = w_gold = 0
    for words in sentences:
        text = "".join(words)
        gold, predicted = gold_spans(words), system(text)
        gb, pb = boundaries(gold, len(text)), boundaries(predicted, len(text))
        b_hits, b_pred, b_gold = b_hits + len(gb & pb), b_pred + len(pb), b_gold + len(gb)
        gold_lao, predicted_lao = _lao_spans(text, gold), _lao_spans(text, predicted)
        w_hits += len(gold_lao & predicted_lao)
        w_pred, w_gold = w_pred + len(predicted_lao), w_gold + len(gold_lao)
    return {"boundary": prf(b_hits, b_pred, b_gold), "word": prf(w_hits, w_pred, w_gold)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "gold")
    parser.add_argument("--limit", type=int, default=None, help="first N sentences of each set")
    args = parser.parse_args()
    systems = {"laoreport": ours, "laonlp": raw_laonlp()}
    icu_spans = icu()
    if icu_spans:
        systems["ICU"] = icu_spans
    else:
        print("(PyICU not importable: ICU not measured)")
    print(f"{'set':<14}{'system':<11}{'bound P':>8}{'R':>7}{'F1':>7}{'word P':>9}{'R':>7}{'F1':>7}")
    for label, name in SETS.items():
        sentences = read_gold(args.gold / name, args.limit)
        for system, spans in systems.items():
            score = evaluate(sentences, spans)
            (bp, br, bf), (wp, wr, wf) = score["boundary"], score["word"]
            print(f"{label:<14}{system:<11}{bp:8.3f}{br:7.3f}{bf:7.3f}{wp:9.3f}{wr:7.3f}{wf:7.3f}")


if __name__ == "__main__":
    main()
