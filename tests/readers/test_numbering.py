"""Word's numbering rules on hand-written numbering.xml: each rule, with the label Word shows."""

import pytest
from lxml import etree

from laoreport.readers.numbering import Numbering, format_number

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def lvl(ilvl, fmt="decimal", text="%1.", start=1, extra=""):
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


def numbering(body: str, styles=None) -> Numbering:
    return Numbering(etree.fromstring(f"<w:numbering {NS}>{body}</w:numbering>"), styles)


OUTLINE = ('<w:abstractNum w:abstractNumId="0">' + lvl(0, "upperRoman", "%1.") + lvl(1, "decimal", "%1.%2")
           + lvl(2, "lowerLetter", "%3)") + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')


def labels(numbers: Numbering, uses):
    return [numbers.label(num_id, ilvl) for num_id, ilvl in uses]


def test_each_level_in_its_own_format_and_deeper_levels_restart():
    uses = [("1", 0), ("1", 1), ("1", 1), ("1", 2), ("1", 2), ("1", 0), ("1", 1), ("1", 2)]
    assert labels(numbering(OUTLINE), uses) == ["I.", "I.1", "I.2", "a)", "b)", "II.", "II.1", "a)"]


def test_is_lgl_renders_every_level_decimal():
    body = OUTLINE.replace(lvl(1, "decimal", "%1.%2"), lvl(1, "decimal", "%1.%2", extra="<w:isLgl/>"))
    assert labels(numbering(body), [("1", 0), ("1", 0), ("1", 1)]) == ["I.", "II.", "2.1"]


def test_two_nums_on_one_abstract_continue_one_count_and_start_override_restarts():
    body = OUTLINE + ('<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>'
                      '<w:num w:numId="3"><w:abstractNumId w:val="0"/>'
                      '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>')
    uses = [("1", 0), ("1", 0), ("2", 0), ("3", 0), ("3", 0), ("1", 0)]
    assert labels(numbering(body), uses) == ["I.", "II.", "III.", "I.", "II.", "III."]


def test_level_override_replaces_the_abstract_definition():
    body = OUTLINE + ('<w:num w:numId="4"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">'
                      + lvl(0, "decimal", "ມາດຕາ %1", start=5) + '</w:lvlOverride></w:num>')
    assert labels(numbering(body), [("4", 0), ("4", 0)]) == ["ມາດຕາ 5", "ມາດຕາ 6"]


def test_start_values_and_lvl_restart_zero_never_restarts():
    body = ('<w:abstractNum w:abstractNumId="0">' + lvl(0, "decimal", "%1.", start=3)
            + lvl(1, "decimalZero", "%2", extra='<w:lvlRestart w:val="0"/>')
            + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    assert labels(numbering(body), [("1", 0), ("1", 1), ("1", 0), ("1", 1)]) == ["3.", "01", "4.", "02"]


def test_num_style_link_follows_the_numbering_style():
    body = ('<w:abstractNum w:abstractNumId="0"><w:numStyleLink w:val="LaoOutline"/></w:abstractNum>'
            '<w:abstractNum w:abstractNumId="1">' + lvl(0, "upperLetter", "%1.") + '</w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
            '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>')
    numbers = numbering(body, {"LaoOutline": ("2", 0)})
    assert labels(numbers, [("1", 0), ("2", 0), ("1", 0)]) == ["A.", "B.", "C."]


@pytest.mark.parametrize("symbol, shown", [("\uf0b7", "•"), ("\uf0a7", "▪"), ("–", "–"), ("\uf076", "•")])
def test_bullets_show_a_readable_symbol(symbol, shown):
    body = ('<w:abstractNum w:abstractNumId="0">' + lvl(0, "bullet", symbol)
            + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    assert numbering(body).label("1", 0) == shown


def test_no_number_for_num_id_zero_unknown_nums_or_levels():
    numbers = numbering(OUTLINE)
    assert [numbers.label("0", 0), numbers.label("9", 0), numbers.label("1", 7)] == [None, None, None]
    assert Numbering(None).label("1", 0) is None


@pytest.mark.parametrize("number, fmt, shown", [
    (4, "upperRoman", "IV"), (1994, "upperRoman", "MCMXCIV"), (9, "lowerRoman", "ix"),
    (27, "upperLetter", "AA"), (28, "lowerLetter", "bb"), (7, "decimalZero", "07"), (12, "decimalZero", "12"),
    (12, "thaiNumbers", "໑໒"), (2, "thaiLetters", "ຂ"), (3, "ordinalText", "3"), (5, "none", ""),
])
def test_format_number(number, fmt, shown):
    assert format_number(number, fmt) == shown
