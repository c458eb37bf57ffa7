"""Tokens of mixed text (Lao, Latin, numbers) for indexing, with offsets into the original.

Text is normalized once, split into runs, and only Lao runs are segmented; a Latin word
is one token (lowercased by normalization), so is a run of digits (separators split
numbers: see runs.py), and spaces and punctuation give none. Every token carries the
span of the ORIGINAL text it came from, so a highlighter marks the characters the user
sees even where normalization changed them (ຫນ້າ -> ໜ້າ, a zero-width space removed).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable, NamedTuple

from laoreport.lao.chars import OTHER_SPACES, ZERO_WIDTH
from laoreport.lao.normalize import normalize_with_offsets
from laoreport.lao.runs import LAO, LETTERS, NUMBER, split_runs
from laoreport.lao.segmentation import segment
from laoreport.lao.syllables import syllables, word_syllables


class Token(NamedTuple):
    """A token as indexed (`norm`) and the span text[start:end] of the original it stands for."""

    norm: str
    start: int
    end: int


def word_tokens(text: str) -> list[Token]:
    """Words: Lao words by dictionary maximal matching, Latin words, numbers.

    >>> [t.norm for t in word_tokens("ຂໍ້ຕົກລົງ ເລກທີ I/2019 ຂອງກະຊວງ")]
    ['ຂໍ້ຕົກລົງ', 'ເລກທີ', 'i', '2019', 'ຂອງ', 'ກະຊວງ']
    """
    return _tokens(text, segment)


def syllable_tokens(text: str) -> list[Token]:
    """Syllables of Lao runs (every Lao character in some token), Latin words, numbers.

    >>> [t.norm for t in syllable_tokens("ຫຼຽນທີ່ລະນຶກ 2019")]
    ['ຫຼຽນ', 'ທີ່', 'ລະ', 'ນຶກ', '2019']
    """
    return _tokens(text, syllables)


#: Characters normalization deletes; a token's span does not end with them.
_DELETED = frozenset(ZERO_WIDTH + OTHER_SPACES + " \t\v\f")


@lru_cache(maxsize=256)
def _normalized(text: str) -> tuple[str, tuple[int, ...]]:
    """normalize_with_offsets, remembered: the indexer asks for words, then syllables."""
    norm, offsets = normalize_with_offsets(text)
    return norm, tuple(offsets)


def _tokens(text: str, split_lao: Callable[[str], list[str]]) -> list[Token]:
    norm, offsets = _normalized(text)
    tokens: list[Token] = []
    for run in split_runs(norm):
        if run.kind == LAO:
            start = run.start
            for piece in split_lao(run.text):
                end = start + len(piece)
                tokens.append(_token(text, piece, offsets[start], offsets[end]))
                start = end
        elif run.kind in (LETTERS, NUMBER):
            tokens.append(_token(text, run.text, offsets[run.start], offsets[run.end]))
    return tokens


def _token(text: str, norm: str, start: int, end: int) -> Token:
    return Token(norm, *_span(text, start, end))


def indexed_tokens(text: str) -> tuple[list[str], list[tuple[int, int]], list[str]]:
    """What an index keeps of a text, in one pass: its syllables, their spans, and its words.

    The same tokens as syllable_tokens() and word_tokens(), as plain lists: an import
    cuts millions of them.

    >>> indexed_tokens("ຫລຽນທີ່ລະນຶກ 30")
    (['ຫຼຽນ', 'ທີ່', 'ລະ', 'ນຶກ', '30'], [(0, 4), (4, 7), (7, 9), (9, 12), (13, 15)], ['ຫຼຽນ', 'ທີ່ລະນຶກ', '30'])
    """
    norm, offsets = _normalized(text)
    norms: list[str] = []
    spans: list[tuple[int, int]] = []
    words: list[str] = []
    for run in split_runs(norm):
        if run.kind == LAO:
            start = run.start
            for word in segment(run.text):
                words.append(word)
                for piece in word_syllables(word):
                    end = start + len(piece)
                    norms.append(piece)
                    spans.append(_span(text, offsets[start], offsets[end]))
                    start = end
        elif run.kind in (LETTERS, NUMBER):
            norms.append(run.text)
            words.append(run.text)
            spans.append(_span(text, offsets[run.start], offsets[run.end]))
    return norms, spans, words


def _span(text: str, start: int, end: int) -> tuple[int, int]:
    """A token's span, cut before the deleted characters that trail it."""
    while end > start + 1 and text[end - 1] in _DELETED:
        end -= 1
    return start, end
