"""The command line through click's CliRunner: output, --json, errors as one line."""

import csv
import io
import json
import os
import pty
import shutil
import subprocess
import sys
import unicodedata

import pytest
from click.testing import CliRunner

from conftest import CORPUS, without_root_override, write_report
from laoreport.cli import cli


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def imported(tmp_path, runner):
    folder = tmp_path / "ບົດລາຍງານ 2019"
    folder.mkdir()
    write_report(folder, "2019-05.txt")
    write_report(folder, "2019-06 ມິຖຸນາ.txt", period="ເດືອນ ມິຖຸນາ 2019", plan="ເດືອນ ກໍລະກົດ 2019",
                 done="ອອກແບບຫລຽນທີ່ລະນຶກ ສໍາເລັດ;")
    index = tmp_path / "index"
    result = runner.invoke(cli, ["import", str(folder), "--index", str(index)])
    assert result.exit_code == 0, result.output
    assert "imported 2" in result.output and "failed 0" in result.output
    return folder, index


def test_search_groups_hits_by_period_with_lao_month_names(runner, imported):
    result = runner.invoke(cli, ["search", "ຫຼຽນທີ່ລະນຶກ", "--index", str(imported[1])])
    assert result.exit_code == 0
    may, june = result.output.index("2019-05  ພຶດສະພາ 2019"), result.output.index("2019-06  ມິຖຸນາ 2019")
    assert may < june
    assert "«ຫລຽນທີ່ລະນຶກ»" in result.output


def test_search_cut_short_says_how_many_more_and_how_to_see_them(runner, imported):
    every = json.loads(runner.invoke(cli, ["search", "ການ", "--index", str(imported[1]), "--json", "--limit", "100"]).output)
    result = runner.invoke(cli, ["search", "ການ", "--index", str(imported[1]), "--limit", "2"])
    total = every["total"]
    assert total > 2 and result.output.startswith(f"{total} hits for ການ (the best 2, by period)")
    one = runner.invoke(cli, ["search", "ອອກແບບຫລຽນ", "--index", str(imported[1])])
    assert one.output.startswith("1 hit for ອອກແບບຫລຽນ\n")
    assert result.output.rstrip().endswith(f"{total - 2} more hits: add --limit {total} to see them all, "
                                           "or narrow the search with --from, --to, --kind or --status")
    shown = [line for line in result.output.splitlines() if line.startswith("20")]
    assert shown == sorted(shown)  # periods oldest first


def test_search_json_keeps_lao_unescaped(runner, imported):
    result = runner.invoke(cli, ["search", "ລະນຶກ", "--index", str(imported[1]), "--kind", "task", "--json"])
    data = json.loads(result.output)
    assert "ລະນຶກ" in result.output
    assert data["query"] == "ລະນຶກ" and data["total"] == 2
    assert set(data["hits"][0]) >= {"kind", "report", "source", "period", "status", "section", "text", "snippet", "score"}
    assert {h["status"] for h in data["hits"]} == {"done"}


def test_no_results_says_so(runner, imported):
    result = runner.invoke(cli, ["search", "ຄອມພິວເຕີ", "--index", str(imported[1])])
    assert result.exit_code == 0 and result.output.startswith("no results for ຄອມພິວເຕີ")


