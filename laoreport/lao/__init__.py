"""The Lao text layer: normalization for matching, and word and syllable tokens with offsets.

    >>> from laoreport.lao import normalize, word_tokens
    >>> normalize("ນໍ້າ") == normalize("ນ້ຳ")
    True
    >>> [tuple(t) for t in word_tokens("ຫນ່ວຍພັກ")]
    [('ໜ່ວຍ', 0, 5), ('ພັກ', 5, 8)]
"""

from __future__ import annotations

from laoreport.lao.normalize import normalize, normalize_with_offsets
from laoreport.lao.segmentation import segment
from laoreport.lao.tokens import Token, syllable_tokens, word_tokens

__all__ = [
    "Token",
    "normalize",
    "normalize_with_offsets",
    "segment",
    "syllable_tokens",
    "tokenize_report",
    "word_tokens",
]


def tokenize_report(text: str, syllables: bool = True) -> dict:
    """What `laoreport tokenize --json` prints: the text, its normalized form and its tokens.

    >>> tokenize_report("ປີ ໒໐໑໙", syllables=False)["words"]
    [{'norm': 'ປີ', 'start': 0, 'end': 2}, {'norm': '2019', 'start': 3, 'end': 7}]
    """
    return {
        "text": text,
        "normalized": normalize(text),
        "words": [t._asdict() for t in word_tokens(text)],
        "syllables": [t._asdict() for t in syllable_tokens(text)] if syllables else [],
    }
