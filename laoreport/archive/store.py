"""The Whoosh index: the schema, writing, and fast reading (the only module importing whoosh).

Every document keeps its syllables twice, compactly: as postings of single syllables (which
documents hold ນຶກ, and how often) and as a byte string of all its syllables in order (see
phrases.py), in a Whoosh column. A search reads the postings of its rarest syllable and looks
for the whole phrase in each candidate's bytes, so it needs no positions in the postings.

Reading goes around Whoosh's per-posting matchers, which cost about a microsecond per
document in Python: posting blocks are decoded whole (`_read_postings`) and the phrase column
is read into memory once per segment. An open index is kept per process, with its searcher
and what it decoded, and reopened when an import has committed, so a long-running server
sees new reports without a restart; a lock lets one thread at a time use it. Whoosh opens
index files through memory maps and copies each into memory (0.2-0.6 s for a 150 MB index):
files are opened without maps instead (20 ms).

The field types below are pickled into the index: their module path is part of the index
format, and they hold no state beyond their settings.
"""

from __future__ import annotations

import io
import marshal
import os
import pickle
import struct
import sys
import threading
import zlib
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from itertools import accumulate
from pathlib import Path

from whoosh.analysis import Token, Tokenizer
from whoosh.codec.whoosh3 import W3Codec
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, STORED, FieldType, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.formats import Existence
from whoosh.index import EmptyIndexError, LockError
from whoosh.query import And, Every, Or, Prefix, Query, Term, TermRange, Wildcard
from whoosh.reading import TermNotFound
from whoosh.writing import PostingPool

from laoreport.archive.filters import Filters
from laoreport.archive.phrases import HEADER_SIZE
from laoreport.errors import ArchiveError, IndexBusyError, IndexNotFoundError
from laoreport.lao import syllable_tokens, word_tokens

INDEX_NAME = "laoreport"


class TermCounts(tuple):
    """The terms of one document with how often each occurs, encoded in an import worker."""

    @classmethod
    def of(cls, counts: Mapping[str, int]) -> TermCounts:
        return cls((term.encode("utf-8"), count) for term, count in counts.items())


class _Counted(Existence):
    """Postings that hold, per document, how often the term occurs (as the weight), no positions."""


class _LaoTokenizer(Tokenizer):
    """Tokens of a plain string, for Whoosh's own use of a field (its queries)."""

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __hash__(self) -> int:
        return hash(type(self))

    def _tokens(self, value: str) -> list:
        raise NotImplementedError

    def __call__(self, value, **kwargs):
        token = Token(**kwargs)
        for norm, _start, _end in self._tokens(value):
            token.text, token.boost, token.stopped = norm, 1.0, False
            yield token


class LaoWordTokenizer(_LaoTokenizer):
    """Lao dictionary words, Latin words and numbers: ຫຼຽນທີ່ລະນຶກ -> ຫຼຽນ | ທີ່ລະນຶກ."""

    def _tokens(self, value: str) -> list:
        return word_tokens(value)


class LaoSyllableTokenizer(_LaoTokenizer):
    """Lao syllables, Latin words and numbers: ຫຼຽນທີ່ລະນຶກ -> ຫຼຽນ | ທີ່ | ລະ | ນຶກ."""

    def _tokens(self, value: str) -> list:
        return syllable_tokens(value)


class LaoTerms(FieldType):
    """A field indexed from TermCounts (a plain string is tokenized by the field's tokenizer)."""

    def __init__(self, tokenizer: _LaoTokenizer):
        super().__init__(_Counted(), tokenizer)

    def index(self, value, **kwargs):
        if isinstance(value, TermCounts):
            return ((term, count, float(count), b"") for term, count in value)
        return ((term.encode("utf-8"), 1, 1.0, b"") for term in {t.text for t in self.analyzer(value)})


class Key(FieldType):
    """A field of whole values (a kind, a source path, office keys joined by commas), indexed as
    they are: Whoosh's ID and KEYWORD run a tokenizer for each, a tenth of an import's writing."""

    def __init__(self, several: bool = False):
        super().__init__(Existence(), None, stored=True)
        self.several = several

    def index(self, value, **kwargs):
        values = value.split(",") if self.several else (value,)
        return ((v.encode("utf-8"), 1, 1.0, b"") for v in values if v)


