"""Lao syllables of a normalized Lao run, covering every character.

Syllables make a part of a compound findable (ລະນຶກ inside ຫຼຽນທີ່ລະນຶກ) and let a phrase
match however the words around it were segmented. The rules are laonlp's syllable regex
(after PHISSAMAY et al., "Syllabification of Lao Script for Line Breaking"), but that
regex silently drops what it cannot parse: the acronym ອອປສ, a misspelling such as
ປະຊາົຊນ. Here every unparsed stretch becomes a token of its own (joined to the syllable
before it when it starts with a dependent sign), so that no character is lost.
"""

from __future__ import annotations

import re
from functools import lru_cache

from laoreport.lao.segmentation import join_broken_words


@lru_cache(maxsize=1)
def _syllable_regex() -> re.Pattern[str]:
    from laonlp.tokenize.syllable import SYLLABLE_REGEX

    return SYLLABLE_REGEX


def syllables(text: str) -> list[str]:
    """The syllables of a normalized Lao run; their concatenation is `text`.

    >>> syllables("ຫຼຽນທີ່ລະນຶກ")
    ['ຫຼຽນ', 'ທີ່', 'ລະ', 'ນຶກ']
    >>> syllables("ອອປສ")
    ['ອອປສ']
    """
    if not text:
        return []
    return list(_syllables(text))


@lru_cache(maxsize=65536)
def _syllables(text: str) -> tuple[str, ...]:
    pieces: list[str] = []
    done = 0
    for match in _syllable_regex().finditer(text):
        if match.start() > done:
            pieces.append(text[done : match.start()])
        pieces.append(match.group())
        done = match.end()
    if done < len(text):
        pieces.append(text[done:])
    return tuple(join_broken_words(pieces))
