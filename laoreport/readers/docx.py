"""Read a .docx into blocks in body order (the only module that imports python-docx).

python-docx's `Document.paragraphs` skips tables, its `Paragraph.text` drops tracked
insertions, content controls and Word's computed numbering, and Lao bold often sits only
in w:bCs. So this reader walks the body XML itself, in order, and asks numbering.py for
the label Word shows ("I.", "1.", "•"). Runs set in a legacy Lao font (Saysettha Lao:
"À»ñ©Ã¹ÉÁª¡") are read as Unicode Lao (ເຮັດໃຫ້ແຕກ) by legacy_fonts.py.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections import Counter

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml.etree import XMLSyntaxError

from laoreport.blocks import Block
from laoreport.errors import CorruptFileError
from laoreport.readers.legacy_fonts import LegacyFont, decode, legacy_font, legacy_words, looks_legacy, unmapped
from laoreport.readers.numbering import W, Numbering
from laoreport.readers.safety import check_docx

MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
TEXT_BOX = f"{W}txbxContent"
_TEXT_TAGS = {f"{W}t": None, f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-",
              f"{W}softHyphen": ""}
SOFT_HYPHEN = "\u00ad"
_HEADING = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)


class _Styles:
    """Paragraph styles by id: name, base style, and the properties read through the basedOn chain."""

    def __init__(self, styles_element):
        self._styles = {}
        for style in styles_element.findall(f"{W}style") if styles_element is not None else []:
            self._styles[style.get(f"{W}styleId")] = style

    def chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            style = self._styles[style_id]
            yield style
            based = style.find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else None

    def name(self, style_id: str | None) -> str | None:
        style = self._styles.get(style_id)
        name = style.find(f"{W}name") if style is not None else None
        return name.get(f"{W}val") if name is not None else style_id

    def numbering_styles(self) -> dict[str, tuple[str, int]]:
        """Numbering styles (numStyleLink targets): style id -> (numId, ilvl)."""
        out = {}
        for style_id, style in self._styles.items():
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None and num_pr.find(f"{W}numId") is not None:
                ilvl = num_pr.find(f"{W}ilvl")
                out[style_id] = (num_pr.find(f"{W}numId").get(f"{W}val"),
                                 int(ilvl.get(f"{W}val")) if ilvl is not None else 0)
        return out


def _find_in_chain(p_pr, styles: _Styles, style_id, tag: str):
    """A paragraph property (numPr, jc, outlineLvl) from the paragraph, else from its style chain."""
    if p_pr is not None and p_pr.find(tag) is not None:
        return p_pr.find(tag)
    for style in styles.chain(style_id):
        found = style.find(f"{W}pPr/{tag}")
        if found is not None:
            return found
    return None


def _inside(element, paragraph, tags: set[str]) -> bool:
    """Whether `element` sits in one of `tags` between itself and its paragraph."""
    for ancestor in element.iterancestors():
        if ancestor is paragraph:
            return False
        if ancestor.tag in tags:
            return True
    return False


def _on(element) -> bool:
    """A w:b / w:cs / w:rtl toggle: on unless w:val says 0 or false."""
    return element is not None and element.get(f"{W}val", "true") not in ("0", "false")


class _RunFonts:
    """The font a run's Latin text is drawn in, found as Word finds it.

    Word draws Latin-1 characters with w:rFonts hAnsi (ascii for plain ASCII), or with cs when
    the run is complex script (w:cs, w:rtl); each attribute comes from the run itself, else its
    character style, else the paragraph's style chain, else the document defaults. A theme font
    (hAnsiTheme) wins over a named one at its level and is never a legacy Lao font.
    """

    def __init__(self, styles: _Styles, defaults, parts):
        self._styles = styles
        self._defaults = defaults
        self._cache: dict[tuple, tuple[str | None, LegacyFont | None]] = {}
        names = {name for part in parts for fonts in part.iter(f"{W}rFonts")
                 for attribute, name in fonts.attrib.items() if not attribute.endswith("Theme")}
        #: whether any part (styles, body, headers, footers) names a legacy font: most documents do not
        self.any_legacy = any(legacy_font(name) for name in names)

    def _levels(self, r_pr, paragraph_style: str | None) -> list:
        levels = [r_pr]
        r_style = r_pr.find(f"{W}rStyle") if r_pr is not None else None
        if r_style is not None:
            levels += [style.find(f"{W}rPr") for style in self._styles.chain(r_style.get(f"{W}val"))]
        levels += [style.find(f"{W}rPr") for style in self._styles.chain(paragraph_style)]
        return [level for level in levels + [self._defaults] if level is not None]

    def font(self, run, paragraph_style: str | None) -> tuple[str | None, LegacyFont | None]:
        """The run's font name (None when only a theme or the application default gives it) and,
        when that is a legacy Lao font, the font."""
        r_pr = run.find(f"{W}rPr")
        key = (paragraph_style,) if r_pr is None else (paragraph_style, *(
            tuple(element.attrib.items()) if (element := r_pr.find(f"{W}{tag}")) is not None else None
            for tag in ("rFonts", "rStyle", "cs", "rtl")))
        if key not in self._cache:
            levels = self._levels(r_pr, paragraph_style)

            def first(tag: str):
                return next((found for level in levels if (found := level.find(f"{W}{tag}")) is not None), None)

            def named(attribute: str) -> str | None:
                for level in levels:
                    fonts = level.find(f"{W}rFonts")
                    if fonts is not None and fonts.get(f"{W}{attribute}Theme") is not None:
                        return None
                    if fonts is not None and fonts.get(f"{W}{attribute}"):
                        return fonts.get(f"{W}{attribute}")
                return None

            if _on(first("cs")) or _on(first("rtl")):
                names = [named("cs")]
            else:
                names = [named("hAnsi"), named("ascii")]
            legacy = next((found for name in names if (found := legacy_font(name))), None)
            self._cache[key] = (legacy.name if legacy else next((n for n in names if n), None), legacy)
        return self._cache[key]


class _LegacyText:
    """Reads runs set in a legacy Lao font as Unicode Lao, and keeps what the user should be told:
    runs in a legacy font with no known table, characters a table has no reading for, and text
    that looks legacy-coded in an ordinary font (reported, never converted)."""

    def __init__(self, fonts: _RunFonts, body):
        self.fonts = fonts
        self._body = body
        self._soft_hyphen_is_nun: bool | None = None
        self.left_as_typed: Counter[tuple[str, str]] = Counter()
        self.unmapped: Counter[str] = Counter()
        self.suspect_paragraphs = 0
        self.suspect_fonts: set[str] = set()
        self.suspect_sample = ""

    def soft_hyphen_is_nun(self) -> bool:
        """Whether soft hyphens in LSWin runs (Word's w:softHyphen, or U+00AD) are the letter ນ.

        The first LSWin fonts put ນ at 0xAD, which Word keeps as an optional hyphen
        (w:softHyphen); later ones moved ນ to 0xDF (ß) and left 0xAD to the invisible syllable
        breaks that Lao Script for Windows inserts. So a document whose LSWin text has a ß
        reads its soft hyphens as breaks, and any other reads them as ນ.
        """
        if self._soft_hyphen_is_nun is None:
            self._soft_hyphen_is_nun = not any(
                "ß" in (text.text or "")
                for p in self._body.iter(f"{W}p")
                for run in p.iter(f"{W}r")
                if (font := self.fonts.font(run, _style_id(p))[1]) is not None and font.table
                for text in run.iter(f"{W}t"))
        return self._soft_hyphen_is_nun

    def paragraph(self, items: list[tuple], style_id: str | None) -> str:
        """The text of a paragraph's items (run element or None, text, whether a soft hyphen), the runs
        in a legacy font read as Unicode Lao."""
        if not self.fonts.any_legacy:
            text = "".join(text for _run, text, _soft in items)
            if looks_legacy(text):
                self._suspect([(self._name(run, style_id), text) for run, text, _soft in items])
            return text
        pieces: list[list] = []  # [font name, legacy font or None, text]: consecutive runs in one font
        for run, text, soft in items:
            name, font = self.fonts.font(run, style_id) if run is not None else (None, None)
            if font is not None and font.table and (soft or SOFT_HYPHEN in text):
                nun = self.soft_hyphen_is_nun()  # else a syllable break, which is not text
                text = (SOFT_HYPHEN if nun else "") if soft else text if nun else text.replace(SOFT_HYPHEN, "")
            if pieces and pieces[-1][0] == name:
                pieces[-1][2] += text
            else:
                pieces.append([name, font, text])
        out, ordinary, typed = [], [], set()
        for name, legacy, text in pieces:
            if legacy is None:
                out.append(text)
                ordinary.append((name, text))
            elif legacy.table is None:
                out.append(text)
                typed.add((legacy.name, legacy.coding))
            else:
                self.unmapped.update(unmapped(text, legacy.table))
                out.append(decode(text, legacy.table))
        self.left_as_typed.update(typed)
        if looks_legacy(" ".join(text for _name, text in ordinary)):
            self._suspect(ordinary)
        return "".join(out)

    def _name(self, run, style_id: str | None) -> str | None:
        return self.fonts.font(run, style_id)[0] if run is not None else None

    def _suspect(self, ordinary: list[tuple[str | None, str]]) -> None:
        """Note a paragraph whose text in ordinary fonts (font name, text) looks legacy-coded."""
        words = legacy_words(" ".join(text for _name, text in ordinary))
        self.suspect_paragraphs += 1
        self.suspect_fonts.update(name or "the default font" for name, text in ordinary if any(w in text for w in words))
        self.suspect_sample = self.suspect_sample or " ".join(words)[:30]

    def warnings(self) -> list[str]:
        said = [f"{count} paragraph{'s' * (count > 1)} in the legacy Lao font {name} left as typed: "
                f"laoreport has no table for its {coding} coding"
                for (name, coding), count in sorted(self.left_as_typed.items())]
        if self.unmapped:
            chars = ", ".join(f"{char} (U+{ord(char):04X}) {count}x" for char, count in sorted(self.unmapped.items()))
            said.append(f"characters in legacy Lao fonts with no known reading left as typed: {chars}")
        if self.suspect_paragraphs:
            count = self.suspect_paragraphs
            said.append(f"{count} {'paragraphs look' if count > 1 else 'paragraph looks'} like Lao typed in a legacy font "
                        f'("{self.suspect_sample}") but {"are" if count > 1 else "is"} set in {", ".join(sorted(self.suspect_fonts))}, '
                        "not a known legacy Lao font: left as typed")
        return said


def _style_id(p) -> str | None:
    style = p.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val") if style is not None else None


def _paragraph_text(p, style_id: str | None, legacy: _LegacyText) -> str:
    """The paragraph's own text: tracked insertions kept (w:delText is not read), text boxes left to
    _text_boxes, runs in a legacy Lao font read as Unicode Lao."""
    items = []
    for element in p.iter(*_TEXT_TAGS):
        if element.getparent().tag == f"{W}tabs":
            continue  # a tab stop definition, not a tab character
        if _inside(element, p, {TEXT_BOX}):
            continue
        run = element.getparent()
        text = element.text or "" if _TEXT_TAGS[element.tag] is None else _TEXT_TAGS[element.tag]
        items.append((run if run.tag == f"{W}r" else None, text, element.tag == f"{W}softHyphen"))
    return legacy.paragraph(items, style_id)


def _text_boxes(p):
    """The text boxes anchored in a paragraph, each once (Word stores a copy in mc:Fallback)."""
    return [box for box in p.iter(TEXT_BOX) if not _inside(box, p, {TEXT_BOX, MC_FALLBACK})]


def _is_bold(p, styles: _Styles, style_id) -> bool:
    """All text runs bold, by w:b or complex-script w:bCs (where Lao bold usually is), or by style."""
    def bold(r_pr) -> bool:
        return r_pr is not None and any(_on(r_pr.find(f"{W}{tag}")) for tag in ("b", "bCs"))
    style_bold = any(bold(s.find(f"{W}rPr")) for s in styles.chain(style_id))
    runs = [r for r in p.iter(f"{W}r") if r.find(f"{W}t") is not None and (r.findtext(f"{W}t") or "").strip()]
    return bool(runs) and all(bold(r.find(f"{W}rPr")) or style_bold for r in runs)


def _paragraph_block(p, styles: _Styles, numbering: Numbering, legacy: _LegacyText, part: str) -> Block:
    p_pr = p.find(f"{W}pPr")
    style_id = _style_id(p)
    block = Block(text=_paragraph_text(p, style_id, legacy), part=part, style=styles.name(style_id))
    num_pr = _find_in_chain(p_pr, styles, style_id, f"{W}numPr")
    if num_pr is not None and num_pr.find(f"{W}numId") is not None:
        ilvl = num_pr.find(f"{W}ilvl")
        level = int(ilvl.get(f"{W}val")) if ilvl is not None else 0
        block.label = numbering.label(num_pr.find(f"{W}numId").get(f"{W}val"), level)
        block.list_level = level if block.label else None
    heading = _HEADING.match(block.style or "")
    outline = _find_in_chain(p_pr, styles, style_id, f"{W}outlineLvl")
    if heading:
        block.heading_level = int(heading[1])
    elif outline is not None and outline.get(f"{W}val", "9").isdigit() and int(outline.get(f"{W}val")) < 9:
        block.heading_level = int(outline.get(f"{W}val")) + 1
    jc = _find_in_chain(p_pr, styles, style_id, f"{W}jc")
    block.centered = jc is not None and jc.get(f"{W}val") == "center"
    block.bold = _is_bold(p, styles, style_id)
    return block


def _body_blocks(container, styles: _Styles, numbering: Numbering, legacy: _LegacyText, part: str,
                 tables: list[int]) -> list[Block]:
    blocks = []
    for child in container.iterchildren():
        if child.tag == f"{W}p":
            blocks.append(_paragraph_block(child, styles, numbering, legacy, part))
            for box in _text_boxes(child):  # a floating box's paragraphs follow the one it is anchored in
                blocks.extend(_body_blocks(box, styles, numbering, legacy, part, tables))
        elif child.tag == f"{W}tbl":
            tables[0] += 1
            table_index = tables[0]
            for row_index, row in enumerate(child.iterchildren(f"{W}tr")):
                cells = ["\n".join(b.display_text for b in _body_blocks(cell, styles, numbering, legacy, part, tables))
                         for cell in row.iterchildren(f"{W}tc")]
                blocks.append(Block(text="\t".join(cells), kind="table_row", part=part, cells=cells,
                                    table_index=table_index, row_index=row_index))
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}ins", f"{W}customXml"):
            blocks.extend(_body_blocks(child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child,
                                       styles, numbering, legacy, part, tables))
    return blocks


def read_docx(path: str | os.PathLike[str], warnings: list[str] | None = None) -> list[Block]:
    """The document's blocks: body paragraphs and table rows in order, then header and footer text.

    What the user should know about the text (legacy-font text left as typed) is added to `warnings`.
    """
    check_docx(path)
    try:
        document = docx.Document(os.fspath(path))
    except (PackageNotFoundError, KeyError, ValueError, XMLSyntaxError, zipfile.BadZipFile) as error:
        raise CorruptFileError(path, f"not a readable Word document ({type(error).__name__})") from None
    styles = _Styles(document.styles.element)
    try:
        numbering_element = document.part.numbering_part.element
    except (NotImplementedError, KeyError):  # no numbering.xml: no automatic numbers
        numbering_element = None
    numbering = Numbering(numbering_element, styles.numbering_styles())
    defaults = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    stories = [part.element for part in document.part.package.iter_parts()
               if str(part.partname).startswith(("/word/header", "/word/footer"))]
    fonts = _RunFonts(styles, defaults, [document.styles.element, document.element.body, *stories])
    legacy = _LegacyText(fonts, document.element.body)
    tables = [0]
    blocks = _body_blocks(document.element.body, styles, numbering, legacy, "body", tables)
    even_pages = document.settings.odd_and_even_pages_header_footer
    for section in document.sections:
        stories = [("header", section.header), ("footer", section.footer)]
        if section.different_first_page_header_footer:  # a title page often has its own header
            stories += [("header", section.first_page_header), ("footer", section.first_page_footer)]
        if even_pages:
            stories += [("header", section.even_page_header), ("footer", section.even_page_footer)]
        for part_name, story in stories:
            if not story.is_linked_to_previous:
                blocks.extend(_body_blocks(story._element, styles, numbering, legacy, part_name, tables))
    if warnings is not None:
        warnings.extend(legacy.warnings())
    return blocks