@pytest.mark.parametrize(("args", "option", "message"), [
    (["search", "ຫຼຽນ", "--from", "May"], "--from", "'May' is not a period: write 2019, 2019-06, 2019-Q3 or 2019-H1"),
    (["search", "ຫຼຽນ", "--kind", "page"], "--kind", "'page' is not one of 'report', 'section', 'task'."),
    (["search", "ຫຼຽນ", "--from", "2019-06", "--to", "2019-01"], "--to",
     "'2019-01' ends before '2019-06' begins: the range holds no period"),
    (["tasks", "--period", "2019-13"], "--period",
     "'2019-13': a month must be 01 to 12, as in 2019-06 (or write 2019-Q3)"),
    (["list", "--from", "2020", "--to", "2019-Q4"], "--to", "'2019-Q4' ends before '2020' begins: the range holds no period"),
    (["search", " ... "], "QUERY", "' ... ' has nothing to search for: a query holds Lao or Latin words or numbers"),
    (["tasks", "--period", "2019-06", "--from", "2020"], "--period",
     "a period is a range of its own: give it, or a range from/to, not both"),
    (["threads", "--from", "2020", "--to", "2019"], "--to", "'2019' ends before '2020' begins: the range holds no period"),
    (["threads", "--from", "xx"], "--from", "'xx' is not a period: write 2019, 2019-06, 2019-Q3 or 2019-H1"),
    (["threads", "!!!"], "[QUERY]", "'!!!' has nothing to search for: a query holds Lao or Latin words or numbers"),
    (["threads", "ກ" * 1001], "[QUERY]",
     "the query is 1,001 characters long; a query may have at most 1,000: search for a shorter phrase from it"),
])
def test_usage_errors_exit_2_naming_the_option(runner, imported, args, option, message):
    result = runner.invoke(cli, [*args, "--index", str(imported[1])])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == f"Error: Invalid value for '{option}': {message}"
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", [["search", "ຫຼຽນ"], ["tasks"], ["list"]])
def test_json_and_csv_together_is_a_usage_error(runner, imported, command):
    result = runner.invoke(cli, [*command, "--json", "--csv", "--index", str(imported[1])])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == "Error: --json and --csv print the same results in two formats: choose one"


def test_latin_words_and_numbers_are_queries(runner, imported):
    for query in ["MOU", "2019", "ສະບັບທີ 11"]:
        result = runner.invoke(cli, ["search", query, "--index", str(imported[1])])
        assert result.exit_code == 0 and " hits for " in result.output.splitlines()[0], query


def test_missing_index(runner, tmp_path):
    result = runner.invoke(cli, ["stats", "--index", str(tmp_path / "none")])
    assert result.exit_code == 1 and "run `laoreport import FOLDER` first" in result.output
    assert "Traceback" not in result.output


