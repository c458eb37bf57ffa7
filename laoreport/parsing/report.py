"""Parse one document file into a Report: read blocks, find header and title, build sections and tasks."""

from __future__ import annotations

import os
import re

from laoreport.blocks import Block
from laoreport.lao import normalize
from laoreport.parsing.metadata import doc_type, is_motto, is_title_start, parse_header, title_periods
from laoreport.model import Report, Source
from laoreport.readers import read_document
from laoreport.parsing.structure import BULLET, Line, build_sections, collect_tasks, match_heading, month_warnings

MAX_HEADER_LINES = 25
OCR_WARNING = "scanned pages were read by OCR: check names, numbers and dates against the original"
SIGNATURE_WORDS = ("ເລຂາ", "ລັດຖະມົນຕີ", "ຫົວໜ້າ", "ປະທານ", "ເຈົ້າແຂວງ", "ນາຍົກ", "ຮອງ", "ຜູ້ອຳນວຍການ")


def parse_report(path: str | os.PathLike[str]) -> Report:
    """Read `path` (DOCX, DOC, PDF or TXT, by content) and parse it into a Report."""
    document = read_document(path)
    source = Source(document.path, document.format, document.sha256, ocr=document.ocr)
    report = parse_blocks(document.blocks, source)
    if document.ocr:
        report.warnings.append(OCR_WARNING)
    return report


def _cells(block: Block) -> list[str]:
    if block.kind == "table_row":
        return [line.strip() for cell in block.cells for line in cell.split("\n") if line.strip()]
    return [c.strip() for c in re.split(r"\t+|\s{3,}", block.display_text) if c.strip()]


def _is_structural(text: str) -> bool:
    return bool(match_heading(text) or BULLET.match(text))


def _title_span(lines: list[Line]) -> tuple[int, int]:
    """Where the title starts and ends (end exclusive); (0, 0) when the document has none."""
    seen = 0
    for start, line in enumerate(lines):
        text = line.text.strip()
        if not text:
            continue
        seen += 1
        if seen > MAX_HEADER_LINES:
            break
        if line.block.kind == "paragraph" and is_title_start(text) and not is_motto(text):
            end = start + 1
            while (end < len(lines) and end - start < 4 and lines[end].text.strip()
                   and not _is_structural(lines[end].text.strip()) and len(lines[end].text) < 200
                   and "ເລກທີ" not in normalize(lines[end].text)):
                end += 1
            return start, end
    return 0, 0


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
    title = " ".join(line.text.strip() for line in lines[start:end])
    header_cells = [cell for line in lines[:start] for cell in _cells(line.block)]
    if not any("ເລກທີ" in normalize(c) for c in header_cells):  # a law puts it under the title: ເລກທີ 127/ປປທ
        header_cells += [
            cell for line in lines[end:end + 2] for cell in _cells(line.block) if "ເລກທີ" in normalize(cell)
        ]
    header = parse_header(header_cells)
    signature, body_end = _signature(lines)
    period, plan_period = title_periods(title)
    sections, warnings = build_sections(lines[end:body_end])
    warnings = month_warnings(sections, period, plan_period) + warnings
    if any("ເລກທີ" in normalize(c) for c in header_cells) and header.number is None:
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
