"""The normalization pipeline: folds on real strings, offsets, idempotence, the canonical form."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laoreport.lao import normalize, normalize_with_offsets
from laoreport.lao.chars import TONE_MARKS

CASES = json.loads((Path(__file__).parent / "cases" / "normalize.json").read_text(encoding="utf-8"))

#: Text made of what normalization cares about: Lao, invisible characters, spaces, Latin.
lao_like_text = st.text(
    alphabet=st.sampled_from(
        [chr(c) for c in range(0x0E81, 0x0EE0)] + list("ปกา้ัไ") + list("\u200b\u200c\u00ad\ufeff\u00a0\t\n  aZ1/.İ")
    ),
    max_size=40,
)


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_fold(case):
    assert normalize(case["input"]) == case["expected"]


@pytest.mark.parametrize("spellings", [("ນໍ້າ", "ນ້ໍາ", "ນ້ຳ", "ນຳ້"), ("ເຊ່ືອ", "ເຊື່ອ"), ("ຫລວງ", "ຫຼວງ")])
def test_spellings_of_one_word_fold_together(spellings):
    assert len({normalize(s) for s in spellings}) == 1


@given(lao_like_text)
def test_normalize_is_idempotent(text):
    assert normalize(normalize(text)) == normalize(text)


@given(lao_like_text)
def test_offsets_map_each_normalized_character_back(text):
    norm, offsets = normalize_with_offsets(text)
    assert norm == normalize(text)
    assert len(offsets) == len(norm) + 1 and offsets[-1] == len(text)
    assert offsets == sorted(offsets) and all(0 <= o <= len(text) for o in offsets)


def test_offsets_on_the_seed_point_at_the_same_letters(seed_path):
    text = seed_path.read_text(encoding="utf-8")
    norm, offsets = normalize_with_offsets(text)
    letters = [i for i, c in enumerate(norm) if c in "ກຂຄງຈຊຍດຕຖທນບປຜພມຢລວສອຮ"]
    # offsets never go back, so where a fold swapped a tone and ວ (ກ່ວາ -> ກວ່າ) the ວ
    # maps to the tone's place; every other letter maps to itself
    assert letters and all(text[offsets[i]] in (norm[i], *TONE_MARKS) for i in letters)
    assert sum(text[offsets[i]] == norm[i] for i in letters) > len(letters) - 10


def test_realdocs_variant_spellings_all_fold(realdocs):
    variants = re.compile("ຫ[ນມລ]|ໍ[່້໊໋]?າ|າ[່້໊໋]?ໍ|[່້໊໋][ັິີຶືົໍຸູ]|[\u200b-\u200d\ufeff]|ເເ")
    found = 0
    for path in realdocs:
        text = path.read_text(encoding="utf-8")
        found += len(variants.findall(text))
        assert not variants.search(normalize(text)), path.name
        assert normalize(normalize(text)) == normalize(text), path.name
    assert found > 1000


def test_canonical_form_is_the_dictionary_majority():
    from laonlp.corpus import lao_words

    words = "\n".join(lao_words())
    for canonical, other in [("ຳ", "ໍາ"), ("້ຳ", "ໍ້າ"), ("ໜ", "ຫນ"), ("ໝ", "ຫມ"), ("ື່", "່ື")]:
        assert normalize(other) == canonical
        assert words.count(canonical) > words.count(other), (canonical, other)
