"""Highlights: «markers» to <mark>, whole Lao letters only, everything else escaped (cases in cases/marks.json)."""

import json
from pathlib import Path

import pytest

from laoreport.archive.snippets import make_snippet
from laoreport.lao import syllable_tokens
from laoreport.web.marks import highlight

CASES = json.loads((Path(__file__).parent / "cases" / "marks.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case["why"] for case in CASES])
def test_cases(case):
    assert str(highlight(case["snippet"], case["text"])) == case["html"]


@pytest.mark.parametrize("text", [
    "ສະເໜີແຜນງົບປະມານ ຜະລິດຫລຽນທີ່ລະນຶກ ຕໍ່ຄະນະນຳ ແລ້ວ, ກຳລັງລໍຖ້າການອະນຸມັດ; " * 3,
    "«ຫຼຽນທີ່ລະນຶກ» ແລະ «ລະນຶກ» ໃນກອງປະຊຸມ «ສະຫຼຸບ»",
])
def test_every_snippet_the_archive_makes_comes_back_as_its_text_with_the_match_marked(text):
    for token in syllable_tokens(text):
        html = str(highlight(make_snippet(text, [(token.start, token.end)]), text))
        assert html.count("<mark>") == 1
        before, rest = html.split("<mark>")
        marked, after = rest.split("</mark>")
        assert marked == text[token.start:token.end]
        assert (before + marked + after).strip("…") in text
