"""How many titles, headers and headings the parser gets right on real documents.

The gold is tests/parsing/cases/documents.json, written by reading each document: the
title, the header (doc_type, organization, unit, number, place, date, addressee, subject;
compared after normalization, so ຫນ/ໜ spellings agree) and a sample of headings given as
label paths ("ໝວດທີ I / ມາດຕາ 1") with their titles, plus headings that must not exist,
paragraph counts and section kinds. Documents under realdocs/ and seed/ come from ../shared
and are skipped when it is absent; corpus/ ships with the project.

    python scripts/eval_parsing.py [--shared ../shared] [-v]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from laoreport.lao import normalize
from laoreport.model import Report, Section
from laoreport.parsing import parse_report

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "tests" / "parsing" / "cases" / "documents.json"
HEADER_FIELDS = ("organization", "unit", "number", "place", "date", "to", "subject")


def load_gold() -> list[dict]:
    return json.loads(GOLD.read_text(encoding="utf-8"))["documents"]


def resolve(path: str, shared: Path) -> Path:
    """corpus/... lies in the repository, realdocs/... and seed/... under ../shared."""
    return REPO / path if path.startswith("corpus/") else shared / path


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _same(value: str | None, gold: str | None) -> bool:
    return (value is None and gold is None) or (
        value is not None and gold is not None and normalize(collapse(value)) == normalize(gold))


def sections_at(sections: list[Section], path: str) -> list[Section]:
    """Every section reached by the labels of `path` ("II / 2 / 2.1"); labels may repeat."""
    labels = path.split(" / ")
    found = sections
    for depth, label in enumerate(labels):
        found = [s for s in found if s.label == label]
        if depth < len(labels) - 1:  # by position: a label may equal the last one ("II / 1 / 1")
            found = [c for s in found for c in s.children]
    return found


def _title_matches(title: str, gold: str) -> bool:
    title = collapse(title)
    return title.startswith(gold[:-1]) if gold.endswith("…") else title == gold


def header_failures(report: Report, gold: dict) -> list[str]:
    failures = [] if report.doc_type == gold["doc_type"] else [f"doc_type {report.doc_type!r} != {gold['doc_type']!r}"]
    for name in HEADER_FIELDS:
        value = getattr(report.header, name, None)
        if not _same(value, gold["header"][name]):
            failures.append(f"{name} {value!r} != {gold['header'][name]!r}")
    return failures


def heading_checks(report: Report, gold: dict) -> list[tuple[str, bool]]:
    """(description, passed) for each heading check of the gold."""
    checks = []
    for path, title in gold.get("headings", []):
        found = [s.title for s in sections_at(report.sections, path)]
        checks.append((f"{path}: {title!r} (found {found})", any(_title_matches(t, title) for t in found)))
    for path, title in gold.get("not_headings", []):
        found = [s.title for s in sections_at(report.sections, path)]
        checks.append((f"no heading {path}: {title!r}", not any(_title_matches(t, title) for t in found)))
    for path, count in gold.get("paragraphs", []):
        found = [len(s.paragraphs) for s in sections_at(report.sections, path)]
        checks.append((f"{path} has {count} paragraph(s) (found {found})", found == [count]))
    for path, kind in gold.get("kinds", []):
        found = [s.kind for s in sections_at(report.sections, path)]
        checks.append((f"{path} is {kind} (found {found})", found == [kind]))
    if "first_heading" in gold:
        first = report.sections[0].label if report.sections else None
        checks.append((f"first section {gold['first_heading']} (found {first})", first == gold["first_heading"]))
    return checks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every failed check")
    args = parser.parse_args()
    documents = titles = headers = heading_docs = checks_passed = checks_total = 0
    for gold in load_gold():
        path = resolve(gold["path"], args.shared)
        if not path.exists():
            print(f"skipped (absent): {gold['path']}")
            continue
        report = parse_report(path)
        documents += 1
        title_ok = collapse(report.title) == gold["title"]
        header_failed = header_failures(report, gold)
        checks = heading_checks(report, gold)
        failed = [text for text, passed in checks if not passed]
        titles += title_ok
        headers += not header_failed
        heading_docs += not failed
        checks_passed += len(checks) - len(failed)
        checks_total += len(checks)
        if args.verbose and (not title_ok or header_failed or failed):
            print(f"\n{gold['path']}")
            if not title_ok:
                print(f"  title {report.title!r}")
            for text in header_failed + failed:
                print(f"  {text}")
    print(f"\ndocuments {documents}")
    print(f"titles right    {titles}/{documents}")
    print(f"headers right   {headers}/{documents}  (doc_type and {', '.join(HEADER_FIELDS)})")
    print(f"headings right  {checks_passed}/{checks_total} checks; {heading_docs}/{documents} documents with every check right")


if __name__ == "__main__":
    main()
