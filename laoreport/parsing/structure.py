"""Blocks to a section tree: headings by numbering pattern, items, continuation lines, tasks.

A heading's level comes from its pattern family (I., 1., 1.1, ກ., ໑., ມາດຕາ ...) and the
order in which families first appear, never from its digits: the seed numbers the
subsections of section 2 "1.1, 1.2, 1.3", and they still belong under 2.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from laoreport.blocks import Block
from laoreport.lao import normalize
from laoreport.parsing.metadata import month_number
from laoreport.model import Section, Task

# (family, pattern): the label is group 1; the rest of the line is the heading's title.
HEADING_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # an annex after the signed text: ເອກະສານຄັດຕິດທ້າຍ ເລກທີ 01: ..., ເອກະສານຊ້ອນທ້າຍ 02: ...
    ("annex", re.compile(r"^((?:ເອກະສານ|ບັນຊີ)\s*(?:ຄັດຕິດ|ຊ້ອນ|ແນບ)\s*ທ້າຍ(?:\s*ເລກທີ)?\s*[\d໐-໙IVX]*)\s*[:.]?\s*(.*)$")),
    ("part", re.compile(r"^(ພາກທີ່?\s*[\dIVX໐-໙]+)\.?\s*(.*)$")),
    ("chapter", re.compile(r"^((?:ໝວດທີ|ຫມວດທີ)່?\s*[\dIVX໐-໙]+)\.?\s*(.*)$")),
    ("article", re.compile(r"^(ມາດຕາ\s*[\d໐-໙]+)\.?\s*(.*)$")),
    ("roman", re.compile(r"^([IVX]{1,5})\s*[.)]\s*(.+)$")),
    ("decimal2", re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(.+)$")),
    ("decimal", re.compile(r"^(\d{1,2})\s*\.(?!\d)\s*(\S.*)$")),  # not an amount: 50.000 ກີບ
    ("paren", re.compile(r"^(\d{1,2})\)\s*(.+)$")),
    ("lao_letter", re.compile(r"^([ກ-ຮ])\s*[.)]\s+(.+)$")),
    ("lao_digit", re.compile(r"^([໐-໙]{1,2})\s*[.)]\s*(.+)$")),
)
BULLET = re.compile(r"^([·\-•*+\uf0b7▪●○◦–➢►■◆❖])\s*(.*)$")
SENTENCE_END = (";", ".", ":", "!", "?", "…", "·", ")")
# Legal divisions rank by what they are, whichever appears first: (annex) > ພາກ > ໝວດ > ມາດຕາ.
FIXED_RANK = {"annex": -1, "part": 0, "chapter": 1, "article": 2}
LAO_MARKS = re.compile(r"^[\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd]")
# A heading line that runs on into the first heading under it: "IV. ວິທີການຄິດໄລ່ ... 1. ວິທີຄິດໄລ່ ...",
# "ການແບ່ງຄວາມຮັບຜິດຊອບ ... ຫມວດທີ 1".
EMBEDDED_FIRST = re.compile(r"\s((?:(?:ໝວດທີ|ຫມວດທີ)່?\s*(?:1|I|໑)|1\s*\.)(?:\s+\S.*)?)$")
LAO_LETTERS = "ກຂຄງຈສຊຍດຕຖທນບປຜຝພຟມຢຣລວຫອຮ"
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
         "XI": 11, "XII": 12, "XIII": 13, "XIV": 14, "XV": 15}

KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("weakness", ("ຈຸດອ່ອນ", "ບົດຮຽນ", "ຂໍ້ຄົງຄ້າງ")),
    ("measures", ("ມາດຕະການ",)),
    ("plan", ("ທິດທາງ", "ແຜນການ", "ວຽກງານຈຸດສຸມ", "ແຜນວຽກ")),
    ("review", ("ການຊີ້ນຳ", "ຜົນການຈັດຕັ້ງປະຕິບັດ", "ສະຫຼຸບ", "ຕີລາຄາ", "ຜົນສຳເລັດ", "ຜົນງານ")),
)
# What follows a cited division: ມາດຕາ 8 ວັກ 2 (paragraph 2 of article 8), ຂໍ້ 3, ຂອງ..., ເຖິງ/ຫາ ມາດຕາ 9, "9, 10 ແລະ 15".
REFERENCE = re.compile(r"^(?:(?:ວັກ|ຂໍ້)\s*(?:ທີ\s*)?[\d໐-໙]|ຂອງ|ແລະ|(?:ເຖິງ|ຫາ)\s|,)")
MAX_KIND_TITLE = 120  # a longer "heading" is a numbered sentence, whatever words it holds
KIND_PREFIX = 60  # the words a kind is read from stand within this many characters
WRAPPED_TITLE, TITLE_TAIL = 50, 40  # a heading this long may wrap; its wrapped end is this short
LONGEST_TITLE = 250  # the title of a part or chapter, on the line under its number


@dataclass
class Line:
    """A block seen as one line of the document, with its computed label in front."""

    text: str
    block: Block


def section_kind(title: str) -> str:
    """What a heading announces, from the words it starts with (after ການ or ບັນດາ):
    "ທິດທາງ, ວຽກງານຈຸດສຸມ..." -> plan, "ຈຸດອ່ອນ ແລະ ບົດຮຽນ" -> weakness.

    A word further in does not count ("ໃບສົ່ງເສີມ... ແມ່ນເອກະສານ... ແຜນການ..." defines a term),
    nor does a numbered sentence (one ending with ";", or a long one).
    """
    if len(title) > MAX_KIND_TITLE or title.rstrip().endswith(";"):
        return "other"
    norm = re.sub(r"^(?:\(.*?\)|[\s\-–:.,])*", "", normalize(title[:KIND_PREFIX]))
    bare = re.sub(r"^(?:ການ|ບັນດາ)\s*", "", norm)
    for kind, words in KIND_WORDS:
        if norm.startswith(words) or bare.startswith(words):
            return kind
    return "other"


def match_heading(text: str) -> tuple[str, str, str] | None:
    """(family, label, title) of a numbered heading line, or None."""
    for family, pattern in HEADING_PATTERNS:
        match = pattern.match(text)
        if match:
            return family, match[1].rstrip("."), match[2].strip()
    return None


def split_embedded(family: str, title: str) -> tuple[str, str | None]:
    """(title, first subheading) of a heading line that runs on into the first heading under it.

    >>> split_embedded("roman", "ວິທີການຄິດໄລ່ ອາກອນ 1. ວິທີຄິດໄລ່ເບຍ")
    ('ວິທີການຄິດໄລ່ ອາກອນ', '1. ວິທີຄິດໄລ່ເບຍ')
    """
    match = EMBEDDED_FIRST.search(title)
    if match and match.start() > 0:
        inner = match_heading(match[1])
        if inner and inner[0] != family:
            return title[:match.start()].strip(), match[1]
    return title, None


def ordinal(label: str | None) -> int | None:
    """The position a label names: "IV" -> 4, "2.3" -> 3, "ມາດຕາ 12" -> 12, "ຂ" -> 2, "໓" -> 3."""
    match = re.search(r"([\d໐-໙]+|[IVX]+|[ກ-ຮ])$", label or "")
    if not match:
        return None
    token = match[1]
    if token in ROMAN:
        return ROMAN[token]
    if token in LAO_LETTERS:
        return LAO_LETTERS.index(token) + 1
    if token[0].isdigit():
        return int(normalize(token))
    return None


def _own_line(text: str) -> bool:
    """A pipe-table row ("| ... |") or a formula ("ຄ່າອາກອນ = 70.000 ກີບ x 50%") is a line of its own."""
    return text.startswith("|") or " = " in text


def _is_reference(family: str, label: str, title: str) -> bool:
    """A line that cites a legal division rather than opening one: "ມາດຕາ 8 ວັກ 2 ຂອງ ກົດໝາຍ...",
    "ມາດຕາ 9, 10 ແລະ 15 ..." (a title never starts with these words)."""
    return family in FIXED_RANK and bool(REFERENCE.match(normalize(title[:12])))


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _join(previous: str, line: str, spaced: bool = False) -> str:
    """Join a continuation line; Lao broken at a line end is joined without a space (ອົງ|ການ),
    unless the line ended with a space."""
    if not spaced and previous and "\u0e80" <= previous[-1] <= "\u0eff" and "\u0e80" <= line[0] <= "\u0eff":
        return previous + line
    return f"{previous} {line}"


class _Builder:
    def __init__(self, wrapped: bool = False):
        self.root = Section(label=None, title="", level=0)
        self.wrapped = wrapped  # lines may break inside a sentence (text exports)
        self.stack: list[tuple[str, Section]] = []  # (family, section) from the top
        self.family_order: list[str] = []
        self.nested: set[tuple[str, str]] = set()  # (family, family seen under it)
        self.last: tuple[list[str], int] | None = None  # where a continuation line would go
        self.spaced = False  # the last line ended with a space (a word ended there)
        self.untitled: tuple[str, Section, str] | None = None  # (family, heading, parent's kind) awaiting a title
        self.open_heading: Section | None = None  # the heading just read, whose title a wrapped line may finish

    def current(self) -> Section:
        return self.stack[-1][1] if self.stack else self.root

    def heading(self, family: str, label: str, title: str) -> None:
        title, first_child = split_embedded(family, title)
        if family not in self.family_order:
            self.family_order.insert(self._rank_of_new(family), family)
        families = [f for f, _ in self.stack]
        if family in families:
            del self.stack[families.index(family):]
        else:
            while self.stack and self._closes(family, self.stack[-1][0]):
                self.stack.pop()
        parent = self.current()
        section = Section(label=label, title=title, level=len(self.stack) + 1)
        own = section_kind(title)
        section.kind = own if own != "other" else parent.kind
        parent.children.append(section)
        self.nested.update((ancestor, family) for ancestor, _ in self.stack)
        self.stack.append((family, section))
        self.last = None
        self.untitled = (family, section, parent.kind) if not title else None
        self.open_heading = section if title and not first_child else None
        if first_child:
            self.add(Line(first_child, Block(first_child)))

    def _closes(self, family: str, open_family: str) -> bool:
        """Whether a heading of `family`, not open, closes the open section of `open_family`.

        It does when it ranks higher and has already been seen above that family (or is a legal
        division, ranked by what it is). A family that first appeared elsewhere, such as the
        1) ... 5) of a definition list, nests where it stands: under 2.1, and 2.2 still follows 2.1.
        """
        ranks_higher = self.family_order.index(open_family) > self.family_order.index(family)
        return ranks_higher and (family in FIXED_RANK or (family, open_family) in self.nested)

    def _rank_of_new(self, family: str) -> int:
        if family in FIXED_RANK:
            for index, seen in enumerate(self.family_order):
                if FIXED_RANK.get(seen, 99) > FIXED_RANK[family]:
                    return index
        return len(self.family_order)

    def _title_from_line(self, text: str) -> bool:
        """Give an untitled heading ("ໝວດທີ I") the line under it as its title ("ບົດບັນຍັດທົ່ວໄປ").

        A part or chapter always has a title, however long ("ພາກທີ X" then a list of 14 words on
        what the law's last part covers); an untitled article may just as well open on its text,
        so only a short line without a sentence end becomes its title.
        """
        family, section, parent_kind = self.untitled
        self.untitled = None
        longest = {"article": TITLE_TAIL, "part": LONGEST_TITLE, "chapter": LONGEST_TITLE}.get(family, MAX_KIND_TITLE)
        if (len(text) > longest or text.endswith((";", ":")) or (family == "article" and text.endswith(SENTENCE_END))
                or match_heading(text) or BULLET.match(text)):
            return False
        section.title, first_child = split_embedded(family, text)
        own = section_kind(section.title)
        section.kind = own if own != "other" else parent_kind
        if first_child:
            self.add(Line(first_child, Block(first_child)))
        return True

    def item(self, text: str) -> None:
        items = self.current().items
        items.append(text)
        self.last = (items, len(items) - 1)

    def paragraph(self, text: str) -> None:
        paragraphs = self.current().paragraphs
        paragraphs.append(text)
        self.last = (paragraphs, len(paragraphs) - 1)

    def _unfinished(self) -> bool:
        """The previous line stopped mid-sentence (no ; . : at its end)."""
        if self.last is None:
            return False
        target, index = self.last
        return not target[index].rstrip().endswith(SENTENCE_END)

    def _finishes_title(self, heading: Section, text: str) -> bool:
        """In a text export, the short end of a long heading wrapped onto the next line:
        "4. ການສິ້ນສຸດ ... ຄ່າເຊົ່າ ຫຼື ສໍາປະທານ" / "ທີ່ດິນຂອງລັດ", or of a numbered item read as a
        heading: "1) ... ທີ່ໄດ້ກໍານົດໄວ້ໃນມາດຕາ 11 ຂອງ" / "ກົດຫມາຍວ່າດ້ວຍການສົ່ງເສີມການລົງທຶນ;"."""
        return (self.wrapped and len(heading.title) >= WRAPPED_TITLE and len(text) <= TITLE_TAIL
                and not heading.title.endswith(SENTENCE_END) and (text.endswith(";") or not text.endswith(SENTENCE_END))
                and not (_own_line(text) or BULLET.match(text) or match_heading(text)))

    def continues(self, text: str) -> bool:
        """A line that carries on the previous one: it starts mid-word, or an item had not ended,
        or (in a text export, where lines break inside sentences) a paragraph had not ended."""
        if self.last is None:
            return False
        target, index = self.last
        if _own_line(text) or _own_line(target[index]):
            return False
        is_item = target is self.current().items
        return bool(LAO_MARKS.match(text)) or (self._unfinished() and (is_item or self.wrapped))

    def add(self, line: Line) -> None:
        text = _collapse(line.text)
        spaced, self.spaced = self.spaced, line.text[-1:].isspace()
        open_heading, self.open_heading = self.open_heading, None
        if not text:
            self.last = None
            return
        if line.block.kind == "table_row":
            self.untitled = None
            cells = [_collapse(c) for c in line.block.cells if _collapse(c)]
            if line.block.row_index and cells:
                self.item(" — ".join(c for c in cells if not re.fullmatch(r"[\d໐-໙.]+", c)) or cells[0])
            return
        if line.block.label and line.block.list_level is not None:  # Word's automatic numbering
            self.untitled = None
            body = _collapse(line.block.text)
            if BULLET.match(line.block.label) or not re.search(r"\w", line.block.label):
                self.item(body)
            else:
                self.heading(f"list{line.block.list_level}", line.block.label.rstrip("."), body)
            return
        if self.untitled and self._title_from_line(text):
            return
        if open_heading and self._finishes_title(open_heading, text):
            open_heading.title = _join(open_heading.title, text, spaced)
            return
        bullet = BULLET.match(text)
        if bullet and bullet[2]:
            self.item(bullet[2])
            return
        heading = match_heading(text)
        if heading and not self.continues_number(text) and not _is_reference(*heading) \
                and not self._cross_reference(*heading):
            self.heading(*heading)
            return
        if line.block.heading_level and line.block.heading_level <= 3:
            self.heading(f"style{line.block.heading_level}", "", text)
            return
        if self.continues(text):
            target, index = self.last
            target[index] = _join(target[index], text, spaced)
            return
        self.paragraph(text)

    def continues_number(self, text: str) -> bool:
        """A wrapped line that happens to start with a number ("3,4 ແລະ 5 ...") is not a heading."""
        return bool(re.match(r"^\d+\s*[,،]", text))

    def _cross_reference(self, family: str, label: str, title: str) -> bool:
        """In a text export, a line that starts like a heading right after a line broken mid-sentence
        is the sentence going on when its number does not come next: "... ຕາມ" / "ມາດຕາ 8 ວັກ 2 ..."
        under ມາດຕາ 8 itself. A part or chapter, or a heading whose title stands on the next line,
        is a heading even there: a page break may cut the sentence before it (ພາກທີ IV after ພາກທີ II)."""
        if not (self.wrapped and self._unfinished()) or not title or family in ("annex", "part", "chapter"):
            return False
        number = ordinal(label)
        open_labels = [s.label for f, s in self.stack if f == family]
        expected = ordinal(open_labels[-1]) + 1 if open_labels and ordinal(open_labels[-1]) else 1
        return number is not None and number != expected


def build_sections(lines: list[Line], wrapped: bool = False) -> tuple[list[Section], list[str]]:
    """The section tree of the body lines, and warnings about its numbering.

    Lines broken inside an item are joined whatever the format: the seed's DOCX and its
    text export break the same items at the same places. With `wrapped` (text exports, whose
    lines break inside sentences) paragraphs are joined the same way.
    """
    builder = _Builder(wrapped)
    for line in _without_page_furniture(lines) if wrapped else lines:
        builder.add(line)
    root = builder.root
    sections = root.children
    if root.paragraphs or root.items:  # text before the first heading (ອີງຕາມ ... lines)
        sections.insert(0, Section(None, "", 1, "other", root.paragraphs, root.items))
    return sections, list(_numbering_warnings(sections, None))


def _without_page_furniture(lines: list[Line]) -> list[Line]:
    """The lines of a text export without its page numbers ("4", "- 4 -") and running footers
    (a line repeated on three pages or more with only its numbers changing), and without the blank
    lines around them, so that a sentence cut by a page break joins up again."""
    keys = [re.sub(r"[\d໐-໙]+", "#", _collapse(line.text)) for line in lines]
    counts = Counter(keys)
    furniture = [bool(re.fullmatch(r"[-–—(\s]*(?:(?:ໜ້າ|ຫນ້າ)\s*(?:ທີ\s*)?)?#[-–—)\s]*", key))
                 or (counts[key] >= 3 and "#" in key and len(key) >= 10 and not match_heading(key))
                 for key in keys]
    kept: list[Line] = []
    after_furniture = False
    for line, is_furniture in zip(lines, furniture):
        if is_furniture:
            while kept and not kept[-1].text.strip():
                kept.pop()
        elif line.text.strip() or not after_furniture:
            kept.append(line)
        after_furniture = is_furniture or (after_furniture and not line.text.strip())
    return kept


def _name(section: Section | None) -> str:
    """How a warning names a section: "ມາດຕາ 10 (ສິດ ແລະ ຫນ້າທີ່ ຂອງອົງການໄອຍະ…)"."""
    if section is None:
        return "the top level"
    title = section.title if len(section.title) <= 30 else section.title[:30] + "…"
    return f"section {section.label} ({title})" if title else f"section {section.label}"


def _numbering_warnings(sections: list[Section], parent: Section | None):
    """Subsections numbered under another section (the seed's 1.1 under 2), and gaps in 1, 2, 3."""
    misplaced = [s.label for s in sections if parent and parent.label and re.fullmatch(r"\d+", parent.label)
                 and re.fullmatch(r"\d+(\.\d+)+", s.label or "") and s.label.split(".")[0] != parent.label]
    if misplaced:
        yield (f"{_name(parent)} has subsections numbered "
               f"{', '.join(misplaced)}: attached to {parent.label} by position")
    plain = [int(s.label) for s in sections if (s.label or "").isdigit()]
    if plain and plain != list(range(plain[0], plain[0] + len(plain))):
        yield f"numbering out of sequence under {_name(parent)}: {', '.join(map(str, plain))}"
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
