"""Import: report files into the index, in worker processes, committed in batches, safe to re-run."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from laoreport.archive.documents import index_documents
from laoreport.archive.sources import is_under, source_key
from laoreport.archive.store import Store, resolve_index_dir
from laoreport.archive.threads import record_threads, relink_threads
from laoreport.archive.workers import parallel_map
from laoreport.errors import ArchiveError, ImportInterrupted, IndexBusyError, LaoReportError
from laoreport.model import Report
from laoreport.readers import file_sha256

REPORT_SUFFIXES = (".docx", ".doc", ".pdf", ".txt")
# A batch is committed once it holds COMMIT_EVERY reports and COMMIT_SECONDS have passed since
# the last commit (the first batch at once, so an interrupted import keeps something early):
# that bounds what a killed import loses, while few commits keep Whoosh's segment merging
# from growing with the archive (commits every 50 reports made a 3000-report import 4.7x its floor).
# A batch whose postings fill the writer's memory is committed at once: sorting them on disk
# cost more than the segment a commit adds.
COMMIT_EVERY = 50
COMMIT_SECONDS = 20.0
# Reports each worker may have parsed ahead of the writer: enough to keep the workers busy
# while the writer commits (a second or two), few enough that memory stays flat (about 5 MB).
IN_FLIGHT = 16


@dataclass
class ImportSummary:
    """What one import did, file by file (paths are resolved absolute paths)."""

    imported: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file, the file it duplicates)
    moved: list[tuple[str, str]] = field(default_factory=list)  # (file, the vanished file it was imported as)
    missing: list[str] = field(default_factory=list)  # indexed files under the folders given, now gone
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file or folder, reason)

    @property
    def done(self) -> int:
        """Files of this import now in the index (as a report or as a known duplicate)."""
        return len(self.imported) + len(self.replaced) + len(self.skipped) + len(self.moved) + len(self.duplicates)

    def to_dict(self) -> dict:
        return {
            "imported": len(self.imported),
            "replaced": len(self.replaced),
            "skipped": len(self.skipped),
            "duplicates": [{"file": f, "same_as": s} for f, s in self.duplicates],
            "moved": [{"file": f, "was": w} for f, w in self.moved],
            "missing": list(self.missing),
            "failed": [{"file": f, "reason": r} for f, r in self.failed],
        }


def collect_files(
    paths: Iterable[str | os.PathLike[str]], on_error: Callable[[str, str], None] | None = None
) -> list[Path]:
    """The report files named or found (recursively) under the given paths, resolved, in a stable order.

    A folder that cannot be listed is passed to `on_error(folder, reason)` rather than skipped in silence.
    """
    found: list[Path] = []
    for path in paths:
        root = Path(source_key(path))
        if not root.is_dir():
            found.append(root)
            continue

        def unreadable(error: OSError) -> None:
            if on_error:
                on_error(str(error.filename), _unreadable_reason(error))

        for folder, dirs, files in os.walk(root, onerror=unreadable):
            dirs[:] = sorted(d for d in dirs if not d.startswith((".", "~$")))
            found.extend(
                Path(folder, name) for name in sorted(files)
                if name.lower().endswith(REPORT_SUFFIXES) and not name.startswith((".", "~$"))
            )
    return list(dict.fromkeys(found))  # a file named twice (a folder and a file in it) is imported once


def _unreadable_reason(error: OSError) -> str:
    return f"cannot be read: {error.strerror or error}; check its permissions"


def _prepare(path: str) -> tuple[str, Report | None, list[dict] | str]:
    """Worker: parse and segment one file; failures come back as a one-line reason."""
    from laoreport.parsing import parse_report

    try:
        report = parse_report(path)
        return path, report, index_documents(report)
    except LaoReportError as error:
        return path, None, str(getattr(error, "reason", error))
    except Exception as error:  # a parser bug on one file must not stop the archive's import
        return path, None, f"could not be parsed ({type(error).__name__}: {error})"


def _crashed(path: str) -> tuple[str, None, str]:
    return path, None, "could not be parsed: the worker process reading it died"


def _prepared(paths: list[str], workers: int) -> Iterator[tuple[str, Report | None, list[dict] | str]]:
    """Parse in worker processes, a bounded number in flight so memory stays flat."""
    if workers <= 1 or len(paths) < 4:
        yield from map(_prepare, paths)
    else:
        yield from parallel_map(_prepare, paths, workers, _crashed, IN_FLIGHT)


@contextmanager
def _import_lock(index_dir: Path, timeout: float):
    """One import at a time per index; a second one waits `timeout` seconds, then fails clearly."""
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        handle = open(index_dir / "import.lock", "w")
    except OSError as error:
        raise ArchiveError(
            f"cannot write the index at {index_dir}: {error.strerror or error}; "
            "choose a folder you can write with --index DIR (or $LAOREPORT_INDEX)"
        ) from None
    with handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexBusyError(
                        f"another import is writing to {index_dir}; wait for it to finish and run the import again"
                    ) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass
class _Known:
    """One file the index knows: a report, or a duplicate recorded against one."""

    sha256: str
    kind: str  # "report" | "duplicate"
    report_id: str
    text_sha256: str
    stored: str  # the source as the index holds it, which is what deleting it takes


def import_paths(
    paths: Iterable[str | os.PathLike[str]],
    index_dir: str | os.PathLike[str] | None = None,
    progress: Callable[[str, str], None] | None = None,
    workers: int | None = None,
    lock_timeout: float = 30.0,
) -> ImportSummary:
    """Import report files and folders; idempotent, and safe to re-run after an interruption.

    Files are known by their resolved absolute path. A file already imported with the same
    bytes is skipped; a changed file replaces its old report, sections and tasks; a file whose
    text equals an imported one is recorded as its duplicate, or, when that one's file is gone,
    takes its place (a moved file). Indexed files under the given folders that no longer exist
    are listed in `missing` (`prune` removes them). `progress(path, outcome)` is called once per
    file as soon as its outcome is known (before the commit that makes an imported one durable).
    KeyboardInterrupt stops the workers at once, keeps what was committed and raises
    ImportInterrupted.
    """
    paths = list(paths)
    index_path = resolve_index_dir(index_dir)
    summary = ImportSummary()
    note = progress or (lambda path, outcome: None)

    def failed(path: str, reason: str) -> None:
        summary.failed.append((path, reason))
        note(path, "failed")

    files: list[Path] = []
    try:
        files = collect_files(paths, on_error=failed)
        with _import_lock(index_path, lock_timeout):
            store = Store.open(index_path, create=True)
            known = _known(store)
            _import_files(store, known, [str(p) for p in files], summary, note, failed, workers)
            relink_threads(store)
        folders = [source_key(p) for p in paths if Path(p).is_dir()]
        followed = {was for _, was in summary.moved}
        summary.missing = sorted(
            s for s in known
            if any(is_under(s, f) for f in folders) and s not in followed and not os.path.exists(s)
        )
    except KeyboardInterrupt:
        raise ImportInterrupted(summary, len(files)) from None
    return summary


def _import_files(store: Store, known: dict[str, _Known], files: list[str], summary: ImportSummary,
                  note, failed, workers) -> None:
    by_text = {k.text_sha256: (source, k.report_id) for source, k in known.items() if k.kind == "report"}
    todo = []
    for path in files:
        try:
            sha = file_sha256(path)
        except FileNotFoundError:
            failed(path, "the file does not exist (moved or deleted?)")
            continue
        except OSError as error:
            failed(path, _unreadable_reason(error))
            continue
        entry = known.get(path)
        # a duplicate is unchanged only while the report it duplicates is still where it was
        if entry and entry.sha256 == sha and (
            entry.kind == "report" or os.path.exists(by_text.get(entry.text_sha256, ("",))[0])
        ):
            summary.skipped.append(path)
            note(path, "skipped")
        else:
            todo.append(path)
    committer = _Committer(store, known, note)
    try:
        # closing: on Ctrl-C the workers stop now, not when the traceback is collected
        with closing(_prepared(todo, workers or min(2, os.cpu_count() or 1))) as prepared:
            for path, report, outcome in prepared:
                if report is None:
                    failed(path, outcome)
                    continue
                text_sha = outcome[0]["text_sha256"]
                before = known.get(path)
                if before and by_text.get(before.text_sha256, ("",))[0] == path:
                    del by_text[before.text_sha256]  # its old text leaves the index with it
                original, original_id = by_text.get(text_sha, (None, None))
                if original and original != path and os.path.exists(original):
                    committer.add_duplicate(path, report.source.sha256, original, original_id, text_sha)
                    continue
                moved_from = original if original and original != path else None
                by_text[text_sha] = (path, report.id)
                committer.add(path, report, outcome, moved_from)
        committer.commit()
    except BaseException:
        committer.cancel()
        raise
    finally:
        committer.report(summary)


def _known(store: Store) -> dict[str, _Known]:
    """What the index already holds, by source path (resolved: entries an older import stored
    relative to its own folder are read relative to the current one)."""
    known = {}
    with store.searcher() as searcher:
        for kind in ("report", "duplicate"):
            for fields in searcher.documents(kind=kind):
                known[source_key(fields["source"])] = _Known(
                    fields["sha256"], kind, fields["report_id"], fields.get("text_sha256") or "", fields["source"]
                )
    return known


def prune(
    paths: Iterable[str | os.PathLike[str]] = (),
    index_dir: str | os.PathLike[str] | None = None,
    lock_timeout: float = 30.0,
) -> dict:
    """Remove from the index the files that no longer exist, under `paths` (any spelling) or anywhere.

    Returns `{"removed": [path, ...]}`. A file that still exists is never removed.
    """
    index_path = resolve_index_dir(index_dir)
    store = Store.open(index_path)
    within = [source_key(p) for p in paths]
    with _import_lock(index_path, lock_timeout):
        known = _known(store)
        gone = sorted(
            source for source in known
            if (not within or any(is_under(source, w) for w in within)) and not os.path.exists(source)
        )
        if gone:
            writer = store.begin()
            try:
                for source in gone:
                    writer.delete_source(known[source].stored)
                writer.commit()
            except BaseException:
                writer.cancel()
                raise
            record_threads(store, [], [known[s].stored for s in gone if known[s].kind == "report"])
            relink_threads(store)
    return {"removed": gone}


def duplicate_document(path: str, sha256: str, original_id: str, text_sha256: str) -> dict:
    """The record of a file whose text equals an imported report's: it is skipped when imported
    again, and `show` answers its name with that report."""
    return {"doc_id": f"duplicate:{path}", "kind": "duplicate", "report_id": original_id,
            "source": path, "sha256": sha256, "text_sha256": text_sha256, "text": ""}


class _Committer:
    """Streams reports into one open writer and commits them every so often.

    Documents go to Whoosh as they arrive (its pool spills to disk, so memory stays flat);
    a commit makes everything so far durable and searchable. Ctrl-C may strike anywhere, even
    between a commit and its bookkeeping, so what landed is decided by the index's generation
    and recorded in one dict update: the count an interrupted import prints is what the index holds.
    """

    def __init__(self, store: Store, known: dict[str, _Known], note):
        self.store, self.known, self.note = store, known, note
        self.writer = None
        self.generation = 0  # the index's generation when the open batch began
        self.batch: dict[str, tuple[str, str | None]] = {}  # path -> (outcome, the file it duplicates or was)
        self.reports: list[Report] = []  # the batch's reports, and the sources whose reports it removes,
        self.gone: list[str] = []  # for the task threads
        self.landed: dict[str, tuple[str, str | None]] = {}
        self.last_commit: float | None = None

    def _write(self, path: str, documents: list[dict], replaces: list[str], report: Report | None = None) -> None:
        if self.writer is None:
            self.generation, self.writer = self.store.generation(), self.store.begin()
        for source in {path, *replaces}:
            if source in self.known:
                self.writer.delete_source(self.known[source].stored)
                if self.known[source].kind == "report" and (report is None or source != path):
                    self.gone.append(self.known[source].stored)
        for document in documents:
            self.writer.add(document)
        if report is not None:
            self.reports.append(report)

    def add(self, path: str, report: Report, documents: list[dict], moved_from: str | None) -> None:
        self._write(path, documents, [moved_from] if moved_from else [], report)
        known = self.known.get(path)
        outcome = "moved" if moved_from else "replaced" if known and known.kind == "report" else "imported"
        self.batch[path] = (outcome, moved_from)
        self.note(path, outcome)
        if self.writer.full() or len(self.batch) >= COMMIT_EVERY and (
            self.last_commit is None or time.monotonic() - self.last_commit >= COMMIT_SECONDS
        ):
            self.commit()

    def add_duplicate(self, path: str, sha256: str, original: str, original_id: str, text_sha256: str) -> None:
        self._write(path, [duplicate_document(path, sha256, original_id, text_sha256)], [])
        self.batch[path] = ("duplicate", original)
        self.note(path, "duplicate")

    def commit(self) -> None:
        if self.writer is None:
            return
        try:
            self.writer.commit()
            interrupted = False
        except KeyboardInterrupt:
            interrupted = True
        if interrupted:
            # Ctrl-C during a commit (the last one can take seconds). Raised anew out here, so the
            # old traceback lets go of Whoosh's half-run merge, which removes its temporary files
            # now rather than complaining at exit that cancel() removed them first.
            raise KeyboardInterrupt
        self.landed.update(self.batch)
        reports, gone = self.reports, self.gone
        self.batch, self.reports, self.gone, self.writer, self.last_commit = {}, [], [], None, time.monotonic()
        record_threads(self.store, reports, gone)

    def cancel(self) -> None:
        """Drop what was not committed: the index stays as its last commit left it."""
        if self.writer is None:
            return
        if self.store.generation() != self.generation:  # the batch landed before the interruption
            self.landed.update(self.batch)
        else:
            self.writer.cancel()

    def report(self, summary: ImportSummary) -> None:
        for path, (outcome, other) in self.landed.items():
            if outcome == "duplicate":
                summary.duplicates.append((path, other))
            elif outcome == "moved":
                summary.moved.append((path, other))
            else:
                getattr(summary, outcome).append(path)
