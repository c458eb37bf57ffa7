"""laonlp's word lists and syllable rules, read without importing the laonlp package.

Importing laonlp builds its segmentation trie and loads its tagger and word vectors
(about 0.25 s), which a `laoreport search` command would pay on every run although it
needs only laonlp's data: the four word lists its `lao_words()` joins, and the syllable
rules of `laonlp.tokenize.syllable`. Both are read here from the installed package's files.
tests/lao/test_laonlp_data.py checks that they equal what laonlp itself returns, so a laonlp
release that moves them fails a test instead of silently changing our segmentation.
"""

from __future__ import annotations

import ast
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
def syllable_parts() -> tuple[str, ...]:
    """The alternatives of laonlp.tokenize.syllable's rules (_re_basic_parts), one Lao syllable shape each.

    They are read from the module's file by running only its plain assignments: running the
    whole module would also compile its SYLLABLE_REGEX, 16 ms that every search would pay.
    """
    path = laonlp_folder() / "tokenize" / "syllable.py"
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    assignments = [node for node in tree.body if isinstance(node, ast.Assign) and not isinstance(node.value, ast.Call)]
    namespace: dict = {}
    exec(compile(ast.Module(assignments, type_ignores=[]), str(path), "exec"), namespace)
    return tuple(namespace["_re_basic_parts"])


@lru_cache(maxsize=1)
def syllable_shape() -> re.Pattern[str]:
    """One Lao syllable as laonlp's rules write it (after PHISSAMAY et al.), without laonlp's
    SYLLABLE_REGEX's look at what follows, its digits or its trailing ໆ/ຯ."""
    return re.compile("|".join(f"(?:{part})" for part in syllable_parts()))
