"""Snippets: a window of a hit's original text around its matches, each match marked «like this»."""

from __future__ import annotations

MARK_OPEN, MARK_CLOSE = "«", "»"


def make_snippet(text: str, spans: list[tuple[int, int]], context: int = 60) -> str:
    """A window of the original text around the first match, every match in it marked «like this»."""
    flat = text.replace("\n", " ")
    if not spans:
        return flat[: 2 * context] + ("…" if len(flat) > 2 * context else "")
    begin = max(0, spans[0][0] - context)
    if begin:  # start at a word gap, never inside a syllable
        gap = flat.find(" ", begin, spans[0][0])
        begin = gap + 1 if gap >= 0 else spans[0][0]
    end = min(len(flat), spans[0][1] + 2 * context)
    gap = flat.rfind(" ", spans[0][1], end)
    end = gap if end < len(flat) and gap > 0 else end
    out, cursor = [], begin
    for start, stop in spans:
        if start < cursor or stop > end:
            continue
        out += [flat[cursor:start], MARK_OPEN, flat[start:stop], MARK_CLOSE]
        cursor = stop
    out.append(flat[cursor:end])
    return ("…" if begin else "") + "".join(out) + ("…" if end < len(flat) else "")
