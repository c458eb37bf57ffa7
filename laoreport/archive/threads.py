"""Task threads as stored: a SQLite file beside the Whoosh index, kept in step with it, and the API.

Import records each committed report's tasks here and relinks the threads of the offices it
touched where the change reaches (relinking.py); `threads`, search hits, `tasks` and `show`
read them. Threads are a function of an office's tasks, so importing in any order gives the
same threads. The file remembers which Whoosh commit it reflects: if an import died between
the Whoosh commit and the thread update, the next reader sees the index is ahead and brings
the threads up to date from the index (when no import holds the index), except within
`reading_only()`, where threads are read as they stand and nothing is written (the web page).

Reading is a few indexed queries: a thread row holds its outcome, periods and place in time;
tasks are found by their thread, their period's months and, for a query, a full-text index
of their normalized syllables (FTS5), so `threads` answers a page in milliseconds.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from contextvars import ContextVar
from pathlib import Path

from laoreport.archive.linking import office_key, outcome, task_ref
from laoreport.archive.relinking import OUTCOMES_ONLY, relink_office
from laoreport.archive.search import checked_phrases
from laoreport.archive.store import Store
from laoreport.errors import ArchiveError, IndexBusyError, QueryError, ThreadNotFoundError
from laoreport.lao import syllable_tokens
from laoreport.model import Report
from laoreport.periods import parse_period, period_bounds

DB_NAME = "threads.sqlite"
#: Threads stored by another version of linking (or of task_syllables, or of this layout) are
#: rebuilt from the index.
VERSION = "3"
OUTCOMES = ("done", "open", "dropped")
#: Reports read from the index per transaction when the threads file is rebuilt from it.
SYNC_CHUNK = 200

_READ_ONLY: ContextVar[bool] = ContextVar("laoreport_threads_read_only", default=False)

# tasks.moment is linking.time_text: the order of linking, and of a thread's tasks; tasks_thread
# holds what `threads` lists of a task, so that a thread's tasks are read from it alone.
# tasks.draft is the task's thread in linking's first pass; blocks hold each pass's digest per
# year (relinking.py); dirty lists the years of each office whose tasks changed since linking,
# stale the threads that lost tasks then.
# tasks_words indexes tasks.words (rowid = tasks.id): normalized syllables between spaces;
# Lao vowel and tone marks (M*) are letters of a word there, not separators.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS reports (
    report TEXT PRIMARY KEY, source TEXT, office TEXT, office_name TEXT, period TEXT, reviewed TEXT);
CREATE INDEX IF NOT EXISTS reports_source ON reports (source);
CREATE INDEX IF NOT EXISTS reports_office ON reports (office, reviewed);
CREATE TABLE IF NOT EXISTS tasks (
    id INTEGER PRIMARY KEY, key TEXT UNIQUE, report TEXT, idx INTEGER, office TEXT, source TEXT, period TEXT,
    status TEXT, section TEXT, text TEXT, syllables TEXT, continues INTEGER, words TEXT, moment TEXT,
    first_month TEXT, last_month TEXT, partial INTEGER, draft TEXT, thread TEXT);
CREATE INDEX IF NOT EXISTS tasks_report ON tasks (report);
CREATE INDEX IF NOT EXISTS tasks_office ON tasks (office, moment);
CREATE INDEX IF NOT EXISTS tasks_draft ON tasks (draft, moment);
CREATE INDEX IF NOT EXISTS tasks_thread ON tasks (thread, moment, report, source, period, status, section, text);
CREATE INDEX IF NOT EXISTS tasks_months ON tasks (first_month, last_month);
CREATE VIRTUAL TABLE IF NOT EXISTS tasks_words USING fts5(
    words, content='', tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M*'");
CREATE TABLE IF NOT EXISTS threads (
    id TEXT PRIMARY KEY, office TEXT, outcome TEXT, first_period TEXT, last_period TEXT, moment TEXT,
    last_status TEXT, last_end TEXT, last_partial INTEGER);
CREATE INDEX IF NOT EXISTS threads_office ON threads (office);
CREATE INDEX IF NOT EXISTS threads_moment ON threads (moment);
CREATE INDEX IF NOT EXISTS threads_outcome ON threads (outcome, moment);
CREATE TABLE IF NOT EXISTS blocks (office TEXT, block INTEGER, draft TEXT, thread TEXT, PRIMARY KEY (office, block));
CREATE TABLE IF NOT EXISTS dirty (office TEXT, block INTEGER, PRIMARY KEY (office, block));
CREATE TABLE IF NOT EXISTS stale (thread TEXT PRIMARY KEY, office TEXT);
"""


