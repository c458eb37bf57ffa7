"""The overview's rows: every month from the first to the last, so a month without a report shows as a gap.

archive.stats() counts what the index holds; a month nobody reported on is simply
absent there. The chart needs it present, with zero reports, between its neighbours:
2019-11, 2019-12 (no report), 2020-01. Quarters, half-years and years keep their
place in time order (2019-Q3 after 2019-09). A period that ends after the last month any
report reviews (March 2020, the year 2020, when February 2020 is the latest) is only
planned so far: it is "ahead", not missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from laoreport.periods import parse_period, sort_key


@dataclass
class PeriodRow:
    period: str
    reports: int
    done: int
    planned: int
    ahead: bool = False  # ends after the last month any report reviews: nobody could report on it yet

    @property
    def missing(self) -> bool:
        """A period the archive should hold a report of, and does not."""
        return self.reports == 0 and not self.ahead


def _months_between(first: str, last: str) -> list[str]:
    year, month = map(int, first.split("-"))
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def period_rows(by_period: dict[str, dict[str, int]]) -> list[PeriodRow]:
    """One row per period of `by_period`, plus a zero row for each month missing between its first and last month."""
    counts = dict(by_period)
    months = [p for p in counts if parse_period(p).kind == "month"]
    if months:
        for month in _months_between(min(months), max(months)):
            counts.setdefault(month, {"reports": 0, "done": 0, "planned": 0})
    reported = [parse_period(p).last_month for p, c in counts.items() if c.get("reports")]
    last = max(reported, default="0000-00")
    return [PeriodRow(period, c.get("reports", 0), c.get("done", 0), c.get("planned", 0),
                      ahead=parse_period(period).last_month > last)
            for period, c in sorted(counts.items(), key=lambda item: sort_key(item[0]))]


def bar_scale(rows: list[PeriodRow], *fields: str) -> int:
    """The largest of these counts in the chart, which a full-width bar stands for (at least 1)."""
    return max([1] + [getattr(row, field) for row in rows for field in fields])
