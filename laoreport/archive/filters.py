"""Filters on what a document's header holds (type, office, number, date) and on its period.

Every index document carries its report's header keys, so that one filter serves search, tasks
and list alike. The keys are normalized for matching: `--org ການເງິນ` finds ກະຊວງການເງິນ in any
spelling, `--number 2160` finds ເລກທີ 2160/ກງ, and `--number 558/ກງ` finds 0558/ກງ. A document
with no period (a law, a decree) is placed in time by its date, so `--from 2000` finds the
decree dated 2007-10-05.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace

from laoreport.archive.sources import source_key
from laoreport.errors import QueryError
from laoreport.model import DOC_TYPES
from laoreport.periods import parse_period, period_bounds

KINDS = ("report", "section", "task")
STATUSES = ("done", "planned")

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-\d{2})?$")
_NUMBER = re.compile(r"^0*(\d+)(.*)$")


def _folded(text: str) -> str:
    from laoreport.lao import normalize

    return re.sub(r"[\s*?,]+", "", normalize(text))


def office_keys(*names: str | None) -> list[str]:
    """The keys an --org filter matches: each office name normalized, without spaces.

    >>> office_keys("ກະຊວງ ການເງິນ", None, "ຫນ່ວຍພັກ")
    ['ກະຊວງການເງິນ', 'ໜ່ວຍພັກ']
    """
    return [key for key in (_folded(name) for name in names if name) if key]


def number_key(number: str | None) -> str | None:
    """A document number as --number matches it: normalized, no spaces, no leading zeros.

    >>> number_key("0558/ ກງ"), number_key("2160"), number_key(None)
    ('558/ກງ', '2160', None)
    """
    if not number:
        return None
    key = _folded(number)
    if not re.search(r"\w", key):
        return None
    match = _NUMBER.match(key)
    return match[1] + match[2] if match else key


def date_months(date: str | None) -> tuple[str, str] | None:
    """The months a header date covers: "2007-10-05" -> ("2007-10", "2007-10"), "2021" -> the year."""
    match = _DATE.match(date or "")
    if not match:
        return None
    year, month = match[1], match[2]
    return (f"{year}-{month}", f"{year}-{month}") if month else (f"{year}-01", f"{year}-12")


def document_months(period: str | None, date: str | None) -> tuple[str | None, str | None]:
    """The first and last month a document covers: its period's, else its date's."""
    if period:
        parsed = parse_period(period)
        return parsed.first_month, parsed.last_month
    return date_months(date) or (None, None)


@dataclass(frozen=True)
class Filters:
    """What a search, a task list or a report list is narrowed to; None means any.

    `first_month`/`last_month` ("YYYY-MM") keep a document whose months lie inside the range;
    `source` keeps one file's documents, `folder` those of every file under a folder (both
    resolved absolute paths).
    """

    kind: str | None = None
    status: str | None = None
    first_month: str | None = None
    last_month: str | None = None
    doc_type: str | None = None
    org: str | None = None
    number: str | None = None
    source: str | None = None
    folder: str | None = None

    @classmethod
    def build(cls, date_from=None, date_to=None, kind=None, status=None, doc_type=None, org=None, number=None,
              source=None):
        """Filters from what a user typed; a QueryError says what cannot be answered as given, and
        names the parameter at fault so that each shell can name its own option."""
        if kind is not None and kind not in KINDS:
            raise QueryError(f"{kind!r} is not one of {', '.join(KINDS)}", param="kind")
        if status is not None and status not in STATUSES:
            raise QueryError(f"{status!r} is not one of {', '.join(STATUSES)}", param="status")
        if doc_type is not None and doc_type not in DOC_TYPES:
            raise QueryError(f"{doc_type!r} is not one of {', '.join(DOC_TYPES)}", param="doc_type")
        if status and kind == "section":
            raise QueryError(
                f"{status!r} is the status of a task: it applies to tasks (and to reports through their "
                "tasks), not to sections", param="status"
            )
        first, last = period_bounds(date_from, date_to)
        org_key = office_keys(org)[0] if org and office_keys(org) else None
        if org is not None and not org_key:
            raise QueryError(f"{org!r} names no office: give the name, or part of the name, of one", param="org")
        number_filter = number_key(number)
        if number is not None and not number_filter:
            raise QueryError(f"{number!r} is not a document number: write it as 2160/ກງ or 2160", param="number",
                             reason="bad_number", number=number)
        file, folder = None, None
        if source:
            key = source_key(source)
            file, folder = (None, key) if os.path.isdir(key) else (key, None)
        return cls(kind, status, first, last, doc_type, org_key, number_filter, file, folder)

    def through_duplicates(self, searcher) -> Filters:
        """These filters with a duplicate's file standing for the report it duplicates, so that
        `--source copy.txt` finds what `show copy.txt` shows (the same text, imported once)."""
        return replace(self, source=searcher.original_source(self.source)) if self.source else self
