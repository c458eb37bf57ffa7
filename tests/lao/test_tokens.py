"""Word and syllable tokens of mixed text: offsets into the original, no lost characters."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from laoreport.lao import normalize, syllable_tokens, tokenize_report, word_tokens
from laoreport.lao.chars import LAO_LETTERS

CASES = json.loads((Path(__file__).parent / "cases" / "tokens.json").read_text(encoding="utf-8"))

mixed_text = st.text(
    alphabet=st.sampled_from(
        [chr(c) for c in range(0x0E81, 0x0EE0)] + list("ปกา้ัไ") + list("\u200b\u00a0\t\n  aB1/.,-%İ")
    ),
    max_size=60,
)


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_tokens_of_real_strings(case):
    assert [t.norm for t in word_tokens(case["input"])] == case["words"]
    assert [t.norm for t in syllable_tokens(case["input"])] == case["syllables"]


@pytest.mark.parametrize("tokenize", [word_tokens, syllable_tokens])
@settings(deadline=None)  # the first example may load the word list
@given(text=mixed_text)
def test_token_spans_are_ordered_and_inside_the_text(tokenize, text):
    end = 0
    for token in tokenize(text):
        assert token.norm and end <= token.start < token.end <= len(text)
        end = token.end


@settings(deadline=None)  # the first example may load the word list
@given(text=mixed_text)
def test_word_boundaries_are_syllable_boundaries(text):
    syllable_edges = {e for t in syllable_tokens(text) for e in (t.start, t.end)}
    assert {e for t in word_tokens(text) for e in (t.start, t.end)} <= syllable_edges


def test_word_tokens_keep_the_parts_of_a_numbered_reference_findable():
    assert [t.norm for t in word_tokens("ສະໄໝທີ X. ເລກທີ I/2019")] == [
        "ສະໄໝ", "ທີ", "x", "ເລກທີ", "i", "2019",
    ]


def test_offsets_point_at_the_original_spelling():
    text = "ຂອງ\u200bຫນ່ວຍພັກ  ນໍ້າ"
    tokens = word_tokens(text)
    assert [t.norm for t in tokens] == ["ຂອງ", "ໜ່ວຍ", "ພັກ", "ນ້ຳ"]
    assert [text[t.start : t.end] for t in tokens] == ["ຂອງ", "ຫນ່ວຍ", "ພັກ", "ນໍ້າ"]


def test_long_repetitive_run_is_segmented_quickly():
    # laonlp's matcher needs ~25 s on this (upstream LaoNLP issue #19)
    started = time.perf_counter()
    tokens = word_tokens("ແລ້ວ" * 34)
    assert time.perf_counter() - started < 1.0
    assert "".join(t.norm for t in tokens) == "ແລ້ວ" * 34


@pytest.mark.parametrize("tokenize", [word_tokens, syllable_tokens])
def test_every_lao_character_of_the_seed_lands_in_a_token(seed_path, tokenize):
    for line in seed_path.read_text(encoding="utf-8").splitlines():
        norm = normalize(line)
        covered = "".join(t.norm for t in tokenize(line))
        assert [c for c in covered if c in LAO_LETTERS] == [c for c in norm if c in LAO_LETTERS]


@pytest.mark.parametrize("tokenize", [word_tokens, syllable_tokens])
def test_token_spans_normalize_to_the_token(realdocs, tokenize):
    for path in realdocs:
        for line in path.read_text(encoding="utf-8").splitlines()[:200]:
            for token in tokenize(line):
                assert normalize(line[token.start : token.end]).strip() == token.norm, line


def test_tokenize_report_has_the_cli_json_shape():
    report = tokenize_report("ຫລວງ 2019")
    assert report == {
        "text": "ຫລວງ 2019",
        "normalized": "ຫຼວງ 2019",
        "words": [{"norm": "ຫຼວງ", "start": 0, "end": 4}, {"norm": "2019", "start": 5, "end": 9}],
        "syllables": [{"norm": "ຫຼວງ", "start": 0, "end": 4}, {"norm": "2019", "start": 5, "end": 9}],
    }


def test_every_word_typed_alone_is_found_as_a_syllable_phrase(seed_path, realdocs):
    """What search relies on: a query is tokenized alone, the text in context."""
    searched = 0
    for path in [seed_path, *realdocs]:
        for line in path.read_text(encoding="utf-8").splitlines()[:150]:
            in_context = [t.norm for t in syllable_tokens(line)]
            for word in word_tokens(line):
                query = [t.norm for t in syllable_tokens(line[word.start : word.end])]
                n = len(query)
                assert any(in_context[i : i + n] == query for i in range(len(in_context) - n + 1)), word
                searched += 1
    assert searched > 10000


def test_indexed_tokens_are_the_syllable_and_word_tokens(seed_path, realdocs):
    from laoreport.lao.tokens import indexed_tokens

    for path in [seed_path, *realdocs]:
        for line in path.read_text(encoding="utf-8").splitlines()[:100]:
            norms, spans, words = indexed_tokens(line)
            assert [(t.norm, t.start, t.end) for t in syllable_tokens(line)] == [(n, *s) for n, s in zip(norms, spans)]
            assert [t.norm for t in word_tokens(line)] == words
