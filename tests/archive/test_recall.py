"""The search finds exactly what a plain scan of every document's syllables finds.

Hundreds of queries are cut from the real texts of corpus/ (and ../shared/realdocs when present):
one to eight syllables from a random place, typed as the text has them or in another spelling,
alone or with a second part, with and without filters. The reference reads every indexed
document's stored text, cuts it into syllables and looks for the query's syllables one after
another: no postings, no phrase bytes, no header.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest

from conftest import CORPUS
from laoreport.archive import import_paths, search
from laoreport.archive.store import Store
from laoreport.lao import syllable_tokens

#: Spellings a user may type instead of the text's (normalization must make them equal).
OTHER_SPELLINGS = [("ຫຼ", "ຫລ"), ("ໜ", "ຫນ"), ("ໝ", "ຫມ"), ("ຳ", "ໍາ"), ("2019", "໒໐໑໙")]


class Reference:
    """Every document of an index, as its stored fields and its syllables joined by spaces."""

    def __init__(self, index):
        with Store.open(index).searcher() as searcher:
            self.documents = list(searcher.all_documents())
        self.syllables = [" " + " ".join(t.norm for t in syllable_tokens(d.get("text") or "")) + " "
                          for d in self.documents]

    def found(self, parts: list[str], kind=None, status=None, first=None, last=None) -> Counter:
        wanted = [" " + " ".join(t.norm for t in syllable_tokens(part)) + " " for part in parts]
        found = Counter()
        for fields, syllables in zip(self.documents, self.syllables):
            if kind and fields["kind"] != kind or status and fields.get("status") != status:
                continue
            if first and (not fields.get("period_start") or fields["period_start"] < first):
                continue
            if last and (not fields.get("period_end") or fields["period_end"] > last):
                continue
            if all(w in syllables for w in wanted):
                found[_key(fields["kind"], fields["report_id"], fields.get("section"), fields.get("text"))] += 1
        return found


def _key(kind, report, section, text):
    return kind, report, tuple(section or ()), text


def _queries(reference: Reference, count: int, seed: int) -> list[list[str]]:
    """Queries cut from the documents' texts: one or two parts of 1-8 syllables, as typed."""
    rng = random.Random(seed)
    texts = [d["text"] for d in reference.documents if d.get("text")]
    queries = []
    while len(queries) < count:
        parts = []
        for _ in range(1 if rng.random() < 0.7 else 2):
            text = rng.choice(texts)
            tokens = syllable_tokens(text)
            if not tokens:
                break
            start = rng.randrange(len(tokens))
            end = min(len(tokens), start + rng.choice([1, 1, 2, 2, 3, 4, 5, 8]))
            part = text[tokens[start].start:tokens[end - 1].end]
            if rng.random() < 0.3:
                for written, typed in OTHER_SPELLINGS:
                    part = part.replace(written, typed)
            parts.append(part)
        if parts and all(syllable_tokens(p) for p in parts) and not any('"' in p for p in parts):
            queries.append(parts)
    return queries


def _check(index, queries: list[list[str]], seed: int) -> int:
    reference = Reference(index)
    rng = random.Random(seed)
    checked = 0
    for parts in queries:
        filters = {}
        if rng.random() < 0.3:
            filters["kind"] = rng.choice(["section", "task"])
        if rng.random() < 0.2:
            filters.update(kind="task", status=rng.choice(["done", "planned"]))
        query = " ".join(f'"{part}"' for part in parts)
        result = search(query, index, limit=None, **filters)
        found = Counter(_key(h.kind, h.report, h.section, h.text) for h in result.hits)
        assert result.total == len(result.hits), (query, filters)
        expected = reference.found(parts, **filters)
        if filters.get("kind") == "section":
            # a section is also found through its tasks: then it shows the task's text
            through = {(report, text) for _, report, _, text in reference.found(parts, kind="task")}
            assert not expected - found, (query, filters)
            assert all((report, text) in through for _, report, _, text in found - expected), (query, filters)
        else:
            assert found == expected, (query, filters)
        checked += 1
    return checked


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory):
    index = tmp_path_factory.mktemp("recall") / "index"
    import_paths([CORPUS], index)
    return index


def test_every_match_is_found_on_the_corpus(corpus_index):
    reference = Reference(corpus_index)
    queries = _queries(reference, 400, seed=12)
    assert _check(corpus_index, queries, seed=12) == 400


def test_every_match_is_found_in_legal_documents(tmp_path):
    from conftest import shared_path

    index = tmp_path / "index"
    import_paths([shared_path("realdocs")], index)
    queries = _queries(Reference(index), 200, seed=13)
    assert _check(index, queries, seed=13) == 200


def test_periods_are_filtered_as_the_scan_filters_them(corpus_index):
    reference = Reference(corpus_index)
    for parts in _queries(reference, 60, seed=14):
        for first, last in (("2019-06", "2019-09"), ("2019-07", "2019-12"), ("2020-01", "2020-12")):
            months = dict(date_from=first, date_to=last)
            result = search(" ".join(f'"{p}"' for p in parts), corpus_index, limit=None, **months)
            expected = reference.found(parts, first=first, last=last)
            assert Counter(_key(h.kind, h.report, h.section, h.text) for h in result.hits) == expected
            assert result.total == sum(expected.values())
