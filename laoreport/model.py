"""The report data model: what the parser produces, the index stores and `--json` prints.

Plain dataclasses, converted to and from JSON-ready dicts; texts are always the
original text as written (whitespace collapsed), never the normalized form.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

#: What Report.doc_type can be (parsing.metadata tells them apart by the title's first words).
DOC_TYPES = ("summary", "plan", "report", "instruction", "decree", "law", "order", "decision", "resolution",
             "notice", "minutes", "other")


@dataclass
class Source:
    """Where a report came from: its path, its real format (by content) and the file's hash."""

    path: str
    format: str  # "docx" | "doc" | "pdf" | "txt"
    sha256: str
    ocr: bool = False  # text read from page images by OCR, less certain than typed text


@dataclass
class Header:
    """The document's header block, e.g. ຄະນະບໍລິຫານງານພັກ ອອປສ / ເລກທີ 07/ໜພຫກ / ນະຄອນຫຼວງວຽງຈັນ, ວັນທີ ..."""

    organization: str | None = None
    unit: str | None = None
    number: str | None = None  # "2160/ກງ"; None when the number is left blank ("......./ໜພຫກ")
    place: str | None = None
    date: str | None = None  # "YYYY-MM-DD" | "YYYY-MM" | "YYYY" | None
    to: str | None = None  # the addressee of a "ເຖິງ: ..." line (a letter, an order, an instruction)
    subject: str | None = None  # the subject of a "ເລື່ອງ: ..." line
    motto: list[str] = field(default_factory=list)  # national motto, party line, decorative rules


@dataclass
class Task:
    """One work item: done in the reviewed period or planned for the next."""

    text: str
    status: str  # "done" | "planned"
    period: str | None
    section: list[str] = field(default_factory=list)  # labels from the top: ["I", "2", "1.2"]
    carried_over: bool = False  # continues earlier work (ສືບຕໍ່)
    thread: str | None = None  # its task thread, once imported (laoreport.archive.threads)
    outcome: str | None = None  # how that thread ended: "done" | "open" | "dropped"


@dataclass
class Section:
    """A heading with its paragraphs, list items and subsections."""

    label: str | None  # the number as the reader sees it, without its final period: "I", "2.1", "ກ"
    title: str
    level: int
    kind: str = "other"  # "review" | "weakness" | "plan" | "measures" | "other"
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict) -> Section:
        data = dict(data)
        data["children"] = [cls.from_dict(c) for c in data.get("children", [])]
        return cls(**data)


@dataclass
class Report:
    """One parsed document: header, title, periods, section tree and tasks."""

    id: str
    source: Source
    doc_type: str = "other"
    title: str = ""
    period: str | None = None  # the period reviewed: "2019-05", "2019-Q3", "2019-H1", "2019"
    plan_period: str | None = None  # the period planned
    header: Header = field(default_factory=Header)
    sections: list[Section] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    signature: str | None = None
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    def to_json(self, indent: int | None = 2) -> str:
        """JSON with Lao text unescaped, as users read it."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict) -> Report:
        data = dict(data)
        data["source"] = Source(**data["source"])
        data["header"] = Header(**data.get("header") or {})
        data["sections"] = [Section.from_dict(s) for s in data.get("sections", [])]
        data["tasks"] = [Task(**t) for t in data.get("tasks", [])]
        return cls(**data)
