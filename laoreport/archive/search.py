"""Search: a query typed as plain Lao, in any spelling, to ranked hits with snippets.

Each part of a query is a phrase of syllables, found in a document when its syllables occur
one after another there (see phrases.py). A search reads, per index segment, the postings of
the rarest syllable of the rarest phrase, and checks each of those documents: its header
(kind, status, months: the filters), then each phrase by a substring search in its syllables,
counting the occurrences for the score. Every match is checked this way, so the total is exact.

The score is BM25 over phrases: how often each phrase occurs, against the document's length
(its syllables' bytes) and the phrase's rarity (its rarest syllable's). Hits are ranked by score, ties in index order.
"""

from __future__ import annotations

import heapq
import math
import os
import re
from dataclasses import asdict, dataclass

from laoreport.archive.filters import Filters
from laoreport.archive.phrases import HEADER_SIZE, KINDS, STATUSES, month_number, occurrences, sequence, \
    unpack_fields, unpack_spans
from laoreport.archive.snippets import make_snippet
from laoreport.archive.store import Store
from laoreport.archive.suggest import suggest
from laoreport.errors import QueryError
from laoreport.lao import syllable_tokens
from laoreport.periods import sort_key

#: Longer queries are refused: no one types them, and each part costs a phrase search.
MAX_QUERY_CHARS = 1000
#: BM25's parameters, as Whoosh (and Lucene) set them.
K1, B = 1.2, 0.75


@dataclass
class Hit:
    """One search result; new fields get a default, so that every producer of hits stays valid."""

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
    date: str | None = None  # the document's date (laws and decrees have one, and no period)
    thread: str | None = None  # a task's thread id (archive/threads.py)

    def to_dict(self) -> dict:
        data = asdict(self)
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
        """Hits grouped by period, periods in time order, best hits first within each.

        A hit without a period (a law, a decree) goes with the year of its date.
        """
        groups: dict[str | None, list[Hit]] = {}
        for hit in self.hits:
            groups.setdefault(hit.period or (hit.date[:4] if hit.date else None), []).append(hit)
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


def _query(text: str) -> list[list[_Phrase]]:
    """query_phrases(), each phrase as its syllables."""
    return _as_syllables(query_phrases(text))


def _as_syllables(alternatives: list[list[str]]) -> list[list[_Phrase]]:
    return [[_Phrase([t.norm for t in syllable_tokens(p)]) for p in phrases] for phrases in alternatives]


@dataclass
class _Phrase:
    syllables: list[str]
    needle: bytes = b""
    rarity: int = 0  # documents holding its rarest syllable, in the whole index
    weight: float = 0.0  # its inverse document frequency

    def __post_init__(self):
        self.needle = sequence(self.syllables)


def search(
    query: str,
    index_dir: str | os.PathLike[str] | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    limit: int | None = 20,
    doc_type: str | None = None,
    org: str | None = None,
    number: str | None = None,
    source: str | os.PathLike[str] | None = None,
) -> SearchResult:
    """Search every kind of document for `query`, typed as plain Lao in any spelling.

    Each space-separated part (or "quoted phrase") must occur as a syllable phrase, so
    ລະນຶກ finds ຫຼຽນທີ່ລະນຶກ and ຫລຽນ finds ຫຼຽນ; `OR` joins alternatives. Periods
    filter by containment: a 2019-Q3 report is inside 2019-07..2019-09; a document without
    a period by its date. `doc_type`, `org` and `number` filter on the header (see filters.py);
    `source` keeps the hits of one file, or of the files under a folder, in any spelling.
    With kind="report", `status` keeps the reports that have a matching task of that status;
    with kind="section", a section is also found through its tasks.
    """
    filters = Filters.build(date_from, date_to, kind, status, doc_type, org, number, source)
    alternatives = _parsed(query)
    store = Store.open(index_dir)
    with store.searcher() as searcher:
        filters = filters.through_duplicates(searcher)
        matches = _matches(searcher, alternatives, filters)
        best = ((-score, docnum, passage) for docnum, (score, passage) in matches.items())
        ranked = sorted(best) if limit is None else heapq.nsmallest(limit, best)
        phrases = [phrase for phrases in alternatives for phrase in phrases]
        found = [_hit(searcher, docnum, passage, -score, phrases) for score, docnum, passage in ranked]
        _attach_threads(store, found)
        hits = [hit for hit, _ in found]
        suggestion = None
        if not matches and not (filters != Filters() and _any_match(searcher, query)):
            suggestion = suggest(searcher, query, lambda text: _any_match(searcher, text))
    return SearchResult(query, len(matches), hits, suggestion)


def checked_phrases(query: str) -> list[list[str]]:
    """query_phrases() of a query that can be searched: one too long, or with nothing to search
    for, is refused with a QueryError that says what a query may hold (search and threads alike)."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(
            f"the query is {len(query):,} characters long; a query may have at most {MAX_QUERY_CHARS:,}: "
            "search for a shorter phrase from it", param="query"
        )
    alternatives = query_phrases(query)
    if not alternatives:
        raise QueryError(
            f"{query!r} has nothing to search for: a query holds Lao or Latin words or numbers", param="query",
            reason="nothing_to_search", query=query,
        )
    return alternatives


def _parsed(query: str) -> list[list[_Phrase]]:
    """The query's alternatives of phrases, each phrase as its syllables; a query that cannot be searched is refused."""
    return _as_syllables(checked_phrases(query))


def matching(searcher, query: str, filters: Filters) -> list[int]:
    """The document numbers `query` finds under `filters`, in index order: every match, for a
    listing (`tasks QUERY`) rather than a ranking."""
    return sorted(_matches(searcher, _parsed(query), filters))


def _any_match(searcher, text: str) -> bool:
    alternatives = _query(text)
    return bool(alternatives) and bool(_matches(searcher, alternatives, Filters()))


