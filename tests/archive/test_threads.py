"""Task threads: each rule of issue 14 on small reports written for it, and the medal thread of corpus/.

The small reports are text exports in the seed's shape (header, title with the two periods,
I. review, II. weaknesses, III. plan), in other words than corpus/, so that these tests check
the rules rather than the sample archive's wording.
"""

from __future__ import annotations

import doctest
import json
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CORPUS
from laoreport.archive import import_paths, list_tasks, prune, search, show_report, thread, threads
from laoreport.archive import linking
from laoreport.archive import importer as importer_module
from laoreport.cli import cli
from laoreport.errors import QueryError, ThreadNotFoundError

TABLE_REPORT = Path(__file__).parent / "data" / "2022-06_table.docx"
LAO_MONTH = {1: "ມັງກອນ", 2: "ກຸມພາ", 3: "ມີນາ", 4: "ເມສາ", 5: "ພຶດສະພາ", 6: "ມິຖຸນາ",
             7: "ກໍລະກົດ", 8: "ສິງຫາ", 9: "ກັນຍາ", 10: "ຕຸລາ", 11: "ພະຈິກ", 12: "ທັນວາ"}


def monthly(folder, month: int, done: list[str], planned: list[str], *, year: int = 2022,
            organization: str = "ພະແນກກະສິກຳ ແລະ ປ່າໄມ້", unit: str = "ແຂວງບໍລິຄຳໄຊ", name: str | None = None,
            period: str | None = None, plan: str | None = None):
    """A report reviewing `month` (or `period`, e.g. ໄຕມາດ I ປີ 2022) and planning the next."""
    following = month % 12 + 1
    period = period or f"ເດືອນ {LAO_MONTH[month]} {year}"
    plan = plan or f"ເດືອນ {LAO_MONTH[following]} {year + (month == 12)}"
    lines = [
        organization, f"{unit}\t\tເລກທີ {month:03d}/ພກປ", f"ບໍລິຄຳໄຊ, ວັນທີ 05/{following:02d}/{year}", "",
        f"ບົດລາຍງານ ຜົນການຈັດຕັ້ງປະຕິບັດວຽກງານ ປະຈຳ{period}", f"ແລະ ແຜນການ{plan}", "",
        "I. ຜົນການຈັດຕັ້ງປະຕິບັດວຽກງານ", "1. ວຽກງານບໍລິຫານ", *[f"- {item}" for item in done],
        "II. ຂໍ້ຄົງຄ້າງ", "ງົບປະມານຍັງບໍ່ພຽງພໍ.",
        f"III. ແຜນການ{plan}", "1. ວຽກງານບໍລິຫານ", *[f"- {item}" for item in planned],
        "\t\t\t\tຫົວໜ້າພະແນກ",
    ]
    path = folder / (name or f"{year}-{month:02d}.txt")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def imported(tmp_path, *paths) -> str:
    index = str(tmp_path / "index")
    import_paths(paths, index)
    return index


def thread_of(index: str, words: str) -> dict:
    """The one thread having a task that matches `words`."""
    found = threads(words, index)["threads"]
    assert len(found) == 1, [[t["text"] for t in th["tasks"]] for th in found]
    return found[0]


def texts(thread: dict) -> list[str]:
    return [task["text"] for task in thread["tasks"]]


def test_linking_docstring_examples_hold():
    result = doctest.testmod(linking)
    assert result.attempted > 0 and result.failed == 0


