"""Browsing: one report by id or file, the tasks of a period, and the archive's figures."""

from __future__ import annotations

import json
import os
from pathlib import Path

from laoreport.archive.store import Store, filter_query, resolve_index_dir
from laoreport.archive.threads import OUTCOMES, task_threads
from laoreport.errors import QueryError
from laoreport.model import Report
from laoreport.periods import month_range, sort_key


def show_report(report: str, index_dir: str | os.PathLike[str] | None = None) -> Report:
    """A report by its id, its source path, or the file name of its source."""
    store = Store.open(index_dir)
    with store.searcher() as searcher:
        for fields in searcher.documents(kind="report"):
            source = fields["source"]
            if report in (fields["report_id"], source, Path(source).name) or (
                os.path.exists(report) and os.path.abspath(report) == os.path.abspath(source)
            ):
                return _with_threads(Report.from_dict(json.loads(fields["report_json"])), store)
    raise QueryError(f"no report {report!r} in the index: give a report id or file name from `laoreport search`")


def _with_threads(report: Report, store: Store) -> Report:
    """The report with each task's thread id and that thread's outcome."""
    known = task_threads([f"{report.id}/t/{n}" for n in range(len(report.tasks))], store.path)
    for number, task in enumerate(report.tasks):
        found = known.get(f"{report.id}/t/{number}", {})
        task.thread, task.outcome = found.get("thread"), found.get("outcome")
    return report


def list_tasks(
    index_dir: str | os.PathLike[str] | None = None, period: str | None = None, status: str | None = None,
    outcome: str | None = None,
) -> list[dict]:
    """The tasks of a period (a month, quarter, half-year or year: by containment), oldest first.

    Each carries its thread id and the thread's outcome; `outcome` keeps the tasks whose thread
    ended so: planned in 2019 and dropped is what was never reported on.
    """
    if outcome and outcome not in OUTCOMES:
        raise QueryError(f"unknown outcome {outcome!r}: use done, open or dropped")
    first, last = month_range(period) if period else (None, None)
    flt = filter_query(kind="task", status=status, first_month=first, last_month=last)
    store = Store.open(index_dir)
    with store.searcher() as searcher:
        found = [(f["doc_id"], f) for f in searcher.all_documents(flt)]
    known = task_threads([doc_id for doc_id, _ in found], store.path)
    tasks = [
        {"text": f["text"], "status": f.get("status"), "period": f.get("period"),
         "section": f.get("section") or [], "report": f["report_id"], "source": f["source"],
         "thread": known.get(doc_id, {}).get("thread"), "outcome": known.get(doc_id, {}).get("outcome")}
        for doc_id, f in found
    ]
    if outcome:
        tasks = [t for t in tasks if t["outcome"] == outcome]
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
