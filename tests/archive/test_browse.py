"""Browsing through the Python API: list reports, list tasks, show one report, the archive's figures."""

import pytest

from conftest import write_report
from laoreport.archive import import_paths, list_reports, list_tasks, search, show_report, stats
from laoreport.errors import AmbiguousReportError, PeriodError, QueryError, ReportNotFoundError


@pytest.fixture
def archive(tmp_path):
    """Two offices' folders; each has a report named 2019-06.txt."""
    office = tmp_path / "office"
    branch = tmp_path / "branch"
    office.mkdir()
    branch.mkdir()
    write_report(office, "2019-05.txt")
    write_report(office, "2019-06.txt", number="08", date="03/07/2019", period="ເດືອນ ມິຖຸນາ 2019",
                 plan="ເດືອນ ກໍລະກົດ 2019", done="ອອກແບບຫລຽນທີ່ລະນຶກ ສໍາເລັດ;", planned="ສືບຕໍ່ທາສີອາຄານ ອອປສ;")
    write_report(branch, "2019-06.txt", number="31", date="04/07/2019", period="ເດືອນ ມິຖຸນາ 2019",
                 plan="ເດືອນ ກໍລະກົດ 2019", done="ສ້ອມແປງລົດຕູ້ ສໍາເລັດ;", planned="ຈັດຊື້ຄອມພິວເຕີ 5 ຊຸດ;")
    index = tmp_path / "index"
    assert len(import_paths([office, branch], index).imported) == 3
    return office, branch, index


def test_list_reports_one_row_each_oldest_first(archive):
    office, branch, index = archive
    listed = list_reports(index)
    assert listed["total"] == 3
    assert [(r["period"], r["number"], r["source"]) for r in listed["reports"]] == [
        ("2019-05", "07/ໜພຫກ", str(office / "2019-05.txt")),
        ("2019-06", "08/ໜພຫກ", str(office / "2019-06.txt")),  # dated 3 July
        ("2019-06", "31/ໜພຫກ", str(branch / "2019-06.txt")),  # dated 4 July
    ]
    first = listed["reports"][0]
    assert set(first) == {"id", "period", "doc_type", "number", "date", "organization", "title", "source"}
    assert (first["doc_type"], first["date"], first["organization"]) == ("summary", "2019-06-05", "ຄະນະບໍລິຫານງານພັກ ອອປສ")
    assert first["id"] == show_report(first["source"], index).id


def test_documents_without_a_period_are_listed_by_their_date(tmp_path):
    from conftest import shared_path

    decree, instruction = (next(shared_path("realdocs").glob(f"*{name}*.txt")) for name in ("decree_354", "2160-KG"))
    import_paths([decree, instruction], tmp_path / "index")
    listed = list_reports(tmp_path / "index")["reports"]
    assert [(r["number"], r["date"]) for r in listed] == [("2160/ກງ", "2007-09-07"), ("354/ນຍ", "2007-10-05")]


def test_list_reports_by_period_and_folder(archive):
    office, branch, index = archive
    assert list_reports(index, date_from="2019-06")["total"] == 2
    assert list_reports(index, date_to="2019-05")["total"] == 1
    assert [r["source"] for r in list_reports(index, source=branch)["reports"]] == [str(branch / "2019-06.txt")]
    with pytest.raises(PeriodError) as error:
        list_reports(index, date_from="2019-07", date_to="2019-06")
    assert error.value.param == "date_to"


def test_list_tasks_answers_an_object_with_carried_over(archive):
    office, branch, index = archive
    planned = list_tasks(index, period="2019-07", status="planned")
    assert planned["total"] == len(planned["tasks"]) == 4
    carried = [t for t in planned["tasks"] if t["carried_over"]]
    assert [t["text"] for t in carried] == ["ສືບຕໍ່ທາສີອາຄານ ອອປສ;"]
    assert set(carried[0]) == {"text", "status", "period", "section", "carried_over", "report", "source", "thread", "outcome"}


