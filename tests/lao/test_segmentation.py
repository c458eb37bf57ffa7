"""Segmentation of Lao runs: engines agree, long runs stay fast, broken pieces are joined."""

from __future__ import annotations

import sys
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from laoreport.lao import normalize, segment
from laoreport.lao.engines import laonlp_segment, nlpo3_segment
from laoreport.lao.runs import LAO, split_runs
from laoreport.lao.segmentation import join_broken_words

lao_run = st.text(alphabet=st.sampled_from([chr(c) for c in range(0x0E81, 0x0EDE) if c not in range(0x0ED0, 0x0EDA)]), min_size=1, max_size=60)


def lao_runs(paths):
    for path in paths:
        for run in split_runs(normalize(path.read_text(encoding="utf-8"))):
            if run.kind == LAO:
                yield run.text


def test_nlpo3_gives_laonlps_boundaries_on_real_text(seed_path, realdocs):
    runs = sorted(set(lao_runs([seed_path, *realdocs])))
    assert len(runs) > 1000
    differing = [r for r in runs if nlpo3_segment(r) != laonlp_segment(r)]
    assert differing == []


@pytest.mark.parametrize("engine", ["nlpo3", "laonlp"])
def test_repetitive_run_that_hangs_laonlp_finishes_quickly(engine):
    run = "ແລ້ວ" * 34
    started = time.perf_counter()
    words = segment(run + "ກ", engine=engine)
    assert time.perf_counter() - started < 1.0
    assert "".join(words) == run + "ກ"


@pytest.mark.parametrize("engine", ["nlpo3", "laonlp"])
def test_long_run_is_cut_at_word_boundaries(seed_path, engine):
    run = max(lao_runs([seed_path]), key=len) * 12
    assert len(run) > 400
    words = segment(run, engine=engine)
    assert "".join(words) == run
    assert words[: len(words) // 12 - 2] == segment(run[: len(run) // 12], engine=engine)[:-2]


def test_domain_words_are_whole():
    assert segment(normalize("ຄະນະບໍລິຫານງານພັກອອປສ"))[-1] == "ອອປສ"
    assert segment(normalize("ອົງການໄອຍະການປະຊາຊົນ")) == ["ອົງການ", "ໄອຍະການ", "ປະຊາຊົນ"]


def test_nominalizer_is_split_off():
    assert segment("ການພັດທະນາ") == ["ການ", "ພັດທະນາ"]


def test_pieces_that_cannot_stand_alone_join_a_neighbour():
    assert join_broken_words(["ປະຊາ", "ົຊນ"]) == ["ປະຊາົຊນ"]
    assert join_broken_words(["ອື່ນ", "ໆ"]) == ["ອື່ນໆ"]
    assert join_broken_words(["ໄປ", "ເ", "ຮັດ"]) == ["ໄປ", "ເຮັດ"]


def test_empty_and_unknown_engine():
    assert segment("") == []
    with pytest.raises(ValueError, match="nlpo3, laonlp"):
        segment("ກາ", engine="deepcut")


@settings(deadline=None)  # the first example may load the word list
@given(lao_run)
def test_words_cover_the_run(run):
    words = segment(run)
    assert "".join(words) == run and all(words)


def test_laonlp_is_the_engine_when_nlpo3_is_missing(monkeypatch):
    from laoreport.lao.segmentation import default_engine

    default_engine.cache_clear()
    monkeypatch.setitem(sys.modules, "nlpo3", None)
    try:
        assert default_engine() == "laonlp"
        assert segment("ພາສາລາວໃນປັດຈຸບັນ") == ["ພາສາລາວ", "ໃນ", "ປັດຈຸບັນ"]
    finally:
        default_engine.cache_clear()


def test_a_short_text_cut_with_its_own_words_is_cut_as_with_the_whole_list(seed_path, realdocs):
    """What a query relies on: its small dictionary gives the words the whole list gives."""
    import nlpo3

    from laoreport.lao.engines import _nlpo3_dictionary, _small_dictionary, words_in
    from laoreport.lao.wordlist import fingerprint

    whole = _nlpo3_dictionary("laoreport-" + fingerprint())
    runs = sorted({run for run in lao_runs([seed_path, *realdocs]) if 2 < len(run) <= 160})
    assert len(runs) > 1000
    differing = []
    for run in runs[:: max(1, len(runs) // 400)]:
        own = _small_dictionary.__wrapped__(words_in(run))  # not cached: one dictionary per run
        if nlpo3.segment(run, own, safe=False) != nlpo3.segment(run, whole, safe=False):
            differing.append(run)
    assert differing == []
