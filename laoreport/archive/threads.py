"""Task threads as stored: a SQLite file beside the Whoosh index, kept in step with it, and the API.

Import records each committed report's tasks here and relinks the threads of the offices it
touched (linking.py); `threads`, search hits, `tasks` and `show` read them. Threads are a
function of an office's tasks, so importing in any order gives the same threads. The file
remembers which Whoosh commit it reflects: if an import died between the Whoosh commit and
the thread update, the next reader sees the index is ahead and brings the threads up to date
from the index (when no import holds the index).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from laoreport.archive.linking import TaskRef, link, office_key, task_syllables, time_key
from laoreport.archive.search import query_phrases
from laoreport.archive.store import Store, resolve_index_dir
from laoreport.errors import ArchiveError, IndexBusyError, QueryError
from laoreport.lao import syllable_tokens
from laoreport.model import Report
from laoreport.periods import parse_period

DB_NAME = "threads.sqlite"
#: Threads stored by another version of linking (or of task_syllables) are rebuilt from the index.
VERSION = "2"
OUTCOMES = ("done", "open", "dropped")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS reports (
    report TEXT PRIMARY KEY, source TEXT, office TEXT, office_name TEXT, period TEXT);
CREATE INDEX IF NOT EXISTS reports_source ON reports (source);
CREATE INDEX IF NOT EXISTS reports_office ON reports (office);
CREATE TABLE IF NOT EXISTS tasks (
    key TEXT PRIMARY KEY, report TEXT, idx INTEGER, office TEXT, source TEXT, period TEXT,
    status TEXT, section TEXT, text TEXT, syllables TEXT, continues INTEGER,
    words TEXT, thread TEXT, position INTEGER);
CREATE INDEX IF NOT EXISTS tasks_report ON tasks (report);
CREATE INDEX IF NOT EXISTS tasks_office ON tasks (office);
CREATE INDEX IF NOT EXISTS tasks_thread ON tasks (thread, position);
CREATE TABLE IF NOT EXISTS threads (
    id TEXT PRIMARY KEY, office TEXT, outcome TEXT, first_period TEXT, last_period TEXT, sort TEXT);
CREATE INDEX IF NOT EXISTS threads_office ON threads (office);
CREATE INDEX IF NOT EXISTS threads_sort ON threads (sort);
CREATE TABLE IF NOT EXISTS dirty (office TEXT PRIMARY KEY);
"""


def record_threads(store: Store, reports: Iterable[Report], gone_sources: Iterable[str] = ()) -> None:
    """After a Whoosh commit: store the tasks of `reports` (replacing those of their sources) and
    forget the reports of `gone_sources`; relink_threads then relinks the offices touched.

    When the store was not up to the commit before this one (new, of another version, or an
    import died before recording), or no longer holds as many reports as the index (a report
    replaced under another spelling of its path), it is synced with the whole index instead.
    """
    with closing(_connect(store.path)) as db, _as_archive_error(store.path):
        generation = store.generation()
        if _meta(db, "version") == VERSION and _meta(db, "generation") == str(generation - 1):
            _record(db, list(reports), list(gone_sources))
            _set_meta(db, "generation", str(generation))
        with store.searcher() as searcher:
            indexed = searcher.count("kind", "report")
        if _meta(db, "generation") != str(generation) or _stored_reports(db) != indexed:
            _sync(db, store)


def relink_threads(store: Store) -> None:
    """Recompute the threads of every office whose tasks changed since it was last linked."""
    with closing(_connect(store.path)) as db, _as_archive_error(store.path):
        _relink(db)


def threads(
    query: str | None = None,
    index_dir: str | os.PathLike[str] | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    outcome: str | None = None,
) -> dict:
    """The threads having a task that matches `query` (or any task) in the period range, oldest first.

    `query` is the search query language (any spelling, "phrases", OR); `date_from`/`date_to`
    keep tasks whose period lies inside the range; `outcome` is done, open or dropped.
    Each thread lists all its tasks in time order, whatever the filters.
    """
    if outcome and outcome not in OUTCOMES:
        raise QueryError(f"unknown outcome {outcome!r}: use done, open or dropped")
    first = parse_period(date_from).first_month if date_from else None
    last = parse_period(date_to).last_month if date_to else None
    where, values = _matching(query) if query else ("1", [])
    store = Store.open(index_dir)
    with _current(store) as db, _as_archive_error(store.path):
        rows = db.execute(f"SELECT period, thread FROM tasks WHERE thread IS NOT NULL AND ({where})", values)
        chosen = {thread for period, thread in rows if _inside(period, first, last)}
        found = _threads_by_id(db, chosen, outcome)
    return {"threads": found}


