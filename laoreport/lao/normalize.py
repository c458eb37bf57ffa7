"""Folding of Lao text to one canonical matching form, as an ordered pipeline of small steps.

The same word reaches an archive in several spellings: ນ້ຳ, ນໍ້າ and ນ້ໍາ (AM composed,
decomposed, tone typed first), ໜ້າ and ຫນ້າ, ຫຼວງ and ຫລວງ, ເຊື່ອ and ເຊ່ືອ (tone typed
before the vowel), ສື່່ສານ (a doubled tone), invisible zero-width spaces. Python's NFC
leaves all of these apart for Lao and NFKC goes the wrong way (it splits ຳ and ໜ), so the
rules are written here. The canonical form is the one laonlp's dictionary mostly uses
(counted in its 34,036 words): composed ຳ with the tone before it (ນ້ຳ: 358 vs 117 ໍ້າ),
ໜ (534 vs 323 ຫນ), ໝ (459 vs 325 ຫມ), vowel sign before tone (5,108 vs 3). For ຫຼ/ຫລ
the dictionary is split (515 vs 616); ຫຼ is taken, as the official spelling, parallel to
ໜ and ໝ, and the one the seed report and ../shared/realdocs use (696 vs 18 ຫລ).

The normalized form is for matching only; callers keep the original text for display,
and `normalize_with_offsets` maps every normalized character back to it.
"""

from __future__ import annotations

import re
from typing import Callable, Protocol

from laoreport.lao.chars import (
    COMBINING,
    CONSONANTS,
    DEPENDENT,
    LAO_DIGITS,
    LAO_LETTERS,
    LEADING_VOWELS,
    LOWER_VOWELS,
    OTHER_SPACES,
    REPETITION_MARK,
    THAI_TO_LAO,
    TONE_MARKS,
    UPPER_VOWELS,
    ZERO_WIDTH,
)

Offsets = list[int]


class Step(Protocol):
    """One normalization rule: a pure str -> str function that can also carry offsets."""

    name: str

    def __call__(self, text: str) -> str: ...

    def with_offsets(self, text: str, offsets: Offsets) -> tuple[str, Offsets]: ...


class RegexStep:
    """A rule given as a regular expression and its replacement (a literal or a function).

    Offsets: the i-th character of a replacement maps to the i-th character of what it
    replaced (the last one when the replacement is longer), so offsets never go back.
    """

    def __init__(self, name: str, pattern: str, replacement: str | Callable[[re.Match[str]], str]):
        self.name = name
        self.pattern = re.compile(pattern)
        self.replacement = replacement
        # a literal, so that re.sub does not read backslashes and _expand need not parse it
        self._expand = replacement if callable(replacement) else (lambda _match: replacement)

    def __repr__(self) -> str:
        return f"<normalization step {self.name}>"

    def __call__(self, text: str) -> str:
        return self.pattern.sub(self._expand, text)

    def with_offsets(self, text: str, offsets: Offsets) -> tuple[str, Offsets]:
        pieces: list[str] = []
        new_offsets: Offsets = []
        done = 0
        for match in self.pattern.finditer(text):
            start, end = match.span()
            pieces.append(text[done:start])
            new_offsets.extend(offsets[done:start])
            replaced = self._expand(match)
            pieces.append(replaced)
            last = max(end - start - 1, 0)
            new_offsets.extend(offsets[start + min(i, last)] for i in range(len(replaced)))
            done = end
        if not pieces:
            return text, offsets
        pieces.append(text[done:])
        new_offsets.extend(offsets[done:])
        return "".join(pieces), new_offsets


class TranslateStep:
    """A rule that replaces characters one for one (offsets do not move)."""

    def __init__(self, name: str, table: dict[int, str]):
        self.name = name
        self.table = table
        self._any = re.compile("[" + re.escape("".join(map(chr, table))) + "]")

    def __repr__(self) -> str:
        return f"<normalization step {self.name}>"

    def __call__(self, text: str) -> str:
        # str.translate is slow on Lao text; most paragraphs have nothing to translate
        return text.translate(self.table) if self._any.search(text) else text

    def with_offsets(self, text: str, offsets: Offsets) -> tuple[str, Offsets]:
        return text.translate(self.table), offsets


