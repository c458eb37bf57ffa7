"""Legacy Lao fonts: know them by name, and read the text typed in them as Unicode Lao.

Before Unicode Lao fonts, Lao was typed in fonts that draw Lao glyphs on Latin code points:
a Word run set in Saysettha Lao stores "À»ñ©Ã¹ÉÁª¡" and shows ເຮັດໃຫ້ແຕກ. A reader that knows
a run's font converts its text here, before anything else sees it. The fonts and their codings
are data (laoreport/data/legacy_fonts.tsv), and so is each coding's table (legacy_lswin.tsv),
with its sources and licence.

    >>> font = legacy_font("Saysettha Lao")
    >>> font.coding, decode("À»ñ©Ã¹ÉÁª¡", font.table)
    ('LSWin', 'ເຮັດໃຫ້ແຕກ')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from laoreport.lao.chars import CONSONANTS
from laoreport.lao.normalize import order_marks

#: A font whose cmap is a "symbol" one gets its text stored by Word at U+F000 + byte; read it as the byte.
_SYMBOL_AREA = {
    0xF000 + byte: char
    for byte in range(0x20, 0x100)
    if (char := bytes([byte]).decode("cp1252", errors="ignore"))
}
_WORD = re.compile(r"\S+")
#: The characters of the upper half of Windows-1252 (as Word stores them), and the symbol area.
_HIGH_LATIN = re.compile("[" + re.escape(bytes(range(0x80, 0x100)).decode("cp1252", errors="ignore")) + "\uf020-\uf0ff]")
#: A word reads as legacy Lao when at least this many of its characters are coded Lao ...
MIN_CODED_PER_WORD = 3
#: ... and they make up this share of its letters (so "Größe" or "café" never do) ...
MIN_CODED_SHARE = 0.75
#: ... and a paragraph does when its legacy-looking words hold this many coded characters.
MIN_CODED_PER_PARAGRAPH = 4


@dataclass(frozen=True)
class LegacyFont:
    """A legacy Lao font met in a document: its name, its coding and that coding's table, when one is known."""

    name: str
    coding: str
    table: Mapping[str, str] | None


def _data_lines(name: str):
    text = files("laoreport").joinpath("data", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def _fonts() -> tuple[tuple[re.Pattern[str], str, str | None], ...]:
    return tuple((re.compile(pattern, re.IGNORECASE), coding, None if table == "-" else table)
                 for pattern, coding, table in _data_lines("legacy_fonts.tsv"))


@cache
def coding_table(name: str) -> Mapping[str, str]:
    """A coding's table from its data file: the character as stored -> the Unicode Lao it stands for."""
    return {chr(int(stored[2:], 16)): "".join(chr(int(cp[2:], 16)) for cp in lao.split())
            for _byte, stored, lao, *_rest in _data_lines(name)}


_STYLE = re.compile(r"(?: (?:bold|italic|oblique|regular|normal|light|medium|narrow))+$", re.IGNORECASE)


def legacy_font(name: str | None) -> LegacyFont | None:
    """The legacy Lao font called `name` (any case, spaces collapsed, a style after the family
    name dropped: old fonts came as families of their own, "Saysettha Lao Bold"), or None for
    any other font.

    >>> legacy_font("ALICE_0").coding, legacy_font("Alice_0").table is None
    ('Alice', True)
    >>> legacy_font("Saysettha Lao Bold").coding, legacy_font("saysettha  lao bold italic").coding
    ('LSWin', 'LSWin')
    >>> legacy_font("Saysettha OT"), legacy_font("Alice0 Unicode"), legacy_font(None)
    (None, None, None)
    """
    if not name:
        return None
    key = _STYLE.sub("", " ".join(name.split()))
    for pattern, coding, table in _fonts():
        if pattern.fullmatch(key):
            return LegacyFont(name, coding, coding_table(table) if table else None)
    return None


def decode(text: str, table: Mapping[str, str]) -> str:
    """Text typed in a legacy font, as Unicode Lao: every character through `table`, marks in writing order.

    Characters the table does not map stay as they are: ASCII letters, digits and punctuation
    are themselves in an LSWin font. The README's strings, with their readings:

    >>> lswin = coding_table("legacy_lswin.tsv")
    >>> decode("¦ô®ªÒ, µøÈªÒ, ´óµøÈ, ª˜¤µøÈ", lswin)
    'ສຶບຕໍ່, ຢູ່ຕໍ່, ມີຢູ່, ຕັ້ງຢູ່'
    >>> decode("ªó, À£¾½, ¥ñ¤¹¸½, ¡¾\\xadÀª˜\\xad", lswin)
    'ຕີ, ເຄາະ, ຈັງຫວະ, ການເຕັ້ນ'

    The font draws a tone mark at the same place whether it is typed before or after the vowel,
    so typists did both; Unicode wants the vowel first (jvongxay/laofont's ®úð­¾¤ö¸, ບໍ່ນາງົວ):

    >>> decode("®úð\\xad¾¤ö¸", lswin)
    'ບໍ່ນາງົວ'

    A font with a symbol character map has its text stored at U+F000 + byte:

    >>> decode("\\uf0c0\\uf0bb\\uf0f1\\uf0a9", lswin)
    'ເຮັດ'
    """
    mapped = "".join(table.get(char, char) for char in text.translate(_SYMBOL_AREA))
    return order_marks(mapped)


def unmapped(text: str, table: Mapping[str, str]) -> list[str]:
    """The Latin-1 and Windows-1252 characters of legacy text that `table` has no reading for, in order
    (ASCII is itself, and Unicode Lao typed into a legacy-font run is already Lao).

    >>> unmapped("ê†Ã§É 2019 ສຳເລັດ", coding_table("legacy_lswin.tsv"))
    ['†']
    """
    return [char for char in _HIGH_LATIN.findall(text.translate(_SYMBOL_AREA)) if char not in table]


def legacy_words(text: str) -> list[str]:
    """The words of text set in an ordinary font that read like LSWin-coded Lao: made of the
    Latin-1 letters and signs the LSWin table maps, and decoding to Lao with a consonant.

    >>> legacy_words("ມອບ À»ñ©Ã¹ÉÁª¡ 500 ອັນ; Größe, café, élève, ©2019, ½ hour, 25°C, ±3")
    ['À»ñ©Ã¹ÉÁª¡']
    """
    if not _HIGH_LATIN.search(text):
        return []
    table = coding_table("legacy_lswin.tsv")
    found = []
    for word in _WORD.findall(text.translate(_SYMBOL_AREA)):
        coded = [char for char in word if ord(char) >= 0x80 and char in table]
        letters = [char for char in word if char.isalpha() or char in table]
        if (len(coded) >= MIN_CODED_PER_WORD and len(coded) >= MIN_CODED_SHARE * len(letters)
                and any(char in CONSONANTS for char in decode(word, table))):
            found.append(word)
    return found


def looks_legacy(text: str) -> bool:
    """Whether text set in an ordinary font holds Lao typed in a legacy font (enough legacy_words).

    Such text is only reported, never converted: without the font's name its coding is a guess.

    >>> looks_legacy("ບໍ່ຮູ້ຈັກຟອນ: À»ñ©Ã¹ÉÁª¡"), looks_legacy("½¾ ©®")
    (True, False)
    """
    table = coding_table("legacy_lswin.tsv")
    coded = sum(ord(char) >= 0x80 and char in table for word in legacy_words(text) for char in word)
    return coded >= MIN_CODED_PER_PARAGRAPH
