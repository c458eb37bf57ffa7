"""Checks a DOCX container before any XML parser sees it: zip bombs, DOCTYPE/entity tricks, damage.

python-docx alone spent minutes and gigabytes on a 1 MB zip that inflates to 400 MB, and XML
parsers expand entities; an office archive must refuse such files quickly and say why.
"""

from __future__ import annotations

import os
import re
import zipfile

from laoreport.errors import CorruptFileError, UnsafeFileError

MAX_TOTAL_BYTES = 200 * 1024 * 1024  # all parts inflated: real reports are a few MB
MAX_PART_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200  # inflated size / compressed size of one XML part
_DOCTYPE = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def check_docx(path: str | os.PathLike[str]) -> None:
    """Raise a CorruptFileError or UnsafeFileError naming `path`, or return when it is safe to open."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if "word/document.xml" not in names:
                raise CorruptFileError(path, "a zip file without word/document.xml: not a Word document")
            declared = sum(info.file_size for info in infos)
            if declared > MAX_TOTAL_BYTES:
                raise UnsafeFileError(path, f"inflates to {declared // 2**20} MB: refused as a possible zip bomb")
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    _check_part(path, archive, info)
    except zipfile.BadZipFile:
        raise CorruptFileError(path, "damaged or truncated DOCX (not a readable zip)") from None
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError) as error:
        raise CorruptFileError(path, f"unreadable DOCX container ({error})") from None
    except EOFError:
        raise CorruptFileError(path, "truncated DOCX (the zip ends early)") from None


def _check_part(path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Inflate one part in chunks, counting real bytes (headers can lie) and looking for a DOCTYPE."""
    if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 2**20:
        raise UnsafeFileError(path, f"{info.filename} is compressed {info.file_size // info.compress_size}:1: refused as a possible zip bomb")
    inflated, head = 0, b""
    with archive.open(info) as part:
        while chunk := part.read(1 << 16):
            if len(head) < 4096:
                head += chunk[:4096]
            inflated += len(chunk)
            if inflated > MAX_PART_BYTES:
                raise UnsafeFileError(path, f"{info.filename} inflates past {MAX_PART_BYTES // 2**20} MB: refused as a possible zip bomb")
    if _DOCTYPE.search(head):
        raise UnsafeFileError(path, f"{info.filename} declares an XML DOCTYPE or entity: refused for safety")