def make_schema() -> Schema:
    """Reports, sections and tasks share one schema; `kind` tells them apart."""
    return Schema(
        doc_id=STORED,
        kind=Key(),
        report_id=STORED,
        source=Key(),
        sha256=STORED,
        text_sha256=STORED,
        doc_type=Key(),
        org=Key(several=True),  # filters.office_keys of the organization and unit, joined by commas
        number=Key(),  # filters.number_key of the document number
        date=STORED,
        period=STORED,
        plan_period=STORED,
        period_start=Key(),  # the months filters compare (filters.document_months)
        period_end=Key(),
        status=Key(),
        carried_over=STORED,  # a task that continues earlier work (ສືບຕໍ່)
        lookup_id=Key(),  # the report id, on report documents and duplicate records only: what show looks up
        section=STORED,
        title=STORED,
        text=STORED,
        report_json=STORED,
        syllables=LaoTerms(LaoSyllableTokenizer()),
        words=LaoTerms(LaoWordTokenizer()),  # on report documents only: the words "did you mean" offers
        # without offsets: _read_column sums the lengths
        match=COLUMN(VarBytesColumn(allow_offsets=False)),  # phrases.py: header and syllables
        spans=COLUMN(VarBytesColumn(allow_offsets=False)),  # phrases.pack_spans: where each syllable is in `text`
    )


def resolve_index_dir(index_dir: str | os.PathLike[str] | None) -> Path:
    """`--index DIR`, else $LAOREPORT_INDEX, else ./index."""
    return Path(index_dir or os.environ.get("LAOREPORT_INDEX") or "index")


def _generation(toc: str) -> int:
    """The commit a table of contents was written by: _laoreport_17.toc -> 17."""
    return int(toc[len(INDEX_NAME) + 2:-4])


def _toc_stamp(storage: FileStorage) -> tuple | None:
    """What changes when an import commits: the newest table of contents, by name and file."""
    tocs = [name for name in storage.list() if name.startswith(f"_{INDEX_NAME}_") and name.endswith(".toc")]
    if not tocs:
        return None
    newest = max(tocs, key=_generation)
    status = os.stat(os.path.join(storage.folder, newest))
    return newest, status.st_ino, status.st_mtime_ns


class Store:
    """An open index folder: one per folder and process, shared by its threads."""

    _open: dict[Path, Store] = {}
    _opening = threading.Lock()

    def __init__(self, path: Path, storage: FileStorage):
        self.path, self._storage = path, storage
        self._lock = threading.RLock()
        self._ix = None
        self._stamp = None
        self._searcher: _Searcher | None = None
        self._segments: dict[str, _SegmentData] = {}
        self._postings = _PostingsCache()

    @classmethod
    def open(cls, index_dir: str | os.PathLike[str] | None, create: bool = False) -> Store:
        path = resolve_index_dir(index_dir)
        key = path.absolute()
        with cls._opening:
            store = cls._open.get(key)
            if store is None or not path.is_dir():
                store = cls(path, FileStorage(str(path), supports_mmap=False))
            try:
                if _toc_stamp(store._storage) is None:
                    if not create:
                        raise IndexNotFoundError(f"no index at {path}: run `laoreport import FOLDER` first")
                    path.mkdir(parents=True, exist_ok=True)
                    store._storage.create_index(make_schema(), indexname=INDEX_NAME)
            except OSError as error:
                if not path.is_dir() and not create:
                    raise IndexNotFoundError(f"no index at {path}: run `laoreport import FOLDER` first") from None
                raise ArchiveError(f"cannot open the index at {path}: {error}") from None
            cls._open[key] = store
            return store

    def _index(self):
        """The Whoosh index as last committed, reopened when an import has committed since."""
        try:
            stamp = _toc_stamp(self._storage)
        except OSError as error:
            raise ArchiveError(f"cannot open the index at {self.path}: {error}") from None
        if self._ix is None or stamp != self._stamp:
            try:
                ix = self._storage.open_index(INDEX_NAME)
            except (AttributeError, ModuleNotFoundError, pickle.UnpicklingError):
                raise ArchiveError(
                    f"the index at {self.path} was made by an older laoreport: "
                    "delete that folder and run `laoreport import` again"
                ) from None
            except (OSError, EmptyIndexError) as error:
                raise ArchiveError(f"cannot open the index at {self.path}: {error}") from None
            if "match" not in ix.schema:
                raise ArchiveError(
                    f"the index at {self.path} was made by an older laoreport: "
                    "delete that folder and run `laoreport import` again"
                )
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
            self._ix, self._stamp = ix, stamp
        return self._ix

    def generation(self) -> int:
        """The number of the index's latest commit: what stored threads were last brought up to."""
        stamp = _toc_stamp(self._storage)
        return _generation(stamp[0]) if stamp else -1

    def begin(self, timeout: float = 30.0) -> _Writer:
        """A writer holding the index's write lock until commit() or cancel(); waits up to `timeout` s."""
        with self._lock:
            try:
                writer = self._index().writer(timeout=timeout, codec=_codec())
                writer.pool = _Postings(writer._tempstorage, writer.newsegment, limitmb=48)  # memory stays flat
                return _Writer(writer)
            except LockError:
                raise IndexBusyError(
                    "another import is writing to this index; wait for it to finish and run the import again"
                ) from None

    @contextmanager
    def searcher(self):
        """The searcher of the index as last committed; other threads wait while it is in use."""
        with self._lock:
            ix = self._index()
            if self._searcher is None:
                self._searcher = _Searcher(ix.searcher(), self._segments, self._postings)
            yield self._searcher


