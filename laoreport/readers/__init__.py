"""Read a document file into blocks, choosing the reader by the file's content, not its name.

A .doc saved with a .docx name is read as a .doc; an encrypted Office file (an OLE
container holding EncryptionInfo) is refused with a clear reason.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from laoreport.blocks import Block
from laoreport.errors import (
    CorruptFileError,
    EncryptedFileError,
    InputError,
    UnsupportedFormatError,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"
TEXT_SUFFIXES = {".txt", ".text"}
DOCUMENT_SUFFIXES = {".docx", ".doc", ".pdf", ".txt", ".text"}


@dataclass
class Document:
    """A file read into blocks, with its real format, the hash of its bytes and what the reader
    wants the user to know about its text (each warning names the file); parsing copies them into
    the report's warnings."""

    path: str
    format: str  # "docx" | "doc" | "pdf" | "txt"
    sha256: str
    blocks: list[Block]
    warnings: list[str] = field(default_factory=list)
    ocr: bool = False  # some of the text was read from page images by OCR: less certain


def sniff_format(path: str | os.PathLike[str], head: bytes) -> str:
    """Tell "docx", "doc", "pdf" or "txt" from the first bytes; raise InputError for anything else."""
    if not head:
        raise UnsupportedFormatError(path, "the file is empty")
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return "docx"
    if head.startswith(OLE_MAGIC):
        if _is_encrypted_ooxml(path):
            raise EncryptedFileError(
                path, "the file is password-protected: open it in Word and save it without a password"
            )
        return "doc"
    if head.startswith(b"PK"):
        raise CorruptFileError(path, "not a valid zip container (damaged or truncated DOCX)")
    if Path(path).suffix.lower() in TEXT_SUFFIXES:
        return "txt"
    raise UnsupportedFormatError(
        path, "not a DOCX, DOC, PDF or text file (laoreport reads .docx, .doc, .pdf and .txt)"
    )


def _is_encrypted_ooxml(path: str | os.PathLike[str]) -> bool:
    """An encrypted .docx is an OLE container with an EncryptionInfo stream (its name is UTF-16 in the directory)."""
    with open(path, "rb") as handle:
        data = handle.read(1 << 20)
    return "EncryptionInfo".encode("utf-16-le") in data


def read_document(path: str | os.PathLike[str]) -> Document:
    """Read `path` into blocks with the reader its content calls for."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
        digest = file_sha256(path)
    except FileNotFoundError:
        raise InputError(path, "the file does not exist (moved or deleted?)") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file") from None
    except OSError as error:
        raise InputError(path, f"cannot be read: {error.strerror or error}") from None
    fmt = sniff_format(path, head)
    warnings: list[str] = []
    ocr = False
    if fmt == "docx":
        from laoreport.readers.docx import read_docx

        blocks = read_docx(path, warnings)
    elif fmt == "doc":
        from laoreport.readers.doc import read_doc

        blocks = read_doc(path, warnings)
    elif fmt == "pdf":
        from laoreport.readers.pdf import OCR_WARNING, read_pdf

        pdf = read_pdf(path)
        blocks, ocr = pdf.blocks, pdf.ocr
        if ocr:
            warnings.append(OCR_WARNING)
    else:
        from laoreport.readers.legacy_fonts import looks_legacy
        from laoreport.readers.text import read_text_blocks

        blocks = read_text_blocks(path)
        suspect = sum(looks_legacy(block.text) for block in blocks)
        if suspect:  # plain text has no font to tell the coding by
            warnings.append(f"{suspect} {'lines look' if suspect > 1 else 'line looks'} like Lao typed in a legacy font "
                            "(Latin letters such as À»ñ©): left as typed; import the original Word file")
    return Document(os.fspath(path), fmt, digest, blocks, [f"{os.fspath(path)}: {warning}" for warning in warnings],
                    ocr=ocr)


def file_sha256(path: str | os.PathLike[str]) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
