"""The segmenter's word list: laonlp's dictionary normalized, domain words, user extensions."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from laoreport.errors import InputError
from laoreport.lao import segment
from laoreport.lao.segmentation import _segment_run
from laoreport.lao.wordlist import USER_WORDS_VARIABLE, domain_words, fingerprint, lao_words, scratch_folder, word_file


@pytest.fixture
def fresh_word_list():
    """Reload the word list (and forget cached segmentations) before and after the test."""
    for cache in (lao_words, fingerprint, word_file, scratch_folder, _segment_run):
        cache.cache_clear()
    yield
    for cache in (lao_words, fingerprint, word_file, scratch_folder, _segment_run):
        cache.cache_clear()


def test_dictionary_holds_only_normalized_lao_words():
    words = lao_words()
    assert len(words) > 30000
    assert "ນ້ຳ" in words and "ນໍ້າ" not in words
    assert not any(c in w for w in words for c in "\u200b-_( ")


def test_domain_words_are_loaded():
    assert {"ອອປສ", "ໄອຍະການ"} <= set(domain_words()) and "ອອປສ" in lao_words()


def test_user_word_file_extends_the_list(tmp_path, monkeypatch, fresh_word_list):
    run = "ກອງປະຊຸມຊີໂອຊີ"
    assert segment(run)[-1] != "ຊີໂອຊີ"
    before = fingerprint()
    extra = tmp_path / "extra.txt"
    extra.write_text("# our acronyms\nຊີໂອຊີ\n", encoding="utf-8")
    monkeypatch.setenv(USER_WORDS_VARIABLE, str(extra))
    for cache in (lao_words, fingerprint, word_file, scratch_folder, _segment_run):
        cache.cache_clear()
    assert segment(run)[-1] == "ຊີໂອຊີ"
    assert fingerprint() != before


def test_missing_user_word_file_is_an_input_error(tmp_path, monkeypatch, fresh_word_list):
    monkeypatch.setenv(USER_WORDS_VARIABLE, str(tmp_path / "absent.txt"))
    with pytest.raises(InputError, match="absent.txt.*LAOREPORT_WORDS"):
        lao_words()


def test_importing_the_lao_layer_reads_no_word_list():
    code = "import sys, laoreport.lao; assert 'laonlp' not in sys.modules and 'nlpo3' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_list_is_built_once_into_a_cache_named_by_its_sources(tmp_path, monkeypatch, fresh_word_list):
    monkeypatch.setenv("LAOREPORT_CACHE", str(tmp_path / "cache"))
    first = word_file()
    assert first.parent == tmp_path / "cache" and first.read_text(encoding="utf-8").split() == sorted(lao_words())
    for cache in (lao_words, fingerprint, word_file, scratch_folder):
        cache.cache_clear()
    assert word_file() == first  # same sources: the file is reused
    extra = tmp_path / "extra.txt"
    extra.write_text("ຊີໂອຊີ\n", encoding="utf-8")
    monkeypatch.setenv(USER_WORDS_VARIABLE, str(extra))
    for cache in (lao_words, fingerprint, word_file, scratch_folder):
        cache.cache_clear()
    second = word_file()
    assert second != first and "ຊີໂອຊີ" in lao_words()
    extra.write_text("ຊີໂອຊີ\nອອປສທ\n", encoding="utf-8")  # an edited word file is a new source
    for cache in (lao_words, fingerprint, word_file, scratch_folder):
        cache.cache_clear()
    assert word_file() not in (first, second) and "ອອປສທ" in lao_words()


def test_a_cache_folder_that_cannot_be_written_still_gives_the_list(tmp_path, monkeypatch, fresh_word_list):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    monkeypatch.setenv("LAOREPORT_CACHE", str(blocked / "cache"))
    assert word_file().exists() and "ໄອຍະການ" in lao_words()


def test_a_second_process_reads_the_cached_list_instead_of_building_it(tmp_path):
    build = "from laoreport.lao import syllable_tokens; syllable_tokens('ຫຼຽນທີ່ລະນຶກ')"
    reuse = "import laoreport.lao.wordlist as w; w.build_words = None; " + build  # building would fail
    env = {**os.environ, "LAOREPORT_CACHE": str(tmp_path)}
    subprocess.run([sys.executable, "-c", build], env=env, check=True)
    subprocess.run([sys.executable, "-c", reuse], env=env, check=True)
    assert len(list(tmp_path.glob("words-*.txt"))) == 1


def test_the_cache_keeps_only_the_newest_lists(tmp_path, monkeypatch, fresh_word_list):
    import os

    monkeypatch.setenv("LAOREPORT_CACHE", str(tmp_path))
    for number in range(12):
        old = tmp_path / f"words-old{number:02d}.txt"
        old.write_text("ກາ\n", encoding="utf-8")
        os.utime(old, (1_000_000 + number, 1_000_000 + number))
    built = word_file()
    left = sorted(p.name for p in tmp_path.glob("words-*.txt"))
    assert built.name in left and len(left) == 8 and "words-old11.txt" in left and "words-old03.txt" not in left
