"""The archive API: import report files into the index, search it, and browse reports and tasks.

A report is indexed as three kinds of documents: the report itself, each section and
each task, so that a search can answer with the exact task ("ສ້າງແຜນຜະລິດຫຼຽນທີ່ລະນຶກ",
planned for 2019-06) as well as the month's whole report.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import multiprocessing
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from laoreport.errors import IndexBusyError, LaoReportError, QueryError
from laoreport.lao import syllable_tokens, word_tokens
from laoreport.model import Report, Section
from laoreport.readers import file_sha256
from laoreport.periods import month_range, parse_period, sort_key
from laoreport.store import (
    Analyzed,
    Store,
    all_of,
    any_of,
    filter_query,
    lao_phrase_query,
    resolve_index_dir,
)

REPORT_SUFFIXES = (".docx", ".doc", ".txt")
# A batch is committed once it holds COMMIT_EVERY reports and COMMIT_SECONDS have passed since
# the last commit (the first batch at once, so an interrupted import keeps something early):
# that bounds what a killed import loses, while few commits keep Whoosh's segment merging
# from growing with the archive (commits every 50 reports made a 3000-report import 4.7x its floor).
COMMIT_EVERY = 50
COMMIT_SECONDS = 20.0
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


# -- indexing: a report becomes report, section and task documents --


class _Pieces:
    """Segments each distinct text once and joins texts with their tokens' offsets shifted."""

    def __init__(self):
        self._cache: dict[str, tuple[list, list]] = {}

    def tokens(self, text: str) -> tuple[list, list]:
        if text not in self._cache:
            self._cache[text] = (word_tokens(text), syllable_tokens(text))
        return self._cache[text]

    def join(self, texts: list[str]) -> Analyzed:
        texts = [t for t in texts if t]
        words, syllables, offset = [], [], 0
        for text in texts:
            text_words, text_syllables = self.tokens(text)
            words.extend((t.norm, t.start + offset, t.end + offset) for t in text_words)
            syllables.extend((t.norm, t.start + offset, t.end + offset) for t in text_syllables)
            offset += len(text) + 1
        return Analyzed("\n".join(texts), words, syllables)


def _period_fields(period: str | None) -> dict:
    if not period:
        return {"period": None, "period_start": None, "period_end": None}
    first, last = month_range(period)
    return {"period": period, "period_start": first, "period_end": last}


def _walk(sections: list[Section], path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Section]]:
    for number, section in enumerate(sections, 1):
        here = path + (section.label or str(number),)
        yield here, section
        yield from _walk(section.children, here)


def _section_texts(section: Section) -> list[str]:
    return [section.title, *section.paragraphs, *section.items]


def report_text(report: Report) -> str:
    """The report's whole text in reading order: title, then every section."""
    return "\n".join([report.title, *("\n".join(_section_texts(s)) for _, s in _walk(report.sections))])


def index_documents(report: Report) -> list[dict]:
    """The report, section and task documents of one report, each text segmented once."""
    pieces = _Pieces()
    common = {
        "report_id": report.id,
        "source": report.source.path,
        "sha256": report.source.sha256,
        "doc_type": report.doc_type,
        "plan_period": report.plan_period,
    }
    all_texts = [report.title]
    sections = []
    for path, section in _walk(report.sections):
        texts = _section_texts(section)
        all_texts.extend(texts)
        period = report.plan_period if section.kind == "plan" and report.plan_period else report.period
        analyzed = pieces.join(texts)
        sections.append({
            **common, **_period_fields(period),
            "doc_id": f"{report.id}/s/{'/'.join(path)}", "kind": "section",
            "section": list(path), "title": section.title,
            "text": str(analyzed), "words": analyzed, "syllables": analyzed,
        })
    # a report indexes its title only: its content is indexed once, in its sections and tasks,
    # and a report is found through them (see search); this keeps import to one copy of the text
    heading = pieces.join([report.title])
    documents = [{
        **common, **_period_fields(report.period or report.plan_period),
        "doc_id": report.id, "kind": "report", "title": report.title,
        "text": "\n".join(t for t in all_texts if t), "words": heading, "syllables": heading,
        "text_sha256": hashlib.sha256(report_text(report).encode()).hexdigest(),
        "report_json": report.to_json(indent=None),
    }, *sections]
    for number, task in enumerate(report.tasks):
        analyzed = pieces.join([task.text])
        documents.append({
            **common, **_period_fields(task.period),
            "doc_id": f"{report.id}/t/{number}", "kind": "task", "status": task.status,
            "section": task.section, "title": None, "text": task.text,
            "words": analyzed, "syllables": analyzed,  # one value carries both token lists
        })
    return documents


