"""Each document's syllables as one compact byte string, so that a phrase is a substring search.

A query matches a document when its syllables occur one after another in the document's
syllables (ລະນຶກ inside ຫຼຽນທີ່ລະນຶກ, in any spelling). The index keeps, per document, its
syllable tokens joined by a separator that no token contains, each Lao letter in one byte:
ຫຼຽນທີ່ລະນຶກ is stored as |ຫຼຽນ|ທີ່|ລະ|ນຶກ| in 17 bytes. A phrase is then found by bytes.find
(C speed, exact, however the words were cut), and counted by bytes.count. The postings of
single syllables only choose which documents to look at.

Before the syllables, a fixed header holds what a filter or a grouping reads for every
candidate: the kind, the status, the months covered, and where the report's document and the
task's section are. The ranking takes the length of the syllables' bytes as the document's
length. Beside them, the spans of the
tokens in the document's text place the «marks» of a snippet without analyzing the text again.
"""

from __future__ import annotations

import re
import struct
from array import array
from dataclasses import dataclass
from functools import lru_cache

SEPARATOR = b"\x1f"
KINDS = ("report", "section", "task")
STATUSES = (None, "done", "planned")
_HEADER = struct.Struct("<BBHHHH")
HEADER_SIZE = _HEADER.size
_MAX = 0xFFFF

#: Lao letters (U+0E80-U+0EFF) become the bytes 0x80-0xFF.
_LAO_TO_BYTE = {code: chr(0x80 + code - 0x0E80) for code in range(0x0E80, 0x0F00)}
#: Any other letter beyond ASCII is written as \x1e + its code point in hex + ";", all ASCII.
_ESCAPED = re.compile(r"[^\x00-\x7f\u0e80-\u0eff]")


@lru_cache(maxsize=65536)
def token_bytes(norm: str) -> bytes:
    """A normalized token as stored: one byte per Lao letter or ASCII character.

    >>> token_bytes("ນຶກ"), token_bytes("2019"), token_bytes("café")
    (b'\\x99\\xb6\\x81', b'2019', b'caf\\x1ee9;')
    """
    if norm.isascii():
        return norm.encode("ascii")
    return _ESCAPED.sub(lambda m: f"\x1e{ord(m[0]):x};", norm).translate(_LAO_TO_BYTE).encode("latin-1")


def sequence(norms: list[str]) -> bytes:
    """The tokens of a document (or a phrase) as they are searched: |token|token|...|."""
    return SEPARATOR + SEPARATOR.join(map(token_bytes, norms)) + SEPARATOR if norms else SEPARATOR


def month_number(month: str | None) -> int:
    """ "2019-07" -> a number that orders months (0 for none)."""
    if not month:
        return 0
    year, number = month.split("-")
    return int(year) * 12 + int(number)


@dataclass(frozen=True)
class Header:
    """What is known of a document without reading its stored fields."""

    kind: str
    status: str | None
    first_month: int  # month_number() of the first month it covers; 0 for none
    last_month: int
    report_offset: int  # docnum of this document minus the docnum of its report's document
    section_offset: int  # a task: docnum minus its section's docnum; 0 when not known

    def pack(self) -> bytes:
        return _HEADER.pack(
            KINDS.index(self.kind), STATUSES.index(self.status), self.first_month, self.last_month,
            min(self.report_offset, _MAX), min(self.section_offset, _MAX),
        )

    @classmethod
    def unpack(cls, data: bytes, offset: int = 0) -> Header:
        kind, status, first, last, report, section = _HEADER.unpack_from(data, offset)
        return cls(KINDS[kind], STATUSES[status], first, last, report, section)


#: unpack_fields(data, offset): the header's numbers as stored (kind and status as indexes
#: into KINDS and STATUSES), without making a Header: a search reads thousands per query.
unpack_fields = _HEADER.unpack_from


def pack_spans(spans: list[tuple[int, int]]) -> bytes:
    """Token spans (start, end) in the document's text, as bytes: a type code, then the numbers."""
    numbers = array("I", [n for span in spans for n in span])
    if not numbers or max(numbers) <= _MAX:
        numbers = array("H", numbers)
    return numbers.typecode.encode("ascii") + numbers.tobytes()


def unpack_spans(data: bytes) -> list[tuple[int, int]]:
    numbers = array(chr(data[0]), data[1:]) if data else array("H")
    return list(zip(numbers[0::2], numbers[1::2]))


def occurrences(data: bytes, needle: bytes, start: int, end: int) -> list[int]:
    """The token index of each occurrence of `needle` in data[start:end] (a sequence())."""
    found, position = [], data.find(needle, start, end)
    while position >= 0:
        found.append(data.count(SEPARATOR, start, position))
        position = data.find(needle, position + 1, end)
    return found
