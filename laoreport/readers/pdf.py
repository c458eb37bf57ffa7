"""Read a PDF into blocks: the text layer rebuilt from character boxes, pages without one by OCR.

Every text extractor puts Lao marks in the wrong place: a PDF draws ລິ as the glyph ລ and
then the glyph ິ at an offset, with an origin after the ລ, so reading order by origin gives
ລ ິ in some files and ພ ິ ກ in others, and pdftotext puts the ິ on another line. Here each
mark goes after the base letter whose box it sits over, lines come from baselines, spaces
from gaps between boxes (LibreOffice often draws no space glyph), and a wide gap on a line
(the two columns of a header, a label and its tab) becomes a tab, as in a text export; a header
whose columns do not share baselines becomes a table row, its columns read apart.
Lines wrapped by the layout are joined back into the paragraphs the author typed.
"""

from __future__ import annotations

import ctypes
import os
import re
from dataclasses import dataclass, field
from functools import cached_property

from laoreport.blocks import Block
from laoreport.errors import CorruptFileError, EncryptedFileError
from laoreport.lao.chars import COMBINING
from laoreport.lao.normalize import normalize_with_offsets
from laoreport.lao.segmentation import segment
from laoreport.readers import ocr
from laoreport.readers.ocr_repair import repair_line
from laoreport.readers.numbering import bullet_symbol

OCR_WARNING = "scanned pages were read by OCR: check names, numbers and dates against the original"
#: A gap wider than this (in font sizes) between two letters on a line is a space.
SPACE_GAP = 0.15
#: A gap wider than this is a tab: the columns of a header, a list label and its text.
TAB_GAP = 1.5
#: ... and this many times wider than the line's narrowest space (justified lines stretch them all),
#: or, the line's only gap, wider than LONE_GAP font sizes.
COLUMN_GAP = 2.5
LONE_GAP = 6.0
#: A line's baseline may differ from its neighbours' by this much (in font sizes): marks, kerning.
BASELINE_TOLERANCE = 0.35
#: Render scanned pages at this resolution for OCR (Tesseract's models are trained near 300 dpi).
OCR_DPI = 300
#: The box of an OCR'd Lao word, marks above and below included, is about this many font sizes high.
OCR_LINE_HEIGHT = 1.4
#: Words of the next line that would have fit on this one, by more than this (in font sizes),
#: mean the author ended the paragraph here.
WRAP_SLACK = 0.5
#: Lines further apart than this many line pitches belong to different paragraphs.
PARAGRAPH_SPACING = 1.2
#: A line starting further right than this (in font sizes) than its paragraph's lines starts a new one.
INDENT_TOLERANCE = 0.5
_LAO_RUN = re.compile(r"[\u0e80-\u0eff]+")
#: A mark is looked for among this many letters before and after its place in the file (some
#: producers write a word's letters first and its marks after them), then on its whole line.
MARK_REACH = 40
#: A mark overlapping the letter it follows in the file at least this share as much as the letter
#: it overlaps most goes on the letter it follows: a font without Lao (LibreOffice falls back to
#: another for a plain-text file) draws ັ wide, across its letter and the next, ລັດ as ລ ດ with ັ
#: over both.
NEAR_TIE = 0.5
AM, AA = "\u0eb3", "\u0eb2"  # ຳ, າ
#: The width of a າ in font sizes, when the page has none to measure.
AA_WIDTH = 0.55


@dataclass
class Piece:
    """A letter with the marks that sit on it, or one OCR word: text with a horizontal extent on a baseline."""

    text: str
    left: float
    right: float
    baseline: float  # distance from the top of the page, growing downwards
    size: float  # the font size, or for OCR the height of a line of text
    space_after: bool = False  # a space glyph follows it in the file


