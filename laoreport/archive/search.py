"""Search: a query typed as plain Lao, in any spelling, to ranked hits with snippets."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from laoreport.archive.snippets import make_snippet
from laoreport.archive.sources import source_key
from laoreport.archive.store import Store, all_of, any_of, filter_query, lao_phrase_query
from laoreport.archive.suggest import suggest
from laoreport.errors import QueryError
from laoreport.lao import syllable_tokens
from laoreport.periods import period_bounds, sort_key


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
    thread: str | None = None  # a task's thread id

    def to_dict(self) -> dict:
        data = dict(self.__dict__)
        if self.kind != "task":
            del data["thread"]
        return data


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


def compile_query(query: str) -> tuple[object, list[list[str]]]:
    """The store query for `query`, and its phrases as syllable lists (to mark them in snippets).

    A query with nothing to search for raises QueryError naming what a query may hold.
    """
    alternatives = query_phrases(query)
    if not alternatives:
        raise QueryError(
            f"{query!r} has nothing to search for: a query holds Lao or Latin words or numbers", param="query"
        )
    store_query = any_of([all_of([lao_phrase_query(p) for p in phrases]) for phrases in alternatives])
    return store_query, [[t.norm for t in syllable_tokens(p)] for ps in alternatives for p in ps]


def source_filter(source: str | os.PathLike[str] | None) -> dict:
    """`filter_query` arguments for one file or every file under a folder, in any spelling."""
    if not source:
        return {}
    key = source_key(source)
    return {"folder": key} if os.path.isdir(key) else {"source": key}


def search(
    query: str,
    index_dir: str | os.PathLike[str] | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    limit: int | None = 20,
    source: str | os.PathLike[str] | None = None,
) -> SearchResult:
    """Search every kind of document for `query`, typed as plain Lao in any spelling.

    Each space-separated part (or "quoted phrase") must occur as a syllable phrase, so
    ລະນຶກ finds ຫຼຽນທີ່ລະນຶກ and ຫລຽນ finds ຫຼຽນ; `OR` joins alternatives. Periods
    filter by containment: a 2019-Q3 report is inside 2019-07..2019-09. `source` keeps the
    hits of one file, or of the files under one folder.
    """
    whoosh_query, phrases = compile_query(query)
    first, last = period_bounds(date_from, date_to)
    store = Store.open(index_dir)
    with store.searcher() as searcher:
        if kind == "report":
            hits = _report_hits(searcher, whoosh_query, first, last, phrases, filter_query(**source_filter(source)))
            total, hits = len(hits), hits[:limit]
        else:
            flt = filter_query(kind=kind, status=status, first_month=first, last_month=last, **source_filter(source))
            found, total = searcher.search(whoosh_query, flt, limit)
            hits = [_hit(searcher, fields, score, docnum, phrases) for fields, score, docnum in found]
            _attach_threads(store, hits, [fields["doc_id"] for fields, _, _ in found])
        suggestion = None if total else suggest(searcher, query)
    return SearchResult(query, total, hits, suggestion)


def _attach_threads(store: Store, hits: list[Hit], doc_ids: list[str]) -> None:
    """Each task hit gets the id of its thread."""
    from laoreport.archive.threads import task_threads

    known = task_threads([d for d, hit in zip(doc_ids, hits) if hit.kind == "task"], store.path)
    for doc_id, hit in zip(doc_ids, hits):
        if doc_id in known:
            hit.thread = known[doc_id]["thread"]


def _report_hits(searcher, whoosh_query, first: str | None, last: str | None, phrases, flt) -> list[Hit]:
    """Reports whose title, sections or tasks match, each shown with its best-matching passage."""
    found, _ = searcher.search(whoosh_query, flt, None)
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
