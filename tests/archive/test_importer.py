"""Which file is which: identity by resolved path, moved, deleted and unreadable files, duplicates."""

import json
import os
import subprocess
import sys

import pytest

from conftest import without_root_override, write_report
from laoreport.archive import display_path, import_paths, prune, search, show_report, stats
from laoreport.archive.documents import index_documents
from laoreport.archive.store import Store
from laoreport.errors import ReportNotFoundError
from laoreport.parsing import parse_report


@pytest.fixture
def reports(tmp_path, monkeypatch):
    """Three reports in a Lao-named folder, imported by a relative path from tmp_path."""
    folder = tmp_path / "ບົດລາຍງານ"
    (folder / "2019").mkdir(parents=True)
    write_report(folder, "may.txt")
    write_report(folder, "june.txt", number="08", period="ເດືອນ ມິຖຸນາ 2019", plan="ເດືອນ ກໍລະກົດ 2019",
                 done="ອອກແບບຫລຽນທີ່ລະນຶກ ສໍາເລັດ;", planned="ສ້ອມແປງລົດຕູ້ ອອປສ;")
    write_report(folder / "2019", "q3.txt", number="11", period="ໄຕມາດ III ປີ 2019", plan="ໄຕມາດ IV ປີ 2019",
                 planned="ຈັດງານລ້ຽງປີໃໝ່;")
    monkeypatch.chdir(tmp_path)
    index = tmp_path / "index"
    summary = import_paths(["ບົດລາຍງານ"], index)
    assert len(summary.imported) == 3
    return folder, index


def test_sources_are_resolved_absolute_paths(reports):
    folder, index = reports
    assert sorted(r.source.path for r in map(lambda n: show_report(n, index), ["may.txt", "june.txt", "q3.txt"])) \
        == sorted(str(p) for p in (folder / "may.txt", folder / "june.txt", folder / "2019" / "q3.txt"))


def test_every_spelling_of_a_folder_names_the_same_files(reports, tmp_path):
    folder, index = reports
    (tmp_path / "link").symlink_to(folder)
    (tmp_path / "other").mkdir()
    for spelling in [str(folder), "./ບົດລາຍງານ/", "other/../ບົດລາຍງານ", "link", str(folder / "may.txt")]:
        again = import_paths([spelling], index)
        assert (again.imported, again.duplicates, again.failed) == ([], [], []), spelling
        assert again.skipped
    assert stats(index)["reports"] == 3


def test_show_and_search_accept_any_spelling_from_any_folder(reports, tmp_path, monkeypatch):
    folder, index = reports
    expected = show_report(str(folder / "june.txt"), index).id
    monkeypatch.chdir(tmp_path / "ບົດລາຍງານ" / "2019")
    for spelling in ["../june.txt", str(folder / "june.txt"), "ບົດລາຍງານ/june.txt", "june.txt", expected[:6]]:
        assert show_report(spelling, index).id == expected, spelling
    found = search("ຫຼຽນທີ່ລະນຶກ", index, kind="task", source="../june.txt")
    assert {h.source for h in found.hits} == {str(folder / "june.txt")}
    in_folder = search("ວາລະສານ", index, kind="task", source=".")
    assert {h.source for h in in_folder.hits} == {str(folder / "2019" / "q3.txt")}


def test_paths_are_shown_relative_to_the_current_folder_when_under_it(tmp_path):
    inside = str(tmp_path / "ບົດລາຍງານ" / "may.txt")
    assert display_path(inside, tmp_path) == os.path.join("ບົດລາຍງານ", "may.txt")
    assert display_path(inside, tmp_path / "elsewhere") == inside


def test_files_gone_are_listed_by_import_and_removed_by_prune(reports, tmp_path):
    folder, index = reports
    (folder / "june.txt").unlink()
    (tmp_path / "unrelated").mkdir()
    assert import_paths(["unrelated"], index).missing == []  # only under the folders given
    summary = import_paths([folder], index)
    assert summary.missing == [str(folder / "june.txt")]
    assert search("ສ້ອມແປງລົດຕູ້", index, kind="task").total == 1  # still indexed until pruned
    assert prune([tmp_path / "unrelated"], index) == {"removed": []}
    assert prune(["ບົດລາຍງານ/"], index) == {"removed": [str(folder / "june.txt")]}
    assert search("ສ້ອມແປງລົດຕູ້", index, kind="task").total == 0
    assert stats(index)["reports"] == 2
    assert import_paths([folder], index).missing == []


def test_a_moved_file_is_followed_not_added_twice(reports):
    folder, index = reports
    old, new = folder / "june.txt", folder / "2019" / "june (copy from the old PC).txt"
    report_id = show_report(str(old), index).id
    old.rename(new)
    summary = import_paths([folder], index)
    assert summary.moved == [(str(new), str(old))]
    assert (summary.imported, summary.duplicates, summary.missing) == ([], [], [])
    assert stats(index)["reports"] == 3
    assert show_report(str(new), index).id == report_id
    assert {h.source for h in search("ສ້ອມແປງລົດຕູ້", index).hits} == {str(new)}
    with pytest.raises(ReportNotFoundError):
        show_report(str(old), index)


