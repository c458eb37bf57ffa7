"""Import, search and browse through the Python API, on small reports in the seed's shape."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import write_report
from laoreport.archive import import_paths, list_tasks, search, show_report, stats
from laoreport.archive.importer import _import_lock
from laoreport.errors import IndexBusyError, IndexNotFoundError, QueryError


@pytest.fixture
def archive(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    write_report(folder, "2019-05.txt")
    write_report(folder, "2019-06.txt", number="08", date="03/07/2019", period="ເດືອນ ມິຖຸນາ 2019",
                 plan="ເດືອນ ກໍລະກົດ 2019", done="ອອກແບບຫລຽນທີ່ລະນຶກ ສໍາເລັດ;",
                 planned="ມອບຫຼຽນທີ່ລະນຶກ ໃນພິທີ;", issue="12")
    write_report(folder, "2019-Q3.txt", number="11", date="05/10/2019", period="ໄຕມາດ III ປີ 2019",
                 plan="ໄຕມາດ IV ປີ 2019", done="ມອບຫຼຽນທີ່ລະນຶກ 500 ອັນ ສໍາເລັດ;",
                 planned="ສືບຕໍ່ທາສີອາຄານ ອອປສ;", issue="13")
    index = tmp_path / "index"
    summary = import_paths([folder], index)
    assert len(summary.imported) == 3 and not summary.failed
    return folder, index


def _periods(result):
    return sorted({hit.period for hit in result.hits})


@pytest.mark.parametrize(
    "query",
    ["ຫຼຽນທີ່ລະນຶກ", "ຫລຽນທີ່ລະນຶກ", "ຫຼຽນທີ່ລະນຶກ\u200b", "ຫຼຽນທີ່ລະນຶກ\u00ad", "ລະນຶກ", "ຫຼຽນ"],
)
def test_every_spelling_and_part_of_the_word_finds_every_month(archive, query):
    result = search(query, archive[1], kind="task")
    assert _periods(result) == ["2019-05", "2019-06", "2019-07", "2019-Q3"]


@pytest.mark.parametrize(("query", "expected"), [("ຫນ່ວຍພັກ", "ໜ່ວຍພັກ"), ("ນໍ້າ", "ນ້ຳ"), ("໒໐໑໙", "2019")])
def test_spelling_folds_find_the_same_hits(archive, query, expected):
    folded, plain = search(query, archive[1]), search(expected, archive[1])
    assert folded.total == plain.total
    assert [h.report for h in folded.hits] == [h.report for h in plain.hits]


def test_latin_words_and_numbers(archive):
    assert search("MOU", archive[1], kind="task").total == 3
    issue = search("ສະບັບທີ 12", archive[1], kind="task")
    assert [h.period for h in issue.hits] == ["2019-07"]
    assert "«" in issue.hits[0].snippet


def test_period_filters_are_exact(archive):
    index = archive[1]
    q3_inside = search("ຫຼຽນທີ່ລະນຶກ", index, date_from="2019-07", date_to="2019-09", kind="task")
    assert _periods(q3_inside) == ["2019-07", "2019-Q3"]
    only_august = search("ຫຼຽນທີ່ລະນຶກ", index, date_from="2019-08", date_to="2019-08", kind="task")
    assert only_august.total == 0
    planned = search("ຫຼຽນທີ່ລະນຶກ", index, status="planned")
    assert {(h.period, h.status) for h in planned.hits} == {("2019-07", "planned")}


def test_snippet_marks_the_original_spelling(archive):
    hit = search("ຫຼຽນທີ່ລະນຶກ", archive[1], date_from="2019-06", date_to="2019-06", kind="task").hits[0]
    assert hit.text == "ອອກແບບຫລຽນທີ່ລະນຶກ ສໍາເລັດ;"
    assert "«ຫລຽນທີ່ລະນຶກ»" in hit.snippet


def test_no_results_suggests_a_near_spelling(archive):
    result = search("ຫຼຽນທີລະນຶກ", archive[1])
    assert result.total == 0 and result.suggestion == "ຫຼຽນທີ່ລະນຶກ"


def test_query_with_nothing_to_search_is_a_clear_error(archive):
    with pytest.raises(QueryError, match="nothing|no Lao"):
        search(" ... ", archive[1])


def test_reimport_skips_replaces_and_reports_duplicates(archive):
    folder, index = archive
    assert len(import_paths([folder], index).skipped) == 3
    write_report(folder, "2019-05.txt", planned="ກະກຽມປູພົມຫ້ອງປະຊຸມ;")
    (folder / "copy of 2019-06.txt").write_bytes((folder / "2019-06.txt").read_bytes())
    summary = import_paths([folder], index)
    assert [os.path.basename(p) for p in summary.replaced] == ["2019-05.txt"]
    assert [os.path.basename(p) for p, _ in summary.duplicates] == ["copy of 2019-06.txt"]
    assert stats(index)["reports"] == 3
    texts = [t["text"] for t in list_tasks(index, period="2019-06")["tasks"]]
    assert "ກະກຽມປູພົມຫ້ອງປະຊຸມ;" in texts and "ກະກຽມທາສີອາຄານ ອອປສ;" not in texts


def test_an_import_of_copies_alone_leaves_the_index_searchable(archive):
    """The copies make a segment of duplicate records only, which holds no text columns: a
    search used to fail on it with FileNotFoundError (...match.col) and a traceback."""
    folder, index = archive
    before = search("ລະນຶກ", index)
    copy = folder / "copy of 2019-06.txt"
    copy.write_bytes((folder / "2019-06.txt").read_bytes())
    assert [p for p, _ in import_paths([copy], index).duplicates] == [str(copy)]
    after = search("ລະນຶກ", index)
    assert (after.total, [h.text for h in after.hits]) == (before.total, [h.text for h in before.hits])
    assert search("ຫຼຽນທີລະນຶກ", index).suggestion == "ຫຼຽນທີ່ລະນຶກ"
    assert show_report(str(copy), index).duplicate == str(copy)


def test_a_bad_file_does_not_stop_the_import(tmp_path):
    folder = tmp_path / "mixed ບົດລາຍງານ"
    folder.mkdir()
    write_report(folder, "good one.txt")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 truncated")
    (folder / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    summary = import_paths([folder], tmp_path / "index")
    assert len(summary.imported) == 1
    assert sorted(os.path.basename(p) for p, _ in summary.failed) == ["broken.docx", "latin1.txt"]
    assert all("\n" not in reason for _, reason in summary.failed)


def test_show_tasks_and_stats(archive):
    index = archive[1]
    report = show_report("2019-Q3.txt", index)
    assert (report.period, report.plan_period, report.header.number) == ("2019-Q3", "2019-Q4", "11/ໜພຫກ")
    planned = list_tasks(index, period="2019-Q4", status="planned")["tasks"]
    assert [t["text"] for t in planned] == ["ສືບຕໍ່ທາສີອາຄານ ອອປສ;", "ພິມວາລະສານໄອຍະການ ສະບັບທີ 13;"]
    figures = stats(index)
    assert (figures["reports"], figures["tasks"]) == (3, 12)
    assert figures["periods"] == ["2019-05", "2019-06", "2019-Q3"]


def test_missing_index_says_to_import_first(tmp_path):
    with pytest.raises(IndexNotFoundError, match="laoreport import"):
        search("ຫຼຽນ", tmp_path / "nowhere")


def test_second_import_fails_clearly_while_searches_go_on(archive):
    folder, index = archive
    with _import_lock(index, timeout=0):
        with pytest.raises(IndexBusyError, match="another import"):
            import_paths([folder], index, lock_timeout=0.3)
        assert search("ຫຼຽນ", index).total > 0


def test_import_killed_midway_resumes_with_every_report_once(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(120):
        write_report(folder, f"r{number:03d}.txt", number=str(number), planned=f"ວຽກງານທີ {number};")
    index = tmp_path / "index"
    command = [sys.executable, "-m", "laoreport", "import", str(folder), "--index", str(index)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if index.exists() and any(name.endswith(".seg") for name in os.listdir(index)):
            break  # the first batch is committed: kill in the middle of the rest
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    interrupted = stats(index)["reports"]  # the index opens and answers after the kill
    assert interrupted < 120
    assert search("ວຽກງານ", index).total >= interrupted
    resumed = import_paths([folder], index)
    assert len(resumed.skipped) == interrupted and len(resumed.imported) == 120 - interrupted
    figures = stats(index)
    assert figures["reports"] == 120
    reports = [json.loads(show_report(f"r{n:03d}.txt", index).to_json())["id"] for n in range(0, 120, 17)]
    assert len(set(reports)) == len(reports)
    assert search("ວຽກງານທີ 7", index, kind="task").total >= 1


def test_reports_are_found_through_their_sections_and_tasks(archive):
    index = archive[1]
    reports = search("ຫຼຽນທີ່ລະນຶກ", index, kind="report")
    assert sorted(h.period for h in reports.hits) == ["2019-05", "2019-06", "2019-Q3"]
    assert all(h.kind == "report" and "«" in h.snippet for h in reports.hits)
    inside_q3 = search("ຫຼຽນທີ່ລະນຶກ", index, kind="report", date_from="2019-07", date_to="2019-09")
    assert [h.source.rsplit("/", 1)[-1] for h in inside_q3.hits] == ["2019-Q3.txt"]


def test_fast_readers_read_what_whoosh_reads(archive):
    """store.py decodes posting blocks and columns itself; they must equal Whoosh's own reading."""
    from laoreport.archive.store import Store, _read_column, _read_postings

    with Store.open(archive[1]).searcher() as searcher:
        for leaf in searcher.leaves:
            for term in leaf.reader.lexicon("syllables"):
                assert list(_read_postings(leaf.reader, "syllables", term)) == \
                    list(leaf.reader.postings("syllables", term).all_ids())
            data, offsets, lengths = _read_column(leaf.reader, "match")
            column = leaf.reader.column_reader("match", translate=False)
            assert [data[o:o + n] for o, n in zip(offsets, lengths)] == list(column)