def test_list_tasks_by_query_range_and_source(archive):
    office, branch, index = archive
    found = list_tasks(index, query="ຫຼຽນທີ່ລະນຶກ")  # another spelling than the 2019-06 report's ຫລຽນ
    assert [(t["period"], t["status"]) for t in found["tasks"]] == [("2019-05", "done"), ("2019-06", "done")]
    assert list_tasks(index, query="ຫຼຽນທີ່ລະນຶກ", date_from="2019-06", date_to="2019-06")["total"] == 1
    in_branch = list_tasks(index, source=branch / "2019-06.txt")["tasks"]
    assert {t["source"] for t in in_branch} == {str(branch / "2019-06.txt")} and len(in_branch) == 4
    with pytest.raises(QueryError) as error:
        list_tasks(index, query="…")
    assert error.value.param == "query"


def test_show_a_unique_id_prefix(archive):
    office, _, index = archive
    report_id = show_report(str(office / "2019-05.txt"), index).id
    assert show_report(report_id[:5], index).source.path == str(office / "2019-05.txt")
    with pytest.raises(ReportNotFoundError):
        show_report("ffffffffffff", index)


def test_show_a_name_several_reports_answer_to(archive):
    office, branch, index = archive
    with pytest.raises(AmbiguousReportError) as error:
        show_report("2019-06.txt", index)
    assert sorted(m["source"] for m in error.value.matches) == [str(branch / "2019-06.txt"), str(office / "2019-06.txt")]
    assert all(m["period"] == "2019-06" and len(m["id"]) == 16 for m in error.value.matches)
    assert show_report("branch/2019-06.txt", index).header.number == "31/ໜພຫກ"


def test_stats_count_document_types_and_offices(archive):
    figures = stats(archive[2])
    assert (figures["reports"], figures["sections"] > 0, figures["tasks"]) == (3, True, 12)
    assert figures["tasks_by_status"] == {"done": 6, "planned": 6}
    assert figures["doc_types"] == {"summary": 3}
    assert figures["offices"] == {"ຄະນະບໍລິຫານງານພັກ ອອປສ": 3}


def test_list_and_tasks_filter_on_the_header_as_search_does(archive):
    office, branch, index = archive
    assert [r["source"] for r in list_reports(index, number="31")["reports"]] == [str(branch / "2019-06.txt")]
    assert list_reports(index, doc_type="summary", org="ອອປສ")["total"] == 3
    assert list_reports(index, doc_type="law")["total"] == list_reports(index, org="ກະຊວງການເງິນ")["total"] == 0
    numbered = list_tasks(index, number="31/ໜພຫກ")
    assert numbered["total"] == 4 and {t["source"] for t in numbered["tasks"]} == {str(branch / "2019-06.txt")}
    assert [t["text"] for t in list_tasks(index, query="ຄອມພິວເຕີ", org="ງານພັກ ອອປສ")["tasks"]] == [
        "ຈັດຊື້ຄອມພິວເຕີ 5 ຊຸດ;"]
    assert list_tasks(index, query="ຄອມພິວເຕີ", org="ກະຊວງ")["total"] == 0
    with pytest.raises(QueryError) as error:
        list_tasks(index, number="/")
    assert error.value.param == "number"


def test_a_duplicates_file_filters_as_its_original(archive):
    """A file imported as a duplicate (same text, another name) is one report: --source names it too."""
    office, _, index = archive
    copy = office / "copy of 2019-06.txt"
    copy.write_bytes((office / "2019-06.txt").read_bytes())
    assert import_paths([copy], index).duplicates
    original = str(office / "2019-06.txt")
    assert list_reports(index, source=str(copy)) == list_reports(index, source=original)
    assert list_tasks(index, source=str(copy)) == list_tasks(index, source=original)
    assert [h.source for h in search("ຫລຽນທີ່ລະນຶກ", index, source=str(copy)).hits] == [original]
