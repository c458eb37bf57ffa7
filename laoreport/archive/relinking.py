"""Relinking an office's threads where its stored tasks changed, a year at a time, until they stop changing.

Linking (linking.py) makes two passes over an office's tasks in time order, a year (a block)
at a time, and what it does in a year depends only on the tasks of the years around it and
on the threads still open when the year starts. So after a change in year C:

- both passes (the first's threads, the drafts, weigh the second's features) resume at year C:
  the threads open there are read back from what each pass stored (the `draft` and `thread`
  columns), not recomputed;
- each pass stores, per year, a digest of its open threads at the start of that year (their
  latest tasks, not their ids). Once the changed years are out of a year's window and a pass
  reaches a year with the digest it had before, the rest of the office links as it did: the
  pass stops there, and threads that kept going under a new id (a task joined at their start)
  are renamed in the years after;
- memory holds the years in the window and the open threads, whatever the office's length.

A new month of reports relinks its year; importing a whole archive links it from its first
year to its last, once.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from laoreport.archive.linking import (
    BLOCK_YEARS, CLOSED_AFTER, RECENT, UNDATED, YEARS_BEFORE, Features, Linker, OpenThread, TaskRef, Weights,
    Window, YearCounts, _month_number, block_of, month_text,
)

#: A block whose change only moves the office's latest reviewed month (a report without tasks
#: added or gone): outcomes are recomputed, nothing is relinked.
OUTCOMES_ONLY = -1

_COLUMNS = ("id, report, idx, period, status, section, text, syllables, continues, moment, first_month, last_month,"
            " partial, draft, thread")


class Stored(Features):
    """A task's features, with its row id and the draft and thread stored for it before this relink."""

    __slots__ = ("id", "stored", "now")

    def __init__(self, row: tuple):
        id_, report, idx, period, status, section, text, syllables, continues, moment, first, last, partial, \
            draft, thread = row
        super().__init__(TaskRef(report, idx, period, status, tuple(json.loads(section)), text,
                                 tuple(syllables.split("\t")) if syllables else (), bool(continues), moment,
                                 first, last, bool(partial)))
        self.id = id_
        self.stored = {"draft": draft, "thread": thread}
        self.now = dict(self.stored)


def relink_office(db: sqlite3.Connection, office: str, changed: Iterable[int]) -> set[str]:
    """Relink `office` where the blocks `changed` (years, UNDATED) reach; the ids of threads that
    gained, lost or renamed tasks. The caller holds a transaction and updates those threads."""
    return _Relink(db, office).run(set(changed) - {OUTCOMES_ONLY})


