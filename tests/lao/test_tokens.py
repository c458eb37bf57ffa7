"""Word and syllable tokens of mixed text: offsets into the original, no lost characters."""

from __future__ import annotations

import time

import pytest

from laoreport.lao import normalize, syllable_tokens, tokenize_report, word_tokens
from laoreport.lao.chars import LAO_LETTERS


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
