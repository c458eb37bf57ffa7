"""Title, document type, header and periods from the lines before the body (cases/front_matter.json)."""

import json
from pathlib import Path

import pytest

from laoreport.blocks import Block
from laoreport.model import Source
from laoreport.parsing import parse_blocks

CASES = json.loads((Path(__file__).parent / "cases" / "front_matter.json").read_text(encoding="utf-8"))["cases"]


def _block(line):
    return Block(line) if isinstance(line, str) else Block(**line)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_front_matter(case):
    source = Source(f"case.{case['format']}", case["format"], "0" * 64)
    report = parse_blocks([_block(line) for line in case["lines"]], source)
    assert (report.title, report.doc_type) == (case["title"], case["doc_type"])
    if "period" in case:
        assert (report.period, report.plan_period) == (case["period"], case.get("plan_period"))
    for name, value in case.get("header", {}).items():
        assert (name, getattr(report.header, name)) == (name, value)
    if "first_section" in case:
        assert report.sections[0].label == case["first_section"]