@dataclass
class TextLine:
    """The pieces on one baseline of a page, left to right."""

    pieces: list[Piece]
    page: int
    baseline: float = 0.0
    size: float = 0.0
    segments: list[list[Piece]] = field(default_factory=list)

    def __post_init__(self):
        self.pieces.sort(key=lambda p: p.left)
        self.baseline = sum(p.baseline for p in self.pieces) / len(self.pieces)
        self.size = max(sorted(p.size for p in self.pieces)[len(self.pieces) // 2], 1.0)
        gaps = [piece.left - before.right for before, piece in zip(self.pieces, self.pieces[1:])]
        spaces = [g for g in gaps if g > SPACE_GAP * self.size]
        # justified text stretches every space of a line alike: a column gap is wider than the
        # line's narrowest space; a line's only gap must be very wide to part columns
        least = min(spaces) if len(spaces) > 1 else LONE_GAP / COLUMN_GAP * self.size
        self.segments = [[self.pieces[0]]]
        for gap, piece in zip(gaps, self.pieces[1:]):
            if gap > TAB_GAP * self.size and gap > COLUMN_GAP * least:
                self.segments.append([piece])
            else:
                self.segments[-1].append(piece)

    @property
    def left(self) -> float:
        return self.pieces[0].left

    @property
    def right(self) -> float:
        return self.pieces[-1].right

    @cached_property
    def text(self) -> str:
        """The line's text: segments joined by tabs, letters by spaces where their boxes leave a gap.
        A list label's tab ("III.<tab>ທິດທາງ") is a space: it is not a column."""
        texts = [_segment_text(part, self.size) for part in self.segments]
        if len(texts) > 1 and LIST_LABEL.match(texts[0]):
            texts[:2] = [f"{texts[0]} {texts[1]}"]
        return "\t".join(texts)


def _segment_text(pieces: list[Piece], size: float) -> str:
    parts = [pieces[0].text]
    for before, piece in zip(pieces, pieces[1:]):
        if before.space_after or piece.left - before.right > SPACE_GAP * size:
            parts.append(" ")
        parts.append(piece.text)
    return "".join(parts)


@dataclass
class _Glyph:
    """One character as PDFium reports it: its advance box and baseline, top-down."""

    char: str
    left: float
    right: float
    baseline: float
    size: float


def _page_glyphs(textpage, page_height: float) -> list[_Glyph]:
    """The characters the page draws, with their advance boxes (PDFium's loose boxes) and baselines."""
    import pypdfium2.raw as pdfium_c

    glyphs = []
    box = pdfium_c.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    for index in range(pdfium_c.FPDFText_CountChars(textpage)):
        if pdfium_c.FPDFText_IsGenerated(textpage, index):
            continue  # PDFium's own line breaks and guessed spaces
        code = pdfium_c.FPDFText_GetUnicode(textpage, index)
        char = chr(code) if code else ""
        if not char or char in "\r\n\x00\ufffe\uffff":
            continue
        pdfium_c.FPDFText_GetLooseCharBox(textpage, index, box)
        pdfium_c.FPDFText_GetCharOrigin(textpage, index, x, y)
        size = pdfium_c.FPDFText_GetFontSize(textpage, index)
        glyphs.append(_Glyph(char, box.left, box.right, page_height - y.value, size))
    return glyphs


def pieces_from_glyphs(glyphs: list[_Glyph]) -> list[Piece]:
    """Base letters with their marks attached: each mark to the letter of its line whose box it overlaps most.

    A space glyph is not a piece: it marks the piece that ends where it starts (`space_after`). A ຳ drawn
    as its ring over the letter (LibreOffice maps the ring glyph to ຳ and its າ glyph to
    nothing) is attached like a mark, and the letter's box grows by the width of a າ.
    """
    pieces: list[Piece] = []
    marks: list[tuple[int, _Glyph]] = []
    spaces: list[tuple[int, _Glyph]] = []
    for glyph in glyphs:
        if glyph.char in COMBINING or glyph.char == AM and pieces and _overlap(glyph, pieces[-1]) > 0:
            marks.append((len(pieces), glyph))
        elif glyph.char.isspace():
            spaces.append((len(pieces), glyph))
        else:
            char = bullet_symbol(glyph.char) if "\ue000" <= glyph.char <= "\uf8ff" else glyph.char
            pieces.append(Piece(char, glyph.left, glyph.right, glyph.baseline, glyph.size))
    aa_width = _median([(p.right - p.left) / p.size for p in pieces if p.text == AA and p.size], AA_WIDTH)
    for position, mark in marks:
        carrier = _carrier(mark, pieces[max(0, position - MARK_REACH):position + MARK_REACH], overlapping=True) \
            or _carrier(mark, pieces)
        before = pieces[position - 1] if position else None
        if carrier is not None and before is not None and before is not carrier and \
                _overlap(mark, before) >= NEAR_TIE * _overlap(mark, carrier) > 0:
            carrier = before  # a near tie: the file's order says which letter the mark follows
        if carrier is None:
            pieces.append(Piece(mark.char, mark.left, mark.right, mark.baseline, mark.size))
            continue
        carrier.text += mark.char
        if mark.char == AM:
            carrier.right += aa_width * mark.size
    for position, space in spaces:  # the file may write a space after the word that follows it
        before = _left_neighbour(space, pieces[max(0, position - MARK_REACH):position + MARK_REACH])
        if before is not None:
            before.space_after = True
    return pieces


def _left_neighbour(space: _Glyph, pieces: list[Piece]) -> Piece | None:
    """The piece on the space's baseline that ends where the space starts."""
    best, best_distance = None, None
    for piece in pieces:
        distance = abs(piece.right - space.left)
        if abs(piece.baseline - space.baseline) <= BASELINE_TOLERANCE * max(space.size, 1.0) and \
                distance <= SPACE_GAP * max(space.size, 1.0) and (best is None or distance < best_distance):
            best, best_distance = piece, distance
    return best


def _median(values: list[float], default: float) -> float:
    return sorted(values)[len(values) // 2] if values else default


def _overlap(glyph: _Glyph, piece: Piece) -> float:
    return min(piece.right, glyph.right) - max(piece.left, glyph.left)


def _carrier(mark: _Glyph, pieces: list[Piece], overlapping: bool = False) -> Piece | None:
    """The piece on the mark's baseline that its box overlaps most (the nearest one when none
    overlaps, unless `overlapping`)."""
    best, best_score = None, None
    for piece in pieces:
        if abs(piece.baseline - mark.baseline) > BASELINE_TOLERANCE * max(mark.size, 1.0):
            continue
        overlap = _overlap(mark, piece)
        if overlapping and overlap <= 0:
            continue
        score = overlap if overlap > 0 else -abs((piece.left + piece.right) / 2 - (mark.left + mark.right) / 2)
        if best_score is None or score > best_score:
            best, best_score = piece, score
    return best


def lines_from_pieces(pieces: list[Piece], page: int) -> list[TextLine]:
    """Pieces grouped by baseline into lines, top to bottom."""
    lines: list[list[Piece]] = []
    for piece in sorted(pieces, key=lambda p: p.baseline):
        if lines and abs(piece.baseline - lines[-1][0].baseline) <= BASELINE_TOLERANCE * max(piece.size, 1.0):
            lines[-1].append(piece)
        else:
            lines.append([piece])
    return [TextLine(group, page) for group in lines]


def _first_word_width(line: TextLine) -> float:
    """The width of the line's first word: up to a space, and in Lao up to the first word boundary
    of the normalized text (ປະຈໍາເດືອນ is one word, as line breakers see it; so is ການກະກຽມ,
    which the segmenter splits after ການ for search)."""
    chunk = line.pieces[:1]
    for before, piece in zip(line.pieces, line.pieces[1:]):
        if before.space_after or piece.left - before.right > SPACE_GAP * line.size:
            break
        chunk.append(piece)
    text = "".join(p.text for p in chunk)
    run = _LAO_RUN.match(text)
    if run:
        normalized, offsets = normalize_with_offsets(run.group())
        words = segment(normalized)
        first = words[0] + (words[1] if len(words) > 1 and words[0] in NOUN_PREFIXES else "")
        end = offsets[len(first)]
        consumed = 0
        for piece in chunk:
            consumed += len(piece.text)
            if consumed >= end:
                return piece.right - line.left
    return chunk[-1].right - line.left


def _overlaps(a: TextLine, b: TextLine) -> bool:
    """Whether the two lines share some of their width (the lines of two columns side by side do not)."""
    return a.left < b.right and b.left < a.right


def line_pitch(lines: list[TextLine]) -> float:
    """The distance between the lines of one paragraph, in font sizes: the smallest distance between
    consecutive lines that recurs (paragraph spacing makes the distance between paragraphs larger).
    Lines side by side are left out: the two columns of a header put theirs closer than that."""
    ratios = sorted(round((b.baseline - a.baseline) / max(a.size, b.size), 2) for a, b in zip(lines, lines[1:])
                    if b.page == a.page and b.baseline > a.baseline and _overlaps(a, b))
    recurring = [r for r, q in zip(ratios, ratios[1:]) if q - r <= 0.04]
    return recurring[0] if recurring else (ratios[0] if ratios else 0.0)


LIST_LABEL = re.compile(
    r"^(?:(?P<number>[IVXLC]{1,6}|[ivx]{1,5}|\d{1,2}(?:\.\d{1,2})*|[ກ-ຮ]|[໐-໙]{1,2}|[a-zA-Z])[.)]"
    r"|(?P<multilevel>\d{1,2}(?:\.\d{1,2})+)|(?P<bullet>[•·\-–▪◦●○➢✓*]))$"
)


#: Words that make a noun of the word after them; line breakers' dictionaries keep the two together.
NOUN_PREFIXES = ("ການ", "ຄວາມ")
WEAK_BULLETS = ("-", "–", "*")
SENTENCE_END = (".", ";", ":", "!", "?")


def list_label(line: TextLine) -> str | None:
    """The number or bullet that opens the line when it stands apart from the text after it:
    "I.", "1.2", "ກ.", "•" (what Word's automatic numbering draws, or what an author typed)."""
    count = _label_pieces(line)
    return "".join(p.text for p in line.pieces[:count]) if count else None


def _label_pieces(line: TextLine) -> int:
    """How many of the line's pieces make its list label (0 when it has none)."""
    for count, (before, piece) in enumerate(zip(line.pieces, line.pieces[1:]), 1):
        if before.space_after or piece.left - before.right > SPACE_GAP * line.size:
            return count if LIST_LABEL.match("".join(p.text for p in line.pieces[:count])) else 0
        if count > 8:
            return 0
    return 0


class _Paragraph:
    """A paragraph being assembled from lines, and where its next line would have to start."""

    def __init__(self, line: TextLine):
        self.block = Block(text=line.text)
        self.first = line
        self.last = line
        self.label = list_label(line)
        # a continuation line starts under the first line, under the text after its label
        # (a hanging indent), or anywhere left of those
        self.text_start = line.pieces[_label_pieces(line)].left if self.label else line.left


def _continues(paragraph: _Paragraph, line: TextLine, right_edge: float, pitch: float) -> bool:
    """Whether `line` carries on `paragraph`: it follows at the line pitch (or opens the next page),
    starts no further right than a continuation line may, opens with no list label, and its first
    chunk of text would not have fit at the end of the line before."""
    previous = paragraph.last
    if "\t" in previous.text or "\t" in line.text:  # columns: a header, a borderless table
        return False
    size = max(previous.size, line.size)
    if abs(previous.size - line.size) > 0.1 * size:
        return False
    label = list_label(line)
    if label and (label not in WEAK_BULLETS or previous.text.rstrip().endswith(SENTENCE_END)):
        return False  # "ພະນັກງານ - ລັດຖະກອນ" may wrap before its dash
    if line.page == previous.page and (line.baseline - previous.baseline) / size > PARAGRAPH_SPACING * pitch:
        return False
    if line.left > max(paragraph.first.left, paragraph.text_start) + INDENT_TOLERANCE * size and \
            not _centred_under(line, previous):
        return False
    return previous.right + _first_word_width(line) + WRAP_SLACK * line.size > right_edge


def _centred_under(line: TextLine, above: TextLine) -> bool:
    """Whether `line` is centred under `above`: the wrapped end of a centred paragraph (the motto in
    a header's right-hand cell) starts further right than the paragraph, in the middle."""
    middle = (line.left + line.right) / 2 - (above.left + above.right) / 2
    return abs(middle) <= INDENT_TOLERANCE * max(line.size, above.size)


class _SpaceUsage:
    """How the document itself spaces a word: a layout drops the space at a line wrap, so whether
    ໜ່ວຍພັກ|ແລະ had one is judged from the rest of the text (" ແລະ " nearly always has one)."""

    def __init__(self, texts: list[str]):
        self.text = "\n".join(texts)

    def spaced(self, word: str, before: bool) -> tuple[int, int]:
        """(times `word` has a space on that side, times a Lao letter touches it there)."""
        pattern = (r"(?:(?P<space> )|(?P<lao>[\u0e80-\u0eff]))" + re.escape(word) if before
                   else re.escape(word) + r"(?:(?P<space> )|(?P<lao>[\u0e80-\u0eff]))")
        counts = [0, 0]
        for match in re.finditer(pattern, self.text):
            counts[0 if match.group("space") else 1] += 1
        return counts[0], counts[1]

    def space_between(self, left: str, right: str) -> bool:
        """Whether a space stood between `left` and `right` where a line wrapped between them."""
        if not left or not right:
            return False
        a, b = left[-1], right[0]
        if b in "-–" and right[1:2] == " " or a in "-–" and left[-2:-1] == " ":
            return True  # a spaced dash, "ພະນັກງານ - ລັດຖະກອນ", keeps its spaces
        if a in "-/–(" or b in ".,;:)/-–":
            return False
        lao_a, lao_b = _LAO_RUN.search(left[-1:]), _LAO_RUN.match(right)
        if not (lao_a and lao_b):
            return True  # words of other scripts and numbers are always spaced
        last = segment(re.search(r"[\u0e80-\u0eff]+$", left).group())[-1]
        first = segment(lao_b.group())[0]
        after_last, glued_last = self.spaced(last, before=False)
        before_first, glued_first = self.spaced(first, before=True)
        return after_last + before_first > glued_last + glued_first


def blocks_from_lines(lines: list[TextLine | Block], right_edges: dict[int, float],
                      pitch: float | None = None) -> list[Block]:
    """Paragraph blocks: a line that wraps into the next is joined to it, with a space where the file
    draws one or where the document's own spacing of the two words says there was one.
    Blocks among the lines (table rows) are passed through in place. The line pitch is measured
    on the lines unless given (a table cell has too few lines to measure it on)."""
    text_lines = [line for line in lines if isinstance(line, TextLine)]
    usage = _SpaceUsage([line.text for line in text_lines])
    paragraphs: list[_Paragraph | Block] = []
    pitch = line_pitch(text_lines) if pitch is None else pitch
    for line in lines:
        if isinstance(line, Block):
            paragraphs.append(line)
            continue
        paragraph = paragraphs[-1] if paragraphs and isinstance(paragraphs[-1], _Paragraph) else None
        if paragraph and _continues(paragraph, line, right_edges[paragraph.last.page], pitch):
            text = line.text
            space = paragraph.last.pieces[-1].space_after or usage.space_between(paragraph.block.text, text)
            paragraph.block.text += (" " if space else "") + text
            paragraph.last = line
        else:
            paragraphs.append(_Paragraph(line))
    _nest_by_indent([p for p in paragraphs if isinstance(p, _Paragraph)])
    return [p.block if isinstance(p, _Paragraph) else p for p in paragraphs]


_LABEL_FAMILIES = (
    ("roman", re.compile(r"[IVXLC]+[.)]|[ivx]+[.)]")),
    ("decimal", re.compile(r"\d+[.)]")),
    ("multilevel", re.compile(r"\d+(?:\.\d+)+\.?")),
    ("lao_letter", re.compile(r"[ກ-ຮ][.)]")),
    ("lao_digit", re.compile(r"[໐-໙]+[.)]")),
    ("latin_letter", re.compile(r"[a-zA-Z][.)]")),
)


def _label_family(label: str) -> str | None:
    return next((name for name, pattern in _LABEL_FAMILIES if pattern.fullmatch(label)), None)


def _nest_by_indent(paragraphs: list[_Paragraph]) -> None:
    """Give numbered paragraphs their list level where the numbers alone cannot tell it.

    Word's automatic numbering can draw "1." at two levels (1. under I., then 1. under 2.),
    which the DOCX reader tells apart by the list level; on a page only the indent does.
    A kind of number found at two or more indents becomes a label with the level of its
    indent; numbers found at one indent stay typed text, as in a typed report.
    """
    numbered = [(p, _label_family(p.label)) for p in paragraphs if p.label and _label_family(p.label)]
    if not numbered:
        return
    indents: dict[str, list[float]] = {}
    for paragraph, family in numbered:
        indents.setdefault(family, []).append(paragraph.first.left)
    tolerance = INDENT_TOLERANCE * max((p.first.size for p, _ in numbered), default=12.0)
    nested = {family for family, lefts in indents.items() if len(_clusters(lefts, tolerance)) > 1}
    levels = _clusters([p.first.left for p, family in numbered if family in nested], tolerance)
    for paragraph, family in numbered:
        if family in nested:
            text = paragraph.block.text
            paragraph.block.label = paragraph.label
            paragraph.block.text = text[len(paragraph.label):].lstrip()
            paragraph.block.list_level = next(i for i, level in enumerate(levels)
                                              if abs(paragraph.first.left - level) <= tolerance)


def _clusters(values: list[float], tolerance: float) -> list[float]:
    """The distinct values, those within `tolerance` of the previous one counted once, ascending."""
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > tolerance:
            out.append(value)
    return out


@dataclass
class _Row:
    """A band of a ruled table: between two horizontal rules, split into cells by vertical rules."""

    top: float
    bottom: float
    columns: list[float]  # the x of each vertical rule, left to right

    def holds(self, line: TextLine) -> bool:
        return (self.top < line.baseline < self.bottom and line.left >= self.columns[0] - RULE_SLACK
                and line.right <= self.columns[-1] + RULE_SLACK)


#: Rules of a table are drawn this close (in points) to where they meet.
RULE_SLACK = 2.0


def _table_rows(page) -> list[_Row]:
    """The rows of the ruled tables on a page, top to bottom, from the thin paths that draw the borders.

    A table without borders (a two-column header, often) has no rows here: its columns stay
    apart as tab-separated segments of its lines.
    """
    import pypdfium2.raw as pdfium_c

    height = page.get_height()
    across, down = [], []
    for item in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=4):
        left, bottom, right, top = item.get_bounds()
        if top - bottom <= RULE_SLACK and right - left > 2 * RULE_SLACK:
            across.append((height - (top + bottom) / 2, left, right))
        elif right - left <= RULE_SLACK and top - bottom > 2 * RULE_SLACK:
            down.append(((left + right) / 2, height - top, height - bottom))
    levels = _clusters([y for y, _, _ in across], RULE_SLACK)
    rows = []
    for top, bottom in zip(levels, levels[1:]):
        columns = _clusters([x for x, upper, lower in down
                             if upper <= top + RULE_SLACK and lower >= bottom - RULE_SLACK], RULE_SLACK)
        if len(columns) >= 2:
            rows.append(_Row(top, bottom, columns))
    return rows


def _with_tables(lines: list[TextLine], rows: list[_Row], right_edge: float,
                 tables: list[int]) -> list[TextLine | Block]:
    """The page's lines with the lines inside each table row replaced by one table-row block,
    whose cells are read like little pages (wrapped lines joined, paragraphs on their own lines)."""
    out: list[TextLine | Block] = []
    placed: dict[int, Block] = {}
    previous_row: _Row | None = None
    row_index = 0
    for number, row in enumerate(rows):
        inside = [line for line in lines if row.holds(line)]
        if not inside:
            continue
        if previous_row is None or abs(previous_row.bottom - row.top) > RULE_SLACK or \
                len(previous_row.columns) != len(row.columns):
            tables[0] += 1
            row_index = 0
        cells = []
        for left, right in zip(row.columns, row.columns[1:]):
            pieces = [p for line in inside for p in line.pieces if left <= (p.left + p.right) / 2 < right]
            cells.append(_cell_text(pieces, inside[0].page, right))
        placed[id(inside[0])] = Block(text="\t".join(cells), kind="table_row", cells=cells,
                                      table_index=tables[0], row_index=row_index)
        for line in inside:
            placed.setdefault(id(line), None)
        row_index += 1
        previous_row = row
    for line in lines:
        if id(line) not in placed:
            out.append(line)
        elif placed[id(line)] is not None:
            out.append(placed[id(line)])
    return out


def _cell_text(pieces: list[Piece], page: int, right: float, pitch: float | None = None) -> str:
    """A table cell's text, read like a little page ending at `right`: wrapped lines joined,
    paragraphs on lines of their own."""
    blocks = blocks_from_lines(lines_from_pieces(pieces, page), {page: right}, pitch)
    return "\n".join(b.display_text for b in blocks)


class _Columns:
    """The lines of a borderless two-column table (a header) whose columns do not keep to shared baselines.

    A cell centred beside a taller one, or one that wraps onto more lines than the cell beside it,
    puts its lines between the other's or on a baseline with one of them: read line by line, the
    unit beside the motto's wrap would end the motto (or be carried on by its end). Each column's
    text extent is kept, to tell which column a line belongs to.
    """

    def __init__(self, extents: list[list[float]]):
        self.extents = extents  # [left, right] of the left column's text, then of the right column's
        self.rows: list[tuple[TextLine, list[int]]] = []  # each line, with the column of each of its segments

    def sides(self, line: TextLine) -> list[int] | None:
        """The column of each of the line's segments (0 left, 1 right), None when it fits neither column."""
        if "\t" in line.text and len(line.segments) == 2:
            return [0, 1]
        if len(line.segments) != 1:
            return None
        tolerance = INDENT_TOLERANCE * line.size
        (left_start, left_end), (right_start, _) = self.extents
        if line.left >= left_start - tolerance and line.right < right_start:
            return [0]
        if line.left > left_end and line.left >= right_start - tolerance:
            return [1]
        return None

    def takes(self, line: TextLine, pitch: float, first: bool = False) -> bool:
        """Whether `line`, just below the band (or above it when `first`), is one of its lines."""
        neighbour = self.rows[0][0] if first else self.rows[-1][0]
        size = max(line.size, neighbour.size)
        return line.page == neighbour.page and abs(line.baseline - neighbour.baseline) <= \
            PARAGRAPH_SPACING * pitch * size and self.sides(line) is not None

    def add(self, line: TextLine, sides: list[int] | None = None, first: bool = False) -> None:
        """Take `line` (at the top when `first`) into the band; `sides` for the two lines that start it,
        which have no extents yet to be measured against."""
        sides = sides or self.sides(line)
        self.rows.insert(0 if first else len(self.rows), (line, sides))
        for side, part in zip(sides, line.segments):
            extent = self.extents[side]
            extent[:] = min(extent[0], part[0].left), max(extent[1], part[-1].right)

    def blocks(self, right_edge: float, pitch: float, tables: list[int]) -> list[TextLine | Block]:
        """One table-row block, each column read like a table cell (a wrap joined, even across a line of
        the other column); lines that all have both columns on one baseline stay as they are."""
        if all(len(sides) == 2 for _, sides in self.rows):
            return [line for line, _ in self.rows]
        pieces: tuple[list[Piece], list[Piece]] = ([], [])
        for line, sides in self.rows:
            for side, part in zip(sides, line.segments):
                pieces[side].extend(part)
        page = self.rows[0][0].page
        # a wrapped line of the left column would have run on into the right column
        cells = [_cell_text(pieces[0], page, self.extents[1][0], pitch), _cell_text(pieces[1], page, right_edge, pitch)]
        tables[0] += 1
        return [Block(text="\t".join(cells), kind="table_row", cells=cells, table_index=tables[0], row_index=0)]


def _column_seed(out: list[TextLine | Block], line: TextLine, pitch: float) -> _Columns | None:
    """The two-column band that `line` starts, taking from `out` the lines above it that belong to it:
    `line` has both columns (a tab between them), or it stands beside the line above, closer to it
    than two lines of one column can be."""
    above = out[-1] if out and isinstance(out[-1], TextLine) else None
    if "\t" in line.text and len(line.segments) == 2:
        band = _Columns([[part[0].left, part[-1].right] for part in line.segments])
        band.add(line)
    elif above is not None and len(above.segments) == len(line.segments) == 1 and above.page == line.page and \
            not _overlaps(above, line) and line.baseline - above.baseline < (pitch - BASELINE_TOLERANCE) * line.size:
        left, right = sorted((above, line), key=lambda text_line: text_line.left)
        band = _Columns([[left.left, left.right], [right.left, right.right]])
        band.add(out.pop(), [int(above is right)])
        band.add(line, [int(line is right)])
    else:
        return None
    while out and isinstance(out[-1], TextLine) and band.takes(out[-1], pitch, first=True):
        band.add(out.pop(), first=True)
    return band


def _with_columns(lines: list[TextLine | Block], pitch: float, right_edge: float,
                  tables: list[int]) -> list[TextLine | Block]:
    """The page's lines with the lines of each two-column band (_Columns) replaced by its blocks."""
    out: list[TextLine | Block] = []
    band: _Columns | None = None
    for line in lines:
        if band is not None and isinstance(line, TextLine) and band.takes(line, pitch):
            band.add(line)
            continue
        if band is not None:
            out += band.blocks(right_edge, pitch, tables)
        band = _column_seed(out, line, pitch) if isinstance(line, TextLine) else None
        if band is None:
            out.append(line)
    if band is not None:
        out += band.blocks(right_edge, pitch, tables)
    return out


def _has_image(page) -> bool:
    import pypdfium2.raw as pdfium_c

    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4))


