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

Building the list (reading 34,000 words and normalizing them) takes about 0.4 s, which a
`laoreport search` would pay on every run. So the list is built once, at first use, into
a file in the user's cache folder ($LAOREPORT_CACHE, else $XDG_CACHE_HOME/laoreport, else
~/.cache/laoreport), named by a digest of its sources: the files it is read from (laonlp's
lists, ours, the user's) and the code that normalizes them, each by path, size and date.
Editing a word file, changing LAOREPORT_WORDS or upgrading laonlp or laoreport makes a new
digest, hence a new file; the list then loads in milliseconds. When the cache folder cannot
be written, the list is kept in a private temporary folder for the process's lifetime.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from laoreport import __version__
from laoreport.errors import InputError
from laoreport.lao.chars import LAO_LETTERS
from laoreport.lao.laonlp_data import WORD_FILES, laonlp_folder, laonlp_words
from laoreport.lao.normalize import normalize

USER_WORDS_VARIABLE = "LAOREPORT_WORDS"
CACHE_VARIABLE = "LAOREPORT_CACHE"
#: laoreport/data/lao_words_domain.txt (a package file on disk: nlpo3 reads only files anyway).
_DOMAIN_FILE = Path(__file__).resolve().parent.parent / "data" / "lao_words_domain.txt"


def read_word_file(text: str) -> list[str]:
    """The words of a word-list file's text: one a line, blank lines and "#" comments skipped.

    >>> read_word_file("# title\\nໄອຍະການ\\n\\nອອປສ  # acronym\\n")
    ['ໄອຍະການ', 'ອອປສ']
    """
    words = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [w for w in words if w]


def domain_words() -> list[str]:
    """The words shipped in laoreport/data/lao_words_domain.txt."""
    return read_word_file(_DOMAIN_FILE.read_text(encoding="utf-8-sig"))


def _user_files() -> list[Path]:
    return [Path(name).expanduser() for name in filter(None, os.environ.get(USER_WORDS_VARIABLE, "").split(os.pathsep))]


def _unreadable(path: Path, error: Exception) -> InputError:
    return InputError(
        path, f"cannot read this word list named in {USER_WORDS_VARIABLE} ({error}); fix the file or the variable"
    )


def user_words() -> list[str]:
    """The words of the files named in LAOREPORT_WORDS (none when it is unset)."""
    words: list[str] = []
    for path in _user_files():
        try:
            words += read_word_file(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError) as error:
            raise _unreadable(path, error) from None
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


def build_words() -> frozenset[str]:
    """Every word the segmenter knows, read and normalized from the sources (about 0.4 s)."""
    ours = normalized_words([*domain_words(), *user_words()])
    return without_nominalized(normalized_words(laonlp_words())) | ours


def _sources() -> list[Path]:
    """The files the list is built from, and the code that decides what it holds."""
    laonlp = [laonlp_folder() / "corpus" / name for name in WORD_FILES]
    code = [Path(sys.modules[module].__file__) for module in (normalize.__module__, is_lao_word.__module__, __name__)]
    return [*laonlp, _DOMAIN_FILE, *_user_files(), *code]


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A digest of the word list's sources: equal digests, equal word lists, equal segmentation."""
    digest = hashlib.sha1(__version__.encode())
    for path in _sources():
        try:
            status = path.stat()
        except OSError as error:
            raise _unreadable(path, error) from None
        digest.update(f"\n{path.resolve()}\t{status.st_size}\t{status.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def cache_folder() -> Path:
    """$LAOREPORT_CACHE, else $XDG_CACHE_HOME/laoreport, else ~/.cache/laoreport."""
    if os.environ.get(CACHE_VARIABLE):
        return Path(os.environ[CACHE_VARIABLE]).expanduser()
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "laoreport"


@lru_cache(maxsize=1)
def _private_folder() -> Path:
    """A temporary folder of this process's own, removed when it exits."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="laoreport-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


@lru_cache(maxsize=1)
def scratch_folder() -> Path:
    """The cache folder, or when it cannot be written, a private temporary one."""
    folder = cache_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if os.access(folder, os.W_OK):
            return folder
    except OSError:
        pass
    return _private_folder()


@lru_cache(maxsize=1)
def word_file() -> Path:
    """The word list as a file, one normalized word a line, sorted: built once, then reused.

    nlpo3 reads its dictionary from such a file, so the file is what both engines load.
    """
    name = f"words-{fingerprint()}.txt"
    for folder in (scratch_folder(), _private_folder()):
        path = folder / name
        if path.exists():
            return path
        try:
            partial = folder / f".{name}.{os.getpid()}"
            partial.write_text("\n".join(sorted(build_words())) + "\n", encoding="utf-8")
            os.replace(partial, path)  # whole or absent, even with two processes building it
            _forget_old_lists(folder)
            return path
        except OSError:
            continue
    raise InputError(_private_folder(), "cannot write the word list anywhere; free some disk space")


def _forget_old_lists(folder: Path, keep: int = 8) -> None:
    """Remove all but the newest `keep` word lists (each edit of a source made one)."""
    lists = sorted(folder.glob("words-*.txt"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in lists[keep:]:
        old.unlink(missing_ok=True)


@lru_cache(maxsize=1)
def lao_words() -> frozenset[str]:
    """Every word the segmenter knows: laonlp's (ການ-nouns split off), ours and the user's."""
    return frozenset(word_file().read_text(encoding="utf-8").split())