def test_wording_variants_make_one_thread(tmp_path):
    """Verbs change (ກະກຽມ -> ຈັດ -> ສຳເລັດ), the object shrinks and grows, places, counts, spellings vary."""
    reports = [
        monthly(tmp_path, 1, ["ປະຊຸມພະນັກງານປະຈຳເດືອນ;"],
                ["ກະກຽມສຳມະນາ ການຄຸ້ມຄອງງົບປະມານ ໃຫ້ພະນັກງານບັນຊີ;", "ປູກຕົ້ນໄມ້ 500 ຕົ້ນ ຢູ່ເຂດປ່າສະຫງວນ;"]),
        monthly(tmp_path, 2, ["ກະກຽມເນື້ອໃນສຳມະນາ ການຄຸ້ມຄອງງົບປະມານ ສຳເລັດ;", "ປູກຕົ້ນໄມ້ ໄດ້ 200 ຕົ້ນ;"],
                ["ຈັດສຳມະນາ ການຄຸ້ມຄອງງົບປະມານ ຢູ່ເມືອງປາກຊັນ ຈຳນວນ 40 ຄົນ;", "ສືບຕໍ່ປູກຕົ້ນໄມ້;"]),
        monthly(tmp_path, 3, ["ຈັດສໍາມະນາ ການຄຸ້ມຄອງງົບປະມານ ສໍາເລັດ ມີຜູ້ເຂົ້າຮ່ວມ 42 ຄົນ;",
                              "ປູກຕົ້ນໄມ້ ຢູ່ເຂດປ່າສະຫງວນ ຄົບ 500 ຕົ້ນ ສຳເລັດ;"], ["ປະຊຸມພະນັກງານປະຈຳເດືອນ;"]),
    ]
    index = imported(tmp_path, *reports)
    seminar = thread_of(index, "ສຳມະນາ")
    assert len(seminar["tasks"]) == 4 and seminar["outcome"] == "done"
    assert [t["period"] for t in seminar["tasks"]] == ["2022-02", "2022-02", "2022-03", "2022-03"]
    trees = thread_of(index, "ຕົ້ນໄມ້")
    assert len(trees["tasks"]) == 4 and trees["outcome"] == "done"


def test_distractor_pairs_stay_apart(tmp_path):
    """Work sharing words is not the same work: what is repaired, which meeting, which issue."""
    reports = [
        monthly(tmp_path, 4, ["ພິມວາລະສານ ກະສິກຳກ້າວໜ້າ ສະບັບທີ 11 ສຳເລັດ;"],
                ["ສ້ອມແປງເຄື່ອງປັບອາກາດ ຫ້ອງປະຊຸມ;", "ສ້ອມແປງຄອມພິວເຕີ ພະແນກແຜນການ;",
                 "ກະກຽມກອງປະຊຸມສະຫຼຸບໄຕມາດ;", "ກະກຽມກອງປະຊຸມໃຫຍ່ໜ່ວຍພັກ;",
                 "ພິມວາລະສານ ກະສິກຳກ້າວໜ້າ ສະບັບທີ 12;"]),
        monthly(tmp_path, 5, ["ສ້ອມແປງເຄື່ອງປັບອາກາດ ຫ້ອງປະຊຸມ ສຳເລັດ;", "ສ້ອມແປງຄອມພິວເຕີ ພະແນກແຜນການ ສຳເລັດ;",
                              "ຈັດກອງປະຊຸມສະຫຼຸບໄຕມາດ ສຳເລັດ;", "ຈັດກອງປະຊຸມໃຫຍ່ໜ່ວຍພັກ ສຳເລັດ;",
                              "ພິມວາລະສານ ກະສິກຳກ້າວໜ້າ ສະບັບທີ 12 ສຳເລັດ;"], ["ປະຊຸມພະນັກງານປະຈຳເດືອນ;"]),
    ]
    index = imported(tmp_path, *reports)
    for words in ("ເຄື່ອງປັບອາກາດ", "ຄອມພິວເຕີ", "ສະຫຼຸບໄຕມາດ", "ກອງປະຊຸມໃຫຍ່", '"ສະບັບທີ 12"'):
        assert len(thread_of(index, words)["tasks"]) == 2, words
    issue_11 = thread_of(index, '"ສະບັບທີ 11"')
    assert texts(issue_11) == ["ພິມວາລະສານ ກະສິກຳກ້າວໜ້າ ສະບັບທີ 11 ສຳເລັດ;"]


