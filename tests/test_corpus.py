"""The sample archive in corpus/: every report parses to what a Lao reader sees, and the medal thread is findable.

These tests never skip: corpus/ ships with the project. Only the legacy .doc needs LibreOffice.
"""

import json

import pytest

from conftest import CORPUS
from laoreport.archive import import_paths, search
from laoreport.lao import normalize
from laoreport.parsing import parse_report
from laoreport.readers import read_document

EXPECTED = {  # file: (format, period, plan_period, number, date)
    "2019-01_report.docx": ("docx", "2019-01", "2019-02", "03/ໜພຫກ", "2019-02-04"),
    "2019-02_report.docx": ("docx", "2019-02", "2019-03", "05/ໜພຫກ", "2019-03-05"),
    "2019-03_report.docx": ("docx", "2019-03", "2019-04", "06/ໜພຫກ", "2019-04-03"),
    "2019-04_report.docx": ("docx", "2019-04", "2019-05", "07/ໜພຫກ", "2019-05-06"),
    "2019-05_seed.docx": ("docx", "2019-05", "2019-06", None, "2019"),
    "2019-05_seed_export.txt": ("txt", "2019-05", "2019-06", None, "2019"),
    "2019-06_report.docx": ("docx", "2019-06", "2019-07", "10/ໜພຫກ", "2019-07-04"),
    "2019-08_report.docx": ("docx", "2019-08", "2019-09", "14/ໜພຫກ", "2019-09-04"),
    "2019-09_report.docx": ("docx", "2019-09", "2019-10", "16/ໜພຫກ", "2019-10-03"),
    "2019-Q3_report.docx": ("docx", "2019-Q3", "2019-Q4", "17/ໜພຫກ", "2019-10-10"),
    "2019-10_report.docx": ("docx", "2019-10", "2019-11", "19/ໜພຫກ", "2019-11-05"),
    "2019-11_report.docx": ("docx", "2019-11", "2019-12", "21/ໜພຫກ", "2019-12-04"),
    "2019_annual_report.docx": ("docx", "2019", "2020", "01/ໜພຫກ", "2020-01-15"),
    "2020-01_report.docx": ("docx", "2020-01", "2020-02", "03/ໜພຫກ", "2020-02-05"),
    "2020-02 ບົດສະຫຼຸບ.docx": ("docx", "2020-02", "2020-03", "05/ໜພຫກ", "2020-03-04"),
}
STANDARD_TREE = [
    ("I", ["1", "2", "3", "4", "5"]), ("II", ["1", "2"]), ("III", ["1", "2", "3", "4"]), ("IV", []),
]


def _tree(report):
    return [(s.label, [c.label for c in s.children]) for s in report.sections if s.label]


def _section(report, label):
    """A top-level section by label: the ອີງຕາມ line before section I is a preamble of its own."""
    return next(s for s in report.sections if s.label == label)


def test_the_archive_is_complete_and_spans_two_years():
    names = {p.name for p in CORPUS.iterdir() if p.is_file() and p.suffix != ".md"}
    assert names == set(EXPECTED) | {"2019-07_report.doc"}
    assert {name[:4] for name in names} == {"2019", "2020"}
    assert (CORPUS / "2019-07_report.doc").read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_report_parses_to_its_header_periods_and_sections(name):
    report = parse_report(CORPUS / name)
    fmt, period, plan, number, date = EXPECTED[name]
    assert (report.source.format, report.period, report.plan_period) == (fmt, period, plan)
    assert (report.header.number, report.header.date) == (number, date)
    assert normalize(report.header.organization) == "ຄະນະບໍລິຫານງານພັກ ອອປສ"
    assert normalize(report.header.unit) == "ໜ່ວຍພັກຫ້ອງການ"  # the 2019-03 writer typed ຫນ
    assert normalize(report.signature) == "ເລຂາໜ່ວຍພັກ"
    tree = _tree(report)
    if "seed" in name:
        assert [label for label, _ in tree] == ["I", "II", "III", "IV"]
    else:
        assert tree == STANDARD_TREE
    assert {t.status for t in report.tasks} == {"done", "planned"}


def test_automatic_numbering_is_rendered_as_word_shows_it():
    blocks = read_document(CORPUS / "2019-02_report.docx").blocks
    labels = [b.label for b in blocks if b.label]
    assert labels[:4] == ["I.", "1.", "2.", "1."]
    assert "•" in labels and "IV." in labels
    report = parse_report(CORPUS / "2019-02_report.docx")
    specialty = _section(report, "I").children[1]
    assert [c.label for c in specialty.children] == ["1", "2", "3"] and specialty.children[1].items


def test_typed_numbering_keeps_its_labels_and_sub_sections():
    report = parse_report(CORPUS / "2019-01_report.docx")
    assert [c.label for c in _section(report, "I").children[1].children] == ["2.1", "2.2", "2.3"]


