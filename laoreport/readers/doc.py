"""Read a legacy Word .doc: LibreOffice converts it to .docx in a temporary folder, then the DOCX reader reads it."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from laoreport.blocks import Block
from laoreport.readers.docx import read_docx
from laoreport.readers.libreoffice import convert


def read_doc(path: str | os.PathLike[str]) -> list[Block]:
    with tempfile.TemporaryDirectory(prefix="laoreport-doc-") as work:
        # a .doc named .docx must reach LibreOffice as .doc, and names may hold Lao and spaces
        source = Path(work) / "input.doc"
        shutil.copyfile(path, source)
        converted = convert(source, "docx:MS Word 2007 XML", Path(work) / "out")
        return read_docx(converted)