def test_a_routine_in_the_same_words_every_month_is_one_thread(tmp_path):
    reports = [monthly(tmp_path, m, ["ປະຊຸມພະນັກງານປະຈຳເດືອນ;", f"ກວດກາສວນກ້າໄມ້ ເຂດ {m};"], ["ຂຽນບົດລາຍງານ;"])
               for m in (1, 2, 3, 4)]
    index = imported(tmp_path, *reports)
    routine = thread_of(index, "ປະຊຸມພະນັກງານ")
    assert [t["period"] for t in routine["tasks"]] == ["2022-01", "2022-02", "2022-03", "2022-04"]
    assert routine["outcome"] == "done"


def test_a_thread_may_skip_a_month(tmp_path):
    """Planned for February, not in February's report, reported done in March."""
    reports = [
        monthly(tmp_path, 1, ["ປະຊຸມພະນັກງານປະຈຳເດືອນ;"], ["ຈັດຊື້ລົດຈັກ 3 ຄັນ ໃຫ້ພະນັກງານສົ່ງເສີມ;"]),
        monthly(tmp_path, 2, ["ປະຊຸມພະນັກງານປະຈຳເດືອນ;"], ["ປະຊຸມພະນັກງານປະຈຳເດືອນ;"]),
        monthly(tmp_path, 3, ["ຈັດຊື້ລົດຈັກ 3 ຄັນ ສຳເລັດ ແລະ ມອບໃຫ້ພະນັກງານສົ່ງເສີມ;"], ["ປະຊຸມພະນັກງານປະຈຳເດືອນ;"]),
    ]
    index = imported(tmp_path, *reports)
    bikes = thread_of(index, "ລົດຈັກ")
    assert [(t["period"], t["status"]) for t in bikes["tasks"]] == [("2022-02", "planned"), ("2022-03", "done")]
    assert bikes["outcome"] == "done"


def test_dropped_open_and_partial_outcomes(tmp_path):
    """Dropped: planned for a reviewed month and never mentioned again. Open: planned past the last
    report, or partly done in the last report."""
    reports = [
        monthly(tmp_path, 6, ["ປະຊຸມພະນັກງານປະຈຳເດືອນ;"],
                ["ສຳຫຼວດຝາຍນ້ຳລົ້ນ ບ້ານນາໄຊ;", "ກໍ່ສ້າງສາງເກັບເຂົ້າ ບ້ານໂພນທອງ;"]),
        monthly(tmp_path, 7, ["ກໍ່ສ້າງສາງເກັບເຂົ້າ ບ້ານໂພນທອງ ໄດ້ 40%;"],
                ["ສືບຕໍ່ກໍ່ສ້າງສາງເກັບເຂົ້າ ບ້ານໂພນທອງ;"]),
        monthly(tmp_path, 8, ["ກໍ່ສ້າງສາງເກັບເຂົ້າ ບ້ານໂພນທອງ ສຳເລັດ 75%;"],
                ["ແຈກຢາຍແນວພັນເຂົ້າ ໃຫ້ຊາວກະສິກອນ 8 ບ້ານ;"]),
    ]
    index = imported(tmp_path, *reports)
    assert thread_of(index, "ຝາຍນ້ຳລົ້ນ")["outcome"] == "dropped"
    assert thread_of(index, "ແນວພັນເຂົ້າ")["outcome"] == "open"
    barn = thread_of(index, "ສາງເກັບເຂົ້າ")
    assert barn["outcome"] == "open" and len(barn["tasks"]) == 4
    assert {t["id"] for t in threads(index_dir=index, outcome="dropped")["threads"]} == {
        thread_of(index, "ຝາຍນ້ຳລົ້ນ")["id"]}
    dropped = list_tasks(index, period="2022", status="planned", outcome="dropped")["tasks"]
    assert [t["text"] for t in dropped] == ["ສຳຫຼວດຝາຍນ້ຳລົ້ນ ບ້ານນາໄຊ;"]


