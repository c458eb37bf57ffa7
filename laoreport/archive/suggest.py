"""Did-you-mean: a near spelling of a query, made of words the index holds, that finds something.

Near is measured the way Lao is mistyped: a tone mark or vowel sign left out, added or swapped
(ຫຼຽນທີລະນຶກ for ຫຼຽນທີ່ລະນຶກ) costs half an edit, a letter a whole one. A short word may only
differ by such signs (ກາເຟ is not a misspelling of ການ), a longer one by one edit, and a number
is never corrected into another number (2160 is not 100 mistyped).

Candidates come from the words' skeletons (the word without its signs): a word within one edit
has the query's skeleton, or a skeleton one letter longer or shorter; an index of skeletons
with one letter deleted finds those without comparing the query with every word.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from laoreport.lao import word_tokens
from laoreport.lao.chars import COMBINING

_SIGNS = frozenset(COMBINING)
_NO_SIGNS = str.maketrans("", "", COMBINING)
#: Most edits a suggestion may make to a word, by the word's length.
_SHORT, _SHORT_EDITS, _LONG_EDITS = 4, 0.5, 1.0


def lao_distance(a: str, b: str) -> float:
    """Edit distance where a Lao sign (tone, vowel sign, ຼ) costs 0.5 and any other character 1.

    >>> lao_distance("ຫຼຽນທີລະນຶກ", "ຫຼຽນທີ່ລະນຶກ"), lao_distance("ກາເຟ", "ການ")
    (0.5, 2.0)
    """
    cost = [0.5 if c in _SIGNS else 1.0 for c in b]
    previous = [0.0]
    for c in cost:
        previous.append(previous[-1] + c)
    for x in a:
        x_cost = 0.5 if x in _SIGNS else 1.0
        current = [previous[0] + x_cost]
        for j, y in enumerate(b):
            change = 0.0 if x == y else max(x_cost, cost[j])
            current.append(min(previous[j] + change, previous[j + 1] + x_cost, current[j] + cost[j]))
        previous = current
    return previous[-1]


def _deletions(skeleton: str) -> set[str]:
    return {skeleton[:i] + skeleton[i + 1:] for i in range(len(skeleton))}


class _NearWords:
    """The index's words by skeleton, and by skeleton with one letter deleted."""

    def __init__(self, words: list[str]):
        self.by_skeleton: dict[str, list[str]] = defaultdict(list)
        self.by_deletion: dict[str, set[str]] = defaultdict(set)
        for word in words:
            if _is_number(word):
                continue
            skeleton = word.translate(_NO_SIGNS)
            if skeleton not in self.by_skeleton:
                for shorter in _deletions(skeleton):
                    self.by_deletion[shorter].add(skeleton)
            self.by_skeleton[skeleton].append(word)

    def near(self, word: str) -> str | None:
        """The closest word within the edits allowed for `word`'s length, if any."""
        skeleton = word.translate(_NO_SIGNS)
        skeletons = {skeleton, *self.by_deletion.get(skeleton, ())}  # same letters, or one more
        skeletons.update(s for shorter in _deletions(skeleton) for s in (shorter, *self.by_deletion.get(shorter, ())))
        allowed = _SHORT_EDITS if len(word) < _SHORT else _LONG_EDITS
        near = sorted(
            (distance, candidate)
            for s in skeletons for candidate in self.by_skeleton.get(s, ())
            if (distance := lao_distance(word, candidate)) <= allowed
        )
        return near[0][1] if near else None


def _is_number(text: str) -> bool:
    return any(c.isdigit() for c in text)


def suggest(searcher, query: str, finds: Callable[[str], bool]) -> str | None:
    """A near spelling made of words the index holds (ຫຼຽນທີລະນຶກ -> ຫຼຽນທີ່ລະນຶກ) for which
    `finds(suggestion)` is true; stretches of three words are tried before two and one."""
    if "near words" not in searcher.cache:
        searcher.cache["near words"] = _NearWords(searcher.lexicon("words"))
    words: _NearWords = searcher.cache["near words"]
    tokens = word_tokens(query)
    pieces, index = [], 0
    while index < len(tokens):
        for size in (3, 2, 1):
            window = tokens[index:index + size]
            joined = "".join(t.norm for t in window)
            if len(window) < size or _is_number(joined) or searcher.has_term("words", joined):
                continue
            near = words.near(joined)
            if near:
                pieces.append((window[0].start, window[-1].end, near))
                index += size
                break
        else:
            index += 1
    suggestion = query
    for start, end, near in reversed(pieces):
        suggestion = suggestion[:start] + near + suggestion[end:]
    return suggestion if pieces and suggestion != query and finds(suggestion) else None