def record_threads(store: Store, reports: Iterable[Report], gone_sources: Iterable[str] = ()) -> None:
    """After a Whoosh commit: store the tasks of `reports` (replacing those of their sources) and
    forget the reports of `gone_sources`; relink_threads then relinks where they changed.

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
    """Relink each office where its tasks changed since it was last linked."""
    with closing(_connect(store.path)) as db, _as_archive_error(store.path):
        _relink(db)


def threads(
    query: str | None = None,
    index_dir: str | os.PathLike[str] | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    outcome: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> dict:
    """The threads having a task that matches `query` (or any task) in the period range, oldest
    first: `{"threads": [...], "total": n}`, at most `limit` of them (all with None) from `offset`.

    `query` is the search query language (any spelling, "phrases", OR); `date_from`/`date_to`
    keep tasks whose period lies inside the range; `outcome` is done, open or dropped.
    Each thread lists all its tasks in time order, whatever the filters; `total` counts the
    threads found, however many are returned.
    """
    if outcome and outcome not in OUTCOMES:
        raise QueryError(f"{outcome!r} is not one of {', '.join(OUTCOMES)}", param="outcome")
    if limit is not None and limit < 0 or offset < 0:
        raise QueryError("limit and offset cannot be negative", param="limit")
    conditions, values = [], []
    if query:
        conditions.append("id IN (SELECT rowid FROM tasks_words WHERE tasks_words MATCH ?)")
        values.append(_match_expression(query))
    first_month, last_month = period_bounds(date_from, date_to)
    if first_month:
        conditions.append("first_month >= ?")
        values.append(first_month)
    if last_month:  # a period inside the range also starts before its end: the index's range stays narrow
        conditions.append("first_month <= ? AND last_month <= ?")
        values += [last_month] * 2
    chosen = "threads"
    if conditions:
        chosen = (f"(WITH chosen AS MATERIALIZED (SELECT DISTINCT thread AS id FROM tasks WHERE {' AND '.join(conditions)})"
                  " SELECT threads.* FROM threads JOIN chosen USING (id))")
    if outcome:
        chosen += " WHERE outcome = ?"
        values.append(outcome)
    store = Store.open(index_dir)
    with _current(store) as db, _as_archive_error(store.path):
        try:
            heads = db.execute(
                f"SELECT id, outcome, office, first_period, last_period, count(*) OVER () FROM {chosen}"
                " ORDER BY moment LIMIT ? OFFSET ?", [*values, -1 if limit is None else limit, offset]).fetchall()
            total = heads[0][-1] if heads else db.execute(f"SELECT count(*) FROM {chosen}", values).fetchone()[0]
        except sqlite3.OperationalError as error:  # a query FTS5 cannot parse
            raise QueryError(f"the query {query!r} cannot be searched: {error}") from None
        found = _threads_of(db, [head[:-1] for head in heads])
    return {"threads": found, "total": total}


def thread(thread_id: str, index_dir: str | os.PathLike[str] | None = None) -> dict:
    """One thread by its id, as `threads` lists it; ThreadNotFoundError if no thread has it."""
    store = Store.open(index_dir)
    with _current(store) as db, _as_archive_error(store.path):
        heads = db.execute("SELECT id, outcome, office, first_period, last_period FROM threads WHERE id = ?",
                           (thread_id,)).fetchall()
        if not heads:
            raise ThreadNotFoundError(f"no thread {thread_id!r}: `laoreport threads` lists them with their ids")
        return _threads_of(db, heads)[0]


def _match_expression(query: str) -> str:
    """The FTS5 query matching the tasks `search` finds for `query`: every phrase of an
    alternative occurs as a run of syllables (what the index's syllable field requires of a hit).

    >>> _match_expression('ຫລຽນທີ່ລະນຶກ OR "ສ້ອມແປງ ລົດ"')
    '("ຫຼຽນ ທີ່ ລະ ນຶກ") OR ("ສ້ອມ ແປງ ລົດ")'
    """
    return " OR ".join(
        "(" + " AND ".join('"' + " ".join(t.norm.replace('"', '""') for t in syllable_tokens(phrase)) + '"'
                           for phrase in phrases) + ")"
        for phrases in checked_phrases(query))


def _spaced(syllables: Iterable[str]) -> str:
    """Syllables between spaces, as the full-text index reads them: " ຫຼຽນ ທີ່ ລະ ນຶກ "."""
    return " " + " ".join(syllables) + " "


def _threads_of(db: sqlite3.Connection, heads: list[tuple]) -> list[dict]:
    """Thread rows as the API returns them, each with all its tasks in time order."""
    tasks: dict[str, list[dict]] = {head[0]: [] for head in heads}
    sections: dict[str, list[str]] = {}  # a report's sections repeat: each JSON read once
    for chunk in _chunks(list(tasks)):
        for thread, report, source, period, status, section, text in db.execute(
            "SELECT thread, report, source, period, status, section, text FROM tasks"
            f" WHERE thread IN ({','.join('?' * len(chunk))}) ORDER BY thread, moment", chunk
        ):
            if section not in sections:
                sections[section] = json.loads(section)
            tasks[thread].append({"report": report, "source": source, "period": period, "status": status,
                                  "section": list(sections[section]), "text": text})
    names = {}
    for office in {head[2] for head in heads}:
        row = db.execute("SELECT office_name FROM reports WHERE office = ? LIMIT 1", (office,)).fetchone()
        names[office] = row[0] if row else None
    return [{"id": id_, "outcome": outcome_, "office": names[office], "first_period": first, "last_period": last,
             "tasks": tasks[id_]} for id_, outcome_, office, first, last in heads]


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
                if _meta_version(db) in (VERSION, None):  # another layout waits for _sync, under the import lock
                    db.executescript(_SCHEMA)
                db.create_function("outcome", 4, outcome, deterministic=True)
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


def _meta_version(db: sqlite3.Connection) -> str | None:
    """The stored layout's version; None for a new file."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
        return None
    row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    return row[0] if row else None


def _drop_all(db: sqlite3.Connection) -> None:
    with _transaction(db):
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
                                  " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'tasks_words_%'").fetchall():
            db.execute(f"DROP TABLE IF EXISTS {name}")


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
    if key == "version":
        return _meta_version(db)
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _set_meta(db: sqlite3.Connection, key: str, value: str) -> None:
    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


