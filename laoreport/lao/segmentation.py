"""Lao word segmentation of one normalized Lao run, with bounded work and cached results.

The engines (engines.py) do dictionary maximal matching; this module adds what they lack:
- bounded work: a run longer than the engine's chunk size is segmented chunk by chunk,
  keeping only the words that end well before the chunk's edge and starting the next
  chunk there, so that a pathological run (laonlp needs ~25 s for "ແລ້ວ" * 34) costs a
  bounded amount per character;
- repair of broken words: a piece that starts with a dependent sign (a vowel or tone
  that sits on the consonant before it, as in ["ປະຊາ", "ົຊນ"]) joins the word before
  it, and a piece that ends with a leading vowel (ເ ແ ໂ ໃ ໄ) joins the word after it;
- a cache: reports repeat the same phrases (ໜ່ວຍພັກຫ້ອງການ, ປະຈຳເດືອນ) paragraph after
  paragraph.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

from laoreport.lao.chars import DEPENDENT, LEADING_VOWELS, REPETITION_MARK
from laoreport.lao.engines import ENGINES, laonlp_segment, nlpo3_available, nlpo3_segment

#: Characters per engine call, and how far from a chunk's end words are not yet trusted.
_CHUNK = {"nlpo3": 400, "laonlp": 48}
_TAIL = {"nlpo3": 40, "laonlp": 16}


@lru_cache(maxsize=1)
def default_engine() -> str:
    """"nlpo3" when it is installed, else "laonlp"."""
    return "nlpo3" if nlpo3_available() else "laonlp"


def segment(text: str, engine: str | None = None) -> list[str]:
    """The words of a normalized Lao run; their concatenation is `text`.

    >>> segment("ພາສາລາວໃນປັດຈຸບັນ")
    ['ພາສາລາວ', 'ໃນ', 'ປັດຈຸບັນ']
    >>> segment("ປະຊາົຊນ")
    ['ປະຊາົຊນ']
    """
    if not text:
        return []
    return list(_segment_run(text, engine or default_engine()))


def _engine(name: str) -> Callable[[str], list[str]]:
    if name == "nlpo3":
        return nlpo3_segment
    if name == "laonlp":
        return laonlp_segment
    raise ValueError(f"unknown Lao segmentation engine {name!r}; choose one of {', '.join(ENGINES)}")


@lru_cache(maxsize=65536)
def _segment_run(text: str, engine: str) -> tuple[str, ...]:
    return tuple(join_broken_words(_chunked(text, _engine(engine), _CHUNK[engine], _TAIL[engine])))


def _chunked(text: str, engine: Callable[[str], list[str]], chunk: int, tail: int) -> list[str]:
    """engine(text), computed over chunks of at most `chunk` characters."""
    words: list[str] = []
    start = 0
    while len(text) - start > chunk:
        taken = 0
        for word in engine(text[start : start + chunk]):
            if taken and taken + len(word) > chunk - tail:
                break
            words.append(word)
            taken += len(word)
        start += taken
    words += engine(text[start:])
    return words


#: A piece starting with one of these belongs to the word before it; ໆ repeats that word.
_GLUES_BACK = frozenset(DEPENDENT + REPETITION_MARK)


def join_broken_words(pieces: list[str]) -> list[str]:
    """Join pieces that cannot stand alone to their neighbour.

    >>> join_broken_words(["ປະຊາ", "ົຊນ", "ເ", "ກັບ", "ດີ", "ໆ"])
    ['ປະຊາົຊນ', 'ເກັບ', 'ດີໆ']
    """
    words: list[str] = []
    glue_next = False
    for piece in pieces:
        if words and (glue_next or piece[0] in _GLUES_BACK):
            words[-1] += piece
        else:
            words.append(piece)
        glue_next = piece[-1] in LEADING_VOWELS
    return words