class _Relink:
    def __init__(self, db: sqlite3.Connection, office: str):
        self.db, self.office = db, office
        years = [int(year) for (year,) in db.execute(
            "SELECT DISTINCT substr(moment, 1, 4) FROM tasks WHERE office = ? ORDER BY 1", (office,))]
        dated = [y for y in years if y != UNDATED]
        # undated tasks are linked last, as the block after the office's last one
        self.undated = block_of(dated[-1]) + BLOCK_YEARS if dated else UNDATED
        self.years = {self._block(y): [] for y in years}  # block -> its years with tasks
        for year in years:
            self.years[self._block(year)].append(year)
        self.blocks = sorted(self.years)
        self.rows: dict[int, list[Stored]] = {}  # year -> its tasks, while a window needs them
        self.counts: dict[int, YearCounts] = {}
        self._window: tuple[int | None, Window | None] = (None, None)  # the last block's, for the second pass
        self.touched: set[str] = set()

    def _block(self, year: int) -> int:
        return self.undated if year == UNDATED else block_of(year)

    def run(self, changed: set[int]) -> set[str]:
        if not changed or not self.blocks:
            return self.touched
        if UNDATED in self.years.get(self.undated, ()):  # its window and closing follow the office's last block
            changed.add(UNDATED)
        changes = sorted({self.undated if year == UNDATED else year for year in changed})
        rewritten: list[int] = []  # years whose drafts the first pass linked anew
        first = _Pass(self, "draft", lambda block: _reaches(changes, block))
        second = _Pass(self, "thread", lambda block: _reaches(changes, block) or _reaches(rewritten, block))
        for block in self.blocks:
            if first.handle(block, False):
                rewritten += [block if year == UNDATED else year for year in self.years[block]]
            second.handle(block, True)
            self._forget_rows(block + BLOCK_YEARS - YEARS_BEFORE)
        self.db.execute("DELETE FROM blocks WHERE office = ? AND block NOT IN (%s)" % ",".join("?" * len(self.blocks)),
                        (self.office, *self.blocks))
        return self.touched

    def _window_years(self, block: int) -> list[int]:
        """The years whose tasks weigh `block`'s links: its own and the YEARS_BEFORE before it."""
        return [year for b in self.blocks if block - YEARS_BEFORE <= b + BLOCK_YEARS - 1 and b <= block
                for year in self.years[b] if block - YEARS_BEFORE <= (year if year != UNDATED else b)]

    def weights(self, block: int, second: bool) -> Weights:
        """How features weigh in `block`'s links, from the tasks of its years and the years before."""
        years = self._window_years(block)
        for year in years:
            if year not in self.counts:
                self.counts[year] = YearCounts(self.year_rows(year))
        if self._window[0] != block:
            self._window = (block, Window([self.counts[y] for y in years]))
        drafts = [[row.now["draft"] for row in self.year_rows(y)] for y in years] if second else None
        return Weights(self._window[1], drafts)

    def block_rows(self, block: int) -> list[Stored]:
        return [row for year in self.years[block] for row in self.year_rows(year)]

    def year_rows(self, year: int) -> list[Stored]:
        if year not in self.rows:
            self.rows[year] = [Stored(row) for row in self.db.execute(
                f"SELECT {_COLUMNS} FROM tasks WHERE office = ? AND moment >= ? AND moment < ? ORDER BY moment",
                (self.office, f"{year:04d}-", f"{year:04d}~"))]
        return self.rows[year]

    def _forget_rows(self, before: int) -> None:
        """Let go of the tasks of the years before `before` (UNDATED comes last)."""
        for year in [y for y in self.rows if y < before]:
            del self.rows[year]
            self.counts.pop(year, None)

    def open_threads(self, column: str, block: int) -> list[OpenThread]:
        """The threads of `column` open at the start of `block`, as stored: those with a task in
        the CLOSED_AFTER months before it, each with its latest tasks."""
        start = f"{self.years[block][0]:04d}-" if block == self.undated else f"{block:04d}-"
        since = month_text(_month_number(f"{block:04d}-01") - CLOSED_AFTER)
        ids = [value for (value,) in self.db.execute(
            f"SELECT DISTINCT {column} FROM tasks WHERE office = ? AND moment >= ? AND moment < ?"
            f" AND {column} IS NOT NULL ORDER BY 1", (self.office, since, start))]
        threads = []
        for value in ids:
            latest = self.db.execute(f"SELECT {_COLUMNS} FROM tasks WHERE {column} = ? AND moment < ?"
                                     " ORDER BY moment DESC LIMIT ?", (value, start, RECENT)).fetchall()
            threads.append(OpenThread(value, [Stored(row) for row in reversed(latest)]))
        return threads

    def digest(self, column: str, block: int) -> str | None:
        row = self.db.execute(f"SELECT {column} FROM blocks WHERE office = ? AND block = ?",
                              (self.office, block)).fetchone()
        return row[0] if row else None

    def save_digest(self, column: str, block: int, digest: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO blocks (office, block) VALUES (?, ?)", (self.office, block))
        self.db.execute(f"UPDATE blocks SET {column} = ? WHERE office = ? AND block = ?", (digest, self.office, block))

    def write(self, column: str, block: int, placed: list[tuple[Stored, OpenThread]]) -> None:
        if column == "draft":
            for year in self.years[block]:
                if year in self.counts:
                    self.counts[year].drafts = None
        changes = []
        for row, thread in placed:
            row.now[column] = thread.identity
            if thread.identity != row.stored[column]:
                changes.append((thread.identity, row.id))
                if column == "thread":
                    self.touched.add(thread.identity)
                    if row.stored[column]:
                        self.touched.add(row.stored[column])
        self.db.executemany(f"UPDATE tasks SET {column} = ? WHERE id = ?", changes)

    def rename(self, column: str, threads: list[OpenThread], block: int) -> None:
        """The open threads went on, from `block`, under their stored ids: give those tasks the new ones."""
        renames = {}
        for thread in threads:
            old = thread.members[-1].stored[column]
            if old != thread.identity:
                renames[old] = thread.identity
        if not renames:
            return
        first_year = self.years[block][0]
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS renames (old TEXT PRIMARY KEY, new TEXT)")
        self.db.execute("DELETE FROM renames")
        self.db.executemany("INSERT INTO renames VALUES (?, ?)", renames.items())
        self.db.execute(f"UPDATE tasks SET {column} = (SELECT new FROM renames WHERE old = tasks.{column})"
                        f" WHERE {column} IN (SELECT old FROM renames) AND office = ? AND moment >= ?",
                        (self.office, f"{first_year:04d}-"))
        for year, rows in self.rows.items():
            if year >= first_year:
                for row in rows:
                    if row.stored[column] in renames:
                        row.stored[column] = row.now[column] = renames[row.stored[column]]
                if column == "draft" and year in self.counts:
                    self.counts[year].drafts = None
        if column == "thread":
            self.touched |= set(renames) | set(renames.values())


def _reaches(years: list[int], block: int) -> bool:
    """Whether tasks of these years weigh the links of `block` (undated ones: in its first year)."""
    return any(block - YEARS_BEFORE <= year < block + BLOCK_YEARS for year in years)


class _Pass:
    """One of linking's two passes over the office, linking the years a change reaches and
    stopping where its open threads are what they were."""

    def __init__(self, relink: _Relink, column: str, reached):
        self.relink, self.column, self.reached = relink, column, reached
        self.linker: Linker | None = None  # None: idle, the stored links stand

    def handle(self, block: int, second: bool) -> bool:
        """Link `block` if the change reaches it or this pass has not caught up yet; whether it did."""
        relink = self.relink
        reached = self.reached(block)
        if self.linker is None:
            if not reached:
                return False
            self.linker = Linker(relink.office, relink.open_threads(self.column, block))
        self.linker.close_silent(block)
        digest = self.linker.digest()
        if not reached and digest == relink.digest(self.column, block):
            relink.rename(self.column, self.linker.threads, block)
            self.linker = None
            return False
        relink.save_digest(self.column, block, digest)
        weights = relink.weights(block, second)
        relink.write(self.column, block, self.linker.link(relink.block_rows(block), weights))
        return True