def _record(db: sqlite3.Connection, reports: list[Report], gone_sources: list[str]) -> None:
    """In one transaction: drop the reports of these sources, add these reports, mark the years they change."""
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
    rows = db.execute("SELECT id, words, moment FROM tasks WHERE report = ?", (report,)).fetchall()
    db.executemany("INSERT INTO tasks_words (tasks_words, rowid, words) VALUES ('delete', ?, ?)",
                   [(id_, words) for id_, words, _ in rows])
    _mark(db, office, {int(moment[:4]) for _, _, moment in rows})
    db.execute("INSERT OR IGNORE INTO stale SELECT DISTINCT thread, office FROM tasks"
               " WHERE report = ? AND thread IS NOT NULL", (report,))
    db.execute("DELETE FROM tasks WHERE report = ?", (report,))
    db.execute("DELETE FROM reports WHERE report = ?", (report,))


def _add(db: sqlite3.Connection, report: Report) -> None:
    header = report.header
    office = office_key(header.organization, header.unit)
    name = " / ".join(part for part in (header.organization, header.unit) if part)
    reviewed = parse_period(report.period).last_month if report.period else None
    db.execute("INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?)",
               (report.id, report.source.path, office, name, report.period, reviewed))
    next_id = db.execute("SELECT coalesce(max(id), 0) + 1 FROM tasks").fetchone()[0]
    rows = []
    for index, task in enumerate(report.tasks):
        tokens = syllable_tokens(task.text)
        ref = task_ref(report.id, index, task.period, task.status, task.section, task.text, task.carried_over,
                       tokens)
        rows.append((next_id + index, ref.key, report.id, index, office, report.source.path, task.period,
                     task.status, json.dumps(task.section, ensure_ascii=False), task.text, "\t".join(ref.syllables),
                     int(task.carried_over), _spaced(t.norm for t in tokens), ref.moment, ref.first_month,
                     ref.last_month, int(ref.partial)))
    db.executemany("INSERT INTO tasks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)", rows)
    db.executemany("INSERT INTO tasks_words (rowid, words) VALUES (?, ?)", [(row[0], row[12]) for row in rows])
    _mark(db, office, {int(row[13][:4]) for row in rows})


def _mark(db: sqlite3.Connection, office: str, blocks: set[int]) -> None:
    """The office's `blocks` (years) changed; so may its latest reviewed month, which outcomes read."""
    db.executemany("INSERT OR IGNORE INTO dirty VALUES (?, ?)",
                   [(office, block) for block in sorted(blocks | {OUTCOMES_ONLY})])