def _three_months(folder):
    return [
        monthly(folder, 9, ["ປະຊຸມພະນັກງານປະຈຳເດືອນ;"], ["ກະກຽມງານວາງສະແດງ ຜະລິດຕະພັນກະສິກຳ;"]),
        monthly(folder, 10, ["ກະກຽມງານວາງສະແດງ ຜະລິດຕະພັນກະສິກຳ ສຳເລັດ;"],
                ["ຈັດງານວາງສະແດງ ຜະລິດຕະພັນກະສິກຳ ຢູ່ເດີ່ນແຂວງ;"]),
        monthly(folder, 11, ["ຈັດງານວາງສະແດງ ຜະລິດຕະພັນກະສິກຳ ສຳເລັດ ມີຮ້ານ 60 ຮ້ານ;"], ["ປະຊຸມພະນັກງານປະຈຳເດືອນ;"]),
    ]


def _snapshot(index: str) -> list[tuple]:
    return [(t["id"], t["outcome"], tuple((x["source"], x["text"]) for x in t["tasks"]))
            for t in threads(index_dir=index)["threads"]]


def test_any_import_order_gives_the_same_threads(tmp_path):
    reports = _three_months(tmp_path)
    in_order = imported(tmp_path / "a", *reports)
    backwards = str(tmp_path / "b" / "index")
    for path in reversed(reports):  # one import per file: the newest report arrives first
        import_paths([path], backwards)
    assert _snapshot(in_order) == _snapshot(backwards)
    fair = thread_of(backwards, "ງານວາງສະແດງ")
    assert len(fair["tasks"]) == 4 and fair["outcome"] == "done"


def test_reimporting_a_changed_file_relinks_what_it_touched(tmp_path):
    september, october, november = _three_months(tmp_path)
    index = imported(tmp_path, september, october, november)
    assert thread_of(index, "ງານວາງສະແດງ")["outcome"] == "done"
    monthly(tmp_path, 11, ["ປະຊຸມພະນັກງານປະຈຳເດືອນ;"], ["ປະຊຸມພະນັກງານປະຈຳເດືອນ;"])  # November drops the fair
    summary = import_paths([november], index)
    assert summary.replaced == [str(november)]
    fair = thread_of(index, "ງານວາງສະແດງ")
    assert len(fair["tasks"]) == 3 and fair["outcome"] == "dropped"
    assert all("ມີຮ້ານ 60 ຮ້ານ" not in text for t in threads(index_dir=index)["threads"] for text in texts(t))


def _nine_years(folder) -> list[Path]:
    """One office's reports every four months from 2016 to 2024 (three of linking's blocks): a
    monthly routine, a bridge a year (named by its number, so each is its own thread), and one
    report that names no period."""
    reports = []
    for year in range(2016, 2025):
        bridge = f"ຂົວ ແຫ່ງທີ {year - 2015}"
        for step, month in enumerate((2, 6, 10)):
            reports.append(monthly(folder, month, ["ປະຊຸມພະນັກງານປະຈຳເດືອນ;", f"ກໍ່ສ້າງ{bridge} ໄດ້ {30 * step + 30}%;"],
                                   ["ປະຊຸມພະນັກງານປະຈຳເດືອນ;", f"ສືບຕໍ່ກໍ່ສ້າງ{bridge};"], year=year))
    reports.append(monthly(folder, 3, ["ປະຊຸມພະນັກງານປະຈຳເດືອນ;"], ["ຂຽນບົດລາຍງານປະຈຳປີ;"], period="ໄລຍະຜ່ານມາ",
                           plan="ໄລຍະຕໍ່ໄປ", name="undated.txt"))
    return reports


def test_threads_over_years_do_not_depend_on_the_order_of_imports(tmp_path):
    """The later years imported before the earlier ones (so the routine's thread gains its first
    tasks last and is renamed in the years after), or all at once: the same threads."""
    reports = _nine_years(tmp_path)
    at_once = imported(tmp_path / "a", *reports)
    later_first = str(tmp_path / "b" / "index")
    import_paths(reports[12:], later_first)
    import_paths(reports[:12], later_first)
    assert _snapshot(later_first) == _snapshot(at_once)
    routine = thread_of(at_once, "ປະຊຸມພະນັກງານ")
    assert len(routine["tasks"]) == 2 * len(reports) - 1 and routine["first_period"] == "2016-02"  # undated: its plan
    bridges = threads("ກໍ່ສ້າງຂົວ", at_once)
    assert bridges["total"] == 9 and all(len(bridge["tasks"]) == 6 for bridge in bridges["threads"])


