"""The command line through click's CliRunner: output, --json, errors as one line."""

import json

import pytest
from click.testing import CliRunner

from conftest import write_report
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


def test_bad_period_is_a_one_line_error(runner, imported):
    result = runner.invoke(cli, ["search", "ຫຼຽນ", "--index", str(imported[1]), "--from", "May"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == ["Error: 'May' is not a period: write 2019, 2019-06, 2019-Q3 or 2019-H1"]


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
    assert [t["text"] for t in tasks] == ["ກະກຽມທາສີອາຄານ ອອປສ;", "ພິມວາລະສານໄອຍະການ ສະບັບທີ 11;"]
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
