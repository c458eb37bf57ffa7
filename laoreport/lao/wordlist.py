"""The word list behind Lao segmentation: laonlp's dictionary, our domain words and the user's.

Loaded on first use and cached; every entry is normalized with the same `normalize()` as
the text, so that a dictionary spelling such as ນໍ້າ still matches the text's ນ້ຳ, and
entries that are not a plain Lao word (laonlp has "ການ-", "COVID-19", proverbs joined by
"_", one with a Thai letter) are left out, because only Lao runs are ever segmented.

Extending it: put one word per line in a UTF-8 file ("#" starts a comment) and name the
file in the environment variable LAOREPORT_WORDS before laoreport first segments text
(several files: separate them with os.pathsep, ":" on Linux):

    LAOREPORT_WORDS=~/lao_extra_words.txt laoreport import reports/

A different word list segments text differently, so use the same one for importing and
searching (the syllable tokens still match across lists); `fingerprint()` tells lists
apart. The words shipped with laoreport are in laoreport/data/lao_words_domain.txt.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Iterable

from laoreport.errors import InputError
from laoreport.lao.chars import LAO_LETTERS
from laoreport.lao.laonlp_data import laonlp_words
from laoreport.lao.normalize import normalize

USER_WORDS_VARIABLE = "LAOREPORT_WORDS"
_DOMAIN_FILE = "lao_words_domain.txt"


def read_word_file(text: str) -> list[str]:
    """The words of a word-list file's text: one a line, blank lines and "#" comments skipped.

    >>> read_word_file("# title\\nໄອຍະການ\\n\\nອອປສ  # acronym\\n")
    ['ໄອຍະການ', 'ອອປສ']
    """
    words = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [w for w in words if w]


def domain_words() -> list[str]:
    """The words shipped in laoreport/data/lao_words_domain.txt."""
    resource = files("laoreport").joinpath("data", _DOMAIN_FILE)
    return read_word_file(resource.read_text(encoding="utf-8-sig"))


def user_words() -> list[str]:
    """The words of the files named in LAOREPORT_WORDS (none when it is unset)."""
    words: list[str] = []
    for name in filter(None, os.environ.get(USER_WORDS_VARIABLE, "").split(os.pathsep)):
        path = Path(name).expanduser()
        try:
            words += read_word_file(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(
                path,
                f"cannot read this word list named in {USER_WORDS_VARIABLE} ({error}); "
                "fix the file or the variable",
            ) from None
    return words


def is_lao_word(word: str) -> bool:
    """True when every character of `word` belongs in a Lao run.

    >>> is_lao_word("ການ"), is_lao_word("ການ-"), is_lao_word("")
    (True, False, False)
    """
    return bool(word) and all(c in LAO_LETTERS for c in word)


def normalized_words(words: Iterable[str]) -> frozenset[str]:
    """The Lao words among `words`, normalized.

    >>> sorted(normalized_words(["ນໍ້າ", "ນ້ຳ", "COVID-19"]))
    ['ນ້ຳ']
    """
    # one pass over all the words at once is ten times faster than one call per word;
    # no step reaches across a line break
    return frozenset(w for w in normalize("\n".join(words)).split("\n") if is_lao_word(w))


#: ການ turns any verb into a noun (ພັດທະນາ "develop", ການພັດທະນາ "development").
NOMINALIZER = "ການ"


def without_nominalized(words: frozenset[str]) -> frozenset[str]:
    """`words` without the ການ + word entries, so that ການພັດທະນາ segments as ການ|ພັດທະນາ.

    laonlp's dictionary lists 1,647 of them; the gold segmentations split them (HVU
    boundary F1 0.905 -> 0.913, Yunshan dev 0.905 -> 0.906) and splitting makes the
    verb itself findable in a word index.

    >>> sorted(without_nominalized(frozenset(["ການ", "ພັດທະນາ", "ການພັດທະນາ", "ການາ"])))
    ['ການ', 'ການາ', 'ພັດທະນາ']
    """
    cut = len(NOMINALIZER)
    return frozenset(
        w for w in words if not (w.startswith(NOMINALIZER) and w[cut:] in words)
    )


@lru_cache(maxsize=1)
def lao_words() -> frozenset[str]:
    """Every word the segmenter knows: laonlp's (ການ-nouns split off), ours and the user's."""
    ours = normalized_words([*domain_words(), *user_words()])
    return without_nominalized(normalized_words(laonlp_words())) | ours


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A short digest of lao_words(): equal digests, equal segmentation."""
    return hashlib.sha1("\n".join(sorted(lao_words())).encode()).hexdigest()[:16]
