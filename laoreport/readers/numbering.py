"""Word's automatic numbering: the label ("I.", "2.1", "ກ.", "•") a reader sees before a paragraph.

DOCX files do not store these labels; python-docx's text omits them. Word computes them from
numbering.xml while laying out the document: numId -> num (with level overrides) ->
abstractNum (or the one its numStyleLink names), a counter per abstractNum and level that
restarts deeper levels when a higher one advances, and a lvlText such as "%1.%2" whose every
%n is rendered in level n's own format. This module repeats that computation on lxml elements.
"""

from __future__ import annotations

from dataclasses import dataclass

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BULLET_SYMBOLS = {"\uf0b7": "•", "\uf02d": "–", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓", "o": "◦", "": "•"}
ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
LAO_DIGITS = str.maketrans("0123456789", "໐໑໒໓໔໕໖໗໘໙")
LAO_LETTERS = "ກຂຄງຈສຊຍດຕຖທນບປຜຝພຟມຢຣລວຫອຮ"


def _val(element, tag: str, default: str | None = None) -> str | None:
    child = element.find(f"{W}{tag}") if element is not None else None
    return child.get(f"{W}val", default) if child is not None else default


def roman(number: int) -> str:
    out = []
    for value, letters in ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def letters(number: int, alphabet: str) -> str:
    """Word's letter numbering: a..z, then aa, bb, ..."""
    if number < 1:
        return ""
    return alphabet[(number - 1) % len(alphabet)] * ((number - 1) // len(alphabet) + 1)


def format_number(number: int, fmt: str) -> str:
    """One level's counter in its numFmt; unknown formats fall back to decimal."""
    if fmt == "upperRoman":
        return roman(number)
    if fmt == "lowerRoman":
        return roman(number).lower()
    if fmt == "upperLetter":
        return letters(number, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if fmt == "lowerLetter":
        return letters(number, "abcdefghijklmnopqrstuvwxyz")
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt in ("thaiNumbers", "hindiNumbers"):
        return str(number).translate(LAO_DIGITS)
    if fmt == "thaiLetters":
        return letters(number, LAO_LETTERS)
    if fmt == "none":
        return ""
    return str(number)


def bullet_symbol(text: str) -> str:
    """A bullet as readable text: Symbol/Wingdings glyphs live in the Private Use Area (U+F0B7 is •)."""
    if text in BULLET_SYMBOLS:
        return BULLET_SYMBOLS[text]
    if any("\ue000" <= ch <= "\uf8ff" for ch in text):
        return "•"
    return text


@dataclass
class Level:
    fmt: str
    text: str
    start: int
    restart: int | None  # lvlRestart: the level whose use restarts this one (None: any higher level)
    legal: bool  # isLgl: every %n rendered as decimal


class Numbering:
    """The numbering definitions of one document and the running counters of its lists."""

    def __init__(self, numbering_element, styles_numpr: dict[str, tuple[str, int]] | None = None):
        self._abstract = {}
        self._nums = {}
        if numbering_element is not None:
            for abstract in numbering_element.findall(f"{W}abstractNum"):
                self._abstract[abstract.get(f"{W}abstractNumId")] = abstract
            for num in numbering_element.findall(f"{W}num"):
                self._nums[num.get(f"{W}numId")] = num
        self.style_numpr = styles_numpr or {}
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()

    def _abstract_of(self, num) -> tuple[str | None, object]:
        abstract_id = _val(num, "abstractNumId")
        abstract = self._abstract.get(abstract_id)
        link = _val(abstract, "numStyleLink")
        if link and link in self.style_numpr:  # the list is defined on a numbering style
            linked = self._nums.get(self.style_numpr[link][0])
            if linked is not None:
                abstract_id = _val(linked, "abstractNumId")
                abstract = self._abstract.get(abstract_id)
        return abstract_id, abstract

    def _level(self, num, abstract, ilvl: int) -> Level | None:
        lvl = None
        for override in num.findall(f"{W}lvlOverride"):
            if override.get(f"{W}ilvl") == str(ilvl):
                lvl = override.find(f"{W}lvl")
        if lvl is None and abstract is not None:
            for candidate in abstract.findall(f"{W}lvl"):
                if candidate.get(f"{W}ilvl") == str(ilvl):
                    lvl = candidate
        if lvl is None:
            return None
        restart = _val(lvl, "lvlRestart")
        return Level(
            fmt=_val(lvl, "numFmt", "decimal"),
            text=_val(lvl, "lvlText", "") or "",
            start=int(_val(lvl, "start", "1") or 1),
            restart=int(restart) if restart is not None else None,
            legal=lvl.find(f"{W}isLgl") is not None,
        )

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the list's counter and return the label Word shows, or None when it shows none."""
        num = self._nums.get(num_id)
        if num_id == "0" or num is None:
            return None
        abstract_id, abstract = self._abstract_of(num)
        levels = {i: self._level(num, abstract, i) for i in range(ilvl + 1)}
        level = levels[ilvl]
        if level is None:
            return None
        counters = self._counters.setdefault(abstract_id, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for override in num.findall(f"{W}lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    counters[int(override.get(f"{W}ilvl"))] = int(start) - 1
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            deeper_level = self._level(num, abstract, deeper)
            if deeper_level is None or deeper_level.restart is None or deeper_level.restart > ilvl:
                del counters[deeper]
        if level.fmt == "bullet":
            return bullet_symbol(level.text)
        text = level.text
        for n in range(9, 0, -1):
            if f"%{n}" in text:
                shown = levels.get(n - 1) or self._level(num, abstract, n - 1)
                value = counters.get(n - 1, shown.start if shown else 1)
                fmt = "decimal" if level.legal or shown is None else shown.fmt
                text = text.replace(f"%{n}", format_number(value, fmt))
        return text or None  # numFmt "none" (LibreOffice's unnumbered headings) shows nothing