def _matching(query: str) -> tuple[str, list[str]]:
    """SQL matching the tasks `search` finds for `query`: every phrase of an alternative occurs
    as a run of syllables (what the index's syllable field requires of a hit)."""
    alternatives = query_phrases(query)
    if not alternatives:
        raise QueryError(f"the query {query!r} has no Lao letters, words or digits to search for")
    clauses, values = [], []
    for phrases in alternatives:
        clauses.append("(" + " AND ".join("instr(words, ?) > 0" for _ in phrases) + ")")
        values += [_spaced(t.norm for t in syllable_tokens(phrase)) for phrase in phrases]
    return " OR ".join(clauses), values


def _spaced(syllables: Iterable[str]) -> str:
    """Syllables between spaces, so that a run of them is found with instr: " ຫຼຽນ ທີ່ ລະ ນຶກ "."""
    return " " + " ".join(syllables) + " "


def task_threads(keys: Iterable[str], index_dir: str | os.PathLike[str] | None = None) -> dict[str, dict]:
    """For task index ids (report/t/n): {"thread": id, "outcome": ...} of each one threaded.

    Thread ids annotate hits and task lists: where the threads file cannot be read (a read-only
    index folder, a damaged file), the tasks simply come without them.
    """
    keys = list(keys)
    if not keys:
        return {}
    store = Store.open(index_dir)
    found = {}
    try:
        with _current(store) as db:
            for chunk in _chunks(keys):
                found.update({key: {"thread": thread, "outcome": outcome} for key, thread, outcome in db.execute(
                    "SELECT tasks.key, tasks.thread, threads.outcome FROM tasks"
                    " JOIN threads ON threads.id = tasks.thread"
                    f" WHERE tasks.key IN ({','.join('?' * len(chunk))})", chunk)})
    except (ArchiveError, sqlite3.Error):
        return {}
    return found


def _inside(period: str | None, first: str | None, last: str | None) -> bool:
    if not (first or last):
        return True
    if not period:
        return False
    parsed = parse_period(period)
    return (not first or parsed.first_month >= first) and (not last or parsed.last_month <= last)


