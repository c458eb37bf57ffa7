"""Read a .docx into blocks in body order (the only module that imports python-docx).

python-docx's `Document.paragraphs` skips tables, its `Paragraph.text` drops tracked
insertions, content controls and Word's computed numbering, and Lao bold often sits only
in w:bCs. So this reader walks the body XML itself, in order, and asks numbering.py for
the label Word shows ("I.", "1.", "•").
"""

from __future__ import annotations

import os
import re
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml.etree import XMLSyntaxError

from laoreport.blocks import Block
from laoreport.errors import CorruptFileError
from laoreport.readers.numbering import W, Numbering
from laoreport.readers.safety import check_docx

MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
TEXT_BOX = f"{W}txbxContent"
_TEXT_TAGS = {f"{W}t": None, f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}
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


def _paragraph_text(p) -> str:
    """The paragraph's own text: tracked insertions kept (w:delText is not read), text boxes left to _text_boxes."""
    parts = []
    for element in p.iter(*_TEXT_TAGS):
        if element.getparent().tag == f"{W}tabs":
            continue  # a tab stop definition, not a tab character
        if _inside(element, p, {TEXT_BOX}):
            continue
        parts.append(element.text or "" if _TEXT_TAGS[element.tag] is None else _TEXT_TAGS[element.tag])
    return "".join(parts)


def _text_boxes(p):
    """The text boxes anchored in a paragraph, each once (Word stores a copy in mc:Fallback)."""
    return [box for box in p.iter(TEXT_BOX) if not _inside(box, p, {TEXT_BOX, MC_FALLBACK})]


def _is_bold(p, styles: _Styles, style_id) -> bool:
    """All text runs bold, by w:b or complex-script w:bCs (where Lao bold usually is), or by style."""
    def bold(r_pr) -> bool:
        return r_pr is not None and any(
            (e := r_pr.find(f"{W}{tag}")) is not None and e.get(f"{W}val", "true") not in ("0", "false")
            for tag in ("b", "bCs"))
    style_bold = any(bold(s.find(f"{W}rPr")) for s in styles.chain(style_id))
    runs = [r for r in p.iter(f"{W}r") if r.find(f"{W}t") is not None and (r.findtext(f"{W}t") or "").strip()]
    return bool(runs) and all(bold(r.find(f"{W}rPr")) or style_bold for r in runs)


def _paragraph_block(p, styles: _Styles, numbering: Numbering, part: str) -> Block:
    p_pr = p.find(f"{W}pPr")
    style_id = p_pr.find(f"{W}pStyle").get(f"{W}val") if p_pr is not None and p_pr.find(f"{W}pStyle") is not None else None
    block = Block(text=_paragraph_text(p), part=part, style=styles.name(style_id))
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


def _body_blocks(container, styles: _Styles, numbering: Numbering, part: str, tables: list[int]) -> list[Block]:
    blocks = []
    for child in container.iterchildren():
        if child.tag == f"{W}p":
            blocks.append(_paragraph_block(child, styles, numbering, part))
            for box in _text_boxes(child):  # a floating box's paragraphs follow the one it is anchored in
                blocks.extend(_body_blocks(box, styles, numbering, part, tables))
        elif child.tag == f"{W}tbl":
            tables[0] += 1
            table_index = tables[0]
            for row_index, row in enumerate(child.iterchildren(f"{W}tr")):
                cells = ["\n".join(b.display_text for b in _body_blocks(cell, styles, numbering, part, tables))
                         for cell in row.iterchildren(f"{W}tc")]
                blocks.append(Block(text="\t".join(cells), kind="table_row", part=part, cells=cells,
                                    table_index=table_index, row_index=row_index))
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}ins", f"{W}customXml"):
            blocks.extend(_body_blocks(child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child,
                                       styles, numbering, part, tables))
    return blocks


def read_docx(path: str | os.PathLike[str]) -> list[Block]:
    """The document's blocks: body paragraphs and table rows in order, then header and footer text."""
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
    tables = [0]
    blocks = _body_blocks(document.element.body, styles, numbering, "body", tables)
    even_pages = document.settings.odd_and_even_pages_header_footer
    for section in document.sections:
        stories = [("header", section.header), ("footer", section.footer)]
        if section.different_first_page_header_footer:  # a title page often has its own header
            stories += [("header", section.first_page_header), ("footer", section.first_page_footer)]
        if even_pages:
            stories += [("header", section.even_page_header), ("footer", section.even_page_footer)]
        for part_name, story in stories:
            if not story.is_linked_to_previous:
                blocks.extend(_body_blocks(story._element, styles, numbering, part_name, tables))
    return blocks
