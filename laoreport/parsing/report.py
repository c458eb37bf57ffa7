"""Parse one document file into a Report: read blocks, find header and title, build sections and tasks."""

from __future__ import annotations

import os
import re

from laoreport.blocks import Block
from laoreport.lao import normalize
from laoreport.parsing.metadata import (
    closes_title, doc_type, header_field, is_motto, is_title_start, parse_header, title_periods,
)
from laoreport.model import Report, Source
from laoreport.readers import read_document
from laoreport.parsing.structure import BULLET, Line, build_sections, collect_tasks, match_heading, month_warnings

MAX_HEADER_LINES = 25
MAX_TITLE_LINES = 4
INDENTED = 8  # columns of leading whitespace that put a text line in a header's right-hand column
SIGNATURE_WORDS = ("ເລຂາ", "ລັດຖະມົນຕີ", "ຫົວໜ້າ", "ປະທານ", "ເຈົ້າແຂວງ", "ນາຍົກ", "ຮອງ", "ຜູ້ອຳນວຍການ")
# Formats whose lines may be wrapped inside a sentence (a text export keeps the line breaks of the page).
WRAPPED_FORMATS = ("txt", "pdf")


def parse_report(path: str | os.PathLike[str]) -> Report:
    """Read `path` (DOCX, DOC, PDF or TXT, by content) and parse it into a Report."""
    document = read_document(path)
    source = Source(document.path, document.format, document.sha256, ocr=document.ocr)
    report = parse_blocks(document.blocks, source)
    report.warnings[:0] = document.warnings  # the reader's first: they are about the whole text
    return report


def _columns(block: Block) -> tuple[list[str], list[str]]:
    """(left, right) header cells of a block: a table row's first cell and the others, or a line
    split at tabs and runs of spaces, whose pieces after the first stand in the right-hand column;
    a line indented far from the margin stands there whole."""
    if block.kind == "table_row":
        cells = [[line.strip() for line in cell.split("\n") if line.strip()] for cell in block.cells]
        return (cells[0] if cells else []), [line for cell in cells[1:] for line in cell]
    text = block.display_text
    pieces = [c.strip() for c in re.split(r"\t+|\s{3,}", text) if c.strip()]
    if len(text.expandtabs(8)) - len(text.expandtabs(8).lstrip()) >= INDENTED:
        return [], pieces
    return pieces[:1], pieces[1:]


def _is_structural(text: str) -> bool:
    return bool(match_heading(text) or BULLET.match(text))


def _title_span(lines: list[Line]) -> tuple[int, int]:
    """Where the title starts and ends (end exclusive); (0, 0) when the document has none.

    The title is the run of lines from one that names a document type (ບົດສະຫຼຸບ..., ດຳລັດ...)
    to the first line that cannot be title (closes_title: ອີງຕາມ..., ເຖິງ:, ເລື່ອງ:, "... ອອກຄຳແນະນຳ:"),
    a blank line, a heading or bullet, or, when the first line is bold or centered, a line that is neither.
    """
    seen = 0
    for start, line in enumerate(lines):
        text = line.text.strip()
        if not text:
            continue
        seen += 1
        if seen > MAX_HEADER_LINES:
            break
        if line.block.kind == "paragraph" and is_title_start(text) and not is_motto(text):
            formatted = line.block.bold or line.block.centered
            end = start + 1
            while end < len(lines) and end - start < MAX_TITLE_LINES and _continues_title(lines[end], formatted):
                end += 1
            return start, end
    return 0, 0


def _continues_title(line: Line, formatted: bool) -> bool:
    text = line.text.strip()
    if not text or len(text) >= 200 or line.block.kind != "paragraph" or _is_structural(text) or closes_title(text):
        return False
    return not formatted or line.block.bold or line.block.centered


def _after_title(lines: list[Line], end: int, has_number: bool) -> tuple[int, list[str]]:
    """Where the body starts, and the header lines that follow a title: a law's ເລກທີ line,
    ເຖິງ: and ເລື່ອງ: lines (an addressee that ends with a comma goes on on the next line)."""
    cells: list[str] = []
    body = end
    for position in range(end, len(lines)):
        text = lines[position].text.strip()
        if not text:
            continue
        if cells and cells[-1].endswith(",") and header_field(cells[-1]) and not (
                header_field(text) or _is_structural(text) or closes_title(text)):
            cells[-1] = f"{cells[-1]} {text}"
        elif header_field(text) or (not has_number and position - end < 3 and normalize(text).startswith("ເລກທີ")):
            cells.append(text)
        else:
            break
        body = position + 1
    return body, cells


def _signature(lines: list[Line]) -> tuple[str | None, int]:
    """The signer's title at the end (ເລຂາໜ່ວຍພັກ), and where the body stops."""
    end = len(lines)
    while end and not lines[end - 1].text.strip():
        end -= 1
    if end:
        last = lines[end - 1].text.strip()
        if len(last) < 60 and not _is_structural(last) and any(w in normalize(last) for w in SIGNATURE_WORDS):
            return last, end - 1
    return None, end


def parse_blocks(blocks: list[Block], source: Source) -> Report:
    """The Report for blocks already read from `source`."""
    lines = [Line(b.display_text, b) for b in blocks if b.part == "body"]
    start, end = _title_span(lines)
    title = re.sub(r"\s+", " ", " ".join(line.text for line in lines[start:end])).strip()
    left, right = [], []
    for line in lines[:start]:
        line_left, line_right = _columns(line.block)
        left += line_left
        right += line_right
    has_number = any("ເລກທີ" in normalize(cell) for cell in left + right)
    body_start, after_title = _after_title(lines, end, has_number)  # a law's ເລກທີ 127/ປປທ is under its title
    left += after_title
    header = parse_header(left, right)
    signature, body_end = _signature(lines)
    period, plan_period = title_periods(title)
    sections, warnings = build_sections(lines[body_start:body_end], wrapped=source.format in WRAPPED_FORMATS)
    warnings = month_warnings(sections, period, plan_period) + warnings
    if any("ເລກທີ" in normalize(cell) for cell in left + right) and header.number is None:
        warnings.append("the document number (ເລກທີ) is left blank")
    return Report(
        id=source.sha256[:16],
        source=source,
        doc_type=doc_type(title),
        title=title,
        period=period,
        plan_period=plan_period,
        header=header,
        sections=sections,
        tasks=collect_tasks(sections, period, plan_period),
        signature=signature,
        warnings=warnings,
    )
