"""Splitting of normalized text into runs of one kind: Lao, other letters, number, space, punctuation.

Only Lao runs go to the word segmenter: laonlp drops "/" ("I/2019" becomes "I2019") and
mangles URLs, and a Latin word or a number needs no dictionary. A number is a run of
digits: every separator splits it ("12.05.2019" gives 12, 05, 2019; "ໄຕມາດ 3,4" gives 3
and 4), so that each part is findable on its own, and a query typed with the separators
("1,500.25") still matches as a phrase.
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple

from laoreport.lao.chars import LAO_LETTERS

LAO = "lao"
LETTERS = "letters"
NUMBER = "number"
SPACE = "space"
PUNCT = "punct"

_RUN = re.compile(
    rf"(?P<{LAO}>[{LAO_LETTERS}]+)"
    rf"|(?P<{NUMBER}>\d+)"
    rf"|(?P<{LETTERS}>(?:[^\W\d_\u0E80-\u0EFF]|[\u0300-\u036F])+)"
    rf"|(?P<{SPACE}>\s+)"
    rf"|(?P<{PUNCT}>.)",
    re.DOTALL,
)


class Run(NamedTuple):
    """A stretch of one kind of character; start/end index the text that was split."""

    kind: str
    text: str
    start: int
    end: int


def split_runs(text: str) -> Iterator[Run]:
    """The runs of `text`, in order, covering every character.

    >>> [(r.kind, r.text) for r in split_runs("ປີ 2019/I")]
    [('lao', 'ປີ'), ('space', ' '), ('number', '2019'), ('punct', '/'), ('letters', 'I')]
    >>> [r.text for r in split_runs("1,500.25") if r.kind == NUMBER]
    ['1', '500', '25']
    """
    for match in _RUN.finditer(text):
        yield Run(match.lastgroup, match.group(), match.start(), match.end())