def test_header_table_heading_styles_and_task_table():
    table_rows = [b for b in read_document(CORPUS / "2019-03_report.docx").blocks if b.kind == "table_row"]
    assert "ເລກທີ 06/ຫນພຫກ" in table_rows[0].cells[1]
    headings = [b for b in read_document(CORPUS / "2019-06_report.docx").blocks if b.heading_level]
    assert [b.heading_level for b in headings[:3]] == [1, 2, 2]
    report = parse_report(CORPUS / "2019-09_report.docx")
    planned = [t for t in report.tasks if t.status == "planned"]
    assert len(planned) == 3 and all(t.section == ["III", "2"] for t in planned)
    assert planned[0].text.startswith("ສະຫຼຸບວຽກງານ ໄຕມາດ III ປີ 2019")


def test_the_seed_document_and_its_export_parse_alike():
    docx_report = parse_report(CORPUS / "2019-05_seed.docx")
    txt_report = parse_report(CORPUS / "2019-05_seed_export.txt")
    assert [t.text for t in docx_report.tasks] == [t.text for t in txt_report.tasks]
    assert _tree(docx_report) == _tree(txt_report)


def test_legacy_doc(soffice):
    report = parse_report(CORPUS / "2019-07_report.doc")
    assert (report.source.format, report.period, report.plan_period) == ("doc", "2019-07", "2019-08")
    assert _tree(report) == STANDARD_TREE


def test_medal_thread_is_found_across_months_in_every_spelling(tmp_path):
    files = [p for p in CORPUS.iterdir() if p.suffix in (".docx", ".txt")]
    summary = import_paths(files, tmp_path / "index")
    assert len(summary.imported) == 14 and len(summary.duplicates) == 1 and not summary.failed
    found = {}
    for spelling in ("ຫຼຽນທີ່ລະນຶກ", "ຫລຽນທີ່ລະນຶກ", "ລະນຶກ"):
        result = search(spelling, tmp_path / "index", kind="task", limit=None)
        found[spelling] = {(h.period, h.status) for h in result.hits}
    assert found["ຫຼຽນທີ່ລະນຶກ"] == found["ຫລຽນທີ່ລະນຶກ"] == found["ລະນຶກ"]
    periods = {period for period, _ in found["ຫຼຽນທີ່ລະນຶກ"]}
    assert len(periods) >= 8 and {"2019-Q3", "2020-02"} <= periods
    done_in_june = search("ອອກແບບຫຼຽນທີ່ລະນຶກ", tmp_path / "index", date_from="2019-06", date_to="2019-06",
                          status="done").hits
    assert [h.source for h in done_in_june] == [str(CORPUS / "2019-06_report.docx")]
    json.dumps([h.to_dict() for h in done_in_june], ensure_ascii=False)


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory):
    """corpus/ imported once (the .doc too when LibreOffice is installed)."""
    index = tmp_path_factory.mktemp("corpus") / "index"
    import_paths([CORPUS], index)
    return index


def test_a_word_finds_its_repeated_form(corpus_index):
    """ຕ່າງ finds every section and task that writes ຕ່າງໆ, and ຕ່າງໆ still finds itself."""
    from laoreport.archive.store import Store

    def key(kind, report, section, text):
        return kind, report, tuple(section or ()), text

    with Store.open(corpus_index).searcher() as searcher:
        writing = {
            key(d["kind"], d["report_id"], d.get("section"), d["text"])
            for d in searcher.all_documents() if d["kind"] != "report" and "ຕ່າງໆ" in normalize(d["text"])
        }
    assert len(writing) >= 4  # the seed: sections and tasks (a task item is indexed in its task only)
    for query in ("ຕ່າງ", "ຕ່າງໆ", "ຕ່າງ ໆ"):
        hits = search(query, corpus_index, limit=None).hits
        assert writing <= {key(h.kind, h.report, h.section, h.text) for h in hits}, query


def test_an_item_is_shown_once_as_its_task(corpus_index):
    """ສ້ອມແປງ ລົດ: the seed's item was a [task] hit and a [section] hit showing the same text."""
    result = search("ສ້ອມແປງ ລົດ", corpus_index, limit=None)
    assert [(h.kind, h.status, h.section) for h in result.hits] == [("task", "done", ["I", "2", "1.2"])]
    assert result.total == 1
    through_tasks = search("ສ້ອມແປງ ລົດ", corpus_index, kind="section", limit=None)
    assert [h.section for h in through_tasks.hits] == [["I", "2", "1.2"]]  # still found as a section


@pytest.mark.parametrize(("query", "suggestion"), [("ຫຼຽນທີລະນຶກ", "ຫຼຽນທີ່ລະນຶກ"), ("2160", None), ("ກາເຟ", None),
                                                   ("ສ້ອມແປງລົດ 2160", None)])
def test_did_you_mean_offers_only_near_lao_words_that_find_something(corpus_index, query, suggestion):
    result = search(query, corpus_index)
    assert result.total == 0 and result.suggestion == suggestion


def test_postings_of_many_blocks_are_read_as_whoosh_reads_them(corpus_index):
    from laoreport.archive.store import Store, _read_postings

    with Store.open(corpus_index).searcher() as searcher:
        long_lists = 0
        for leaf in searcher.leaves:
            for term in leaf.reader.lexicon("syllables"):
                expected = list(leaf.reader.postings("syllables", term).all_ids())
                long_lists += len(expected) > 128  # Whoosh writes 128 postings a block
                assert list(_read_postings(leaf.reader, "syllables", term)) == expected
    assert long_lists >= 5
