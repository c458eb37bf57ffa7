"""OCR: the repair of Tesseract's systematic Lao errors (data-driven cases), and the engine's hint."""

import doctest
import json
from pathlib import Path

import pytest

from laoreport.readers import ocr, ocr_repair

CASES = json.loads((Path(__file__).parent / "cases" / "ocr_repair.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_repair(case):
    assert ocr_repair.repair(case["read"]) == case["expected"]


LINE_CASES = json.loads((Path(__file__).parent / "cases" / "ocr_repair_lines.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", LINE_CASES, ids=[c["label"] for c in LINE_CASES])
def test_repair_line(case):
    assert ocr_repair.repair_line(case["read"]) == case["expected"]


def test_docstring_examples():
    result = doctest.testmod(ocr_repair)
    assert result.attempted > 0 and result.failed == 0


def test_missing_tesseract_is_a_one_line_hint(monkeypatch):
    ocr.missing_reason.cache_clear()
    ocr._installed_languages.cache_clear()
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    try:
        assert ocr.missing_reason() == ocr.INSTALL_HINT
        assert "apt-get install tesseract-ocr tesseract-ocr-lao" in ocr.INSTALL_HINT
    finally:
        ocr.missing_reason.cache_clear()
        ocr._installed_languages.cache_clear()
