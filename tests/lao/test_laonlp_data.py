"""laonlp's data read from its files equals what laonlp itself returns."""

from __future__ import annotations

import subprocess
import sys

from laoreport.lao.laonlp_data import laonlp_words, syllable_parts


def test_word_lists_are_laonlps():
    from laonlp.corpus import lao_words

    assert sorted(laonlp_words()) == sorted(lao_words())


def test_syllable_rules_are_laonlps():
    from laonlp.tokenize import syllable

    assert syllable_parts() == tuple(syllable._re_basic_parts)


def test_tokenizing_does_not_import_laonlp():
    code = (
        "import sys; from laoreport.lao import word_tokens, syllable_tokens; "
        "word_tokens('ຫຼຽນທີ່ລະນຶກ'); syllable_tokens('ຫຼຽນທີ່ລະນຶກ'); "
        "assert 'laonlp' not in sys.modules, 'laonlp was imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_syllable_shape_is_the_alternatives_of_laonlps_rules():
    from laonlp.tokenize import syllable

    from laoreport.lao.laonlp_data import syllable_parts, syllable_shape

    assert syllable_parts() == tuple(syllable._re_basic_parts)
    assert syllable_shape().fullmatch("ຫຼຽນ") and not syllable_shape().fullmatch("ຫຼຽນໆ")
