"""The command line through click's CliRunner: output, --json, errors as one line."""

import json
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import without_root_override, write_report
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
])
def test_usage_errors_exit_2_naming_the_option(runner, imported, args, option, message):
    result = runner.invoke(cli, [*args, "--index", str(imported[1])])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == f"Error: Invalid value for '{option}': {message}"
    assert "Traceback" not in result.output


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