def test_a_letter_is_found_by_its_subject_and_its_addressee(tmp_path):
    """ເລື່ອງ (subject) and ເຖິງ (addressee) are header fields, not title: people still search by them."""
    from conftest import shared_path

    letters = [next(shared_path("realdocs").glob(f"*{name}*.txt")) for name in ("SupremeCourt_instruction_412",
                                                                             "Xiengkhouang_governor_order_06")]
    index = tmp_path / "index"
    import_paths(letters, index)
    court, governor = (show_report(str(letter), index) for letter in letters)
    assert court.header.subject == "ການເກັບອາກອນຂອງລັດ ກ່ຽວກັບການພິຈາລະນາຄໍາຮ້ອງຂໍທາງແພ່ງ"
    by_subject = search(f'"{court.header.subject}"', index, kind="report")
    assert [hit.report for hit in by_subject.hits] == [court.id]
    assert "ເລື່ອງ: «ການເກັບອາກອນຂອງລັດ ກ່ຽວກັບການພິຈາລະນາຄໍາຮ້ອງຂໍທາງແພ່ງ»" in by_subject.hits[0].snippet
    assert governor.header.to.startswith("ບັນດາພະແນກການ, ບັນດາເມືອງ")
    by_addressee = search('"ບັນດາພະແນກການ, ບັນດາເມືອງ"', index)
    assert [(hit.kind, hit.report) for hit in by_addressee.hits] == [("report", governor.id)]