def _prepare(path: str) -> tuple[str, Report | None, list[dict] | str]:
    """Worker: parse and segment one file; failures come back as a one-line reason."""
    from laoreport.parse import parse_report

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
            if len(pending) >= 4 * workers:
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
        if len(self.pending) >= COMMIT_EVERY and (
            self.last_commit is None or time.monotonic() - self.last_commit >= COMMIT_SECONDS
        ):
            self.commit()

    def commit(self) -> None:
        if self.writer is None:
            return
        self.writer.commit()
        self.writer, self.last_commit = None, time.monotonic()
        for path, report in self.pending:
            (self.summary.replaced if path in self.by_source else self.summary.imported).append(path)
            self.by_source[path] = report.source.sha256
            self.note(path, "imported")
        self.pending = []

    def cancel(self) -> None:
        if self.writer is not None:
            self.writer.cancel()


# -- search --


@dataclass
class Hit:
    kind: str
    report: str
    source: str
    period: str | None
    status: str | None
    section: list[str]
    title: str | None
    text: str
    snippet: str
    score: float

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[Hit]
    suggestion: str | None = None

    def to_dict(self) -> dict:
        data = {"query": self.query, "total": self.total, "hits": [h.to_dict() for h in self.hits]}
        if self.suggestion:
            data["suggestion"] = self.suggestion
        return data

    def by_period(self) -> list[tuple[str | None, list[Hit]]]:
        """Hits grouped by period, periods in time order, best hits first within each."""
        groups: dict[str | None, list[Hit]] = {}
        for hit in self.hits:
            groups.setdefault(hit.period, []).append(hit)
        return sorted(groups.items(), key=lambda item: sort_key(item[0]))


_QUOTED_OR_WORD = re.compile(r'"([^"]*)"|(\S+)')


def query_phrases(query: str) -> list[list[str]]:
    """Alternatives (split on OR) of phrases (quoted, or separated by spaces) as the user typed them."""
    alternatives = []
    for alternative in re.split(r"\s+OR\s+", query.strip()):
        phrases = [quoted or word for quoted, word in _QUOTED_OR_WORD.findall(alternative)]
        phrases = [p for p in phrases if syllable_tokens(p)]
        if phrases:
            alternatives.append(phrases)
    return alternatives


def search(
    query: str,
    index_dir: str | os.PathLike[str] | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    limit: int | None = 20,
) -> SearchResult:
    """Search every kind of document for `query`, typed as plain Lao in any spelling.

    Each space-separated part (or "quoted phrase") must occur as a syllable phrase, so
    ລະນຶກ finds ຫຼຽນທີ່ລະນຶກ and ຫລຽນ finds ຫຼຽນ; `OR` joins alternatives. Periods
    filter by containment: a 2019-Q3 report is inside 2019-07..2019-09.
    """
    alternatives = query_phrases(query)
    if not alternatives:
        raise QueryError(f"the query {query!r} has no Lao letters, words or digits to search for")
    whoosh_query = any_of([all_of([lao_phrase_query(p) for p in phrases]) for phrases in alternatives])
    first = parse_period(date_from).first_month if date_from else None
    last = parse_period(date_to).last_month if date_to else None
    store = Store.open(index_dir)
    phrases = [[t.norm for t in syllable_tokens(p)] for ps in alternatives for p in ps]
    with store.searcher() as searcher:
        if kind == "report":
            hits = _report_hits(searcher, whoosh_query, first, last, phrases)
            total, hits = len(hits), hits[:limit]
        else:
            flt = filter_query(kind=kind, status=status, first_month=first, last_month=last)
            found, total = searcher.search(whoosh_query, flt, limit)
            hits = [_hit(searcher, fields, score, docnum, phrases) for fields, score, docnum in found]
        suggestion = None if total else _suggest(searcher, query)
    return SearchResult(query, total, hits, suggestion)


def _report_hits(searcher, whoosh_query, first: str | None, last: str | None, phrases) -> list[Hit]:
    """Reports whose title, sections or tasks match, each shown with its best-matching passage."""
    found, _ = searcher.search(whoosh_query, None, None)
    best: dict[str, tuple[dict, float, int]] = {}
    for fields, score, docnum in found:
        if fields["report_id"] not in best or score > best[fields["report_id"]][1]:
            best[fields["report_id"]] = (fields, score, docnum)
    hits = []
    for report_id, (fields, score, docnum) in best.items():
        report = next(iter(searcher.documents(doc_id=report_id)))
        start, end = report.get("period_start"), report.get("period_end")
        if (first and (not start or start < first)) or (last and (not end or end > last)):
            continue
        passage = _hit(searcher, fields, score, docnum, phrases)
        hits.append(Hit(kind="report", report=report_id, source=report["source"], period=report.get("period"),
                        status=None, section=passage.section, title=report.get("title"), text=report["text"],
                        snippet=passage.snippet, score=passage.score))
    return sorted(hits, key=lambda hit: -hit.score)


def _hit(searcher, fields: dict, score: float, docnum: int, phrases: list[list[str]]) -> Hit:
    text = fields.get("text") or ""
    spans = sorted(span for phrase in phrases for span in _phrase_spans(searcher, phrase, docnum))
    return Hit(
        kind=fields["kind"], report=fields["report_id"], source=fields["source"],
        period=fields.get("period"), status=fields.get("status"), section=fields.get("section") or [],
        title=fields.get("title"), text=text, snippet=make_snippet(text, spans), score=round(score, 3),
    )


