"""The open index a process keeps: it sees each commit, serves threads, and reads old indexes clearly."""

from __future__ import annotations

import threading

import pytest

from conftest import write_report
from laoreport.archive import import_paths, search
from laoreport.archive.store import Store
from laoreport.errors import ArchiveError


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    write_report(folder, "2019-05.txt")
    return folder


def test_a_long_running_process_sees_new_reports_without_a_restart(folder, tmp_path):
    index = tmp_path / "index"
    import_paths([folder], index)
    assert search("ທາສີອາຄານ", index).total == 1
    store = Store.open(index)
    write_report(folder, "2019-06.txt", period="ເດືອນ ມິຖຸນາ 2019", plan="ເດືອນ ກໍລະກົດ 2019",
                 planned="ສືບຕໍ່ທາສີອາຄານ ອອປສ;")
    import_paths([folder], index)
    assert Store.open(index) is store  # the same open index, reopened on the new commit
    assert search("ທາສີອາຄານ", index).total == 2
    write_report(folder, "2019-05.txt", planned="ກະກຽມປູພົມຫ້ອງປະຊຸມ;")  # replaced: its old task is gone
    import_paths([folder], index)
    assert [h.source.rsplit("/", 1)[-1] for h in search("ທາສີອາຄານ", index).hits] == ["2019-06.txt"]
    assert search("ປູພົມ", index).total == 1


def test_threads_searching_at_once_get_what_one_thread_gets(folder, tmp_path):
    for month in range(6, 10):
        write_report(folder, f"2019-{month:02d}.txt", period=f"ເດືອນ {month} 2019", done=f"ວຽກງານທີ {month} ສຳເລັດ;")
    index = tmp_path / "index"
    import_paths([folder], index)
    queries = ["ສຳເລັດ", "ຫຼຽນທີ່ລະນຶກ", "ວຽກງານທີ 7", "ທາສີ", "ອອປສ"]
    expected = {q: search(q, index, limit=None).to_dict() for q in queries}
    failures = []

    def run():
        for _ in range(20):
            for query in queries:
                if search(query, index, limit=None).to_dict() != expected[query]:
                    failures.append(query)

    threads = [threading.Thread(target=run) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_an_index_made_by_an_older_laoreport_says_to_import_again(tmp_path):
    from whoosh import index as whoosh_index
    from whoosh.fields import ID, TEXT, Schema

    old = tmp_path / "old"
    old.mkdir()
    whoosh_index.create_in(old, Schema(doc_id=ID(stored=True), words=TEXT), indexname="laoreport")
    with pytest.raises(ArchiveError, match="older laoreport.*import"):
        search("ຫຼຽນ", old)
