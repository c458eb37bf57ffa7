"""Read a plain-text export of a report (UTF-8 or UTF-16 with BOM) into one block per line.

Word's "save as text" leaves artifacts such as `[bookmark: _GoBack]` at the start of a
line; they are not the author's text and are removed. Tabs stay: they separate the
columns of a header line (ໜ່ວຍພັກຫ້ອງການ<TAB>...<TAB>ເລກທີ......./ໜພຫກ).
"""

from __future__ import annotations

import codecs
import os
import re

from laoreport.blocks import Block
from laoreport.errors import UnsupportedFormatError

MAX_TEXT_BYTES = 50 * 1024 * 1024
_EXPORT_ARTIFACT = re.compile(r"\[bookmark: [^\]]*\]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_text(data: bytes, path: str | os.PathLike[str] = "<text>") -> str:
    """Decode UTF-8 (BOM optional) or UTF-16 with a BOM; refuse anything else by name."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnsupportedFormatError(path, "damaged UTF-16 text") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnsupportedFormatError(
            path,
            f"not UTF-8 or UTF-16 text (undecodable byte at offset {error.start}); "
            "save it as UTF-8 text, or import the original .docx/.doc",
        ) from None
    if "\x00" in text:
        raise UnsupportedFormatError(path, "binary data, not text")
    return text


def read_text_blocks(path: str | os.PathLike[str]) -> list[Block]:
    """One paragraph block per line, export artifacts removed, page breaks dropped."""
    size = os.path.getsize(path)
    if size > MAX_TEXT_BYTES:
        raise UnsupportedFormatError(path, f"a {size // 2**20} MB text file is too large for a report")
    with open(path, "rb") as handle:
        text = decode_text(handle.read(), path)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    return [Block(text=_CONTROL.sub("", _EXPORT_ARTIFACT.sub("", line))) for line in lines]