def test_a_changed_report_of_an_early_year_relinks_as_linking_from_nothing_would(tmp_path):
    reports = _nine_years(tmp_path)
    index = imported(tmp_path, *reports)
    # June 2017 no longer mentions its bridge: the bridge of 2017 loses a mention, the rest stays
    monthly(tmp_path, 6, ["ປະຊຸມພະນັກງານປະຈຳເດືອນ;"], ["ປະຊຸມພະນັກງານປະຈຳເດືອນ;"], year=2017)
    assert import_paths([reports[4]], index).replaced == [str(reports[4])]
    from_nothing = imported(tmp_path / "again", *reports)
    assert _snapshot(index) == _snapshot(from_nothing)
    assert len(thread_of(index, "ຂົວ ແຫ່ງທີ 2")["tasks"]) == 4


def test_pruning_a_deleted_report_relinks_its_threads(tmp_path):
    """The file of June 2017 deleted and pruned: its tasks leave their threads, which become what
    an archive that never had it makes."""
    reports = _nine_years(tmp_path)
    index = imported(tmp_path, *reports)
    reports[4].unlink()
    assert prune([tmp_path], index)["removed"] == [str(reports[4])]
    assert _snapshot(index) == _snapshot(imported(tmp_path / "without", *reports[:4], *reports[5:]))
    assert len(thread_of(index, "ຂົວ ແຫ່ງທີ 2")["tasks"]) == 4


def test_threads_come_a_page_at_a_time_oldest_first_with_their_total(tmp_path):
    index = imported(tmp_path, *_nine_years(tmp_path))
    everything = threads(index_dir=index)
    assert everything["total"] == len(everything["threads"]) == 11  # routine, 9 bridges, the undated plan
    firsts = [thread["first_period"] for thread in everything["threads"]]
    assert firsts == ["2016-02", "2016-02", *(f"{year}-02" for year in range(2017, 2025)), None]  # undated last
    page = threads(index_dir=index, limit=2, offset=1)
    assert page["total"] == 11 and page["threads"] == everything["threads"][1:3]
    assert threads(index_dir=index, limit=5, offset=20) == {"threads": [], "total": 11}
    assert threads("ກໍ່ສ້າງຂົວ", index, date_from="2020", date_to="2021", limit=1)["total"] == 2
    result = CliRunner().invoke(cli, ["threads", "ກໍ່ສ້າງຂົວ", "--index", index, "--limit", "2"])
    lines = result.output.splitlines()
    assert lines[0] == "9 threads for ກໍ່ສ້າງຂົວ (the oldest 2)"
    assert lines[-1] == "7 more threads: add --limit 9 to see them all, or narrow the list with a query, --from, --to or --outcome"


def test_two_offices_never_share_a_thread(tmp_path):
    """Two offices planning and doing the same thing in the same words: two threads."""
    reports = []
    offices = (("ພະແນກກະສິກຳ ແລະ ປ່າໄມ້", "ແຈກຢາຍແນວພັນເຂົ້າ;"), ("ພະແນກສາທາລະນະສຸກ", "ກວດສຸຂະພາບ ນັກຮຽນ;"))
    for organization, extra in offices:
        name = "farming" if "ກະສິກຳ" in organization else "health"
        reports += [
            monthly(tmp_path, 1, [extra], ["ສ້ອມແປງເຄື່ອງປັບອາກາດ ຫ້ອງການ;"], organization=organization,
                    name=f"{name}-01.txt"),
            monthly(tmp_path, 2, ["ສ້ອມແປງເຄື່ອງປັບອາກາດ ຫ້ອງການ ສຳເລັດ;"], [extra], organization=organization,
                    name=f"{name}-02.txt"),
        ]
    index = imported(tmp_path, *reports)
    found = threads("ເຄື່ອງປັບອາກາດ", index)["threads"]
    assert sorted([t["office"], [x["source"].rsplit("/", 1)[-1] for x in t["tasks"]]] for t in found) == [
        ["ພະແນກກະສິກຳ ແລະ ປ່າໄມ້ / ແຂວງບໍລິຄຳໄຊ", ["farming-01.txt", "farming-02.txt"]],
        ["ພະແນກສາທາລະນະສຸກ / ແຂວງບໍລິຄຳໄຊ", ["health-01.txt", "health-02.txt"]],
    ]


