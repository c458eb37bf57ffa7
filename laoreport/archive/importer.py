"""Import: report files into the index, in worker processes, committed in batches, safe to re-run."""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from laoreport.archive.documents import index_documents
from laoreport.archive.store import Store, resolve_index_dir
from laoreport.archive.threads import record_threads, relink_threads
from laoreport.errors import IndexBusyError, LaoReportError
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
MARK_OPEN, MARK_CLOSE = "«", "»"


@dataclass
class ImportSummary:
    """What one import did, file by file."""

    imported: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file, the file it duplicates)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)

    def to_dict(self) -> dict:
        return {
            "imported": len(self.imported),
            "replaced": len(self.replaced),
            "skipped": len(self.skipped),
            "duplicates": [{"file": f, "same_as": s} for f, s in self.duplicates],
            "failed": [{"file": f, "reason": r} for f, r in self.failed],
        }


def collect_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The report files named or found (recursively) under the given paths, in a stable order."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES and not _is_hidden(p, path)
            )
        else:
            found.append(path)
    return found


def _is_hidden(path: Path, root: Path) -> bool:
    """Word's lock files (~$name.docx) and hidden folders are not reports."""
    return any(part.startswith((".", "~$")) for part in path.relative_to(root).parts)


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


def _prepared(paths: list[str], workers: int) -> Iterator[tuple[str, Report | None, list[dict] | str]]:
    """Parse in worker processes, a bounded number in flight so memory stays flat."""
    if workers <= 1 or len(paths) < 4:
        yield from map(_prepare, paths)
        return
    # forkserver: workers must not inherit the import lock's descriptor, or a killed
    # import would leave them holding the lock
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending = []
        for path in paths:
            pending.append(pool.submit(_prepare, path))
            if len(pending) >= IN_FLIGHT * workers:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()


@contextmanager
def _import_lock(index_dir: Path, timeout: float):
    """One import at a time per index; a second one waits `timeout` seconds, then fails clearly."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / "import.lock", "w") as handle:
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


def import_paths(
    paths: Iterable[str | os.PathLike[str]],
    index_dir: str | os.PathLike[str] | None = None,
    progress: Callable[[str, str], None] | None = None,
    workers: int | None = None,
    lock_timeout: float = 30.0,
) -> ImportSummary:
    """Import report files and folders; idempotent, and safe to re-run after an interruption.

    A file already imported with the same bytes is skipped; a changed file replaces its
    old report, sections and tasks; a file whose text equals an imported one under
    another name is reported as a duplicate. `progress(path, outcome)` is called per file.
    """
    index_path = resolve_index_dir(index_dir)
    summary = ImportSummary()
    note = progress or (lambda path, outcome: None)
    files = collect_files(paths)
    with _import_lock(index_path, lock_timeout):
        store = Store.open(index_path, create=True)
        by_source, by_text = _imported(store)
        todo = []
        for path in files:
            try:
                sha = file_sha256(path)
            except OSError as error:
                summary.failed.append((str(path), f"cannot be read: {error.strerror or error}"))
                note(str(path), "failed")
                continue
            if by_source.get(str(path)) == sha:
                summary.skipped.append(str(path))
                note(str(path), "skipped")
            else:
                todo.append(str(path))
        committer = _Committer(store, by_source, summary, note)
        try:
            for path, report, outcome in _prepared(todo, workers or min(2, os.cpu_count() or 1)):
                if report is None:
                    summary.failed.append((path, outcome))
                    note(path, "failed")
                    continue
                text_sha = outcome[0]["text_sha256"]
                same_text = by_text.get(text_sha)
                if same_text and same_text != path:
                    summary.duplicates.append((path, same_text))
                    note(path, "duplicate")
                    continue
                by_text[text_sha] = path
                committer.add(path, report, outcome)
            committer.commit()
        except BaseException:
            committer.cancel()
            raise
        relink_threads(store)
    return summary


def _imported(store: Store) -> tuple[dict[str, str], dict[str, str]]:
    """What the index already holds: source path -> file hash, text hash -> source path."""
    by_source, by_text = {}, {}
    with store.searcher() as searcher:
        for fields in searcher.documents(kind="report"):
            by_source[fields["source"]] = fields["sha256"]
            by_text[fields["text_sha256"]] = fields["source"]
    return by_source, by_text


class _Committer:
    """Streams reports into one open writer and commits them every so often.

    Documents go to Whoosh as they arrive (its pool spills to disk, so memory stays flat);
    a commit makes everything so far durable and searchable.
    """

    def __init__(self, store: Store, by_source: dict[str, str], summary: ImportSummary, note):
        self.store, self.by_source, self.summary, self.note = store, by_source, summary, note
        self.writer = None
        self.pending: list[tuple[str, Report]] = []
        self.last_commit: float | None = None

    def add(self, path: str, report: Report, documents: list[dict]) -> None:
        if self.writer is None:
            self.writer = self.store.begin()
        if path in self.by_source:
            self.writer.delete_source(path)
        for document in documents:
            self.writer.add(document)
        self.pending.append((path, report))
        if self.writer.full() or len(self.pending) >= COMMIT_EVERY and (
            self.last_commit is None or time.monotonic() - self.last_commit >= COMMIT_SECONDS
        ):
            self.commit()

    def commit(self) -> None:
        if self.writer is None:
            return
        self.writer.commit()
        self.writer, self.last_commit = None, time.monotonic()
        record_threads(self.store, [report for _, report in self.pending])
        for path, report in self.pending:
            (self.summary.replaced if path in self.by_source else self.summary.imported).append(path)
            self.by_source[path] = report.source.sha256
            self.note(path, "imported")
        self.pending = []

    def cancel(self) -> None:
        if self.writer is not None:
            self.writer.cancel()
