"""Index documents: a report becomes one report document, one per section and one per task.

Each text is segmented once (in an import worker) and carried to the writer with its tokens,
so that a search can answer with the exact task ("ສ້າງແຜນຜະລິດຫຼຽນທີ່ລະນຶກ", planned for
2019-06) as well as the month's whole report.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from laoreport.archive.store import Analyzed
from laoreport.lao import syllable_tokens, word_tokens
from laoreport.model import Report, Section
from laoreport.periods import month_range


class _Pieces:
    """Segments each distinct text once and joins texts with their tokens' offsets shifted."""

    def __init__(self):
        self._cache: dict[str, tuple[list, list]] = {}

    def tokens(self, text: str) -> tuple[list, list]:
        if text not in self._cache:
            self._cache[text] = (word_tokens(text), syllable_tokens(text))
        return self._cache[text]

    def join(self, texts: list[str]) -> Analyzed:
        texts = [t for t in texts if t]
        words, syllables, offset = [], [], 0
        for text in texts:
            text_words, text_syllables = self.tokens(text)
            words.extend((t.norm, t.start + offset, t.end + offset) for t in text_words)
            syllables.extend((t.norm, t.start + offset, t.end + offset) for t in text_syllables)
            offset += len(text) + 1
        return Analyzed("\n".join(texts), words, syllables)


def _period_fields(period: str | None) -> dict:
    if not period:
        return {"period": None, "period_start": None, "period_end": None}
    first, last = month_range(period)
    return {"period": period, "period_start": first, "period_end": last}


def _walk(sections: list[Section], path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Section]]:
    for number, section in enumerate(sections, 1):
        here = path + (section.label or str(number),)
        yield here, section
        yield from _walk(section.children, here)


def _section_texts(section: Section) -> list[str]:
    return [section.title, *section.paragraphs, *section.items]


def report_text(report: Report) -> str:
    """The report's whole text in reading order: title, then every section."""
    return "\n".join([report.title, *("\n".join(_section_texts(s)) for _, s in _walk(report.sections))])


def index_documents(report: Report) -> list[dict]:
    """The report, section and task documents of one report, each text segmented once."""
    pieces = _Pieces()
    common = {
        "report_id": report.id,
        "source": report.source.path,
        "sha256": report.source.sha256,
        "doc_type": report.doc_type,
        "plan_period": report.plan_period,
    }
    all_texts = [report.title]
    sections = []
    for path, section in _walk(report.sections):
        texts = _section_texts(section)
        all_texts.extend(texts)
        period = report.plan_period if section.kind == "plan" and report.plan_period else report.period
        analyzed = pieces.join(texts)
        sections.append({
            **common, **_period_fields(period),
            "doc_id": f"{report.id}/s/{'/'.join(path)}", "kind": "section",
            "section": list(path), "title": section.title,
            "text": str(analyzed), "words": analyzed, "syllables": analyzed,
        })
    # a report indexes its title only: its content is indexed once, in its sections and tasks,
    # and a report is found through them (see search); this keeps import to one copy of the text
    heading = pieces.join([report.title])
    documents = [{
        **common, **_period_fields(report.period or report.plan_period),
        "doc_id": report.id, "kind": "report", "title": report.title,
        "text": "\n".join(t for t in all_texts if t), "words": heading, "syllables": heading,
        "text_sha256": hashlib.sha256(report_text(report).encode()).hexdigest(),
        "report_json": report.to_json(indent=None),
    }, *sections]
    for number, task in enumerate(report.tasks):
        analyzed = pieces.join([task.text])
        documents.append({
            **common, **_period_fields(task.period),
            "doc_id": f"{report.id}/t/{number}", "kind": "task", "status": task.status,
            "carried_over": task.carried_over,
            "section": task.section, "title": None, "text": task.text,
            "words": analyzed, "syllables": analyzed,  # one value carries both token lists
        })
    return documents