def test_a_quarterly_summary_joins_the_threads_of_its_months(tmp_path):
    reports = [
        monthly(tmp_path, 1, ["ປະຊຸມພະນັກງານປະຈຳເດືອນ;"], ["ສັກຢາກັນພະຍາດ ງົວ ຄວາຍ ຢູ່ 6 ບ້ານ;"]),
        monthly(tmp_path, 2, ["ສັກຢາກັນພະຍາດ ງົວ ຄວາຍ ໄດ້ 4 ບ້ານ;"], ["ສືບຕໍ່ສັກຢາກັນພະຍາດ ງົວ ຄວາຍ;"]),
        monthly(tmp_path, 3, ["ສັກຢາກັນພະຍາດ ງົວ ຄວາຍ ຄົບ 6 ບ້ານ ສຳເລັດ;"], ["ປະຊຸມພະນັກງານປະຈຳເດືອນ;"]),
        monthly(tmp_path, 3, ["ສັກຢາກັນພະຍາດ ງົວ ຄວາຍ 6 ບ້ານ ຈຳນວນ 1.200 ໂຕ;", "ປະຊຸມພະນັກງານປະຈຳເດືອນ 3 ຄັ້ງ;"],
                ["ກະກຽມລະດູປູກຝັງ;"], name="2022-Q1.txt", period="ໄຕມາດ I ປີ 2022", plan="ໄຕມາດ II ປີ 2022"),
    ]
    index = imported(tmp_path, *reports)
    vaccine = thread_of(index, "ສັກຢາ")
    assert [t["period"] for t in vaccine["tasks"]] == ["2022-02", "2022-02", "2022-03", "2022-03", "2022-Q1"]
    assert vaccine["outcome"] == "done"
    meeting = thread_of(index, "ປະຊຸມພະນັກງານ")
    assert [t["period"] for t in meeting["tasks"]] == ["2022-01", "2022-Q1", "2022-04"]


def test_a_task_table_row_is_a_task(tmp_path):
    """A plan written as a table (ວຽກງານ | ຜູ້ຮັບຜິດຊອບ | ກຳນົດເວລາ, made by LibreOffice from
    data/src/2022-06_table.html), then reported as a bullet in July."""
    june = tmp_path / "2022-06.docx"
    shutil.copy(TABLE_REPORT, june)
    july = monthly(tmp_path, 7, ["ຝຶກອົບຮົມ ການລ້ຽງປາ ໃຫ້ຊາວບ້ານ 3 ບ້ານ ສຳເລັດ;", "ສ້ອມແປງລົດບັນທຸກ ສຳເລັດ;"],
                   ["ປະຊຸມພະນັກງານປະຈຳເດືອນ;"])
    index = imported(tmp_path, june, july)
    for words in ("ລ້ຽງປາ", "ລົດບັນທຸກ"):
        found = thread_of(index, words)
        assert [(t["status"], t["source"].rsplit("/", 1)[-1]) for t in found["tasks"]] == [
            ("planned", "2022-06.docx"), ("done", "2022-07.txt")]
        assert found["outcome"] == "done"


