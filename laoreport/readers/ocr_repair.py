"""Repair of Tesseract's systematic Lao errors, where laoreport's Lao dictionary confirms the repair.

Tesseract's Lao model loses the loop of ໜ (read ຫ) and splits ໝ (read ຫຼ), adds a tone mark
to ນໍາ (ນ້ໍາ), drops ່, and reads the Roman numeral I as ] or |. Each word is corrected one
known confusion at a time while that leaves fewer letters outside dictionary words (or
fewer, longer words); a word already made of words is left alone, so a correct ຫາຍ stays.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from laoreport.lao import normalize, segment
from laoreport.lao.chars import CONSONANTS, LOWER_VOWELS, TONE_MARKS, UPPER_VOWELS
from laoreport.lao.syllables import word_syllables
from laoreport.lao.wordlist import lao_words

#: Where a tone mark may follow: a consonant, a vowel sign above or below it, or ຼ.
TONE_CARRIERS = CONSONANTS + UPPER_VOWELS + LOWER_VOWELS + "\u0ebc"

#: Tesseract's Lao model's systematic misreadings, as (read, meant): the ligatures ໜ and ໝ lose
#: their loop (ຫ) or split (ຫຼ), ນໍາ gains a tone mark (ນ້ໍາ), ່ is dropped.
CONFUSIONS = (("ຫ", "ໜ"), ("ຫ", "ໝ"), ("ຫຼ", "ໝ"), ("\u0ec9\u0ecd", "\u0ecd"), ("\u0ecd\u0ec9", "\u0ecd"))
TONE_MAI_EK = "\u0ec8"  # ່
_ROMAN_MISREAD = re.compile(r"[\]\[|l!I1L]{0,3}[\]\[|lI][\]\[|l!I1L]{0,3}(?=[.)]?$)")  # I. read as ]. or |., III as Il1
_ROMAN = re.compile(r"(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3})")
_DECIMAL_MISREAD = re.compile(r"(?<=^\d\.)[\]|l!](?=[.)]?$)")  # 2.1 read as 2.]
_LAO_RUN = re.compile(r"[\u0e80-\u0eff]+")
_LAO_START = re.compile(r"[\u0e81-\u0eae\u0ec0-\u0ec4\u0edc-\u0edf]")  # a consonant or a leading vowel
_ROMAN_AT_LINE_START = re.compile(r"[\]\[|l!I1L]{1,3}\.?")  # I, II, III read as L, [, |, l, 1 before Lao words
_BULLET_MISREAD = re.compile(r"[:.°º>»'`,~=©®]{1,2}")  # the middle dot · as Tesseract reads it
MAX_EDITS = 3


def repair(word: str) -> str:
    """The word with Tesseract's systematic errors repaired where the Lao dictionary confirms it.

    Each Lao run is corrected by the confusions above, one edit at a time, as long as an edit
    leaves fewer letters outside dictionary words; a run already made of words is left alone.

    >>> repair("ຫ່ວຍພັກ"), repair("ຫຼັ້ນຄົງ"), repair("]."), repair("Il1"), repair("2.]"), repair("11")
    ('ໜ່ວຍພັກ', 'ໝັ້ນຄົງ', 'I.', 'III', '2.1', '11')
    """
    roman = _ROMAN_MISREAD.match(word)
    if roman and word[roman.end():] in ("", ".", ")"):
        return "I" * roman.end() + word[roman.end():]
    word = _DECIMAL_MISREAD.sub("1", word)
    return _LAO_RUN.sub(lambda run: _repair_lao(run.group()), word)


def repair_line(words: list[str]) -> list[str]:
    """A line's words, each repaired, and what opens the line read as what it is: a Roman
    numeral with the period Tesseract lost ("I ການຊີ້ນໍາ..." is heading I.), an I read as L or
    [ before Lao words (a Latin capital alone never opens a Lao line), and the bullet · read as
    a colon, a point, a degree sign or an angle bracket. Without them a scanned report's
    section I and its items were lost: no review, no tasks.

    >>> repair_line(["I", "ການຊີ້ນໍາ"]), repair_line(["IIL.", "ທິດທາງ"]), repair_line(["L", "ການຊີ້ນໍາ"])
    (['I.', 'ການຊີ້ນໍາ'], ['III.', 'ທິດທາງ'], ['I.', 'ການຊີ້ນໍາ'])
    >>> repair_line([":", "ມອບຫຼຽນທີ່ລະນຶກ"]), repair_line(["L", "Kanji"]), repair_line(["11", "ປີ"])
    (['·', 'ມອບຫຼຽນທີ່ລະນຶກ'], ['L', 'Kanji'], ['11', 'ປີ'])
    """
    words = [repair(word) for word in words]
    if len(words) < 2:
        return words
    if _ROMAN.fullmatch(words[0]):
        words[0] += "."
    elif _LAO_START.match(words[1]):
        if _ROMAN_AT_LINE_START.fullmatch(words[0]) and not words[0].rstrip(".").isdigit():
            words[0] = "I" * len(words[0].rstrip(".")) + "."
        elif _BULLET_MISREAD.fullmatch(words[0]):
            words[0] = "·"
    return words


def _repair_lao(run: str) -> str:
    cost = _unknown(run)
    for _ in range(MAX_EDITS):
        if cost[:2] == (0, 1):
            break
        best, best_cost = None, None
        for candidate, confusion in _edits(run):
            candidate_cost = _unknown(candidate)
            # a known confusion must leave fewer unknown letters or fewer words, a ່ put back anywhere
            # fewer unknown letters; commoner syllables only break ties
            better = candidate_cost[:2] < cost[:2] if confusion else candidate_cost[0] < cost[0]
            if better and (best_cost is None or candidate_cost < best_cost):
                best, best_cost = candidate, candidate_cost
        if best is None:
            break
        run, cost = best, best_cost
    return run


def _edits(run: str):
    """(text, True) for every text one confusion away from `run`; (text, False) for every text
    with a ່ put back after a letter."""
    for read, meant in CONFUSIONS:
        start = run.find(read)
        while start >= 0:
            yield run[:start] + meant + run[start + len(read):], True
            start = run.find(read, start + 1)
    for index in range(1, len(run) + 1):
        if run[index - 1] in TONE_CARRIERS and (index == len(run) or run[index] not in TONE_MARKS):
            yield run[:index] + TONE_MAI_EK + run[index:], False


@lru_cache(maxsize=65536)
def _unknown(run: str) -> tuple[int, int, int]:
    """How unlikely a Lao run is: (letters outside dictionary words of two letters or more, number of
    words, minus how many dictionary words share its syllables), once normalized and segmented.
    Fewer unknown letters, then fewer and longer words, then commoner syllables: ກົດຫາຍ segments
    into the words ກົດ|ຫາຍ, but ກົດໝາຍ is one word, and the dictionary's misspelt ກົດໜາຍ too,
    whose ໜາຍ is in far fewer words than ໝາຍ."""
    words = lao_words()
    pieces = segment(normalize(run))
    support = _syllable_support()
    common = sum(support.get(s, 0) for piece in pieces for s in word_syllables(piece))
    return sum(len(w) for w in pieces if len(w) < 2 or w not in words), len(pieces), -common


@lru_cache(maxsize=1)
def _syllable_support() -> dict[str, int]:
    """In how many dictionary words each syllable occurs."""
    return Counter(s for word in lao_words() for s in set(word_syllables(word)))