def _matches(searcher, alternatives: list[list[_Phrase]], filters: Filters) -> dict[int, tuple[float, int]]:
    """Every document the query and filters keep, with its score and the passage to show.

    The passage is the document itself, or for a report the best of its documents that
    matched, or for a section found through a task that task.
    """
    for phrases in alternatives:
        for phrase in phrases:
            phrase.rarity = min(
                sum(leaf.doc_frequency("syllables", s) for leaf in searcher.leaves) for s in set(phrase.syllables)
            )
            phrase.weight = math.log(1 + (searcher.doc_count - phrase.rarity + 0.5) / (phrase.rarity + 0.5))
    found: dict[int, tuple[float, int]] = {}
    for leaf, keep in zip(searcher.leaves, searcher.header_documents(filters)):
        for phrases in alternatives:
            for docnum, (score, passage) in _leaf_matches(searcher, leaf, phrases, filters, keep).items():
                if docnum in found:  # an alternative matched too: add its score
                    found[docnum] = (found[docnum][0] + score, found[docnum][1])
                else:
                    found[docnum] = (score, passage)
    return found


def _leaf_matches(searcher, leaf, phrases: list[_Phrase], filters: Filters, keep: set[int] | None) -> dict:
    """The documents of one segment that hold every phrase and pass the filters (see _matches)."""
    phrases = sorted(phrases, key=lambda p: p.rarity)
    rarest = phrases[0]
    if not rarest.rarity:
        return {}
    syllable = min(set(rarest.syllables), key=lambda s: leaf.doc_frequency("syllables", s))
    candidates = leaf.postings("syllables", syllable)
    data, offsets, lengths = leaf.match_data()
    wanted_kind = None if filters.kind in (None, "report") else KINDS.index(filters.kind)
    through_tasks = filters.kind == "section"  # a section is found through its tasks too
    wanted_status = STATUSES.index(filters.status) if filters.status else None
    first = month_number(filters.first_month)
    last = month_number(filters.last_month) or 1 << 20
    dated = bool(filters.first_month or filters.last_month)
    by_report = filters.kind == "report"
    deleted = leaf.deleted
    norm = K1 * (1 - B)
    per_length = K1 * B / searcher.average_length
    unpack = unpack_fields
    base = leaf.base
    found: dict[int, tuple[float, int]] = {}
    for doc in candidates:
        if deleted and doc in deleted or keep is not None and doc not in keep:
            continue
        offset = offsets[doc]
        kind, status, first_month, last_month, report_offset, section_offset = unpack(data, offset)
        via = None
        if wanted_kind is not None and kind != wanted_kind:
            if not (through_tasks and kind == 2 and section_offset):
                continue
            via = doc
        if wanted_status is not None and status != wanted_status:
            continue
        if dated and not by_report and (not first_month or first_month < first or last_month > last):
            continue
        start, end = offset + HEADER_SIZE, offset + lengths[doc]
        score = 0.0
        for phrase in phrases:
            count = data.count(phrase.needle, start, end)
            if not count:
                break
            score += phrase.weight * count * (K1 + 1) / (count + norm + per_length * (end - start))
        else:
            target = doc
            if by_report:
                target = doc - report_offset
                _, _, report_first, report_last, _, _ = unpack(data, offsets[target])
                if dated and (not report_first or report_first < first or report_last > last):
                    continue
                via = doc
            elif via is not None:
                target = doc - section_offset
                _, _, section_first, section_last, _, _ = unpack(data, offsets[target])
                if dated and (not section_first or section_first < first or section_last > last):
                    continue
            target += base
            passage = base + (via if via is not None else doc)
            known = found.get(target)
            if known is None:
                found[target] = (score, passage)
            elif via is None and not by_report:  # a section that matches itself shows itself
                found[target] = (max(score, known[0]), passage)
            elif score > known[0] and (by_report or known[1] != target):
                found[target] = (score, passage)
    return found


def _attach_threads(store: Store, found: list[tuple[Hit, str]]) -> None:
    """Each task hit (with its document id) gets the id of its thread."""
    from laoreport.archive.threads import task_threads

    known = task_threads([doc_id for hit, doc_id in found if hit.kind == "task"], store.path)
    for hit, doc_id in found:
        if doc_id in known:
            hit.thread = known[doc_id]["thread"]


def _snippet(searcher, docnum: int, text: str, phrases: list[_Phrase]) -> str:
    leaf = searcher.leaf(docnum)
    data, offsets, lengths = leaf.match_data()
    local = docnum - leaf.base
    start, end = offsets[local] + HEADER_SIZE, offsets[local] + lengths[local]
    spans = unpack_spans(searcher.spans(docnum))
    marks = sorted(
        (spans[index][0], spans[index + len(phrase.syllables) - 1][1])
        for phrase in {p.needle: p for p in phrases}.values()
        for index in occurrences(data, phrase.needle, start, end)
    )
    return make_snippet(text, marks)


def _hit(searcher, docnum: int, passage: int, score: float, phrases: list[_Phrase]) -> tuple[Hit, str]:
    """The hit for a document, and the document's id; a report (or a section found through a
    task) shows that passage."""
    fields = searcher.stored_fields(docnum)
    shown = fields if passage == docnum else searcher.stored_fields(passage)
    text = shown.get("text") or ""
    where = shown if fields["kind"] == "report" else fields
    return Hit(
        kind=fields["kind"], report=fields["report_id"], source=fields["source"], period=fields.get("period"),
        status=fields.get("status"), section=where.get("section") or [], title=fields.get("title"),
        text=text, snippet=_snippet(searcher, passage, text, phrases), score=round(score, 3),
        date=fields.get("date"),
    ), fields["doc_id"]