def test_an_import_that_died_before_the_thread_update_is_caught_up(tmp_path, monkeypatch):
    """The Whoosh commit landed, the thread update did not: the next reader brings threads up to date."""
    september, october, november = _three_months(tmp_path)
    index = imported(tmp_path, september, october)
    monkeypatch.setattr(importer_module, "record_threads", lambda store, reports, gone: None)
    monkeypatch.setattr(importer_module, "relink_threads", lambda store: None)
    import_paths([november], index)
    monkeypatch.undo()
    fair = thread_of(index, "ງານວາງສະແດງ")
    assert len(fair["tasks"]) == 4 and fair["outcome"] == "done"


def test_a_lost_or_damaged_threads_file_is_rebuilt_from_the_index(tmp_path):
    index = imported(tmp_path, *_three_months(tmp_path))
    before = _snapshot(index)
    store = tmp_path / "index" / "threads.sqlite"
    store.unlink()
    assert _snapshot(index) == before
    for sidecar in ("threads.sqlite-wal", "threads.sqlite-shm"):
        (tmp_path / "index" / sidecar).unlink(missing_ok=True)
    store.write_bytes(b"not a database " * 100)
    assert _snapshot(index) == before


def test_hits_tasks_and_reports_carry_thread_ids(tmp_path):
    index = imported(tmp_path, *_three_months(tmp_path))
    fair = thread_of(index, "ງານວາງສະແດງ")
    hits = search("ງານວາງສະແດງ", index, kind="task").to_dict()["hits"]
    assert {hit["thread"] for hit in hits} == {fair["id"]}
    assert all("thread" not in hit for hit in search("ງານວາງສະແດງ", index, kind="section").to_dict()["hits"])
    listed = [t for t in list_tasks(index)["tasks"] if "ງານວາງສະແດງ" in t["text"]]
    assert {(t["thread"], t["outcome"]) for t in listed} == {(fair["id"], "done")}
    october = show_report("2022-10.txt", index).to_dict()
    assert [(t["thread"], t["outcome"]) for t in october["tasks"]] == [(fair["id"], "done")] * 2


def test_threads_command_prints_each_timeline_under_its_outcome(tmp_path):
    index = imported(tmp_path, *_three_months(tmp_path))
    result = CliRunner().invoke(cli, ["threads", "ງານວາງສະແດງ", "--index", index])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "1 thread for ງານວາງສະແດງ"
    assert lines[2].startswith("DONE  2022-10 → 2022-11  (4 mentions)")
    assert lines[3:] == [
        "  2022-10  planned  ກະກຽມງານວາງສະແດງ ຜະລິດຕະພັນກະສິກຳ;",
        "  2022-10  done     ກະກຽມງານວາງສະແດງ ຜະລິດຕະພັນກະສິກຳ ສຳເລັດ;",
        "  2022-11  planned  ຈັດງານວາງສະແດງ ຜະລິດຕະພັນກະສິກຳ ຢູ່ເດີ່ນແຂວງ;",
        "  2022-11  done     ຈັດງານວາງສະແດງ ຜະລິດຕະພັນກະສິກຳ ສຳເລັດ ມີຮ້ານ 60 ຮ້ານ;",
    ]
    as_json = json.loads(CliRunner().invoke(cli, ["threads", "ງານວາງສະແດງ", "--index", index, "--json"]).output)
    assert as_json == threads("ງານວາງສະແດງ", index)
    assert set(as_json["threads"][0]) == {"id", "outcome", "office", "first_period", "last_period", "tasks"}
    assert set(as_json["threads"][0]["tasks"][0]) == {"report", "source", "period", "status", "section", "text"}
    shown = CliRunner().invoke(cli, ["show", "2022-10.txt", "--index", index]).output
    assert "· ກະກຽມງານວາງສະແດງ ຜະລິດຕະພັນກະສິກຳ ສຳເລັດ;  [done]" in shown
    bad = CliRunner().invoke(cli, ["threads", "--outcome", "lost", "--index", index])
    assert bad.exit_code == 2 and "lost" in bad.output


