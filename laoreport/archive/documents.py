"""Index documents: a report becomes one report document, one per section and one per task.

Each text is segmented once (in an import worker) and carried to the writer with what the
index keeps of it (see phrases.py), so that a search can answer with the exact task
("ສ້າງແຜນຜະລິດຫຼຽນທີ່ລະນຶກ", planned for 2019-06) as well as the month's whole report.

Each text is indexed once. A section indexes its heading, its paragraphs and the items that
are not tasks; its tasks are documents of their own, so an item is never found twice, once
as a task and once as its section (a search for `--kind section` still finds a section
through its tasks). A report indexes its title, its number (ເລກທີ 2160/ກງ) and, for a letter,
its subject (ເລື່ອງ) and addressee (ເຖິງ), and is found through its sections and tasks.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator

from laoreport.archive.filters import document_months, number_key, office_keys
from laoreport.archive.phrases import Header, month_number, pack_spans, sequence
from laoreport.archive.store import TermCounts
from laoreport.lao.tokens import indexed_tokens
from laoreport.model import Report, Section


class _Pieces:
    """Segments each distinct text once; joins texts into one with their tokens' offsets shifted."""

    def __init__(self):
        self._cache: dict[str, tuple[list[str], list[tuple[int, int]]]] = {}
        self.words: set[str] = set()

    def join(self, texts: list[str]) -> tuple[str, list[str], list[tuple[int, int]]]:
        """The texts joined by line breaks, their syllables and the syllables' spans in the joined text."""
        texts = [t for t in texts if t]
        norms: list[str] = []
        spans: list[tuple[int, int]] = []
        offset = 0
        for text in texts:
            if text not in self._cache:
                text_norms, text_spans, words = indexed_tokens(text)
                self._cache[text] = (text_norms, text_spans)
                self.words.update(words)
            text_norms, text_spans = self._cache[text]
            norms += text_norms
            spans += text_spans if not offset else [(start + offset, end + offset) for start, end in text_spans]
            offset += len(text) + 1
        return "\n".join(texts), norms, spans


def header_fields(report: Report) -> dict:
    """What the report's header holds, as every one of its documents carries it for filters."""
    header = report.header
    return {
        "doc_type": report.doc_type,
        "org": ",".join(office_keys(header.organization, header.unit)) or None,
        "number": number_key(header.number),
        "date": header.date,
    }


def _walk(sections: list[Section], path=(), task_path=()) -> Iterator[tuple[tuple, tuple, Section]]:
    """Each section with its path of labels, and the path its tasks carry (model.Task.section)."""
    for number, section in enumerate(sections, 1):
        here = path + (section.label or str(number),)
        tasks_here = task_path + (section.label or section.title[:20],)
        yield here, tasks_here, section
        yield from _walk(section.children, here, tasks_here)


def report_text(report: Report) -> str:
    """The report's whole text in reading order: its header, title, then every section.

    Two files with this same text are one document (a .docx and its text export); the header
    counts, so that two offices' reports written from one template, or one office's two
    letters differing only in their ເລກທີ or date, stay two documents.
    """
    header = report.header
    parts = [header.organization or "", header.unit or "", header.number or "", header.date or "", report.title]
    for _, _, section in _walk(report.sections):
        parts += [section.title, *section.paragraphs, *section.items]
    return "\n".join(parts)


def _indexed(text: str, norms: list[str], spans: list, kind: str, status, months, report_offset: int,
             section_offset=0) -> dict:
    """The fields that make a document findable: its syllables' postings, phrase bytes, spans."""
    header = Header(kind, status, month_number(months[0]), month_number(months[1]), report_offset, section_offset)
    return {
        "text": text,
        "syllables": TermCounts.of(Counter(norms)),
        "match": header.pack() + sequence(norms),
        "spans": pack_spans(spans),
    }


def index_documents(report: Report) -> list[dict]:
    """The report, section and task documents of one report, each text segmented once."""
    pieces = _Pieces()
    common = {"report_id": report.id, "source": report.source.path, **header_fields(report)}
    date = report.header.date
    waiting: dict[tuple, list[int]] = {}  # (task path, text) -> tasks not yet found among the items
    for number, task in enumerate(report.tasks):
        waiting.setdefault((tuple(task.section), task.text), []).append(number)
    task_section: dict[int, int] = {}  # task number -> position of its section's document
    sections = []
    for path, task_path, section in _walk(report.sections):
        own_items = []
        for item in section.items:
            tasks = waiting.get((task_path, item))
            if tasks:
                task_section[tasks.pop(0)] = 1 + len(sections)
            else:
                own_items.append(item)
        period = report.plan_period if section.kind == "plan" and report.plan_period else report.period
        text, norms, spans = pieces.join([section.title, *section.paragraphs, *own_items])
        months = document_months(period, date)
        sections.append({
            **common, "period": period, "period_start": months[0], "period_end": months[1],
            "doc_id": f"{report.id}/s/{'/'.join(path)}", "kind": "section", "section": list(path),
            "title": section.title, **_indexed(text, norms, spans, "section", None, months, 1 + len(sections)),
        })
    tasks = []
    for number, task in enumerate(report.tasks):
        position = 1 + len(sections) + number
        text, norms, spans = pieces.join([task.text])
        months = document_months(task.period, date)
        tasks.append({
            **common, "period": task.period, "period_start": months[0], "period_end": months[1],
            "doc_id": f"{report.id}/t/{number}", "kind": "task", "status": task.status,
            "carried_over": task.carried_over, "section": task.section, "title": None,
            **_indexed(text, norms, spans, "task", task.status, months, position,
                       position - task_section[number] if number in task_section else 0),
        })
    header = report.header
    number_line = f"ເລກທີ {header.number}" if header.number else ""
    letter_lines = [f"ເລື່ອງ: {header.subject}" if header.subject else "", f"ເຖິງ: {header.to}" if header.to else ""]
    text, norms, spans = pieces.join([report.title, number_line, *letter_lines])
    period = report.period or report.plan_period
    months = document_months(period, date)
    report_document = {
        **common, "period": period, "period_start": months[0], "period_end": months[1],
        "doc_id": report.id, "lookup_id": report.id, "kind": "report", "title": report.title,
        "sha256": report.source.sha256, "plan_period": report.plan_period,
        **_indexed(text, norms, spans, "report", None, months, 0),
        # every word of the report, once: the words "did you mean" may suggest
        "words": TermCounts.of(dict.fromkeys(pieces.words, 1)),
        "text_sha256": hashlib.sha256(report_text(report).encode()).hexdigest(),
        "report_json": report.to_json(indent=None),
    }
    return [report_document, *sections, *tasks]
