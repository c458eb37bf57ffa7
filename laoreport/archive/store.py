"""The Whoosh index: Lao analysis, the schema, writing and querying (the only module importing whoosh).

Two Lao fields carry every text: `words` (dictionary words, for BM25 ranking) and
`syllables` (for recall: a query is matched as a syllable phrase, so ລະນຶກ is found
inside ຫຼຽນທີ່ລະນຶກ however either side was segmented). Both store positions and
character offsets, so phrase queries work and snippets need no re-analysis.
The analyzer classes below are pickled into the index: their module path is part
of the index format, and they hold no state beyond their name.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.analysis import Token, Tokenizer
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.index import LockError
from whoosh.query import And, AndMaybe, Every, Or, Phrase, Prefix, Query, Term, TermRange

from laoreport.errors import ArchiveError, IndexBusyError, IndexNotFoundError
from laoreport.lao import syllable_tokens, word_tokens

INDEX_NAME = "laoreport"
LAO_FIELDS = ("words", "syllables")


class Analyzed(str):
    """A text that arrives with its tokens already computed (in an import worker).

    Whoosh hands field values to the tokenizer unchanged, so a worker process can
    segment each text once and the single writer never segments it again.
    """

    words: list
    syllables: list

    def __new__(cls, text: str, words: list, syllables: list) -> Analyzed:
        value = super().__new__(cls, text)
        value.words = words
        value.syllables = syllables
        return value

    def __reduce__(self):
        return (Analyzed, (str(self), self.words, self.syllables))


class _LaoTokenizer(Tokenizer):
    """Yields laoreport.lao tokens with positions and original-text character offsets."""

    kind = ""

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __hash__(self) -> int:
        return hash(type(self))

    def _tokens(self, value: str) -> list:
        raise NotImplementedError

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, (norm, start, end) in enumerate(self._tokens(value), start_pos):
            token.text = norm
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


class LaoWordTokenizer(_LaoTokenizer):
    """Lao dictionary words, Latin words and numbers: ຫຼຽນທີ່ລະນຶກ -> ຫຼຽນ | ທີ່ລະນຶກ."""

    def _tokens(self, value: str) -> list:
        return value.words if isinstance(value, Analyzed) else word_tokens(value)


class LaoSyllableTokenizer(_LaoTokenizer):
    """Lao syllables, Latin words and numbers: ຫຼຽນທີ່ລະນຶກ -> ຫຼຽນ | ທີ່ | ລະ | ນຶກ."""

    def _tokens(self, value: str) -> list:
        return value.syllables if isinstance(value, Analyzed) else syllable_tokens(value)


def make_schema() -> Schema:
    """Reports, sections and tasks share one schema; `kind` tells them apart."""
    return Schema(
        doc_id=ID(stored=True, unique=True),
        kind=ID(stored=True),
        report_id=ID(stored=True),
        source=ID(stored=True),
        sha256=ID(stored=True),
        text_sha256=ID(stored=True),
        doc_type=ID(stored=True),
        period=ID(stored=True),
        plan_period=ID(stored=True),
        period_start=ID(stored=True, sortable=True),
        period_end=ID(stored=True, sortable=True),
        status=ID(stored=True),
        carried_over=STORED,
        section=STORED,
        title=STORED,
        text=STORED,
        report_json=STORED,
        words=TEXT(analyzer=LaoWordTokenizer(), phrase=True),  # snippets use the syllables' offsets
        syllables=TEXT(analyzer=LaoSyllableTokenizer(), phrase=True, chars=True),
    )


def resolve_index_dir(index_dir: str | os.PathLike[str] | None) -> Path:
    """`--index DIR`, else $LAOREPORT_INDEX, else ./index."""
    return Path(index_dir or os.environ.get("LAOREPORT_INDEX") or "index")


class Store:
    """An open index folder."""

    def __init__(self, ix, path: Path):
        self._ix = ix
        self.path = path

    @classmethod
    def open(cls, index_dir: str | os.PathLike[str] | None, create: bool = False) -> Store:
        path = resolve_index_dir(index_dir)
        try:
            if whoosh_index.exists_in(path, INDEX_NAME):
                return cls(whoosh_index.open_dir(path, indexname=INDEX_NAME), path)
            if not create:
                raise IndexNotFoundError(f"no index at {path}: run `laoreport import FOLDER` first")
            path.mkdir(parents=True, exist_ok=True)
            return cls(whoosh_index.create_in(path, make_schema(), indexname=INDEX_NAME), path)
        except OSError as error:
            raise ArchiveError(f"cannot open the index at {path}: {error}") from None

    def generation(self) -> int:
        """The number of the index's latest commit: it moves on when a commit lands (what stored
        threads were last brought up to; whether an interrupted import's last batch landed)."""
        return self._ix.latest_generation()

    def begin(self, timeout: float = 30.0) -> _Writer:
        """A writer holding the index's write lock until commit() or cancel(); waits up to `timeout` s."""
        try:
            return _Writer(self._ix.writer(timeout=timeout, limitmb=48))  # small pool: memory stays flat
        except LockError:
            raise IndexBusyError(
                "another import is writing to this index; wait for it to finish and run the import again"
            ) from None

    @contextmanager
    def searcher(self):
        with self._ix.searcher() as searcher:
            yield _Searcher(searcher)


