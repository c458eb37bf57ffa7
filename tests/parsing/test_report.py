"""The parser on the seed (a real report) and on real Lao official documents."""

import pytest

from conftest import REPO
from laoreport.parsing import parse_report


@pytest.fixture
def seed(seed_path):
    return parse_report(seed_path)


def _tree(sections):
    return [(s.label, _tree(s.children)) for s in sections]


def test_seed_header_title_and_periods(seed):
    assert seed.doc_type == "summary"
    assert seed.title.startswith("ບົດສະຫຼຸບຕີລາຄາ ການຊີ້ນໍາ-ນໍາພາວຽກງານຫ້ອງການ ປະຈໍາເດືອນ ພຶດສະພາ 2019")
    assert (seed.period, seed.plan_period) == ("2019-05", "2019-06")
    header = seed.header
    assert (header.organization, header.unit, header.number, header.place, header.date) == (
        "ຄະນະບໍລິຫານງານພັກ ອອປສ", "ໜ່ວຍພັກຫ້ອງການ", None, "ນະຄອນຫຼວງວຽງຈັນ", "2019"
    )
    assert seed.signature == "ເລຂາໜ່ວຍພັກ"
    assert seed.source.format == "txt"


def test_seed_section_tree_attaches_misnumbered_subsections_by_position(seed):
    body = seed.sections[1:]  # the first holds the ອີງຕາມ preamble
    assert seed.sections[0].label is None
    subsections = ("2", [("1.1", []), ("1.2", []), ("1.3", [])])
    plan_subsections = ("2", [("3.1", []), ("3.2", []), ("3.3", [])])
    assert _tree(body) == [
        ("I", [("1", []), subsections, ("3", []), ("4", []), ("5", [])]),
        ("II", [("1", []), ("2", [])]),
        ("III", [("1", []), plan_subsections, ("3", []), ("4", []), ("5", [])]),
        ("IV", []),
    ]
    assert [s.kind for s in body] == ["review", "weakness", "plan", "measures"]
    assert [len(s.items) for s in body[0].children[1].children] == [6, 7, 6]
    assert [len(s.items) for s in body[2].children[1].children] == [6, 7, 7]


def test_seed_tasks(seed):
    done = [t for t in seed.tasks if t.status == "done"]
    planned = [t for t in seed.tasks if t.status == "planned"]
    assert len(done) == 19 and len(planned) == 20
    assert {t.period for t in done} == {"2019-05"} and {t.period for t in planned} == {"2019-06"}
    medal = next(t for t in done if "ຫຼຽນທີ່ລະນຶກ" in t.text)
    assert medal.section == ["I", "2", "1.2"] and not medal.carried_over
    assert all(t.carried_over == ("ສືບຕໍ່" in t.text) for t in planned if "ສືບຕໍ່" in t.text[:8])


def test_seed_continuation_lines_are_joined(seed):
    texts = [t.text for t in seed.tasks]
    assert any("ລາຍໄຕມາດທີ 02 3,4 ແລະ 5 ສະບັບທີ 11;" in t for t in texts)  # broken after ລາຍ
    assert any("ພາຍໃນອົງການໄອຍະການປະຊາຊົນສູງສຸດ" in t for t in texts)  # broken inside ອົງ|ການ
    assert not any("_GoBack" in p for s in seed.sections for c in s.children for p in c.paragraphs)


def test_seed_warnings(seed):
    assert any("names month 04" in w and "ເມສາ" in w for w in seed.warnings)
    assert any("1.1" in w for w in seed.warnings)
    assert any("ເລກທີ" in w for w in seed.warnings)


EXPECTED_REALDOCS = {
    "2160-KG": ("instruction", "2160/ກງ", "2007-09-07", ["I", "II", "III"]),
    "354-NY": ("decree", "354/ນຍ", "2007-10-05", ["ໝວດທີ I", "ຫມວດທີ II"]),
    "0558-KG": ("instruction", "0558/ກງ", "2024-02-14", ["1", "2", "3"]),
    "public_prosecution": ("law", "127/ປປທ", None, ["ມາດຕາ 1", "ມາດຕາ 2"]),
    "state_budget": ("law", "024/ປປທ", None, ["ມາດຕາ 1", "ມາດຕາ 2"]),
    "Xiengkhouang": ("order", "06/ຈຂ.ຊຂ", "2017-03-09", ["1", "2"]),
}


def test_every_real_document_parses(realdocs):
    assert realdocs
    for path in realdocs:
        report = parse_report(path)
        assert report.title and report.sections, path.name
        for key, (kind, number, date, labels) in EXPECTED_REALDOCS.items():
            if key in path.name:
                top = [s.label for s in report.sections if s.label]
                assert (report.doc_type, report.header.number) == (kind, number), path.name
                assert date is None or report.header.date == date, path.name
                assert top[: len(labels)] == labels, path.name


PARTY_HEADER = REPO / "tests" / "data" / "party_header"  # .docx and .txt made by LibreOffice from src/party_header.html


@pytest.mark.parametrize("suffix", [".docx", ".txt"])
def test_party_line_in_the_right_hand_column_is_not_the_unit(suffix):
    """A party document's header table: the cell on the left names the committee, the one on the right
    holds the party line, the number and the date (the text export puts each cell on a line of its own)."""
    report = parse_report(PARTY_HEADER.with_suffix(suffix))
    header = report.header
    assert (header.organization, header.unit, header.number, header.date) == (
        "ຄະນະພັກ ກົມພາສີ", None, "14/ຄພພສ", "2021-04-05")
    assert "ພັກປະຊາຊົນປະຕິວັດລາວ" in header.motto
    assert report.title == "ບົດສະຫຼຸບ ການເຄື່ອນໄຫວວຽກງານພັກ ປະຈຳໄຕມາດ I ປີ 2021 ແລະ ທິດທາງວຽກງານ ໄຕມາດ II ປີ 2021"
    assert (report.doc_type, report.period, report.plan_period) == ("summary", "2021-Q1", "2021-Q2")
    assert [(t.status, t.text) for t in report.tasks] == [
        ("done", "ຈັດກອງປະຊຸມຄະນະພັກ 3 ຄັ້ງ;"), ("done", "ຮັບສະມາຊິກພັກໃໝ່ 4 ສະຫາຍ;"),
        ("planned", "ກະກຽມກອງປະຊຸມໃຫຍ່ ໜ່ວຍພັກ;")]