class LowercaseStep:
    """Lowercase Latin (and other cased) letters one for one, so offsets do not move.

    The rare letters whose lowercase is longer (İ) are kept as they are.
    """

    name = "lowercase"

    def __repr__(self) -> str:
        return f"<normalization step {self.name}>"

    def __call__(self, text: str) -> str:
        lowered = text.lower()
        if len(lowered) == len(text):
            return lowered
        return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)

    def with_offsets(self, text: str, offsets: Offsets) -> tuple[str, Offsets]:
        return self(text), offsets


_MARK_RANK = {"\u0EBC": 0, **{v: 1 for v in UPPER_VOWELS + LOWER_VOWELS}, **{t: 2 for t in TONE_MARKS}}
_VOWELS = UPPER_VOWELS + LOWER_VOWELS


def _sorted_marks(match: re.Match[str]) -> str:
    """Put a stack of marks in writing order (ຼ, vowel sign, tone) and drop repeats."""
    marks = sorted(match.group(), key=lambda m: _MARK_RANK.get(m, 3))
    return "".join(m for i, m in enumerate(marks) if i == 0 or m != marks[i - 1])


#: Deletes characters that carry no text: "ກ່ຽວ\u200bກັບ" -> "ກ່ຽວກັບ".
remove_zero_width = RegexStep("remove_zero_width", f"[{ZERO_WIDTH}]+", "")

_THAI = "".join(THAI_TO_LAO)
_THAI_SIGNS = "".join(c for c in THAI_TO_LAO if THAI_TO_LAO[c] in DEPENDENT)

#: Thai look-alikes inside a Lao word become Lao: Thai signs after a Lao letter
#: ("ເຂົ" + Thai ้ + "າ" -> "ເຂົ້າ") and one Thai letter (with its signs) between Lao
#: ones ("ແป້ງ" -> "ແປ້ງ", ../shared/realdocs). Thai words, even written against Lao
#: ones, stay Thai.
fold_thai_lookalikes = RegexStep(
    "fold_thai_lookalikes",
    f"(?<=[{LAO_LETTERS}])(?:[{_THAI_SIGNS}]+(?:[{_THAI}][{_THAI_SIGNS}]*(?=[{LAO_LETTERS}]))?"
    f"|[{_THAI}][{_THAI_SIGNS}]*(?=[{LAO_LETTERS}]))",
    lambda m: "".join(THAI_TO_LAO[c] for c in m.group()),
)

#: No-break, thin, ideographic spaces and tabs become a plain space.
fold_spaces = TranslateStep("fold_spaces", {ord(c): " " for c in OTHER_SPACES + "\t\v\f"})

#: Runs of spaces become one: "ແລະ  ກັນ" -> "ແລະ ກັນ".
collapse_spaces = RegexStep("collapse_spaces", " {2,}", " ")

#: A space typed (or left by a PDF or OCR export) before a sign that sits on the consonant
#: before it: "ໜ້າທີ ່ຂອງ" -> "ໜ້າທີ່ຂອງ", "ປະຈ ໍາ" -> "ປະຈໍາ" (both in ../shared/realdocs),
#: or before ໆ, which repeats the word before it: "ແທ້ ໆ" -> "ແທ້ໆ". Neither can start a
#: word, so the space cannot be a word break.
remove_space_before_signs = RegexStep(
    "remove_space_before_signs",
    f"(?<=[{LAO_LETTERS}]) +(?=[{DEPENDENT}{REPETITION_MARK}])",
    "",
)

#: Lao digits to ASCII: "໒໐໑໙" -> "2019".
fold_lao_digits = TranslateStep("fold_lao_digits", {ord(d): str(i) for i, d in enumerate(LAO_DIGITS)})

#: ຫ + ນ/ມ/ລ to the ligature ໜ/ໝ/ຫຼ: "ຫນ້າ" -> "ໜ້າ", "ຫລວງ" -> "ຫຼວງ". Safe because
#: ຫ is never a final consonant, so ຫ followed directly by ນ/ມ/ລ is always one onset.
_HO_LIGATURES = {"ຫນ": "ໜ", "ຫມ": "ໝ", "ຫລ": "ຫ\u0EBC"}
fold_ho_ligatures = RegexStep(
    "fold_ho_ligatures", "\u0EAB[\u0E99\u0EA1\u0EA5]", lambda m: _HO_LIGATURES[m.group()]
)