def test_the_same_body_under_another_number_or_office_is_another_document(reports):
    """Offices write from templates: a letter with another ເລກທີ, or another office's report, is new."""
    folder, index = reports
    write_report(folder, "may, second letter.txt", number="09")
    other_office = (folder / "may.txt").read_text(encoding="utf-8").replace("ໜ່ວຍພັກຫ້ອງການ", "ໜ່ວຍພັກກົມຈັດຕັ້ງ", 1)
    (folder / "may, other office.txt").write_text(other_office, encoding="utf-8")
    summary = import_paths([folder], index)
    assert len(summary.imported) == 2 and summary.duplicates == []
    assert stats(index)["reports"] == 5


def test_a_duplicate_is_remembered_and_takes_over_when_its_original_goes(reports):
    folder, index = reports
    copy = folder / "2019" / "may copy.txt"
    copy.write_bytes((folder / "may.txt").read_bytes() + b"\n\n")  # other bytes, same text
    first = import_paths([folder], index)
    assert first.duplicates == [(str(copy), str(folder / "may.txt"))]
    again = import_paths([folder], index)
    assert str(copy) in again.skipped and again.duplicates == []
    shown = show_report("may copy.txt", index)
    assert (shown.source.path, shown.duplicate) == (str(folder / "may.txt"), str(copy))
    assert shown.to_dict()["duplicate"] == {"file": str(copy), "same_text_as": str(folder / "may.txt")}
    (folder / "may.txt").unlink()
    taken_over = import_paths([folder], index)
    assert taken_over.moved == [(str(copy), str(folder / "may.txt"))]
    assert show_report("may copy.txt", index).duplicate is None
    assert stats(index)["reports"] == 3


def test_unreadable_files_and_folders_fail_with_their_reason(tmp_path):
    prefix = without_root_override()
    folder = tmp_path / "in"
    (folder / "locked folder").mkdir(parents=True)
    write_report(folder, "ok.txt")
    write_report(folder / "locked folder", "inside.txt", number="99")
    locked = write_report(folder, "locked.txt", number="98")
    locked.chmod(0)
    (folder / "locked folder").chmod(0)
    try:
        result = subprocess.run([*prefix, sys.executable, "-m", "laoreport", "import", str(folder),
                                 "--index", str(tmp_path / "index"), "--json"], capture_output=True, text=True)
    finally:
        (folder / "locked folder").chmod(0o755)
    assert result.returncode == 1
    summary = json.loads(result.stdout)
    reason = "cannot be read: Permission denied; check its permissions"
    assert sorted(summary["failed"], key=lambda f: f["file"]) == [
        {"file": str(folder / "locked folder"), "reason": reason},
        {"file": str(locked), "reason": reason},
    ]
    assert summary["imported"] == 1
    assert f"error: {locked}: {reason}" in result.stderr.splitlines()


def test_an_index_made_with_relative_paths_is_read_relative_to_the_current_folder(tmp_path, monkeypatch):
    """Indexes made before paths were resolved hold them as typed: `corpus/x.docx`."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    write_report(tmp_path / "in", "may.txt")
    index = tmp_path / "index"
    store = Store.open(index, create=True)
    writer = store.begin()
    for document in index_documents(parse_report("in/may.txt")):
        writer.add(document)
    writer.commit()
    assert import_paths(["in"], index).skipped == [str(tmp_path / "in" / "may.txt")]
    write_report(tmp_path / "in", "may.txt", planned="ກະກຽມປູພົມຫ້ອງປະຊຸມ;")
    assert import_paths(["in"], index).replaced == [str(tmp_path / "in" / "may.txt")]
    assert stats(index)["reports"] == 1
    assert show_report("in/may.txt", index).source.path == str(tmp_path / "in" / "may.txt")


def test_a_text_that_leaves_the_index_is_no_original_for_a_later_file(reports):
    folder, index = reports
    may, june, later = folder / "may.txt", folder / "june.txt", folder / "may_later.txt"
    later.write_bytes(may.read_bytes())  # found after may.txt in the same import
    may.write_bytes(june.read_bytes())  # may.txt now holds June's text: its own report goes
    summary = import_paths([folder], index)
    assert summary.duplicates == [(str(may), str(june))]
    assert summary.imported == [str(later)]  # May's text is in no other report: this is its report now
    assert stats(index)["reports"] == 3
    assert show_report(str(later), index).duplicate is None


def test_a_duplicate_whose_original_changed_is_imported_on_the_next_run(reports):
    folder, index = reports
    may, june, earlier = folder / "may.txt", folder / "june.txt", folder / "a copy of may.txt"
    earlier.write_bytes(may.read_bytes())  # found before may.txt: recorded as its duplicate
    may.write_bytes(june.read_bytes())  # then may.txt turns out to hold June's text
    first = import_paths([folder], index)
    assert sorted(first.duplicates) == [(str(earlier), str(may)), (str(may), str(june))]
    with pytest.raises(ReportNotFoundError, match="duplicate of a report the index no longer holds: import it again"):
        show_report(str(earlier), index)
    assert import_paths([folder], index).imported == [str(earlier)]
    assert show_report(str(earlier), index).duplicate is None