class _Writer:
    def __init__(self, writer):
        self._w = writer

    def commit(self) -> None:
        self._w.commit()

    def cancel(self) -> None:
        """Drop what was not committed. After a commit cut short by Ctrl-C, Whoosh may find some
        of its temporary files already deleted: they are gone, which is all cancel is for."""
        if self._w.is_closed:
            return
        try:
            self._w.cancel()
        except FileNotFoundError:
            pass

    def delete_source(self, source: str) -> None:
        self._w.delete_by_term("source", source)

    def add(self, fields: dict) -> None:
        self._w.add_document(**{k: v for k, v in fields.items() if v is not None})


def phrase_query(field: str, tokens: list[str]) -> Query:
    """One token is a term; several are a phrase in that field."""
    if len(tokens) == 1:
        return Term(field, tokens[0])
    return Phrase(field, tokens)


def lao_phrase_query(text: str) -> Query | None:
    """The syllable phrase must match (recall); the word phrase, tried only there, adds to the score."""
    syllables = [t.norm for t in syllable_tokens(text)]
    if not syllables:
        return None
    words = [t.norm for t in word_tokens(text)]
    return AndMaybe(phrase_query("syllables", syllables), phrase_query("words", words))


def all_of(queries: list[Query]) -> Query:
    return queries[0] if len(queries) == 1 else And(queries)


def any_of(queries: list[Query]) -> Query:
    return queries[0] if len(queries) == 1 else Or(queries)


def filter_query(kind=None, status=None, first_month=None, last_month=None, period=None,
                 source=None, folder=None) -> Query | None:
    """Exact filters: kind and status as terms, periods by containment of their month range,
    one source file, or every file under a folder (both resolved absolute paths)."""
    parts: list[Query] = []
    if source:
        parts.append(Term("source", source))
    if folder:
        parts.append(Prefix("source", folder.rstrip(os.sep) + os.sep))
    if kind:
        parts.append(Term("kind", kind))
    if status:
        parts.append(Term("status", status))
    if period:
        parts.append(Term("period", period))
    # closed ranges: an open end makes Whoosh walk the whole term index (4.7 s on 3000 reports)
    if first_month:
        parts.append(TermRange("period_start", first_month, "9999-12"))
    if last_month:
        parts.append(TermRange("period_end", "0000-01", last_month))
    return And(parts) if parts else None


class _Searcher:
    def __init__(self, searcher):
        self._s = searcher

    def search(self, query: Query, filter: Query | None, limit: int | None):
        """Ranked hits as (stored fields, score, docnum), and the total count."""
        # every match is scored in one pass (limit=None): the ranked list is the exact total,
        # which len() is not once a filter removed documents
        # the filter as a set of document numbers: Whoosh re-matches a range query per hit otherwise
        allowed = set(filter.docs(self._s)) if filter is not None else None
        if allowed is not None and not allowed:
            return [], 0  # Whoosh reads an empty set as "no filter"
        results = self._s.search(query, filter=allowed, limit=None)
        return [(dict(hit.fields()), hit.score, hit.docnum) for hit in results[:limit]], len(results.top_n)

    def count(self, field: str, term: str) -> int:
        """How many live documents have `term` in `field`, without reading their stored fields."""
        return sum(1 for _ in Term(field, term).docs(self._s))

    def documents(self, **terms) -> Iterator[dict]:
        """Stored fields of every document matching the given field terms."""
        return self._s.documents(**terms)

    def terms(self, field: str, prefix: str = "") -> Iterator[str]:
        """The values indexed in an ID field that start with `prefix` (a deleted document's
        may linger until segments merge: look the documents up to be sure)."""
        for term in self._s.reader().expand_prefix(field, prefix):
            yield term.decode("utf-8") if isinstance(term, bytes) else term

    def all_documents(self, query: Query | None = None) -> Iterable[dict]:
        for docnum in (query or Every()).docs(self._s):
            yield self._s.stored_fields(docnum)

    def occurrences(self, field: str, term: str, docnum: int) -> list[tuple[int, int, int]]:
        """(position, startchar, endchar) of each occurrence of `term` in one document."""
        if (field, term) not in self._s.reader():
            return []
        matcher = self._s.postings(field, term)
        matcher.skip_to(docnum)
        if not matcher.is_active() or matcher.id() != docnum:
            return []
        return list(matcher.value_as("characters"))

    def has_term(self, field: str, term: str) -> bool:
        return (field, term) in self._s.reader()

    def suggest(self, field: str, term: str) -> str | None:
        found = self._s.corrector(field).suggest(term, limit=1, maxdist=1 if len(term) > 4 else 2)
        return found[0] if found else None
