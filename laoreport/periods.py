"""Report periods (month, quarter, half-year, year) as written in JSON and in search filters.

A period is a string: "2019-05" (May 2019), "2019-Q3" (ໄຕມາດ III), "2019-H1"
(6 ເດືອນຕົ້ນປີ) or "2019" (ປະຈໍາປີ). Each covers a range of months, which is how
filters compare them: a 2019-Q3 report falls inside --from 2019-07 --to 2019-09.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from laoreport.errors import PeriodError

# Canonical Lao month names, January first, in the spelling the parser emits and shows.
LAO_MONTHS: tuple[str, ...] = (
    "ມັງກອນ", "ກຸມພາ", "ມີນາ", "ເມສາ", "ພຶດສະພາ", "ມິຖຸນາ",
    "ກໍລະກົດ", "ສິງຫາ", "ກັນຍາ", "ຕຸລາ", "ພະຈິກ", "ທັນວາ",
)

ROMAN_QUARTERS: tuple[str, ...] = ("I", "II", "III", "IV")

ENGLISH_MONTHS: tuple[str, ...] = ("January", "February", "March", "April", "May", "June",
                                   "July", "August", "September", "October", "November", "December")

_PERIOD_RE = re.compile(r"^(\d{4})(?:-(?:(\d{2})|Q([1-4])|H([12])))?$")


@dataclass(frozen=True)
class Period:
    """A parsed period: `kind` is "month", "quarter", "half" or "year"."""

    year: int
    kind: str
    index: int = 0  # month 1-12, quarter 1-4, half 1-2; 0 for a year

    @property
    def first_month(self) -> str:
        return f"{self.year:04d}-{self._months()[0]:02d}"

    @property
    def last_month(self) -> str:
        return f"{self.year:04d}-{self._months()[1]:02d}"

    def _months(self) -> tuple[int, int]:
        if self.kind == "month":
            return self.index, self.index
        if self.kind == "quarter":
            return 3 * self.index - 2, 3 * self.index
        if self.kind == "half":
            return 6 * self.index - 5, 6 * self.index
        return 1, 12

    def __str__(self) -> str:
        if self.kind == "month":
            return f"{self.year:04d}-{self.index:02d}"
        if self.kind == "quarter":
            return f"{self.year:04d}-Q{self.index}"
        if self.kind == "half":
            return f"{self.year:04d}-H{self.index}"
        return f"{self.year:04d}"

    def lao(self) -> str:
        """The period as a Lao reader says it, e.g. "ພຶດສະພາ 2019", "ໄຕມາດ III 2019"."""
        if self.kind == "month":
            return f"{LAO_MONTHS[self.index - 1]} {self.year}"
        if self.kind == "quarter":
            return f"ໄຕມາດ {ROMAN_QUARTERS[self.index - 1]} {self.year}"
        if self.kind == "half":
            return f"6 ເດືອນ{'ຕົ້ນ' if self.index == 1 else 'ທ້າຍ'}ປີ {self.year}"
        return f"ປີ {self.year}"

    def english(self) -> str:
        """The period in English words, e.g. "May 2019", "Q3 2019", "First half of 2019"."""
        if self.kind == "month":
            return f"{ENGLISH_MONTHS[self.index - 1]} {self.year}"
        if self.kind == "quarter":
            return f"Q{self.index} {self.year}"
        if self.kind == "half":
            return f"{'First' if self.index == 1 else 'Second'} half of {self.year}"
        return str(self.year)


def parse_period(text: str) -> Period:
    """Parse "2019", "2019-06", "2019-Q3" or "2019-H1"; raise PeriodError otherwise."""
    match = _PERIOD_RE.match(text.strip()) if isinstance(text, str) else None
    if not match:
        raise PeriodError(
            f"{text!r} is not a period: write 2019, 2019-06, 2019-Q3 or 2019-H1"
        )
    year, month, quarter, half = match.groups()
    if month:
        if not 1 <= int(month) <= 12:
            raise PeriodError(f"{text!r}: a month must be 01 to 12, as in 2019-06 (or write 2019-Q3)")
        return Period(int(year), "month", int(month))
    if quarter:
        return Period(int(year), "quarter", int(quarter))
    if half:
        return Period(int(year), "half", int(half))
    return Period(int(year), "year")


def month_range(text: str) -> tuple[str, str]:
    """The first and last month ("YYYY-MM") a period covers: "2019-Q3" -> ("2019-07", "2019-09")."""
    period = parse_period(text)
    return period.first_month, period.last_month


def sort_key(text: str | None) -> tuple[str, int]:
    """Order periods in time; a month sorts before the quarter and year that end with it."""
    if not text:
        return ("9999-99", 0)
    period = parse_period(text)
    first, last = period._months()
    return (period.last_month, last - first)


def period_bounds(
    date_from: str | None, date_to: str | None, params: tuple[str, str] = ("date_from", "date_to")
) -> tuple[str | None, str | None]:
    """The first month of `date_from` and the last of `date_to`, checked: ("2019-Q3", "2020") -> ("2019-07", "2020-12").

    A bad period, or a `date_to` that ends before `date_from` begins, raises PeriodError naming
    the parameter at fault (from `params`), so a user learns which option to fix rather than
    getting an empty answer.
    """
    bounds = []
    for value, param in zip((date_from, date_to), params):
        try:
            bounds.append(parse_period(value) if value else None)
        except PeriodError as error:
            raise PeriodError(str(error), param=param) from None
    first, last = bounds
    if first and last and first.first_month > last.last_month:
        raise PeriodError(f"{date_to!r} ends before {date_from!r} begins: the range holds no period", param=params[1])
    return (first.first_month if first else None), (last.last_month if last else None)
