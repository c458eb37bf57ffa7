"""Filters on what the header holds (type, office, number, date) and on periods, on real documents."""

import pytest

from conftest import write_report
from laoreport.archive import import_paths, search
from laoreport.archive.filters import Filters, number_key, office_keys
from laoreport.archive.store import Store, filter_query
from laoreport.errors import QueryError


@pytest.fixture(scope="module")
def legal_index(tmp_path_factory):
    """The legal documents of ../shared/realdocs: laws, a decree, instructions, an order."""
    from conftest import shared_path

    folder = shared_path("realdocs")
    index = tmp_path_factory.mktemp("legal") / "index"
    summary = import_paths([folder], index)
    assert not summary.failed
    return index


def _files(result):
    return sorted({hit.source.rsplit("/", 1)[-1].split("_")[2] for hit in result.hits})


def test_documents_without_a_period_are_placed_by_their_date(legal_index):
    every = search("ອາກອນ", legal_index, limit=None)
    since_2000 = search("ອາກອນ", legal_index, date_from="2000", limit=None)
    assert every.total > since_2000.total > 0
    dated = {hit.source for hit in since_2000.hits}
    assert any("decree_354" in s for s in dated) and any("0558-KG_2024" in s for s in dated)
    assert not any("4248" in s for s in dated)  # its header has no date: it cannot be placed
    assert search("ອາກອນ", legal_index, date_from="2008", date_to="2020", limit=None).total > 0
    assert not search("ອາກອນ", legal_index, date_from="2025", limit=None).total


def test_type_org_and_number_filters(legal_index):
    decree = search("ອາກອນ", legal_index, doc_type="decree", limit=None)
    assert decree.total and all("decree_354" in h.source for h in decree.hits)
    finance = search("ອາກອນ", legal_index, org="ການເງິນ", limit=None)
    assert {h.source.split("MOF_instruction_")[1][:4] for h in finance.hits} == {"2160", "0558", "4248"}
    by_number = search("ອາກອນ", legal_index, number="2160", limit=None)
    assert by_number.total and all("2160-KG" in h.source for h in by_number.hits)
    assert search("ອາກອນ", legal_index, number="558/ກງ", limit=None).total  # ເລກທີ 0558/ກງ
    assert not search("ອາກອນ", legal_index, number="2160/ນຍ", limit=None).total


def test_header_filters_reach_tasks_and_every_document(legal_index):
    with Store.open(legal_index).searcher() as searcher:
        laws = list(searcher.all_documents(filter_query(doc_type="law")))
        assert {d["kind"] for d in laws} == {"report", "section"}
        assert all(d["doc_type"] == "law" for d in laws)
        dated = list(searcher.all_documents(filter_query(first_month="2024-01", last_month="2024-12")))
        assert {d["source"].split("chatbot_")[1][:20] for d in dated} == {"law_public_prosecuti", "reg_e3f8ffdc_MOF_ins"}


def test_keys_fold_spelling_spaces_and_leading_zeros():
    assert office_keys("ກະຊວງ ການເງິນ") == office_keys("ກະຊວງການເງິນ")
    assert office_keys("ຫນ່ວຍພັກ") == ["ໜ່ວຍພັກ"]
    assert number_key("0558/ກງ") == number_key("558 / ກງ") == "558/ກງ"
    assert number_key("໒໑໖໐/ກງ") == "2160/ກງ"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (dict(kind="section", status="done"), "applies to tasks"),
        (dict(date_from="2020", date_to="2019"), "ends before"),
        (dict(doc_type="novel"), "is not one of"),
        (dict(org=" , "), "names no office"),
        (dict(number="/"), "is not a document number"),
    ],
)
def test_filters_that_cannot_be_answered_say_why(arguments, message):
    with pytest.raises(QueryError, match=message):
        Filters.build(**arguments)


def test_report_hits_keep_the_status_of_their_matching_tasks(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    write_report(folder, "may.txt", done="ທາສີອາຄານ ອອປສ ສຳເລັດ;", planned="ກະກຽມກອງປະຊຸມ;")
    write_report(folder, "june.txt", period="ເດືອນ ມິຖຸນາ 2019", plan="ເດືອນ ກໍລະກົດ 2019",
                 done="ກະກຽມກອງປະຊຸມ ສຳເລັດ;", planned="ສືບຕໍ່ທາສີອາຄານ ອອປສ;")
    index = tmp_path / "index"
    import_paths([folder], index)
    assert search("ທາສີອາຄານ", index, kind="report").total == 2
    planned = search("ທາສີອາຄານ", index, kind="report", status="planned")
    assert [h.source.rsplit("/", 1)[-1] for h in planned.hits] == ["june.txt"]
    done = search("ທາສີອາຄານ", index, kind="report", status="done")
    assert [h.source.rsplit("/", 1)[-1] for h in done.hits] == ["may.txt"]


def test_a_query_over_1000_characters_is_refused(tmp_path):
    with pytest.raises(QueryError, match="at most 1,000"):
        search("ຫຼຽນ " * 300, tmp_path / "no index needed")


def test_docstring_examples():
    import doctest

    from laoreport.archive import filters

    result = doctest.testmod(filters)
    assert result.attempted > 0 and result.failed == 0


def test_type_filter_knows_every_type_the_parser_gives():
    from laoreport.model import DOC_TYPES
    from laoreport.parsing import metadata

    assert {kind for _, kind in metadata.DOC_TYPES} | {"other"} == set(DOC_TYPES)


@pytest.mark.parametrize(
    ("query", "file"), [("2160", "2160-KG"), ("2160/ກງ", "2160-KG"), ('"354/ນຍ"', "decree_354"), ("໒໑໖໐", "2160-KG")]
)
def test_a_document_is_found_by_its_number(legal_index, query, file):
    result = search(query, legal_index)
    assert result.hits and file in result.hits[0].source and result.hits[0].kind == "report"
    assert "«" in result.hits[0].snippet