def test_filters_by_period_and_outcome(tmp_path):
    index = imported(tmp_path, *_three_months(tmp_path))
    assert threads("ງານວາງສະແດງ", index, date_from="2022-11")["threads"]
    assert not threads("ງານວາງສະແດງ", index, date_to="2022-09")["threads"]
    assert not threads("ງານວາງສະແດງ", index, outcome="open")["threads"]
    with pytest.raises(QueryError, match="'lost' is not one of done, open, dropped"):
        threads(index_dir=index, outcome="lost")
    with pytest.raises(QueryError, match="'2022-09' ends before '2022-11' begins") as refused:
        threads(index_dir=index, date_from="2022-11", date_to="2022-09")
    assert refused.value.param == "date_to"


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory):
    index = str(tmp_path_factory.mktemp("corpus") / "index")
    import_paths([CORPUS], index)
    return index


def test_the_medal_thread_runs_from_its_idea_to_its_end(corpus_index):
    """`laoreport threads ຫຼຽນທີ່ລະນຶກ`: one thread over 11 periods, idea in February 2019 to the
    last 12 medals stored in February 2020, done."""
    medals = thread_of(corpus_index, "ຫຼຽນທີ່ລະນຶກ")
    periods = list(dict.fromkeys(t["period"] for t in medals["tasks"]))
    assert periods == ["2019-02", "2019-03", "2019-04", "2019-05", "2019-06", "2019-07", "2019-08",
                       "2019-09", "2019-Q3", "2019", "2020-02"]
    assert medals["tasks"][0]["text"].startswith("ຄົ້ນຄວ້າແນວຄວາມຄິດ ການຜະລິດຫຼຽນທີ່ລະນຶກ")
    assert medals["tasks"][0]["status"] == "planned"
    assert medals["tasks"][-1]["text"].startswith("ສັງລວມບັນຊີ ຫຼຽນທີ່ລະນຶກ ທີ່ຍັງເຫຼືອ 12 ອັນ")
    assert medals["outcome"] == "done"
    assert thread_of(corpus_index, "ຫລຽນທີ່ລະນຶກ") == medals  # any spelling
    assert thread(medals["id"], corpus_index) == medals  # and by its id, as the web page links it


def test_an_unknown_thread_id_says_where_ids_come_from(corpus_index):
    with pytest.raises(ThreadNotFoundError, match="laoreport threads"):
        thread("0123456789ab", corpus_index)


@pytest.mark.parametrize("query", ["ຫຼຽນທີ່ລະນຶກ", "ສ້ອມແປງ", "ຫລຽນ ສຳເລັດ", '"ກອງປະຊຸມ ໃຫຍ່" OR ຄອມພິວເຕີ', "2019",
                                   "ສືບຕໍ່ ຫຼຽນ", "ລະນຶກ"])
def test_a_query_finds_the_threads_of_the_tasks_search_finds(corpus_index, query):
    """`threads QUERY` reads the query as search does: the threads having a task search finds."""
    hits = search(query, corpus_index, kind="task", limit=100_000)
    found = threads(query, corpus_index)
    assert found["total"] == len(found["threads"]) > 0
    assert {thread["id"] for thread in found["threads"]} == {hit.thread for hit in hits.hits}


def test_every_corpus_task_is_in_exactly_one_thread(corpus_index):
    found = threads(index_dir=corpus_index)["threads"]
    keys = [(t["report"], t["source"], t["text"], t["status"]) for thread in found for t in thread["tasks"]]
    assert len(keys) == len(set(keys)) == list_tasks(corpus_index)["total"]


def test_the_sample_archive_meets_the_thread_targets():
    """scripts/eval_threads.py on corpus/ and on the held-out offices (F1 0.95 and every outcome on corpus/)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("eval_threads", CORPUS.parent / "scripts" / "eval_threads.py")
    evaluation = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = evaluation  # dataclasses look their module up
    spec.loader.exec_module(evaluation)
    corpus, heldout = (evaluation.evaluate(path) for path in evaluation.DEFAULT)
    assert corpus.f1 >= 0.95 and corpus.outcomes_right == corpus.outcomes and not corpus.unmatched
    assert heldout.f1 >= 0.9 and heldout.outcomes_right == heldout.outcomes