class _Postings(PostingPool):
    """Whoosh's pool of postings to sort, without its checks and size sums for every posting,
    and spilling to disk in chunks by marshal, not one pickle per posting (a third of a commit)."""

    POSTING_BYTES = 160  # what one posting tuple takes in memory, about
    CHUNK = 20_000

    def __init__(self, tempstore, segment, limitmb: int):
        super().__init__(tempstore, segment, limitmb=limitmb)
        self.most = self.limit // self.POSTING_BYTES

    def add(self, item):
        self.current.append(item)
        if len(self.current) >= self.most:
            self.save()

    def _write_run(self, f, items):
        for start in range(0, len(items), self.CHUNK):
            marshal.dump(items[start:start + self.CHUNK], f)
        f.close()

    def _read_run(self, path):
        f = self._open_run(path)
        try:
            while True:
                try:
                    chunk = marshal.load(f)
                except EOFError:
                    return
                yield from chunk
        finally:
            f.close()
            self._remove_run(path)


def _codec() -> W3Codec:
    """Whoosh's codec, told not to look up each posting's field length as it writes the postings:
    searches here never use them, and the look-up cost a file check per posting (half a commit)."""
    codec = W3Codec()
    codec.length_stats = False
    return codec


class _Writer:
    def __init__(self, writer):
        self._w = writer

    def full(self) -> bool:
        """True when the postings added since the last commit fill the memory set aside for them."""
        return len(self._w.pool.current) >= self._w.pool.most * 0.9

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


def filter_query(filters: Filters | None = None, **terms) -> Query | None:
    """The documents `filters` keep, as a Whoosh query (None: every document).

    Kind, status and type are terms; --org matches part of an office key (a wildcard over the
    few offices an archive has); --number a whole number, or its numeric part; periods by
    containment of their month range (a document without a period: its date's months).
    `filter_query(kind="task", status="done")` builds the Filters itself.
    """
    filters = filters or Filters(**terms)
    parts: list[Query] = []
    if filters.kind:
        parts.append(Term("kind", filters.kind))
    if filters.status:
        parts.append(Term("status", filters.status))
    parts += _header_queries(filters)
    # closed ranges: an open end makes Whoosh walk the whole term index (4.7 s on 3000 reports)
    if filters.first_month:
        parts.append(TermRange("period_start", filters.first_month, "9999-12"))
    if filters.last_month:
        parts.append(TermRange("period_end", "0000-01", filters.last_month))
    return And(parts) if parts else None


def _header_queries(filters: Filters) -> list[Query]:
    parts: list[Query] = []
    if filters.source:
        parts.append(Term("source", filters.source))
    if filters.folder:
        parts.append(Prefix("source", filters.folder.rstrip(os.sep) + os.sep))
    if filters.doc_type:
        parts.append(Term("doc_type", filters.doc_type))
    if filters.org:
        parts.append(Wildcard("org", f"*{filters.org}*"))
    if filters.number:
        exact = Term("number", filters.number)
        parts.append(exact if "/" in filters.number else Or([exact, Prefix("number", filters.number + "/")]))
    return parts


def _read_postings(reader, field: str, term: bytes) -> array:
    """The documents of a term's postings in one segment (deleted ones included), in order.

    Decodes Whoosh's W3 posting blocks whole (a pickled block info, then a zlib-compressed
    pickle of delta-coded ids and weights): ten times faster than stepping a matcher.
    """
    terms = reader._terms
    try:
        info = terms.term_info(field, term)
    except (KeyError, TermNotFound):
        return array("I")
    if info.is_inlined():
        return array("I", info.inlined_postings()[0])
    offset, length = info.extent()
    if isinstance(length, tuple):  # whoosh-reloaded 2.7.5 reads the length as a 1-tuple
        length = length[0]
    stream = io.BytesIO(terms._postfile.get(offset, length))
    stream.seek(4)  # the postings' magic number
    ids = array("I")
    last = False
    while not last:
        size = struct.unpack("!i", stream.read(4))[0]
        last, size = size < 0, abs(size)
        start = stream.tell()
        compression = pickle.load(stream)[3]  # (count, last id, max weight, compression, lengths)
        data = stream.read(start + size - stream.tell())
        deltas = pickle.loads(zlib.decompress(data) if compression else data)[0]
        ids.extend(accumulate(deltas))  # each block's first id is whole
    return ids


