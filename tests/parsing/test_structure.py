"""Body lines to a section tree, case by case (cases/structure.json), in other offices' wording."""

import json
from pathlib import Path

import pytest

from laoreport.blocks import Block
from laoreport.parsing.structure import Line, build_sections

CASES = json.loads((Path(__file__).parent / "cases" / "structure.json").read_text(encoding="utf-8"))["cases"]


def _outline(sections, prefix=""):
    for section in sections:
        path = f"{prefix}{section.label}"
        if section.label is not None:
            yield f"{path}: {section.title}"
        yield from _outline(section.children, f"{path} / ")


def _at(sections, path):
    if path == "":
        return next(s for s in sections if s.label is None)
    for label in path.split(" / "):
        section = next(s for s in sections if s.label == label)
        sections = section.children
    return section


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_structure(case):
    lines = [Line(text, Block(text)) for text in case["lines"]]
    sections, warnings = build_sections(lines, wrapped=case["wrapped"])
    if "outline" in case:
        assert list(_outline(sections)) == case["outline"]
    for path, paragraphs in case.get("paragraphs", {}).items():
        assert _at(sections, path).paragraphs == paragraphs
    for path, items in case.get("items", {}).items():
        assert _at(sections, path).items == items
    for path, kind in case.get("kinds", {}).items():
        assert (path, _at(sections, path).kind) == (path, kind)
    if "warnings" in case:
        assert len(warnings) == len(case["warnings"]) and all(
            piece in warning for piece, warning in zip(case["warnings"], warnings)), warnings
