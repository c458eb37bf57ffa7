"""Browsing: one report by id, path or file name; the reports and tasks of a period; the archive's figures."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from laoreport.archive.filters import Filters
from laoreport.archive.search import matching
from laoreport.archive.sources import source_key
from laoreport.archive.store import Store, filter_query, resolve_index_dir
from laoreport.archive.threads import OUTCOMES, task_threads
from laoreport.errors import AmbiguousReportError, QueryError, ReportNotFoundError
from laoreport.model import Report
from laoreport.periods import period_bounds, sort_key

MIN_ID_PREFIX = 4  # shorter hex strings are more likely a file name's digits than an id


@dataclass
class ShownReport(Report):
    """A report as `show` found it; `duplicate` is the file asked for when that file is a
    duplicate of this report (same text under another name)."""

    duplicate: str | None = None

    def to_dict(self) -> dict:
        data = super().to_dict()
        duplicate = data.pop("duplicate")
        if duplicate:
            data["duplicate"] = {"file": duplicate, "same_text_as": self.source.path}
        return data


def show_report(ref: str, index_dir: str | os.PathLike[str] | None = None) -> ShownReport:
    """A report by its id (or a unique prefix of it), its file's path in any spelling, or the end
    of that path (a file name, `sub/x.docx`). Several matching reports raise AmbiguousReportError."""
    store = Store.open(index_dir)
    with store.searcher() as searcher:
        found = _entry(searcher, "source", source_key(ref))
        if found is None:
            matches = _by_id_prefix(searcher, ref) or _by_path_end(searcher, ref)
            reports = {fields["report_id"]: fields for fields in sorted(matches, key=lambda f: f["kind"] != "report")}
            if len(reports) > 1:
                raise AmbiguousReportError(ref, [_match(searcher, fields) for fields in reports.values()])
            found = next(iter(reports.values()), None)
        if found is None:
            raise ReportNotFoundError(
                f"no report {ref!r} in the index: give an id, a path or a file name from `laoreport list`"
            )
        report = _entry(searcher, "lookup_id", found["report_id"])
        if report is None:  # a duplicate whose original changed in the same import
            raise ReportNotFoundError(
                f"{found['source']} was imported as a duplicate of a report the index no longer holds: "
                "import it again"
            )
    shown = ShownReport(**vars(_with_threads(Report.from_dict(json.loads(report["report_json"])), store)))
    if found["kind"] == "duplicate":
        shown.duplicate = found["source"]
    return shown


def _entry(searcher, field: str, value: str) -> dict | None:
    """The report or duplicate record whose `field` is `value` (`lookup_id`: only reports hold it)."""
    for fields in searcher.documents(**{field: value}):
        if fields["kind"] in ("report", "duplicate"):
            return fields
    return None


def _by_id_prefix(searcher, ref: str) -> list[dict]:
    if len(ref) < MIN_ID_PREFIX or any(c not in "0123456789abcdef" for c in ref.lower()):
        return []
    ids = [t for t in searcher.lexicon("lookup_id") if t.startswith(ref.lower())]
    return [entry for entry in (_entry(searcher, "lookup_id", i) for i in ids) if entry]


def _by_path_end(searcher, ref: str) -> list[dict]:
    """Entries whose path ends with the parts of `ref`: "2019-05.txt", "2019/2019-05.txt"."""
    parts = Path(os.path.normpath(ref)).parts
    return [
        entry for source in searcher.lexicon("source")
        if Path(source).parts[-len(parts):] == parts and (entry := _entry(searcher, "source", source))
    ]


def _match(searcher, fields: dict) -> dict:
    report = _entry(searcher, "lookup_id", fields["report_id"]) or fields
    return {"id": fields["report_id"], "source": fields["source"], "period": report.get("period"),
            "title": report.get("title")}


def list_reports(
    index_dir: str | os.PathLike[str] | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    source: str | os.PathLike[str] | None = None,
    doc_type: str | None = None,
    org: str | None = None,
    number: str | None = None,
) -> dict:
    """Every imported report, oldest period first: `{"total", "reports": [{"id", "period", "doc_type",
    "number", "date", "organization", "title", "source"}]}`. Filters as for search: a document
    without a period is placed by its date."""
    filters = Filters.build(date_from, date_to, "report", None, doc_type, org, number, source)
    store = Store.open(index_dir)
    with store.searcher() as searcher:
        reports = []
        for fields in searcher.all_documents(filter_query(filters.through_duplicates(searcher))):
            header = json.loads(fields["report_json"]).get("header") or {}
            reports.append({
                "id": fields["report_id"], "period": fields.get("period"), "doc_type": fields.get("doc_type"),
                "number": header.get("number"), "date": header.get("date") or fields.get("date"),
                "organization": header.get("organization"), "title": fields.get("title"), "source": fields["source"],
            })
    reports.sort(key=lambda r: (sort_key(r["period"] or (r["date"] or "")[:4] or None), r["date"] or "", r["source"]))
    return {"total": len(reports), "reports": reports}


def _with_threads(report: Report, store: Store) -> Report:
    """The report with each task's thread id and that thread's outcome."""
    known = task_threads([f"{report.id}/t/{n}" for n in range(len(report.tasks))], store.path)
    for number, task in enumerate(report.tasks):
        found = known.get(f"{report.id}/t/{number}", {})
        task.thread, task.outcome = found.get("thread"), found.get("outcome")
    return report


def list_tasks(
    index_dir: str | os.PathLike[str] | None = None,
    period: str | None = None,
    status: str | None = None,
    query: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    source: str | os.PathLike[str] | None = None,
    outcome: str | None = None,
    doc_type: str | None = None,
    org: str | None = None,
    number: str | None = None,
) -> dict:
    """Tasks, oldest period first: `{"total", "tasks": [{"text", "status", "period", "section",
    "carried_over", "report", "source", "thread", "outcome"}]}`.

    Periods filter by containment (`period` is `date_from` and `date_to` at once); `query`, typed
    as for search, keeps the tasks it finds; `source` keeps one file's, or a folder's; `doc_type`,
    `org` and `number` filter on the report's header as for search. Each task carries its thread
    id and the thread's outcome; `outcome` keeps the tasks whose thread ended so: planned in 2019
    and dropped is what was never reported on.
    """
    if outcome and outcome not in OUTCOMES:
        raise QueryError(f"{outcome!r} is not one of {', '.join(OUTCOMES)}", param="outcome")
    if period:
        if date_from or date_to:
            raise QueryError("a period is a range of its own: give it, or a range from/to, not both", param="period")
        period_bounds(period, None, ("period", "period"))
    filters = Filters.build(date_from or period, date_to or period, "task", status, doc_type, org, number, source)
    store = Store.open(index_dir)
    with store.searcher() as searcher:
        filters = filters.through_duplicates(searcher)
        if query:
            documents = [searcher.stored_fields(docnum) for docnum in matching(searcher, query, filters)]
        else:
            documents = list(searcher.all_documents(filter_query(filters)))
    known = task_threads([f["doc_id"] for f in documents], store.path)
    tasks = [
        {"text": f["text"], "status": f.get("status"), "period": f.get("period"),
         "section": f.get("section") or [], "carried_over": bool(f.get("carried_over")),
         "report": f["report_id"], "source": f["source"],
         "thread": known.get(f["doc_id"], {}).get("thread"), "outcome": known.get(f["doc_id"], {}).get("outcome")}
        for f in documents
    ]
    if outcome:
        tasks = [t for t in tasks if t["outcome"] == outcome]
    tasks.sort(key=lambda t: (sort_key(t["period"]), t["source"], t["section"]))
    return {"total": len(tasks), "tasks": tasks}


def stats(index_dir: str | os.PathLike[str] | None = None) -> dict:
    """Counts of reports, sections and tasks; the periods the archive covers; its document
    types and offices (organizations) with their numbers of reports.

    `by_period` counts each period's reports and its tasks done and planned, oldest first (a
    task counts in its own period: a plan for June counts in June), for the web page's chart."""
    store = Store.open(index_dir)
    periods, doc_types, offices, by_period = set(), {}, {}, {}
    with store.searcher() as searcher:
        for fields in searcher.all_documents(filter_query(kind="task")):
            if fields.get("period"):
                row = by_period.setdefault(fields["period"], {"reports": 0, "done": 0, "planned": 0})
                row[fields["status"]] += 1
        counts = {kind: searcher.count("kind", kind) for kind in ("report", "section", "task")}
        statuses = {status: searcher.count("status", status) for status in ("done", "planned")}
        for fields in searcher.all_documents(filter_query(kind="report")):
            if fields.get("period"):
                periods.add(fields["period"])
                by_period.setdefault(fields["period"], {"reports": 0, "done": 0, "planned": 0})["reports"] += 1
            doc_type = fields.get("doc_type") or "other"
            doc_types[doc_type] = doc_types.get(doc_type, 0) + 1
            header = json.loads(fields["report_json"]).get("header") or {}
            office = header.get("organization") or header.get("unit") or "(none)"
            offices[office] = offices.get(office, 0) + 1
    return {
        "index": str(resolve_index_dir(index_dir)),
        "reports": counts["report"], "sections": counts["section"], "tasks": counts["task"],
        "periods": sorted(periods, key=sort_key), "tasks_by_status": statuses,
        "doc_types": _most_first(doc_types), "offices": _most_first(offices),
        "by_period": {period: by_period[period] for period in sorted(by_period, key=sort_key)},
    }


def _most_first(counts: dict[str, int]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