def _column_layout(reader, field: str):
    """A VarBytesColumn of one segment: its file, where its values start, each one's offset and length.

    The columns are written without offsets (see make_schema), which Whoosh's column reader
    then adds up in a Python loop when it opens; here they are summed in C.
    """
    count = reader.doc_count_all()
    if not reader.has_column(field):  # a segment of duplicate records alone (an import of copies): no text
        return None, 0, [0] * (count + 1), [0] * count
    column, start, size = reader._perdoc._get_column_file(field)
    lengths = array(chr(column.get(start + size - 1, 1)[0]))  # [values][lengths][their type code]
    lengths.frombytes(column.get(start + size - 1 - count * lengths.itemsize, count * lengths.itemsize))
    if sys.byteorder == "little":
        lengths.byteswap()  # Whoosh writes arrays big-endian
    return column, start, list(accumulate(lengths, initial=0)), list(lengths)


def _read_column(reader, field: str) -> tuple[bytes, list[int], list[int]]:
    """A VarBytesColumn of one segment at once: its bytes, and each document's offset and length."""
    column, start, offsets, lengths = _column_layout(reader, field)
    return (column.get(start, offsets[-1]) if column else b""), offsets, lengths


class _SegmentData:
    """What a search decoded from one segment (segments never change, except for deletions)."""

    #: Document frequencies remembered per segment.
    CACHE_FREQUENCIES = 100_000

    def __init__(self):
        self.match: tuple[bytes, list[int], list[int]] | None = None
        self.lexicons: dict[str, list[str]] = {}
        self.frequencies: dict[tuple[str, str], int] = {}


class _PostingsCache:
    """Decoded postings of the open index, the most recently used first, within a budget of ids."""

    #: 4 bytes each: 16 MB.
    BUDGET = 4_000_000

    def __init__(self):
        self._postings: OrderedDict[tuple[str, str, bytes], array] = OrderedDict()
        self._held = 0

    def get(self, segment: str, reader, field: str, term: bytes) -> array:
        key = (segment, field, term)
        found = self._postings.get(key)
        if found is not None:
            self._postings.move_to_end(key)
            return found
        found = self._postings[key] = _read_postings(reader, field, term)
        self._held += len(found)
        while self._held > self.BUDGET and len(self._postings) > 1:
            _, dropped = self._postings.popitem(last=False)
            self._held -= len(dropped)
        return found

    def forget(self, segments: set[str]) -> None:
        """Drop the postings of segments no longer in the index."""
        for key in [key for key in self._postings if key[0] in segments]:
            self._held -= len(self._postings.pop(key))


class Leaf:
    """One segment of the open index: its documents are `base` + 0, 1, 2... in the searcher."""

    def __init__(self, reader, base: int, data: _SegmentData, postings: _PostingsCache):
        self.reader, self.base, self._data, self._postings = reader, base, data, postings
        self.segment = reader.segment().segment_id()
        self.deleted = reader.deleted_docs_set if reader.has_deletions() else frozenset()
        self.size = reader.doc_count_all()
        self._spans = None

    def doc_frequency(self, field: str, term: str) -> int:
        """How many of the segment's documents hold `term` (deleted ones included); remembered."""
        frequencies = self._data.frequencies
        key = (field, term)
        if key not in frequencies:
            if len(frequencies) >= _SegmentData.CACHE_FREQUENCIES:
                frequencies.clear()
            frequencies[key] = self.reader.doc_frequency(field, term)
        return frequencies[key]

    def postings(self, field: str, term: str) -> array:
        """The segment's documents holding `term` (deleted ones included)."""
        return self._postings.get(self.segment, self.reader, field, term.encode("utf-8"))

    def documents_matching(self, field: str, accept) -> set[int]:
        """The segment's documents holding any term of `field` that `accept(term)` keeps."""
        found: set[int] = set()
        for term in self.reader.lexicon(field):
            text = term.decode("utf-8")
            if accept(text):
                found.update(self._postings.get(self.segment, self.reader, field, term))
        return found

    def lexicon(self, field: str) -> list[str]:
        if field not in self._data.lexicons:
            self._data.lexicons[field] = [term.decode("utf-8") for term in self.reader.lexicon(field)]
        return self._data.lexicons[field]

    def match_data(self) -> tuple[bytes, list[int], list[int]]:
        """The phrase column (phrases.py) of every document: its bytes, each document's offset and length."""
        if self._data.match is None:
            self._data.match = _read_column(self.reader, "match")
        return self._data.match

    def spans(self, docnum: int) -> bytes:
        if self._spans is None:
            self._spans = _column_layout(self.reader, "spans")
        column, start, offsets, lengths = self._spans
        return column.get(start + offsets[docnum], lengths[docnum]) if column else b""


