"""Blocks to a section tree: headings by numbering pattern, items, continuation lines, tasks.

A heading's level comes from its pattern family (I., 1., 1.1, ກ., ໑., ມາດຕາ ...) and the
order in which families first appear, never from its digits: the seed numbers the
subsections of section 2 "1.1, 1.2, 1.3", and they still belong under 2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from laoreport.blocks import Block
from laoreport.lao import normalize
from laoreport.parsing.metadata import month_number
from laoreport.model import Section, Task

# (family, pattern): the label is group 1; the rest of the line is the heading's title.
HEADING_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(r"^(ພາກທີ\s*[\dIVXໆ໐-໙]+)\.?\s*(.*)$")),
    ("chapter", re.compile(r"^((?:ໝວດທີ|ຫມວດທີ)\s*[\dIVX໐-໙]+)\.?\s*(.*)$")),
    ("article", re.compile(r"^(ມາດຕາ\s*[\d໐-໙]+)\.?\s*(.*)$")),
    ("roman", re.compile(r"^([IVX]{1,5})\s*[.)]\s*(.+)$")),
    ("decimal2", re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(.+)$")),
    ("decimal", re.compile(r"^(\d{1,2})\s*\.\s*(\S.*)$")),
    ("paren", re.compile(r"^(\d{1,2})\)\s*(.+)$")),
    ("lao_letter", re.compile(r"^([ກ-ຮ])\s*[.)]\s+(.+)$")),
    ("lao_digit", re.compile(r"^([໐-໙]{1,2})\s*[.)]\s*(.+)$")),
)
BULLET = re.compile(r"^([·\-•*\uf0b7▪●○◦–])\s*(.*)$")
SENTENCE_END = (";", ".", ":", "!", "?", "…", "·", ")")
# Legal divisions rank by what they are, whichever appears first: ພາກ > ໝວດ > ມາດຕາ.
FIXED_RANK = {"part": 0, "chapter": 1, "article": 2}
LAO_MARKS = re.compile(r"^[\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd]")

KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("weakness", ("ຈຸດອ່ອນ", "ບົດຮຽນ", "ຂໍ້ຄົງຄ້າງ")),
    ("measures", ("ມາດຕະການ",)),
    ("plan", ("ທິດທາງ", "ແຜນການ", "ວຽກງານຈຸດສຸມ", "ແຜນວຽກ")),
    ("review", ("ການຊີ້ນຳ", "ຜົນການຈັດຕັ້ງປະຕິບັດ", "ສະຫຼຸບ", "ຕີລາຄາ", "ຜົນສຳເລັດ")),
)


@dataclass
class Line:
    """A block seen as one line of the document, with its computed label in front."""

    text: str
    block: Block


def section_kind(title: str) -> str:
    norm = normalize(title)
    for kind, words in KIND_WORDS:
        if any(word in norm for word in words):
            return kind
    return "other"


def match_heading(text: str) -> tuple[str, str, str] | None:
    """(family, label, title) of a numbered heading line, or None."""
    for family, pattern in HEADING_PATTERNS:
        match = pattern.match(text)
        if match:
            return family, match[1].rstrip("."), match[2].strip()
    return None


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _join(previous: str, line: str) -> str:
    """Join a continuation line; Lao broken at a line end is joined without a space (ອົງ|ການ)."""
    if previous and "\u0e80" <= previous[-1] <= "\u0eff" and "\u0e80" <= line[0] <= "\u0eff":
        return previous + line
    return f"{previous} {line}"


class _Builder:
    def __init__(self):
        self.root = Section(label=None, title="", level=0)
        self.stack: list[tuple[str, Section]] = []  # (family, section) from the top
        self.family_order: list[str] = []
        self.last: tuple[list[str], int] | None = None  # where a continuation line would go

    def current(self) -> Section:
        return self.stack[-1][1] if self.stack else self.root

    def heading(self, family: str, label: str, title: str) -> None:
        if family not in self.family_order:
            self.family_order.insert(self._rank_of_new(family), family)
        families = [f for f, _ in self.stack]
        if family in families:
            del self.stack[families.index(family):]
        else:
            # a family first seen deeper than the current one nests; one ranked higher closes deeper ones
            rank = self.family_order.index(family)
            while self.stack and self.family_order.index(self.stack[-1][0]) > rank:
                self.stack.pop()
        parent = self.current()
        section = Section(label=label, title=title, level=len(self.stack) + 1)
        section.kind = section_kind(title) if section_kind(title) != "other" else parent.kind
        parent.children.append(section)
        self.stack.append((family, section))
        self.last = None

    def _rank_of_new(self, family: str) -> int:
        if family in FIXED_RANK:
            for index, seen in enumerate(self.family_order):
                if FIXED_RANK.get(seen, -1) > FIXED_RANK[family]:
                    return index
        return len(self.family_order)

    def item(self, text: str) -> None:
        items = self.current().items
        items.append(text)
        self.last = (items, len(items) - 1)

    def paragraph(self, text: str) -> None:
        paragraphs = self.current().paragraphs
        paragraphs.append(text)
        self.last = (paragraphs, len(paragraphs) - 1)

    def continues(self, text: str) -> bool:
        """A line that carries on the previous item: it starts mid-word, or the item had not ended."""
        if self.last is None:
            return False
        target, index = self.last
        previous = target[index]
        is_item = target is self.current().items
        return bool(LAO_MARKS.match(text)) or (is_item and not previous.rstrip().endswith(SENTENCE_END))

    def add(self, line: Line) -> None:
        text = _collapse(line.text)
        if not text:
            self.last = None
            return
        if line.block.kind == "table_row":
            cells = [_collapse(c) for c in line.block.cells if _collapse(c)]
            if line.block.row_index and cells:
                self.item(" — ".join(c for c in cells if not re.fullmatch(r"[\d໐-໙.]+", c)) or cells[0])
            return
        if line.block.label and line.block.list_level is not None:  # Word's automatic numbering
            body = _collapse(line.block.text)
            if BULLET.match(line.block.label) or not re.search(r"\w", line.block.label):
                self.item(body)
            else:
                self.heading(f"list{line.block.list_level}", line.block.label.rstrip("."), body)
            return
        bullet = BULLET.match(text)
        if bullet and bullet[2]:
            self.item(bullet[2])
            return
        heading = match_heading(text)
        if heading and not self.continues_number(text):
            self.heading(*heading)
            return
        if line.block.heading_level and line.block.heading_level <= 3:
            self.heading(f"style{line.block.heading_level}", "", text)
            return
        if self.continues(text):
            target, index = self.last
            target[index] = _join(target[index], text)
            return
        self.paragraph(text)

    def continues_number(self, text: str) -> bool:
        """A wrapped line that happens to start with a number ("3,4 ແລະ 5 ...") is not a heading."""
        return bool(re.match(r"^\d+\s*[,،]", text))


def build_sections(lines: list[Line]) -> tuple[list[Section], list[str]]:
    """The section tree of the body lines, and warnings about its numbering.

    Lines broken inside an item are joined whatever the format: the seed's DOCX and its
    text export break the same items at the same places.
    """
    builder = _Builder()
    for line in lines:
        builder.add(line)
    root = builder.root
    sections = root.children
    if root.paragraphs or root.items:  # text before the first heading (ອີງຕາມ ... lines)
        sections.insert(0, Section(None, "", 1, "other", root.paragraphs, root.items))
    return sections, list(_numbering_warnings(sections, None))


def _numbering_warnings(sections: list[Section], parent: Section | None):
    """Subsections numbered under another section (the seed's 1.1 under 2), and gaps in 1, 2, 3."""
    misplaced = [s.label for s in sections if parent and parent.label and re.fullmatch(r"\d+", parent.label)
                 and re.fullmatch(r"\d+(\.\d+)+", s.label or "") and s.label.split(".")[0] != parent.label]
    if misplaced:
        yield (f"section {parent.label} ({parent.title[:30]}) has subsections numbered "
               f"{', '.join(misplaced)}: attached to {parent.label} by position")
    plain = [int(s.label) for s in sections if (s.label or "").isdigit()]
    if plain and plain != list(range(plain[0], plain[0] + len(plain))):
        yield f"numbering out of sequence: {', '.join(map(str, plain))}"
    for section in sections:
        yield from _numbering_warnings(section.children, section)


def month_warnings(sections: list[Section], period: str | None, plan_period: str | None) -> list[str]:
    """Top-level review/plan headings that name another month than the title's (the seed's ເມສາ)."""
    warnings = []
    for section in sections:
        expected = {"review": period, "plan": plan_period}.get(section.kind)
        named = month_number(section.title)
        if expected and named and len(expected) == 7 and int(expected[5:]) != named:
            warnings.append(
                f"heading {section.label}. names month {named:02d} but the title's period is {expected}: {section.title}"
            )
    return warnings


def collect_tasks(sections: list[Section], period: str | None, plan_period: str | None) -> list[Task]:
    """Items under review sections are done in the period; under plan sections, planned for the next."""
    tasks: list[Task] = []

    def walk(section: Section, path: list[str], kind: str) -> None:
        kind = section.kind if section.kind != "other" else kind
        here = path + [section.label or section.title[:20]]
        if kind in ("review", "plan"):
            status, when = ("done", period) if kind == "review" else ("planned", plan_period)
            for item in section.items:
                tasks.append(Task(item, status, when, here, carried_over="ສືບຕໍ່" in normalize(item)))
        for child in section.children:
            walk(child, here, kind)

    for top in sections:
        walk(top, [], "other")
    return tasks
