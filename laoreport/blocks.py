"""Blocks: what every reader yields, in body order, and the structure builder consumes.

A reader turns a file (DOCX, DOC, TXT, PDF) into a flat sequence of blocks; it does not
decide what is a heading or a task. Typed numbering ("I. ...", "· ...") stays in
`text`; numbering that Word computes (automatic lists) arrives in `label`, rendered
as Word shows it ("I.", "2.1", "•"), because python-docx's text omits it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Block:
    """One paragraph or table row of a document."""

    text: str
    kind: str = "paragraph"  # "paragraph" | "table_row"
    part: str = "body"  # "body" | "header" | "footer"
    label: str | None = None  # computed automatic-numbering label as displayed: "I.", "2.1", "•"
    list_level: int | None = None  # 0-based level (ilvl) of an automatically numbered paragraph
    heading_level: int | None = None  # 1-based, from a Heading style or outline level
    style: str | None = None  # paragraph style name, e.g. "Heading 1", "List Number"
    bold: bool = False  # the whole paragraph is bold (w:b or complex-script w:bCs)
    centered: bool = False
    cells: list[str] = field(default_factory=list)  # for table rows: each cell's text
    table_index: int | None = None  # which table of the document a row belongs to
    row_index: int | None = None  # the row's position in its table (0 = first row)

    @property
    def display_text(self) -> str:
        """The text as a reader sees it, computed label included: "I. ການຊີ້ນໍາ..."."""
        if self.label:
            return f"{self.label} {self.text}" if self.text else self.label
        return self.text