def _render(page):
    """The page as a greyscale image at OCR_DPI."""
    return page.render(scale=OCR_DPI / 72, grayscale=True).to_pil()


def pieces_from_ocr(words: list[ocr.OcrWord], scale: float, repair: bool = True) -> list[Piece]:
    """OCR words as pieces in points; the words of one OCR line share its baseline (the bottom of
    most of its words: vowels below and the tails of ງ ປ ຽ reach lower), and a line's text size
    is taken from the height of the page's words, which carry marks above and below. Each word's
    systematic OCR errors are repaired (ocr_repair.py) unless `repair` is false."""
    by_line: dict[tuple[int, ...], list[ocr.OcrWord]] = {}
    for word in words:
        by_line.setdefault(word.line, []).append(word)
    # one size for the page: a line's words are higher or lower with the marks they happen to carry
    size = _median([w.bottom - w.top for w in words], 0) * scale / OCR_LINE_HEIGHT
    pieces = []
    for line_words in by_line.values():
        baseline = _median([w.bottom for w in line_words], 0) * scale
        texts = repair_line([w.text for w in line_words]) if repair else [w.text for w in line_words]
        for word, text in zip(line_words, texts):
            # words are apart; whether a space ends the line is for the wrap to decide
            pieces.append(Piece(text, word.left * scale, word.right * scale, baseline, size,
                                space_after=word is not line_words[-1]))
    return pieces


