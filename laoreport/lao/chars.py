"""Lao character classes (Unicode block U+0E80-U+0EFF) from which every Lao rule is built.

The classes follow where a character sits in a written syllable, because the
normalization and segmentation rules are about order and attachment, not about
Unicode categories (ັ U+0EB1 is category Mn, but ະ U+0EB0 and ຳ U+0EB3 are Lo,
and all of them depend on a preceding consonant).
"""

from __future__ import annotations

#: Consonants, including the ligatures ໜ (U+0EDC), ໝ (U+0EDD) and the rare ໞ/ໟ.
CONSONANTS = "ກຂຄງຈຊຍດຕຖທນບປຜຝພຟມຢຣລວສຫອຮໜໝໞໟ" + "ຆຉຌຎຏຐຑຒຓຘຠຨຩຬ"

#: Vowel signs written before the consonant they follow in speech: ເ ແ ໂ ໃ ໄ.
LEADING_VOWELS = "\u0EC0\u0EC1\u0EC2\u0EC3\u0EC4"

#: Vowel signs above the consonant: ັ ິ ີ ຶ ື ົ ໍ (ໍ is also the first half of a decomposed ຳ).
UPPER_VOWELS = "\u0EB1\u0EB4\u0EB5\u0EB6\u0EB7\u0EBB\u0ECD"

#: Vowel signs below the consonant: ຸ ູ.
LOWER_VOWELS = "\u0EB8\u0EB9"

#: Tone marks: ່ ້ ໊ ໋ (written above, after any upper or lower vowel sign).
TONE_MARKS = "\u0EC8\u0EC9\u0ECA\u0ECB"

#: Other combining signs: ຼ (subscript LO), ໌ (cancellation), the Pali virama and yamakkan.
OTHER_MARKS = "\u0EBC\u0ECC\u0EBA\u0ECE"

#: Vowel signs written after the consonant on the base line: ະ າ ຳ ຽ.
FOLLOWING_VOWELS = "\u0EB0\u0EB2\u0EB3\u0EBD"

#: Every sign that cannot start a word: it attaches to the consonant before it.
DEPENDENT = UPPER_VOWELS + LOWER_VOWELS + TONE_MARKS + OTHER_MARKS + FOLLOWING_VOWELS

#: Combining marks (the ones that stack on a consonant); a doubled one is a typing slip.
COMBINING = UPPER_VOWELS + LOWER_VOWELS + TONE_MARKS + OTHER_MARKS

#: Lao digits ໐-໙, folded to ASCII 0-9 for matching.
LAO_DIGITS = "໐໑໒໓໔໕໖໗໘໙"

#: ໆ repeats the word before it and belongs to it (ແທ້ໆ); ຯ abbreviates and is punctuation.
REPETITION_MARK = "\u0EC6"
ELLIPSIS_MARK = "\u0EAF"

#: Characters that belong to a Lao word run: the block minus digits and ຯ.
LAO_LETTERS = CONSONANTS + LEADING_VOWELS + DEPENDENT + REPETITION_MARK

#: Thai letters and signs with their Lao counterparts (the Lao block mirrors the Thai one
#: 0x80 higher): ป U+0E1B -> ປ U+0E9B, ้ U+0E49 -> ້ U+0EC9. Typed on a Thai keyboard
#: they look the same in a Lao word (ແป້ງ in ../shared/realdocs).
THAI_TO_LAO = {
    thai: chr(ord(thai) + 0x80)
    for thai in "กขคฆงจฉชฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮฯะัาำิีึืฺุูเแโใไๆ่้๊๋์ํ"
}

#: Invisible characters that carry no text: zero-width space/non-joiner/joiner, BOM,
#: soft hyphen, word joiner.
ZERO_WIDTH = "\u200B\u200C\u200D\uFEFF\u00AD\u2060"

#: Space characters other than the ASCII space, folded to " " (NBSP, en/em spaces, ...).
OTHER_SPACES = "\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000"


def is_lao(char: str) -> bool:
    """True for a character that belongs in a Lao word run.

    >>> is_lao("ກ"), is_lao("ໍ"), is_lao("໑"), is_lao("a")
    (True, True, False, False)
    """
    return char in LAO_LETTERS
