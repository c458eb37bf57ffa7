"""Lao syllables of a normalized Lao run, covering every character.

Syllables make a part of a compound findable (ລະນຶກ inside ຫຼຽນທີ່ລະນຶກ) and let a phrase
match however the words around it were segmented. A run is first cut into words
(segmentation.py) and each word into syllables, so every word boundary is also a
syllable boundary and a word's syllables do not depend on its neighbours: on the HVU gold
set, a multi-syllable word is found as a syllable phrase in its sentence 99.9% of the
time this way (scripts/eval_syllables.py).

A word is cut by dynamic programming over the shapes a syllable can take (laonlp's rules,
after PHISSAMAY et al., "Syllabification of Lao Script for Line Breaking"): the cut leaves
the fewest characters outside a syllable, then has the fewest tokens, then the longest
syllables first. laonlp's own regex instead checks what follows each syllable, so one
syllable it cannot parse (the acronym ອອປສ, a misspelling such as ປະຊາົຊນ) also loses the
one before it. Characters outside every syllable become one-consonant units (a consonant,
with a leading vowel before it and its signs after it), so no character is lost and a
query cut the same way still matches. The repetition mark ໆ is a token of its own, so ຕ່າງ
finds ຕ່າງໆ and ຕ່າງໆ finds itself.
"""

from __future__ import annotations

from functools import lru_cache

from laoreport.lao.chars import CONSONANTS, DEPENDENT, LEADING_VOWELS, REPETITION_MARK
from laoreport.lao.laonlp_data import syllable_shape
from laoreport.lao.segmentation import segment

#: No syllable shape is longer (ເ + ຫ + consonant + ຼ + vowel + tone + ອ + final + ສ + ໌ = 10).
_LONGEST = 10
_DEPENDENT = frozenset(DEPENDENT)


def syllables(text: str) -> list[str]:
    """The syllables of a normalized Lao run, word by word; their concatenation is `text`.

    >>> syllables("ຫຼຽນທີ່ລະນຶກ")
    ['ຫຼຽນ', 'ທີ່', 'ລະ', 'ນຶກ']
    >>> syllables("ວຽກງານຕ່າງໆ")
    ['ວຽກ', 'ງານ', 'ຕ່າງ', 'ໆ']
    """
    return [syllable for word in segment(text) for syllable in word_syllables(word)]


def is_syllable(text: str) -> bool:
    """True when `text` has the shape of one Lao syllable.

    >>> is_syllable("ຫຼຽນ"), is_syllable("ອອປສ"), is_syllable("ໆ")
    (True, False, False)
    """
    return syllable_shape().fullmatch(text) is not None


def _unit_end(word: str, start: int) -> int:
    """Where a one-consonant unit starting at `start` ends: its leading vowel, letter and signs."""
    end = start + 1
    if word[start] in LEADING_VOWELS and end < len(word) and word[end] in CONSONANTS:
        end += 1
    while end < len(word) and word[end] in _DEPENDENT:
        end += 1
    return end


@lru_cache(maxsize=65536)
def word_syllables(word: str) -> tuple[str, ...]:
    """The syllables of one word, cut by dynamic programming (see the module's docstring).

    >>> word_syllables("ອົງການອອປສ")
    ('ອົງ', 'ການ', 'ອ', 'ອ', 'ປ', 'ສ')
    >>> word_syllables("ປະຊາົຊນ")
    ('ປະ', 'ຊາົ', 'ຊ', 'ນ')
    """
    shape = syllable_shape()
    size = len(word)
    # best[i]: (characters left outside syllables, tokens) for word[i:], and where the first token ends
    best: list[tuple[tuple[int, int], int]] = [((0, 0), size)] * (size + 1)
    for start in range(size - 1, -1, -1):
        if word[start] == REPETITION_MARK:
            options = [((0, 1), start + 1)]
        else:
            # syllables longest first, then the unit: on a tie, min() keeps the first
            options = [((0, 1), end) for end in range(min(size, start + _LONGEST), start, -1)
                       if shape.fullmatch(word, start, end)]
            unit = _unit_end(word, start)
            options.append(((unit - start, 1), unit))
        best[start] = min(
            (((left + best[end][0][0], tokens + best[end][0][1]), end) for (left, tokens), end in options),
            key=lambda option: option[0],
        )
    pieces, start = [], 0
    while start < size:
        end = best[start][1]
        piece = word[start:end]
        if pieces and piece[0] in _DEPENDENT:  # a stray sign stays with the letter it sits on
            pieces[-1] += piece
        else:
            pieces.append(piece)
        start = end
    return tuple(pieces)