@dataclass
class PdfText:
    """What a PDF reads as: its blocks, and whether OCR read some of its pages."""

    blocks: list[Block]
    ocr: bool = False


def read_pdf(path: str | os.PathLike[str]) -> PdfText:
    """The blocks of a PDF: pages with a text layer read from it, pages without one by OCR."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(os.fspath(path))
    except pdfium.PdfiumError as error:
        message = str(error)
        if "password" in message.lower():
            raise EncryptedFileError(path, "the PDF is password-protected: save it without a password") from None
        raise CorruptFileError(path, f"not a readable PDF ({message})") from None
    try:
        pages: list[tuple[list[TextLine], float, float, list[_Row]]] = []
        ocr_pages = 0
        for number in range(len(document)):
            page = document[number]
            width, height = page.get_size()
            pieces = pieces_from_glyphs(_page_glyphs(page.get_textpage(), height))
            if not pieces and _has_image(page):
                ocr.require(path)
                pieces = pieces_from_ocr(ocr.recognize(_render(page)), 72 / OCR_DPI)
                ocr_pages += 1
            pages.append((lines_from_pieces(pieces, number), width, height, _table_rows(page)))
        furniture = _page_furniture([(page_lines, height) for page_lines, _, height, _ in pages])
        bodies = [[line for line in page_lines if id(line) not in furniture] for page_lines, _, _, _ in pages]
        pitch = line_pitch([line for body in bodies for line in body])
        lines: list[TextLine | Block] = []
        right_edges: dict[int, float] = {}
        tables = [0]
        for number, (body, (_, width, _, rows)) in enumerate(zip(bodies, pages)):
            right_edges[number] = max((line.right for line in body), default=width)
            lines += _with_columns(_with_tables(body, rows, right_edges[number], tables), pitch,
                                   right_edges[number], tables)
        blocks = blocks_from_lines(lines, right_edges)
        seen: set[str] = set()
        for line, part in furniture.values():  # once each, after the body, as the DOCX reader gives them
            key = re.sub(r"[\d໐-໙]+", "#", line.text)
            if key not in seen:
                seen.add(key)
                blocks.append(Block(text=line.text, part=part))
        return PdfText(blocks, ocr=ocr_pages > 0)
    finally:
        document.close()


#: Running headers, footers and page numbers sit in the top or bottom this share of a page.
MARGIN_SHARE = 0.1
_PAGE_NUMBER = re.compile(r"[-–—\s(]*(?:ໜ້າ|ຫນ້າ|[Pp]age)?\s*[\d໐-໙]{1,4}(?:\s*(?:/|ຈາກ|of)\s*[\d໐-໙]{1,4})?[-–—\s)]*")


def _page_furniture(pages: list[tuple[list[TextLine], float]]) -> dict[int, tuple[TextLine, str]]:
    """The lines that are not the author's text but the page's: a page number ("- 2 -", "ໜ້າ 2/5"),
    or the same text (numbers aside) in the top or bottom margin of two pages or more; by id of
    the line, with "header" or "footer". They would otherwise break a paragraph that runs on
    across the page break."""
    candidates = []
    for page_lines, height in pages:
        for line in page_lines:
            if line.baseline < MARGIN_SHARE * height:
                candidates.append((line, "header"))
            elif line.baseline > (1 - MARGIN_SHARE) * height:
                candidates.append((line, "footer"))
    keys: dict[tuple[str, str], set[int]] = {}
    for line, part in candidates:
        keys.setdefault((part, re.sub(r"[\d໐-໙]+", "#", line.text)), set()).add(line.page)
    return {id(line): (line, part) for line, part in candidates
            if _PAGE_NUMBER.fullmatch(line.text) or len(keys[part, re.sub(r"[\d໐-໙]+", "#", line.text)]) > 1}
