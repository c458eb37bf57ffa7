"""Titles, headers and headings of real documents against the gold in cases/documents.json.

The same gold and checks as scripts/eval_parsing.py, which prints the figures; here every
check must hold. corpus/ never skips; the realdocs and the seed need ../shared.
"""

import importlib.util
import shutil

import pytest

from conftest import REPO, SHARED, shared_path
from laoreport.lao import normalize
from laoreport.parsing import parse_report

_spec = importlib.util.spec_from_file_location("eval_parsing", REPO / "scripts" / "eval_parsing.py")
eval_parsing = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(eval_parsing)

GOLD = eval_parsing.load_gold()


def _has_soffice() -> bool:
    return bool(shutil.which("soffice") or shutil.which("libreoffice"))


def _report(gold):
    path = eval_parsing.resolve(gold["path"], SHARED)
    if not gold["path"].startswith("corpus/"):
        shared_path(*gold["path"].split("/"))
    if path.suffix == ".doc" and not _has_soffice():
        pytest.skip("LibreOffice (soffice) is not installed")
    return parse_report(path)


@pytest.mark.parametrize("gold", GOLD, ids=[g["path"].split("/")[-1] for g in GOLD])
def test_title_stops_where_the_title_stops(gold):
    assert eval_parsing.collapse(_report(gold).title) == gold["title"]


@pytest.mark.parametrize("gold", GOLD, ids=[g["path"].split("/")[-1] for g in GOLD])
def test_header_type_number_date_addressee_subject(gold):
    assert eval_parsing.header_failures(_report(gold), gold) == []


@pytest.mark.parametrize("gold", GOLD, ids=[g["path"].split("/")[-1] for g in GOLD])
def test_headings(gold):
    checks = eval_parsing.heading_checks(_report(gold), gold)
    assert checks and [text for text, passed in checks if not passed] == []


def test_one_office_is_one_organization_and_unit_in_every_format():
    """Threads never join two offices, so every report of the cell must name it alike (DOCX, .doc, text export)."""
    offices = {}
    for gold in GOLD:
        if gold["path"].startswith("corpus/") and (not gold["path"].endswith(".doc") or _has_soffice()):
            header = parse_report(REPO / gold["path"]).header
            offices[gold["path"]] = (normalize(header.organization), normalize(header.unit))
    assert len(offices) >= 15
    assert set(offices.values()) == {("ຄະນະບໍລິຫານງານພັກ ອອປສ", "ໜ່ວຍພັກຫ້ອງການ")}
