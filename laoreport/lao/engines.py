"""Dictionary maximal-matching engines, each behind one signature: segment(lao_run) -> words.

Both implement the same algorithm (PyThaiNLP's newmm, "maximal matching" over a trie of
our word list) and give the same boundaries on our texts; tests/lao/test_engines.py checks
that. "nlpo3" is the Rust implementation, several times faster; "laonlp" is laonlp's
Python one, kept as the fallback when nlpo3 is not installed. Neither is called with
nlpo3's safe mode: its safe=True corrupted Lao text longer than about 200 characters in
our trial. Bounding the work on long input is the caller's job (segmentation.py cuts runs
into chunks).

nlpo3 needs 0.1 s to load the whole word list, most of what a `laoreport search` costs. A
query is short, and maximal matching only ever uses the words that occur in the text it
cuts, so a short text is cut with a dictionary of just those words, which gives the same
words (tests/lao/test_segmentation.py checks it) and loads in a millisecond. A process that
cuts many texts (an import, a server) loads the whole list once, after a few of these.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import threading
from functools import lru_cache

from laoreport.lao.wordlist import fingerprint, lao_words, scratch_folder, word_file

ENGINES = ("nlpo3", "laonlp")


def nlpo3_available() -> bool:
    """True when the nlpo3 package can be imported."""
    try:
        import nlpo3  # noqa: F401
    except ImportError:
        return False
    return True


#: Texts up to this long are cut with a dictionary of their own words, until a process has
#: made this many such dictionaries; then it loads the whole list.
SHORT_TEXT = 160
SMALL_DICTIONARIES = 16


@lru_cache(maxsize=4)
def _nlpo3_dictionary(name: str) -> str:
    """Load the word list's file into nlpo3 under `name`; return the name."""
    import nlpo3

    nlpo3.load_dict(str(word_file()), name)
    return name


@lru_cache(maxsize=1)
def _longest_word() -> int:
    return max(map(len, lao_words()), default=1)


@lru_cache(maxsize=1)
def _small_dictionary_file() -> str:
    """Where this process writes its small dictionaries for nlpo3 to read; removed when it exits."""
    path = scratch_folder() / f".small-words-{os.getpid()}.txt"
    atexit.register(lambda: path.unlink(missing_ok=True))
    return str(path)


@lru_cache(maxsize=SMALL_DICTIONARIES)
def _small_dictionary(words: tuple[str, ...]) -> str:
    """Load `words` into nlpo3 under a name of their own; return the name."""
    import nlpo3

    name = f"laoreport-{fingerprint()}-{hashlib.sha1(chr(10).join(words).encode()).hexdigest()[:16]}"
    with open(_small_dictionary_file(), "w", encoding="utf-8") as file:
        file.write("".join(word + "\n" for word in words))
    nlpo3.load_dict(_small_dictionary_file(), name)
    return name


def words_in(text: str) -> tuple[str, ...]:
    """The words of the list that occur in `text`, sorted.

    >>> words_in("ໄອຍະການ")
    ('ກາ', 'ການ', 'ຍະ', 'ຍະການ', 'ອ', 'ໄອ', 'ໄອຍະກາ', 'ໄອຍະການ')
    """
    known, longest, size = lao_words(), _longest_word(), len(text)
    return tuple(sorted({
        text[start:end] for start in range(size) for end in range(start + 1, min(size, start + longest) + 1)
        if text[start:end] in known
    }))


#: One thread at a time loads a dictionary into nlpo3 (a server's threads segment at once): small
#: dictionaries go through one file, and a load that read another thread's half-written file
#: panicked inside nlpo3 and poisoned its registry, so every later cut in the process failed.
_loading = threading.Lock()


def nlpo3_dictionary_for(text: str) -> str:
    """The nlpo3 dictionary to cut `text` with: its own words when it is short, else the whole list."""
    whole = "laoreport-" + fingerprint()
    if len(text) > SHORT_TEXT or _nlpo3_dictionary.cache_info().currsize \
            or _small_dictionary.cache_info().misses >= SMALL_DICTIONARIES:
        with _loading:
            return _nlpo3_dictionary(whole)
    words = words_in(text)
    with _loading:
        return _small_dictionary(words)


def nlpo3_segment(text: str) -> list[str]:
    """Words of a normalized Lao run by nlpo3's newmm over our word list.

    >>> nlpo3_segment("ຂອງອົງການໄອຍະການປະຊາຊົນ")
    ['ຂອງ', 'ອົງການ', 'ໄອຍະການ', 'ປະຊາຊົນ']
    """
    import nlpo3

    return nlpo3.segment(text, nlpo3_dictionary_for(text), safe=False)


@lru_cache(maxsize=4)
def _laonlp_trie(words: frozenset[str]):
    from pythainlp.util import Trie

    return Trie(words)


def laonlp_segment(text: str) -> list[str]:
    """Words of a normalized Lao run by laonlp's maximal matching over our word list.

    >>> laonlp_segment("ຂອງອົງການໄອຍະການປະຊາຊົນ")
    ['ຂອງ', 'ອົງການ', 'ໄອຍະການ', 'ປະຊາຊົນ']
    """
    from laonlp.tokenize.multi_cut import segment

    return segment(text, custom_dict=_laonlp_trie(lao_words()), safe_mode=False)
