"""Read a legacy Word .doc: LibreOffice converts it to .docx in a temporary folder, then the DOCX reader reads it."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from laoreport.blocks import Block
from laoreport.errors import CorruptFileError, InputError
from laoreport.readers.docx import read_docx
from laoreport.readers.libreoffice import convert


WORD_STREAM = "WordDocument".encode("utf-16-le")  # a stream name in the OLE directory of every Word .doc


def read_doc(path: str | os.PathLike[str], warnings: list[str] | None = None) -> list[Block]:
    """The blocks of a Word 97-2003 file; LibreOffice would import any other bytes as text, so check first.

    Warnings about the text go to `warnings`, as read_docx gives them.
    """
    with open(path, "rb") as handle:
        if WORD_STREAM not in handle.read():
            raise CorruptFileError(path, "an Office 97-2003 container without a WordDocument stream: "
                                         "not a Word .doc (a damaged file, or Excel/PowerPoint?)")
    with tempfile.TemporaryDirectory(prefix="laoreport-doc-") as work:
        # a .doc named .docx must reach LibreOffice as .doc, and names may hold Lao and spaces
        source = Path(work) / "input.doc"
        shutil.copyfile(path, source)
        try:
            return read_docx(convert(source, "docx:MS Word 2007 XML", Path(work) / "out"), warnings)
        except InputError as error:  # name the user's file, not the temporary copy
            raise type(error)(path, error.reason) from None