def _phrase_spans(searcher, phrase: list[str], docnum: int) -> list[tuple[int, int]]:
    """Character spans where the syllables of `phrase` occur one after another in a document."""
    occurrences = [
        {pos: (start, end) for pos, start, end in searcher.occurrences("syllables", s, docnum)} for s in phrase
    ]
    spans = []
    for pos, (start, _) in sorted(occurrences[0].items()):
        if all(pos + k in occurrences[k] for k in range(1, len(phrase))):
            spans.append((start, occurrences[-1][pos + len(phrase) - 1][1]))
    return spans


def make_snippet(text: str, spans: list[tuple[int, int]], context: int = 60) -> str:
    """A window of the original text around the first match, every match in it marked «like this»."""
    flat = text.replace("\n", " ")
    if not spans:
        return flat[: 2 * context] + ("…" if len(flat) > 2 * context else "")
    begin = max(0, spans[0][0] - context)
    if begin:  # start at a word gap, never inside a syllable
        gap = flat.find(" ", begin, spans[0][0])
        begin = gap + 1 if gap >= 0 else spans[0][0]
    end = min(len(flat), spans[0][1] + 2 * context)
    gap = flat.rfind(" ", spans[0][1], end)
    end = gap if end < len(flat) and gap > 0 else end
    out, cursor = [], begin
    for start, stop in spans:
        if start < cursor or stop > end:
            continue
        out += [flat[cursor:start], MARK_OPEN, flat[start:stop], MARK_CLOSE]
        cursor = stop
    out.append(flat[cursor:end])
    return ("…" if begin else "") + "".join(out) + ("…" if end < len(flat) else "")


def _suggest(searcher, query: str) -> str | None:
    """A near spelling made of words the index holds (ຫຼຽນທີລະນຶກ -> ຫຼຽນທີ່ລະນຶກ), longest stretches first."""
    tokens = word_tokens(query)
    pieces, index, changed = [], 0, False
    while index < len(tokens):
        for size in (3, 2, 1):
            window = tokens[index:index + size]
            joined = "".join(t.norm for t in window)
            if len(window) < size or searcher.has_term("words", joined):
                continue
            near = searcher.suggest("words", joined)
            if near:
                pieces.append((window[0].start, window[-1].end, near))
                index += size
                changed = True
                break
        else:
            index += 1
    suggestion = query
    for start, end, near in reversed(pieces):
        suggestion = suggestion[:start] + near + suggestion[end:]
    return suggestion if changed else None


# -- browsing --


def show_report(report: str, index_dir: str | os.PathLike[str] | None = None) -> Report:
    """A report by its id, its source path, or the file name of its source."""
    store = Store.open(index_dir)
    with store.searcher() as searcher:
        for fields in searcher.documents(kind="report"):
            source = fields["source"]
            if report in (fields["report_id"], source, Path(source).name) or (
                os.path.exists(report) and os.path.abspath(report) == os.path.abspath(source)
            ):
                return Report.from_dict(json.loads(fields["report_json"]))
    raise QueryError(f"no report {report!r} in the index: give a report id or file name from `laoreport search`")


def list_tasks(
    index_dir: str | os.PathLike[str] | None = None, period: str | None = None, status: str | None = None
) -> list[dict]:
    """The tasks of a period (a month, quarter, half-year or year: by containment), oldest first."""
    first, last = month_range(period) if period else (None, None)
    flt = filter_query(kind="task", status=status, first_month=first, last_month=last)
    store = Store.open(index_dir)
    with store.searcher() as searcher:
        tasks = [
            {"text": f["text"], "status": f.get("status"), "period": f.get("period"),
             "section": f.get("section") or [], "report": f["report_id"], "source": f["source"]}
            for f in searcher.all_documents(flt)
        ]
    return sorted(tasks, key=lambda t: (sort_key(t["period"]), t["source"], t["section"]))


def stats(index_dir: str | os.PathLike[str] | None = None) -> dict:
    """Counts of reports, sections and tasks, and the periods the archive covers."""
    store = Store.open(index_dir)
    counts = {"report": 0, "section": 0, "task": 0}
    periods, statuses, doc_types = set(), {}, {}
    with store.searcher() as searcher:
        for fields in searcher.all_documents():
            counts[fields["kind"]] += 1
            if fields["kind"] == "report":
                if fields.get("period"):
                    periods.add(fields["period"])
                doc_types[fields.get("doc_type") or "other"] = doc_types.get(fields.get("doc_type") or "other", 0) + 1
            elif fields["kind"] == "task":
                statuses[fields["status"]] = statuses.get(fields["status"], 0) + 1
    return {
        "index": str(resolve_index_dir(index_dir)),
        "reports": counts["report"], "sections": counts["section"], "tasks": counts["task"],
        "periods": sorted(periods, key=sort_key), "tasks_by_status": statuses, "doc_types": doc_types,
    }

