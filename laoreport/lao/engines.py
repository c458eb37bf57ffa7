"""Dictionary maximal-matching engines, each behind one signature: segment(lao_run) -> words.

Both implement the same algorithm (PyThaiNLP's newmm, "maximal matching" over a trie of
our word list) and give the same boundaries on our texts; tests/lao/test_engines.py checks
that. "nlpo3" is the Rust implementation, several times faster; "laonlp" is laonlp's
Python one, kept as the fallback when nlpo3 is not installed. Neither is called with
nlpo3's safe mode: its safe=True corrupted Lao text longer than about 200 characters in
our trial. Bounding the work on long input is the caller's job (segmentation.py cuts runs
into chunks).
"""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache

from laoreport.lao.wordlist import fingerprint, lao_words

ENGINES = ("nlpo3", "laonlp")


def nlpo3_available() -> bool:
    """True when the nlpo3 package can be imported."""
    try:
        import nlpo3  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=4)
def _nlpo3_dictionary(name: str) -> str:
    """Load lao_words() into nlpo3 (it reads only files) under `name`; return the name."""
    import nlpo3

    with tempfile.TemporaryDirectory(prefix="laoreport-") as folder:
        path = os.path.join(folder, "words.txt")
        with open(path, "w", encoding="utf-8") as file:
            file.write("\n".join(sorted(lao_words())))
        nlpo3.load_dict(path, name)
    return name


def nlpo3_segment(text: str) -> list[str]:
    """Words of a normalized Lao run by nlpo3's newmm over our word list.

    >>> nlpo3_segment("ຂອງອົງການໄອຍະການປະຊາຊົນ")
    ['ຂອງ', 'ອົງການ', 'ໄອຍະການ', 'ປະຊາຊົນ']
    """
    import nlpo3

    return nlpo3.segment(text, _nlpo3_dictionary("laoreport-" + fingerprint()), safe=False)


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
