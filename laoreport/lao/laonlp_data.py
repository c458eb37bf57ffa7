"""laonlp's word lists and syllable rules, read without importing the laonlp package.

Importing laonlp builds its segmentation trie and loads its tagger and word vectors
(about 0.25 s), which a `laoreport search` command would pay on every run although it
needs only laonlp's data: the four word lists its `lao_words()` joins, and the syllable
regex of `laonlp.tokenize.syllable` (a module that needs only `re`). Both are read here
from the installed package's files. tests/lao/test_laonlp_data.py checks that they equal
what laonlp itself returns, so a laonlp release that moves them fails a test instead of
silently changing our segmentation.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

from laoreport.errors import LaoReportError

#: The files laonlp.corpus.lao_words() joins, in laonlp/corpus/.
WORD_FILES = ("Lao-Dictionary.txt", "lo_spellcheck_dict.txt", "lao-wannaphong.txt", "wiktionary-20210720.txt")


def laonlp_folder() -> Path:
    """Where the laonlp package is installed."""
    spec = importlib.util.find_spec("laonlp")
    if spec is None or not spec.submodule_search_locations:
        raise LaoReportError("laonlp is not installed; install it with: pip install laonlp")
    return Path(next(iter(spec.submodule_search_locations)))


def laonlp_words() -> list[str]:
    """laonlp's dictionary as laonlp.corpus.lao_words() gives it: four lists, mixed spellings."""
    words: set[str] = set()
    for name in WORD_FILES:
        with open(laonlp_folder() / "corpus" / name, encoding="utf-8-sig") as file:
            words.update(line.strip() for line in file if line[0] != "#")
    return list(words)


@lru_cache(maxsize=1)
def _syllable_module():
    """laonlp.tokenize.syllable, loaded from its file alone."""
    path = laonlp_folder() / "tokenize" / "syllable.py"
    spec = importlib.util.spec_from_file_location("_laonlp_syllable_rules", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def syllable_regex() -> re.Pattern[str]:
    """SYLLABLE_REGEX of laonlp.tokenize.syllable: a syllable, checked against what follows it."""
    return _syllable_module().SYLLABLE_REGEX


@lru_cache(maxsize=1)
def syllable_shape() -> re.Pattern[str]:
    """One Lao syllable as laonlp's rules write it (its alternatives, after PHISSAMAY et al.),
    without SYLLABLE_REGEX's look at what follows, its digits or its trailing ໆ/ຯ."""
    return re.compile("|".join(f"(?:{part})" for part in _syllable_module()._re_basic_parts))