def test_import_failure_exits_1_with_one_line_per_file(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_report(folder, "ok.txt")
    (folder / "empty.docx").write_bytes(b"")
    result = runner.invoke(cli, ["import", str(folder), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {folder / 'empty.docx'}: the file is empty"]
    assert "imported 1" in result.output


def test_import_json_summary(runner, imported):
    result = runner.invoke(cli, ["import", str(imported[0]), "--index", str(imported[1]), "--json"])
    assert json.loads(result.output)["skipped"] == 2


def test_show_tasks_stats(runner, imported):
    index = str(imported[1])
    shown = runner.invoke(cli, ["show", "2019-05.txt", "--index", index])
    assert "period: 2019-05  ພຶດສະພາ 2019" in shown.output and "III." in shown.output
    as_json = json.loads(runner.invoke(cli, ["show", "2019-05.txt", "--index", index, "--json"]).output)
    assert as_json["plan_period"] == "2019-06"
    tasks = json.loads(runner.invoke(cli, ["tasks", "--period", "2019-06", "--status", "planned", "--index", index, "--json"]).output)
    assert tasks["total"] == 2
    assert [t["text"] for t in tasks["tasks"]] == ["ກະກຽມທາສີອາຄານ ອອປສ;", "ພິມວາລະສານໄອຍະການ ສະບັບທີ 11;"]
    figures = json.loads(runner.invoke(cli, ["stats", "--index", index, "--json"]).output)
    assert (figures["reports"], figures["periods"]) == (2, ["2019-05", "2019-06"])


def test_index_from_environment(runner, imported, monkeypatch):
    monkeypatch.setenv("LAOREPORT_INDEX", str(imported[1]))
    assert json.loads(runner.invoke(cli, ["stats", "--json"]).output)["reports"] == 2


def test_tokenize_json_offsets_point_into_the_text(runner):
    text = "ກະກຽມຜຼິດຫລຽນທີ່ລະນຶກ MOU"
    data = json.loads(runner.invoke(cli, ["tokenize", text, "--json"]).output)
    assert data["text"] == text and "ຫຼຽນ" in data["normalized"]
    assert [text[w["start"]:w["end"]] for w in data["words"]][-1] == "MOU"
    assert "ລະ" in [s["norm"] for s in data["syllables"]]


def test_parse_writes_json(runner, tmp_path):
    source = write_report(tmp_path, "r.txt")
    out = tmp_path / "r.json"
    result = runner.invoke(cli, ["parse", str(source), "--out", str(out)])
    assert result.exit_code == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert (report["period"], report["header"]["number"]) == ("2019-05", "07/ໜພຫກ")


def test_parse_out_into_a_missing_folder_says_what_to_do(runner, tmp_path):
    source = write_report(tmp_path, "r.txt")
    result = runner.invoke(cli, ["parse", str(source), "--out", str(tmp_path / "no such folder" / "r.json")])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"Error: cannot write {tmp_path / 'no such folder' / 'r.json'}: No such file or directory; "
        f"create the folder {tmp_path / 'no such folder'} first, or choose another --out"
    ]


def test_an_index_under_a_file_says_what_to_do(runner, tmp_path):
    source = write_report(tmp_path, "r.txt")
    result = runner.invoke(cli, ["import", str(source), "--index", str(source / "index")])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"Error: cannot write the index at {source / 'index'}: Not a directory; "
        "choose a folder you can write with --index DIR (or $LAOREPORT_INDEX)"
    ]


def _laoreport(*args, prefix=(), **options):
    return subprocess.run([*prefix, sys.executable, "-m", "laoreport", *map(str, args)],
                          capture_output=True, text=True, **options)


def test_read_only_folders_are_one_line_errors(tmp_path, imported):
    prefix = without_root_override()
    source = write_report(tmp_path, "r.txt")
    read_only = tmp_path / "read-only"
    read_only.mkdir()
    shutil.copytree(imported[1], read_only / "index")
    read_only.chmod(0o555)
    for path in (read_only / "index", read_only / "index" / "import.lock"):
        path.chmod(0o555 if path.is_dir() else 0o444)
    cases = [
        (["parse", source, "--out", read_only / "r.json"],
         f"Error: cannot write {read_only / 'r.json'}: Permission denied; choose a folder you can write to with --out"),
        (["import", source, "--index", read_only / "new index"],
         f"Error: cannot write the index at {read_only / 'new index'}: Permission denied; "
         "choose a folder you can write with --index DIR (or $LAOREPORT_INDEX)"),
        (["import", source, "--index", read_only / "index"],
         f"Error: cannot write the index at {read_only / 'index'}: Permission denied; "
         "choose a folder you can write with --index DIR (or $LAOREPORT_INDEX)"),
    ]
    for args, line in cases:
        result = _laoreport(*args, prefix=prefix)
        assert (result.returncode, result.stdout, result.stderr) == (1, "", line + "\n"), args
    searched = _laoreport("search", "ລະນຶກ", "--index", read_only / "index", prefix=prefix)
    assert searched.returncode == 0 and "hits for ລະນຶກ" in searched.stdout  # a read-only index still answers


def _display_width(text):
    return sum(unicodedata.category(c) not in ("Mn", "Me", "Cf") for c in text)


def _csv_rows(result):
    data = result.stdout_bytes
    assert data.startswith("\ufeff".encode("utf-8"))  # Excel reads the file as UTF-8 and shows Lao
    return list(csv.DictReader(io.StringIO(data.decode("utf-8")[1:])))


def test_list_shows_one_aligned_line_per_report(runner, imported, monkeypatch):
    folder, index = imported
    monkeypatch.chdir(folder.parent)
    result = runner.invoke(cli, ["list", "--index", str(index)])
    lines = result.output.splitlines()
    assert lines[-1] == "2 reports"
    sources = [f"{folder.name}/2019-05.txt", f"{folder.name}/2019-06 ມິຖຸນາ.txt"]
    assert [line.split()[1:5] for line in lines[:2]] == [
        ["2019-05", "summary", "07/ໜພຫກ", "2019-06-05"], ["2019-06", "summary", "07/ໜພຫກ", "2019-06-05"]]
    assert all(source in line for line, source in zip(lines, sources))
    assert len({_display_width(line[:line.index("ບົດສະຫຼຸບ")]) for line in lines[:2]}) == 1  # titles line up
    as_json = json.loads(runner.invoke(cli, ["list", "--index", str(index), "--json"]).output)
    assert as_json["total"] == 2 and as_json["reports"][0]["source"] == str(folder / "2019-05.txt")
    rows = _csv_rows(runner.invoke(cli, ["list", "--index", str(index), "--csv"]))
    assert [r["source"] for r in rows] == sources and rows[0]["title"].startswith("ບົດສະຫຼຸບ")


def test_tasks_show_their_file_in_aligned_columns(runner, imported, monkeypatch):
    folder, index = imported
    monkeypatch.chdir(folder)
    result = runner.invoke(cli, ["tasks", "ລະນຶກ", "--from", "2019-05", "--to", "2019-06", "--index", str(index)])
    lines = result.output.splitlines()
    assert lines[-1] == "2 tasks"
    assert [line.split()[:4] for line in lines[:2]] == [["2019-05", "done", "I/1", "2019-05.txt"],
                                                        ["2019-06", "done", "I/1", "2019-06"]]
    assert len({_display_width(line[:line.index("ອອກແບບ" if "ອອກແບບ" in line else "ສ້າງແຜນ")])
                for line in lines[:2]}) == 1
    only_june = runner.invoke(cli, ["tasks", "--source", "2019-06 ມິຖຸນາ.txt", "--status", "planned",
                                    "--index", str(index), "--json"])
    data = json.loads(only_june.output)
    assert data["total"] == 2 and {t["source"] for t in data["tasks"]} == {str(folder / "2019-06 ມິຖຸນາ.txt")}
    assert all(t["carried_over"] is False for t in data["tasks"])
    rows = _csv_rows(runner.invoke(cli, ["tasks", "--period", "2019-06", "--csv", "--index", str(index)]))
    assert list(rows[0]) == ["period", "status", "section", "carried_over", "text", "source", "report", "thread",
                             "outcome"]
    assert {r["section"] for r in rows} == {"I/1", "III/1"} and rows[0]["source"] == "2019-05.txt"


def test_search_csv(runner, imported):
    rows = _csv_rows(runner.invoke(cli, ["search", "ລະນຶກ", "--kind", "task", "--csv", "--index", str(imported[1])]))
    assert sorted((r["period"], r["kind"], r["status"], r["section"], r["text"]) for r in rows) == [
        ("2019-05", "task", "done", "I/1", "ສ້າງແຜນຜະລິດຫຼຽນທີ່ລະນຶກ ຄົບຮອບ 30 ປີ;"),
        ("2019-06", "task", "done", "I/1", "ອອກແບບຫລຽນທີ່ລະນຶກ ສໍາເລັດ;")]


def test_show_full_prints_the_preamble_and_paragraphs(runner, tmp_path):
    index = tmp_path / "index"
    assert runner.invoke(cli, ["import", str(CORPUS / "2019-05_seed.docx"), "--index", str(index)]).exit_code == 0
    brief = runner.invoke(cli, ["show", "2019-05_seed.docx", "--index", str(index)]).output.splitlines()
    assert "preamble  (1 paragraph)" in brief and not any(line.startswith("-.") for line in brief)
    assert "  1. ນໍາພາວຽກງານການເມືອງ-ແນວຄິດ ແລະ ຄວາມປອດໄພ  (review, 2 paragraphs)" in brief
    full = runner.invoke(cli, ["show", "2019-05_seed.docx", "--full", "--index", str(index)]).output.splitlines()
    preamble = full.index("preamble")
    assert full[preamble + 1].startswith("    ໂດຍອີງຕາມແຜນການວຽກງານຈຸດສຸມ")
    assert any(line.startswith("      ສະມາຊິກພັກທຸກສະຫາຍມີ") for line in full)


def test_show_prints_a_letters_subject_and_addressee_and_no_empty_unit(runner, tmp_path):
    from conftest import shared_path

    letter = next(shared_path("realdocs").glob("*SupremeCourt_instruction_412*.txt"))
    index = tmp_path / "index"
    runner.invoke(cli, ["import", str(letter), "--index", str(index)])
    lines = runner.invoke(cli, ["show", str(letter), "--index", str(index)]).output.splitlines()
    assert lines[2] == "ສານປະຊາຊົນສູງສຸດ   ເລກທີ 412/ສປສສ   2013"
    assert lines[3] == "subject (ເລື່ອງ): ການເກັບອາກອນຂອງລັດ ກ່ຽວກັບການພິຈາລະນາຄໍາຮ້ອງຂໍທາງແພ່ງ"
    assert lines[4].startswith("to (ເຖິງ): ບັນດາ ຫົວຫນ້າຄະນະສານ ຂອງສານປະຊາຊົນສູງສຸດ")


def test_show_lists_the_reports_a_name_matches(runner, imported, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    write_report(other, "2019-05.txt", number="44", done="ຈັດຊື້ໂຕະ 10 ໜ່ວຍ;")
    imported_too = runner.invoke(cli, ["import", str(other), "--index", str(imported[1])])
    assert imported_too.output.startswith("imported 1"), imported_too.output
    result = runner.invoke(cli, ["show", "2019-05.txt", "--index", str(imported[1])])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "Error: 2 reports match '2019-05.txt'; give the id or the path of one of them:"
    assert sorted(line.split("  ")[-1] for line in lines[1:]) == sorted(
        [str(other / "2019-05.txt"), str(imported[0] / "2019-05.txt")])


def test_show_a_duplicate_says_so(runner, imported):
    folder, index = imported
    (folder / "copy.txt").write_bytes((folder / "2019-05.txt").read_bytes())
    runner.invoke(cli, ["import", str(folder), "--index", str(index)])
    result = runner.invoke(cli, ["show", "copy.txt", "--index", str(index)])
    assert result.output.splitlines()[0] == (
        f"duplicate: {folder / 'copy.txt'} has the same text as {folder / '2019-05.txt'}; showing that report")


def test_stats_are_readable_lines(runner, imported):
    lines = runner.invoke(cli, ["stats", "--index", str(imported[1])]).output.splitlines()
    assert lines[1:] == [
        "2 reports, 10 sections, 8 tasks (4 done, 4 planned)",
        "periods: 2, from 2019-05 to 2019-06",
        "document types: summary 2",
        "offices: ຄະນະບໍລິຫານງານພັກ ອອປສ 2",
    ]


def test_import_lists_files_gone_and_prune_removes_them(runner, imported):
    folder, index = imported
    (folder / "2019-05.txt").rename(folder / "renamed.txt")
    (folder / "2019-06 ມິຖຸນາ.txt").unlink()
    result = runner.invoke(cli, ["import", str(folder), "--index", str(index)])
    assert result.output.splitlines() == [
        f"moved: {folder / 'renamed.txt'} was imported as {folder / '2019-05.txt'}",
        f"missing: {folder / '2019-06 ມິຖຸນາ.txt'} no longer exists; `laoreport prune` removes it from the index",
        "imported 0 (replaced 0), skipped 0 unchanged, duplicates 0, failed 0, moved 1, missing 1",
    ]
    pruned = runner.invoke(cli, ["prune", "--index", str(index)])
    assert pruned.output.splitlines() == [f"removed: {folder / '2019-06 ມິຖຸນາ.txt'}", "removed 1 file that no longer exists"]
    again = runner.invoke(cli, ["prune", str(folder), "--index", str(index), "--json"])
    assert json.loads(again.output) == {"removed": []}


def test_output_cut_by_a_pipe_exits_0_quietly(imported):
    process = subprocess.Popen([sys.executable, "-m", "laoreport", "tasks", "--index", str(imported[1])],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # `| head`: the reader is gone before the lines come
    error = process.stderr.read()
    assert (process.wait(), error) == (0, b"")


def _on_a_terminal(args, **env):
    """Run laoreport with its output on a pseudo-terminal, as a person sees it."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "laoreport", *args], stdout=follower, stderr=follower,
                               env={**os.environ, **env})
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal is closed: the command ended
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    process.wait()
    return output.decode("utf-8")


def test_colour_on_a_terminal_unless_no_color(imported):
    args = ["search", "ລະນຶກ", "--index", str(imported[1])]
    assert "\x1b[1;33mລະນຶກ\x1b[0m" in _on_a_terminal(args)
    plain = _on_a_terminal(args, NO_COLOR="1")
    assert "\x1b[" not in plain and "«ລະນຶກ»" in plain