def _relink(db: sqlite3.Connection) -> None:
    """Relink each office where it changed, then update its changed threads and its outcomes;
    one transaction per office."""
    for (office,) in db.execute("SELECT DISTINCT office FROM dirty ORDER BY office").fetchall():
        with _transaction(db):
            changed = [block for (block,) in db.execute("SELECT block FROM dirty WHERE office = ?", (office,))]
            touched = relink_office(db, office, changed)
            touched |= {thread for (thread,) in db.execute("SELECT thread FROM stale WHERE office = ?", (office,))}
            _update_threads(db, office, touched)
            db.execute("DELETE FROM dirty WHERE office = ?", (office,))
            db.execute("DELETE FROM stale WHERE office = ?", (office,))


def _update_threads(db: sqlite3.Connection, office: str, ids: set[str]) -> None:
    """Rewrite the rows of the threads `ids` from their tasks (or drop them: no task left), then
    every outcome of the office, which its latest reviewed month decides with each thread's last task."""
    rows, gone = [], []
    for id_ in sorted(ids):
        first = db.execute("SELECT period, moment FROM tasks WHERE thread = ? ORDER BY moment LIMIT 1",
                           (id_,)).fetchone()
        if first is None:
            gone.append((id_,))
            continue
        last = db.execute("SELECT period, status, last_month, partial FROM tasks WHERE thread = ?"
                          " ORDER BY moment DESC LIMIT 1", (id_,)).fetchone()
        rows.append((id_, office, first[0], last[0], first[1], last[1], last[2], last[3]))
    db.executemany("DELETE FROM threads WHERE id = ?", gone)
    db.executemany("INSERT OR REPLACE INTO threads (id, office, first_period, last_period, moment, last_status,"
                   " last_end, last_partial) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    if not db.execute("SELECT 1 FROM tasks WHERE office = ? LIMIT 1", (office,)).fetchone():
        db.execute("DELETE FROM threads WHERE office = ?", (office,))
        db.execute("DELETE FROM blocks WHERE office = ?", (office,))
    latest = db.execute("SELECT max(reviewed) FROM reports WHERE office = ?", (office,)).fetchone()[0]
    db.execute("UPDATE threads SET outcome = outcome(last_status, last_end, last_partial, ?) WHERE office = ?",
               (latest, office))


# --- keeping in step with the index --------------------------------------------------------

@contextmanager
def reading_only() -> Iterator[None]:
    """Within it, reading threads writes nothing to the disk: a threads file behind the index
    (an import died between its two commits) is read as it stands until the next import brings
    it up to date, and a missing one, or one of another version, is an ArchiveError saying so.
    The web page reads this way, so that no request writes to the index folder.
    """
    token = _READ_ONLY.set(True)
    try:
        yield
    finally:
        _READ_ONLY.reset(token)


def _connect_read_only(index_path: Path) -> sqlite3.Connection:
    """The threads file as it stands, never created, converted or repaired."""
    path = index_path / DB_NAME
    rebuild = f"run `laoreport import` on the archive's folders to build them in {index_path}"
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=30, isolation_level=None)
    except sqlite3.OperationalError:
        raise ArchiveError(f"the threads are not built yet: {rebuild}") from None
    try:
        version = _meta_version(db)
        db.create_function("outcome", 4, outcome, deterministic=True)
    except sqlite3.Error as error:
        db.close()
        raise ArchiveError(f"cannot read the threads file {path}: {error}") from None
    if version != VERSION:
        db.close()
        raise ArchiveError(f"the threads were stored by another version of laoreport: {rebuild}")
    return db


@contextmanager
def _current(store: Store):
    """A connection whose threads reflect the index, brought up to date first when it can be.

    Behind the index (an import died after its Whoosh commit, or the threads store is new or
    of another version), the store is synced from the index under the import lock; while an
    import holds that lock, the threads are read as they are and the import will finish them.
    """
    if _READ_ONLY.get():
        with closing(_connect_read_only(store.path)) as db:
            yield db
        return
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
    """Make the stored reports those of the index: add what is missing, drop what is gone.

    Reports are read from the index and recorded SYNC_CHUNK at a time, so memory stays flat.
    """
    if _meta_version(db) != VERSION:  # another layout or linking: start afresh
        _drop_all(db)
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
                if len(missing) >= SYNC_CHUNK:
                    _record(db, missing, [])
                    missing = []
    gone = [source for report, source in stored.items() if report not in indexed]
    if missing or gone:
        _record(db, missing, gone)
    _set_meta(db, "generation", str(generation))
