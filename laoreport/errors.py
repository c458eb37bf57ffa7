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


class ImportInterrupted(LaoReportError):
    """Ctrl-C (or SIGTERM) stopped an import; what was committed stays and a re-run resumes.

    `summary` is the ImportSummary of what this run did, `total` the number of files it was given.
    """

    def __init__(self, summary, total: int):
        self.summary, self.total = summary, total
        super().__init__(f"interrupted: {summary.done} of {total} imported; run the same command to resume")


class ReportNotFoundError(LaoReportError):
    """No imported report answers to the id, path or file name given."""


class ThreadNotFoundError(LaoReportError):
    """No thread has the id given (ids change when a re-import relinks an office's tasks)."""


class AmbiguousReportError(ReportNotFoundError):
    """A file name (or id prefix) that several imported reports answer to; `matches` lists them."""

    def __init__(self, ref: str, matches: list[dict]):
        self.ref, self.matches = ref, matches
        listed = "; ".join(f"{m['id']} {m['source']}" for m in matches)
        super().__init__(f"{len(matches)} reports match {ref!r}: give the id or the path of one of them ({listed})")


class QueryError(LaoReportError):
    """A query, filter or option that cannot be answered as given: a usage error.

    `param` names the API parameter at fault ("date_from", "query", ...), so that each shell
    (the command line, the web page) can name its own option in the message; `reason` and
    `values` name the refusal itself (reason="nothing_to_search", query="!!!"), so that a shell
    speaking another language than this message's English can word it in its own.
    """

    def __init__(self, message: str, param: str | None = None, reason: str | None = None, **values):
        super().__init__(message)
        self.param = param
        self.reason = reason
        self.values = values


class PeriodError(QueryError):
    """A period that is not YYYY, YYYY-MM, YYYY-Qn or YYYY-Hn."""


class ServeError(LaoReportError):
    """`laoreport serve` cannot listen on the host and port asked for."""
