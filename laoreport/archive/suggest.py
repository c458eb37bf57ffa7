"""Did-you-mean: a near spelling of a query made of words the index holds."""

from __future__ import annotations

from laoreport.lao import word_tokens


def suggest(searcher, query: str) -> str | None:
    """A near spelling made of words the index holds (ຫຼຽນທີລະນຶກ -> ຫຼຽນທີ່ລະນຶກ), longest stretches first."""
    tokens = word_tokens(query)
    pieces, index, changed = [], 0, False
    while index < len(tokens):
        for size in (3, 2, 1):
            window = tokens[index:index + size]
            joined = "".join(t.norm for t in window)
            if len(window) < size or searcher.has_term("words", joined):
                continue
            near = searcher.suggest("words", joined)
            if near:
                pieces.append((window[0].start, window[-1].end, near))
                index += size
                changed = True
                break
        else:
            index += 1
    suggestion = query
    for start, end, near in reversed(pieces):
        suggestion = suggestion[:start] + near + suggestion[end:]
    return suggestion if changed else None
