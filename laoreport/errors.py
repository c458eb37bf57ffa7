"""The exceptions laoreport raises; the root of them all is LaoReportError.

Every message says what went wrong and, where the user can act, what to do.
The command-line interface turns them into one-line errors; nothing else does.
"""

from __future__ import annotations

import os


class LaoReportError(Exception):
    """Root of every error laoreport raises on purpose."""


class InputError(LaoReportError):
    """A file that cannot be read as a report; the message names the file and the reason."""

    def __init__(self, path: str | os.PathLike[str], reason: str):
        self.path = os.fspath(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class UnsupportedFormatError(InputError):
    """Neither DOCX, legacy DOC nor text: e.g. a PDF or an image named .docx."""


class CorruptFileError(InputError):
    """The container or its XML is damaged (truncated zip, missing word/document.xml)."""


class UnsafeFileError(InputError):
    """Refused on purpose: a zip bomb, an XML DOCTYPE or entity, an oversized file."""


class EncryptedFileError(InputError):
    """A password-protected Office file; it must be saved without a password first."""


class ConverterMissingError(InputError):
    """A legacy .doc needs LibreOffice (`soffice`), which is not installed."""


class ArchiveError(LaoReportError):
    """The index cannot be opened, created or written."""


class IndexNotFoundError(ArchiveError):
    """No index at the given location: run `laoreport import` first."""


class IndexBusyError(ArchiveError):
    """Another import holds the index's write lock."""


class QueryError(LaoReportError):
    """A search query or filter that cannot be answered as given."""


class PeriodError(QueryError):
    """A period that is not YYYY, YYYY-MM, YYYY-Qn or YYYY-Hn."""


class ServeError(LaoReportError):
    """`laoreport serve` cannot listen on the host and port asked for."""
