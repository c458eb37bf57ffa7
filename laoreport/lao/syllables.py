"""Lao syllables of a normalized Lao run, covering every character.

Syllables make a part of a compound findable (ລະນຶກ inside ຫຼຽນທີ່ລະນຶກ) and let a phrase
match however the words around it were segmented. A run is first cut into words
(segmentation.py) and each word into syllables, so every word boundary is also a
syllable boundary and a word's syllables do not depend on its neighbours: on the HVU gold
set, a multi-syllable word is found as a syllable phrase in its sentence 99.9% of the
time this way, 99.6% when the whole run is syllabified at once.

The syllable rules are laonlp's regex (after PHISSAMAY et al., "Syllabification of Lao
Script for Line Breaking"), but that regex silently drops what it cannot parse: the
acronym ອອປສ, a misspelling such as ປະຊາົຊນ. Here every unparsed stretch becomes a token
of its own (joined to the syllable before it when it starts with a dependent sign), so
that no character is lost.
"""

from __future__ import annotations

from functools import lru_cache

from laoreport.lao.laonlp_data import syllable_regex
from laoreport.lao.segmentation import join_broken_words, segment


def syllables(text: str) -> list[str]:
    """The syllables of a normalized Lao run, word by word; their concatenation is `text`.

    >>> syllables("ຫຼຽນທີ່ລະນຶກ")
    ['ຫຼຽນ', 'ທີ່', 'ລະ', 'ນຶກ']
    >>> syllables("ຄະນະພັກອອປສ")
    ['ຄະ', 'ນະ', 'ພັກ', 'ອອປສ']
    """
    return [syllable for word in segment(text) for syllable in word_syllables(word)]


@lru_cache(maxsize=65536)
def word_syllables(word: str) -> tuple[str, ...]:
    """The syllables of one word; an unparsed stretch is kept whole.

    >>> word_syllables("ປະຊາົຊນ")
    ('ປະ', 'ຊາົຊນ')
    """
    pieces: list[str] = []
    done = 0
    for match in syllable_regex().finditer(word):
        if match.start() > done:
            pieces.append(word[done : match.start()])
        pieces.append(match.group())
        done = match.end()
    if done < len(word):
        pieces.append(word[done:])
    return tuple(join_broken_words(pieces))