def _threads_by_id(db: sqlite3.Connection, ids: set[str], outcome: str | None) -> list[dict]:
    heads = []
    for chunk in _chunks(sorted(ids)):
        heads += db.execute(
            "SELECT threads.id, threads.outcome, threads.first_period, threads.last_period, threads.sort,"
            " (SELECT office_name FROM reports WHERE reports.office = threads.office LIMIT 1)"
            f" FROM threads WHERE threads.id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
    heads = sorted((h for h in heads if not outcome or h[1] == outcome), key=lambda h: h[4])
    tasks: dict[str, list[dict]] = {h[0]: [] for h in heads}
    for chunk in _chunks(list(tasks)):
        for thread, report, source, period, status, section, text in db.execute(
            "SELECT thread, report, source, period, status, section, text FROM tasks"
            f" WHERE thread IN ({','.join('?' * len(chunk))}) ORDER BY thread, position", chunk
        ):
            tasks[thread].append({"report": report, "source": source, "period": period, "status": status,
                                  "section": json.loads(section), "text": text})
    return [{"id": id_, "outcome": outcome_, "office": office, "first_period": first, "last_period": last,
             "tasks": tasks[id_]} for id_, outcome_, first, last, _, office in heads]


def _chunks(items: list, size: int = 500) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


# --- storage ---------------------------------------------------------------------------------

def _connect(index_path: Path) -> sqlite3.Connection:
    """The threads file, created if missing; a damaged one is thrown away (it is rebuilt from the index)."""
    path = index_path / DB_NAME
    for attempt in (1, 2):
        try:
            db = sqlite3.connect(path, timeout=30, isolation_level=None)
            try:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.executescript(_SCHEMA)
            except sqlite3.Error:
                db.close()
                raise
            return db
        except sqlite3.DatabaseError as error:
            if attempt == 2 or isinstance(error, sqlite3.OperationalError):
                raise ArchiveError(f"cannot open the threads file {path}: {error}") from None
            for stale in (path, path.with_name(DB_NAME + "-wal"), path.with_name(DB_NAME + "-shm")):
                stale.unlink(missing_ok=True)
    raise AssertionError("unreachable")


@contextmanager
def _as_archive_error(index_path: Path):
    """SQLite's errors (a full disk, a file another program locks) as one-line archive errors."""
    try:
        yield
    except sqlite3.Error as error:
        raise ArchiveError(f"cannot update the threads file in {index_path}: {error}") from None


@contextmanager
def _transaction(db: sqlite3.Connection):
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _meta(db: sqlite3.Connection, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _set_meta(db: sqlite3.Connection, key: str, value: str) -> None:
    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


def _record(db: sqlite3.Connection, reports: list[Report], gone_sources: list[str]) -> None:
    """In one transaction: drop the reports of these sources, add these reports, mark offices dirty."""
    with _transaction(db):
        for source in gone_sources + [r.source.path for r in reports]:
            found = db.execute("SELECT report, office FROM reports WHERE source = ?", (source,)).fetchall()
            for report, office in found:
                _forget(db, report, office)
        for report in reports:
            for old in db.execute("SELECT office FROM reports WHERE report = ?", (report.id,)).fetchall():
                _forget(db, report.id, old[0])
            _add(db, report)


def _forget(db: sqlite3.Connection, report: str, office: str) -> None:
    db.execute("DELETE FROM tasks WHERE report = ?", (report,))
    db.execute("DELETE FROM reports WHERE report = ?", (report,))
    db.execute("INSERT OR IGNORE INTO dirty VALUES (?)", (office,))


def _add(db: sqlite3.Connection, report: Report) -> None:
    header = report.header
    office = office_key(header.organization, header.unit)
    name = " / ".join(part for part in (header.organization, header.unit) if part)
    db.execute("INSERT INTO reports VALUES (?, ?, ?, ?, ?)",
               (report.id, report.source.path, office, name, report.period))
    rows = []
    for index, task in enumerate(report.tasks):
        tokens = syllable_tokens(task.text)
        rows.append((f"{report.id}/t/{index}", report.id, index, office, report.source.path, task.period,
                     task.status, json.dumps(task.section, ensure_ascii=False), task.text,
                     "\t".join(task_syllables(task.text, tokens)), int(task.carried_over),
                     _spaced(t.norm for t in tokens)))
    db.executemany("INSERT INTO tasks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)", rows)
    db.execute("INSERT OR IGNORE INTO dirty VALUES (?)", (office,))


def _relink(db: sqlite3.Connection) -> None:
    """Link each dirty office anew; one transaction per office."""
    for (office,) in db.execute("SELECT office FROM dirty ORDER BY office").fetchall():
        tasks = [
            TaskRef(report, idx, source, period, status, tuple(json.loads(section)), text,
                    tuple(syllables.split("\t")) if syllables else (), bool(continues))
            for report, idx, source, period, status, section, text, syllables, continues in db.execute(
                "SELECT report, idx, source, period, status, section, text, syllables, continues"
                " FROM tasks WHERE office = ?", (office,))
        ]
        reviewed = [p for (p,) in db.execute("SELECT period FROM reports WHERE office = ?", (office,))]
        linked = link(tasks, reviewed, office)
        with _transaction(db):
            db.execute("DELETE FROM threads WHERE office = ?", (office,))
            db.executemany("INSERT INTO threads VALUES (?, ?, ?, ?, ?, ?)", [
                (t.id, office, t.outcome, t.first_period, t.last_period, _sort_text(t.tasks[0])) for t in linked])
            db.executemany("UPDATE tasks SET thread = ?, position = ? WHERE key = ?", [
                (t.id, position, task.key) for t in linked for position, task in enumerate(t.tasks)])
            db.execute("DELETE FROM dirty WHERE office = ?", (office,))


def _sort_text(task: TaskRef) -> str:
    """A thread's place among all threads, as text SQLite can order: its first task's time key."""
    month, status, span, report, index = time_key(task)
    return f"{month}|{status}|{span:03d}|{report}|{index:05d}"


# --- keeping in step with the index --------------------------------------------------------

@contextmanager
def _current(store: Store):
    """A connection whose threads reflect the index, brought up to date first when it can be.

    Behind the index (an import died after its Whoosh commit, or the threads store is new or
    of another version), the store is synced from the index under the import lock; while an
    import holds that lock, the threads are read as they are and the import will finish them.
    """
    db = _connect(store.path)
    try:
        if _behind(db, store):
            from laoreport.archive.importer import _import_lock

            try:
                with _import_lock(store.path, 0):
                    if _behind(db, store):
                        _sync(db, store)
                        _relink(db)
            except (IndexBusyError, OSError):  # an import is writing, or the folder is read-only
                pass
        yield db
    finally:
        db.close()


def _stored_reports(db: sqlite3.Connection) -> int:
    return db.execute("SELECT count(*) FROM reports").fetchone()[0]


def _behind(db: sqlite3.Connection, store: Store) -> bool:
    return (_meta(db, "version") != VERSION or _meta(db, "generation") != str(store.generation())
            or db.execute("SELECT 1 FROM dirty LIMIT 1").fetchone() is not None)


def _sync(db: sqlite3.Connection, store: Store) -> None:
    """Make the stored reports those of the index: add what is missing, drop what is gone."""
    if _meta(db, "version") != VERSION:  # another layout or linking: start afresh
        with _transaction(db):
            for table in ("reports", "tasks", "threads", "dirty"):
                db.execute(f"DROP TABLE {table}")
        db.executescript(_SCHEMA)
        _set_meta(db, "version", VERSION)
    generation = store.generation()
    stored = {report: source for report, source in db.execute("SELECT report, source FROM reports")}
    indexed, missing = set(), []
    with store.searcher() as searcher:
        for fields in searcher.documents(kind="report"):
            indexed.add(fields["report_id"])
            if fields["report_id"] not in stored:
                missing.append(Report.from_dict(json.loads(fields["report_json"])))
    gone = [source for report, source in stored.items() if report not in indexed]
    if missing or gone:
        _record(db, missing, gone)
    _set_meta(db, "generation", str(generation))