#: A stack of marks typed out of order or twice: "ເຊ່ືອ" -> "ເຊື່ອ", "ສື່່ສານ" -> "ສື່ສານ".
order_marks = RegexStep(
    "order_marks",
    f"[{COMBINING}]*(?:[{TONE_MARKS}][{_VOWELS}\u0EBC]|[{_VOWELS}]\u0EBC|([{COMBINING}])\\1)[{COMBINING}]*",
    _sorted_marks,
)

#: Decomposed AM (ໍ + າ, a tone between), its halves typed the other way round (າ + ໍ,
#: seen in ../shared/realdocs: ປະຈາໍຕົວ) or a tone typed after ຳ, to ຳ with the tone first
#: (one tone: a second one is a typing slip): "ນໍ້າ" -> "ນ້ຳ", "ນາໍ" -> "ນຳ", "ນຳ້" -> "ນ້ຳ".
#: (Runs after order_marks, which turns "ນ້ໍາ" into "ນໍ້າ".)
fold_am = RegexStep(
    "fold_am",
    f"[{TONE_MARKS}]*(?:\u0ECD[{TONE_MARKS}]*\u0EB2|\u0EB2[{TONE_MARKS}]*\u0ECD|\u0EB3(?=[{TONE_MARKS}]))"
    f"[{TONE_MARKS}]*",
    lambda m: "".join(c for c in m.group() if c in TONE_MARKS)[:1] + "\u0EB3",
)

#: The tone of a ວ-cluster typed on its first consonant: "ກ່ວາ" -> "ກວ່າ", "ຄົ້ນຄ້ວາ" ->
#: "ຄົ້ນຄວ້າ" (15 times in ../shared/realdocs and the seed; laonlp's dictionary writes the
#: tone on ວ 103 times, on the consonant 6). ວ + າ is always a cluster, since the vowel
#: "ua" is written ົວ or ວ + final. After a leading vowel the consonant and its tone
#: close a syllable of their own (ໄດ້ວາງ, ແກ່ວາງ), so those are left alone.
fold_cluster_tone = RegexStep(
    "fold_cluster_tone",
    f"(?<![{LEADING_VOWELS}])([{CONSONANTS}])([{TONE_MARKS}])\u0EA7\u0EB2",
    lambda m: m[1] + "\u0EA7" + m[2] + "\u0EB2",
)

#: Two ເ typed for ແ: "ເເກ້" -> "ແກ້" (ເ always needs a consonant after it).
fold_double_e = RegexStep("fold_double_e", "\u0EC0\u0EC0", "\u0EC1")

lowercase = LowercaseStep()

#: The pipeline, in order. Mark order is settled before AM is folded, and zero-width
#: characters go first so they cannot hide a doubled mark or a ຫ + ນ pair.
PIPELINE: tuple[Step, ...] = (
    remove_zero_width,
    fold_thai_lookalikes,
    fold_spaces,
    collapse_spaces,
    remove_space_before_signs,
    fold_lao_digits,
    fold_ho_ligatures,
    order_marks,
    fold_am,
    fold_cluster_tone,
    fold_double_e,
    lowercase,
)


def normalize(text: str) -> str:
    """The canonical matching form of `text`: every step of PIPELINE, in order.

    >>> normalize("ນໍ້າ") == normalize("ນ້ໍາ") == normalize("ນ້ຳ") == "ນ້ຳ"
    True
    >>> normalize("ຫນ່ວຍ ຫລວງ ໑໒")
    'ໜ່ວຍ ຫຼວງ 12'
    """
    for step in PIPELINE:
        text = step(text)
    return text


def normalize_with_offsets(text: str) -> tuple[str, Offsets]:
    """normalize(text) and, for each of its characters, the index it came from in `text`.

    The list has one more entry than the normalized text: the last is len(text), so
    that a normalized span [i, j) maps back to text[offsets[i]:offsets[j]].

    >>> normalize_with_offsets("ຫນ\u200bາ")
    ('ໜາ', [0, 3, 4])
    """
    offsets = list(range(len(text) + 1))
    for step in PIPELINE:
        text, offsets = step.with_offsets(text, offsets)
    return text, offsets