class _Searcher:
    def __init__(self, searcher, segments: dict[str, _SegmentData], postings: _PostingsCache):
        self._s = searcher
        # an index without segments (nothing committed yet) has one reader of no segment
        leaves = [(reader, base) for reader, base in searcher.reader().leaf_readers() if reader.segment()]
        gone = set(segments) - {reader.segment().segment_id() for reader, _ in leaves}
        for segment in gone:
            del segments[segment]
        postings.forget(gone)
        self.leaves = [
            Leaf(reader, base, segments.setdefault(reader.segment().segment_id(), _SegmentData()), postings)
            for reader, base in leaves
        ]
        self.doc_count = searcher.reader().doc_count()
        self.cache: dict = {}  # what callers derive from this searcher's index, e.g. suggest's word index
        self._average_length: float | None = None

    @property
    def average_length(self) -> float:
        """The average length of the documents' phrase bytes (what the ranking takes as length)."""
        if self._average_length is None:
            total = count = 0
            for leaf in self.leaves:
                _, _, lengths = leaf.match_data()
                texts = len(lengths) - lengths.count(0)  # duplicate records hold no text
                total, count = total + sum(lengths) - HEADER_SIZE * texts, count + texts
            self._average_length = total / max(1, count) or 1.0
        return self._average_length

    def close(self) -> None:
        self._s.close()

    def leaf(self, docnum: int) -> Leaf:
        for leaf in reversed(self.leaves):
            if docnum >= leaf.base:
                return leaf
        raise IndexError(docnum)

    def stored_fields(self, docnum: int) -> dict:
        return dict(self._s.stored_fields(docnum))

    def spans(self, docnum: int) -> bytes:
        leaf = self.leaf(docnum)
        return leaf.spans(docnum - leaf.base)

    def header_documents(self, filters: Filters) -> list[set[int] | None]:
        """Per leaf, the documents the header filters (file, type, office, number) keep; None: all."""
        queries = _header_queries(filters)
        if not queries:
            return [None] * len(self.leaves)
        kept = []
        for leaf in self.leaves:
            sets = []
            if filters.source:
                sets.append(set(leaf.postings("source", filters.source)))
            if filters.folder:
                under = filters.folder.rstrip(os.sep) + os.sep
                sets.append(leaf.documents_matching("source", lambda key: key.startswith(under)))
            if filters.doc_type:
                sets.append(set(leaf.postings("doc_type", filters.doc_type)))
            if filters.org:
                sets.append(leaf.documents_matching("org", lambda key: filters.org in key))
            if filters.number:
                number = filters.number
                sets.append(leaf.documents_matching(
                    "number", lambda key: key == number or ("/" not in number and key.startswith(number + "/"))
                ))
            kept.append(set.intersection(*sets))
        return kept

    def count(self, field: str, term: str) -> int:
        """How many live documents have `term` in `field`, without reading their stored fields."""
        return sum(
            len(ids) - (sum(1 for d in ids if d in leaf.deleted) if leaf.deleted else 0)
            for leaf in self.leaves for ids in (leaf.postings(field, term),)
        )

    def original_source(self, source: str) -> str:
        """The file whose report `source` duplicates (recorded as a duplicate at import), else `source`."""
        for fields in self.documents(source=source):
            if fields["kind"] != "duplicate":
                return source
            for report in self.documents(lookup_id=fields["report_id"]):
                return report["source"]
        return source

    def documents(self, **terms) -> Iterator[dict]:
        """Stored fields of every document matching the given field terms."""
        return self._s.documents(**terms)

    def all_documents(self, query: Query | None = None) -> Iterable[dict]:
        for docnum in (query or Every()).docs(self._s):
            yield self._s.stored_fields(docnum)

    def has_term(self, field: str, term: str) -> bool:
        return (field, term) in self._s.reader()

    def lexicon(self, field: str) -> list[str]:
        """Every term of `field` in the index (each segment's list is read once)."""
        words: set[str] = set()
        for leaf in self.leaves:
            words.update(leaf.lexicon(field))
        return sorted(words)
