"""Highlights: a search snippet's «matches» as escaped HTML with <mark>, never splitting a Lao letter from its marks.

The search API marks matches with « and » inside a window of the hit's original text.
Lao documents also use « » as quotation marks, so the markers are told apart from the
text's own by aligning the snippet with the text it was cut from. A highlight then
grows to whole letters: a vowel or tone mark above or below (ຶ, ່, ຼ) belongs to the
letter it sits on, so «ນ»ຶກ is shown as <mark>ນຶ</mark>ກ, never as a bare ຶ.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from markupsafe import Markup, escape

from laoreport.archive.snippets import MARK_CLOSE, MARK_OPEN

ELLIPSIS = "…"
_MARKERS = re.compile(f"([{MARK_OPEN}{MARK_CLOSE}])")


def _is_mark(char: str) -> bool:
    """A combining character: Lao vowels above and below, tone marks, ຼ; also ZWJ and ZWNJ."""
    return unicodedata.category(char) in ("Mn", "Mc", "Me") or char in "\u200c\u200d"


def marked_spans(snippet: str, text: str) -> tuple[str, list[tuple[int, int]]] | None:
    """The snippet without its markers and the spans of its matches; None if it was not cut from `text`.

    A snippet is an optional "…", a window of the text with « » around each match, and an
    optional "…". Where the text itself holds a « or » the character may be either, and
    the reading that consumes the whole window wins.
    """
    flat = text.replace("\n", " ")
    if MARK_OPEN not in flat and MARK_CLOSE not in flat and (found := _unambiguous(snippet, flat)):
        return found
    if not snippet.startswith(ELLIPSIS):
        return _align(snippet, flat, 0)
    if flat.startswith(ELLIPSIS) and (found := _align(snippet, flat, 0)):
        return found
    for begin in _window_starts(snippet[1:], flat):
        if (found := _align(snippet[1:], flat, begin)) is not None:
            return ELLIPSIS + found[0], [(start + 1, end + 1) for start, end in found[1]]
    return None


def _unambiguous(snippet: str, flat: str) -> tuple[str, list[tuple[int, int]]] | None:
    """The common case, a text without « »: every « and » of the snippet is a marker."""
    parts = _MARKERS.split(snippet)  # text, marker, text, marker, ..., text
    spans, length, opened = [], 0, -1
    for index, part in enumerate(parts):
        if not index % 2:
            length += len(part)
        elif part == MARK_OPEN and opened < 0:
            opened = length
        elif part == MARK_CLOSE and opened >= 0:
            spans.append((opened, length))
            opened = -1
        else:
            return None
    shown = "".join(parts[::2])
    if opened >= 0 or shown.removeprefix(ELLIPSIS).removesuffix(ELLIPSIS) not in flat:
        return None
    return shown, spans


def _window_starts(body: str, flat: str) -> Iterator[int]:
    """Where in the text a window cut from its middle can start: where its first plain characters are."""
    markers = MARK_OPEN + MARK_CLOSE
    leading = len(body) - len(body.lstrip(markers))  # each may be a marker or the text's own « »
    head = re.split(f"[{markers}{ELLIPSIS}]", body[leading:])[0]
    if not head:
        yield from range(1, len(flat))
        return
    found = flat.find(head, 1)
    while found >= 0:
        yield from (found - back for back in range(leading, -1, -1) if found - back >= 1)
        found = flat.find(head, found + 1)


def _align(body: str, flat: str, begin: int) -> tuple[str, list[tuple[int, int]]] | None:
    """Read `body` as flat[begin:...] with markers, depth first over the readings of « and »."""
    stack: list[tuple[int, int, int, tuple]] = [(0, begin, -1, ())]  # body index, text cursor, open span, spans
    tried = set()  # whether a state can finish does not depend on the spans behind it
    while stack:
        index, cursor, opened, spans = stack.pop()
        if (index, cursor, opened >= 0) in tried:
            continue
        tried.add((index, cursor, opened >= 0))
        if index == len(body):
            if opened < 0 and cursor == len(flat):
                return flat[begin:cursor], list(spans)
            continue
        char, here = body[index], cursor - begin
        if char == ELLIPSIS and index == len(body) - 1 and opened < 0 and cursor < len(flat):
            return flat[begin:cursor] + ELLIPSIS, list(spans)
        readings = []  # most likely first: the text's own « comes before a match's «, a match's » first
        if char == MARK_CLOSE and opened >= 0:
            readings.append((index + 1, cursor, -1, spans + ((opened, here),)))
        if char == flat[cursor:cursor + 1]:
            readings.append((index + 1, cursor + 1, opened, spans))
        if char == MARK_OPEN and opened < 0:
            readings.append((index + 1, cursor, here, spans))
        stack.extend(reversed(readings))
    return None


def whole_letters(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans grown so that none starts or ends between a letter and its combining marks."""
    grown: list[tuple[int, int]] = []
    for start, end in spans:
        while start > 0 and _is_mark(text[start]):
            start -= 1
        while end < len(text) and _is_mark(text[end]):
            end += 1
        if grown and start <= grown[-1][1]:
            grown[-1] = (grown[-1][0], max(end, grown[-1][1]))
        else:
            grown.append((start, end))
    return grown


def highlight(snippet: str, text: str) -> Markup:
    """The snippet as HTML: every character escaped, each match in <mark>."""
    found = marked_spans(snippet, text)
    if found is None:  # not cut from this text: show it as it came, escaped, without highlights
        return escape(snippet)
    plain, spans = found
    parts, cursor = [], 0
    for start, end in whole_letters(plain, spans):
        parts += [escape(plain[cursor:start]), Markup("<mark>"), escape(plain[start:end]), Markup("</mark>")]
        cursor = end
    parts.append(escape(plain[cursor:]))
    return Markup("").join(parts)
