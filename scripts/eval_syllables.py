"""Syllable tokens against the word boundaries of ../shared/gold, and phrase findability.

Search matches a query as a phrase of syllables, so a syllable token must never straddle a
word boundary (the word on either side could not be found alone), and a word typed alone must
give the syllables it has in its sentence. For each gold set this prints:

- straddling: gold word boundaries that fall strictly inside a syllable token, and how many of
  them are at a ໆ (ດີໆ written as one gold word is no error, ດີ|ໆ in the gold is);
- outside: Lao letters in tokens that have no syllable shape (misspellings, acronyms, rules that
  miss a shape), per thousand Lao letters;
- findable: gold words with a Lao letter whose syllables, tokenized alone, occur as a phrase in
  the syllables of their sentence.

Both sides are normalized with laoreport.lao.normalize.

    python scripts/eval_syllables.py [--gold ../shared/gold] [--limit N] [--show 20]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from laoreport.lao import syllable_tokens
from laoreport.lao.chars import REPETITION_MARK, is_lao
from laoreport.lao.syllables import is_syllable

from eval_segmentation import read_gold  # the same gold, read the same way (scripts/ is on sys.path)

SETS = {"HVU test": "hvu_test1k.txt", "Yunshan test": "yunshan2020_test.txt", "Yunshan dev": "yunshan2020_dev.txt"}



def _found(phrase: list[str], tokens: list[str]) -> bool:
    n = len(phrase)
    return any(tokens[i:i + n] == phrase for i in range(len(tokens) - n + 1))


def evaluate(sentences: list[list[str]], show: int) -> dict:
    straddling = at_repetition = outside = letters = words = found = 0
    examples: Counter[str] = Counter()
    for gold in sentences:
        text = "".join(gold)
        tokens = syllable_tokens(text)
        edges, position = set(), 0
        for word in gold[:-1]:
            position += len(word)
            edges.add(position)
        for token in tokens:
            inside = [e for e in edges if token.start < e < token.end]
            straddling += len(inside)
            at_repetition += sum(text[e] == REPETITION_MARK for e in inside)
            if inside and show:
                examples[token.norm] += 1
            lao = sum(map(is_lao, token.norm))
            letters += lao
            outside += lao if lao and token.norm != REPETITION_MARK and not is_syllable(token.norm) else 0
        norms = [t.norm for t in tokens]
        for word in gold:
            if any(map(is_lao, word)):
                phrase = [t.norm for t in syllable_tokens(word)]
                words += 1
                found += bool(phrase) and _found(phrase, norms)
    return {"straddling": straddling, "at ໆ": at_repetition, "outside": 1000 * outside / letters,
            "words": words, "found": found, "examples": examples.most_common(show)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "gold")
    parser.add_argument("--limit", type=int, default=None, help="first N sentences of each set")
    parser.add_argument("--show", type=int, default=0, help="print the N most frequent straddling tokens")
    args = parser.parse_args()
    print(f"{'set':<14}{'straddling':>11}{'at ໆ':>7}{'outside ‰':>11}{'findable':>10}")
    for label, name in SETS.items():
        score = evaluate(read_gold(args.gold / name, args.limit), args.show)
        print(f"{label:<14}{score['straddling']:>11}{score['at ໆ']:>7}{score['outside']:>11.2f}"
              f"{score['found'] / score['words']:>10.4f}")
        if score["examples"]:
            print("   ", ", ".join(f"{token} ({count})" for token, count in score["examples"]))


if __name__ == "__main__":
    main()
