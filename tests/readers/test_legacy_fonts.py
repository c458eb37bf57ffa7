"""Legacy Lao fonts: the LSWin table on real strings, and Word files made by LibreOffice whose runs
mix legacy fonts with Unicode ones (tests/data/src/legacy_fonts.fodt and legacy_report.fodt, made into
.docx and .doc by LibreOffice)."""

import doctest
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from laoreport.archive import import_paths, search
from laoreport.cli import cli
from laoreport.lao import normalize
from laoreport.parsing import parse_report
from laoreport.readers import legacy_fonts, read_document
from laoreport.readers.legacy_fonts import coding_table, decode, legacy_font
from conftest import REPO, shared_path

DATA = REPO / "tests" / "data"
LSWIN = coding_table("legacy_lswin.tsv")
CASES = json.loads((REPO / "tests" / "readers" / "cases" / "legacy_lswin.json").read_text(encoding="utf-8"))


def test_docstring_examples():
    result = doctest.testmod(legacy_fonts)
    assert result.attempted > 0 and result.failed == 0


def _reference_table() -> dict[str, str]:
    lines = shared_path("legacy-fonts", "lao-ascii-to-unicode.tsv").read_text(encoding="utf-8").splitlines()
    return {char: lao for char, _cp, lao, _cps in (line.split("\t") for line in lines if not line.startswith("#"))}


def test_every_entry_of_the_reference_table_reads_the_same():
    reference = _reference_table()
    assert len(reference) == 61
    assert {char: decode(char, LSWIN) for char in reference} == reference


def _readme_strings() -> list[str]:
    readme = shared_path("legacy-fonts", "README.md").read_text(encoding="utf-8")
    return re.findall(r"^- `([^`]+)`$", readme, re.MULTILINE)


def test_the_readme_strings_read_as_the_reference_table_reads_them():
    strings = _readme_strings()
    assert len(strings) == 5
    reference = _reference_table()
    for legacy in strings:
        reading = decode(legacy, LSWIN)
        assert reading == "".join(reference.get(char, char) for char in legacy)
        assert not re.search(r"[\u0080-\u00ff]", reading)  # every legacy character was read
    readme = shared_path("legacy-fonts", "README.md").read_text(encoding="utf-8")
    legacy, reading = re.search(r"such\s+as `([^`]+)`, which should read (\S+?)\.", readme).groups()
    assert decode(legacy, LSWIN) == reading == "ເຮັດໃຫ້ແຕກ"
    assert decode(strings[0], LSWIN).startswith(reading)


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda case: case["reading"][:12])
def test_real_lswin_strings(case):
    assert decode(case["legacy"], LSWIN) == case["reading"]


@pytest.mark.parametrize(("name", "coding", "has_table"), [
    ("Saysettha Lao", "LSWin", True), ("saysettha  LAO", "LSWin", True), ("Chanthabouli Lao", "LSWin", True),
    ("Alice_0", "Alice", False), ("Alice_5", "Alice", False), ("Saysettha 2000", "Lao 2000", False),
    ("Lao 95", "Lao 95", False), ("SengChanh", "SengChanh", False), ("Saysettha LS", "IBM-STENO", False),
])
def test_legacy_fonts_by_name(name, coding, has_table):
    font = legacy_font(name)
    assert (font.coding, font.table is not None) == (coding, has_table)


@pytest.mark.parametrize("name", ["Saysettha OT", "Saysettha Unicode", "Alice0 Unicode", "Alice5 OT",
                                  "Phetsarath OT", "Noto Sans Lao", "Times New Roman", "Alice_6", ""])
def test_unicode_and_other_fonts_are_not_legacy(name):
    assert legacy_font(name) is None


# --- Word files made by LibreOffice ------------------------------------------------------------

def _needs_libreoffice_for(name: str) -> None:
    """A .doc is read through LibreOffice: skip when it is not installed."""
    if name.endswith(".doc") and not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice (soffice) is not installed")


EXPECTED_BLOCKS = [
    ("body", "ຕົວຢ່າງ 1: ເຮັດໃຫ້ແຕກ, ເຮັດໃຫ້ເພ, ເຮັດໃຫ້ຫັກ, ເຮັດໃຫ້ໃຊ້ບໍ່ໄດ້ (ຄຳກິລິຍາ)"),
    ("body", "ຕົວຢ່າງ 2: ສຶບຕໍ່, ຢູ່ຕໍ່, ມີຢູ່, ຕັ້ງຢູ່"),
    ("body", "ຕົວຢ່າງ 3: ຕີ, ເຄາະ, ຈັງຫວະ, ການເຕັ້ນ"),  # ການ: older fonts' ນ is a soft hyphen
    ("body", "ຕົວຢ່າງ 4: ເຮັດໃຫ້ເກີດສີ, ເຮັດໃຫ້ເປັນສີ"),
    ("body", "ຫຸ້ມຫໍ່ບາງສິງບາງຢ່າງໂດຍການຍົນບາງສິງບາງຢ່າງໃສ່"),  # the paragraph style's font
    ("body", "ບ້ານ ບໍ່ນາງົວ, ຕັ້ງຢູ່ ນະຄອນຫຼວງວຽງຈັນ"),  # Chanthabouli Lao; tone typed before its vowel
    ("body", "ແບບເກົ່າ: dkp,k"),  # Alice_0: no table, left as typed
    ("body", "ບໍ່ຮູ້ຈັກຟອນ: À»ñ©Ã¹ÉÁª¡"),  # legacy-looking, but in Times New Roman: never converted
    ("body", "ຫຼຽນທີ່ລະນຶກ ສຳເລັດ Größe, café, ©2019, ½ hour, 25°C"),  # Unicode fonts and Latin-1 untouched
    ("body", "ວຽກ: ສົ່ງບົດລາຍງານ"),  # a character style's font
    ("body", "ລຳດັບ\tຕາຕະລາງ 1"),  # a table cell
    ("body", ""),
    ("header", "ຫົວເອກະສານ"),
]


@pytest.mark.parametrize("name", ["legacy_fonts.docx", "legacy_fonts.doc"])
def test_legacy_runs_read_as_unicode_beside_unicode_runs(name):
    _needs_libreoffice_for(name)
    document = read_document(DATA / name)
    assert [(b.part, b.text) for b in document.blocks] == EXPECTED_BLOCKS


def test_what_is_left_as_typed_is_said_naming_the_file():
    document = read_document(DATA / "legacy_fonts.docx")
    assert document.warnings == [
        f"{DATA / 'legacy_fonts.docx'}: 1 paragraph in the legacy Lao font Alice_0 left as typed: "
        "laoreport has no table for its Alice coding",
        f'{DATA / "legacy_fonts.docx"}: 1 paragraph looks like Lao typed in a legacy font ("À»ñ©Ã¹ÉÁª¡") '
        "but is set in Times New Roman, not a known legacy Lao font: left as typed",
    ]


def test_reader_warnings_reach_the_report():
    report = parse_report(DATA / "legacy_fonts.docx")
    assert [w for w in report.warnings if "legacy" in w] == read_document(DATA / "legacy_fonts.docx").warnings


def test_characters_without_a_reading_are_reported(tmp_path):
    """† (0x86) is in no known LSWin table; it stays and is named, the rest is read."""
    source = (DATA / "src" / "legacy_fonts.fodt").read_text(encoding="utf-8")
    path = _convert(source.replace("ª˜¤µøÈ</text:span> ນະ", "ê†Ã§É</text:span> ນະ"), tmp_path, "docx")
    document = read_document(path)
    assert "ບ້ານ ບໍ່ນາງົວ, ທ†ໃຊ້ ນະຄອນຫຼວງວຽງຈັນ" in [b.text for b in document.blocks]
    assert document.warnings[1].endswith("characters in legacy Lao fonts with no known reading left as typed: "
                                         "† (U+2020) 1x")


def _convert(fodt_text: str, folder: Path, target: str) -> Path:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = folder / "source.fodt"
    source.write_text(fodt_text, encoding="utf-8")
    subprocess.run([exe, "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", target,
                    "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=120)
    return folder / f"source.{target}"


@pytest.mark.parametrize("name", ["legacy_fonts", "legacy_report"])
def test_the_committed_files_are_what_libreoffice_makes_of_their_sources(soffice, tmp_path, name):
    made = _convert((DATA / "src" / f"{name}.fodt").read_text(encoding="utf-8"), tmp_path, "docx")
    assert [b.text for b in read_document(made).blocks] == [b.text for b in read_document(DATA / f"{name}.docx").blocks]


# --- a monthly report typed in a legacy font ------------------------------------------------------

@pytest.mark.parametrize("name", ["legacy_report.docx", "legacy_report.doc"])
def test_a_legacy_report_parses_like_any_report(name):
    _needs_libreoffice_for(name)
    report = parse_report(DATA / name)
    assert (report.period, report.plan_period) == ("2018-12", "2019-01")
    assert report.title.startswith("ບົດສະຫຼຸບຕີລາຄາ ການຊີ້ນໍາ-ນໍາພາວຽກງານຫ້ອງການ ປະຈໍາເດືອນ ທັນວາ 2018")
    header = report.header
    assert (header.organization, header.unit, header.number, header.place, header.date) == (
        "ຄະນະບໍລິຫານງານພັກ ອອປສ", "ໜ່ວຍພັກຫ້ອງການ", "21/ໜພຫກ", "ນະຄອນຫຼວງວຽງຈັນ", "2019-01-05")
    assert [(t.status, t.period, t.text) for t in report.tasks] == [
        ("done", "2018-12", "ສະເໜີແນວຄິດ ເຮັດຫຼຽນທີ່ລະນຶກ ຄົບຮອບ 30 ປີ ອົງການໄອຍະການປະຊາຊົນ;"),
        ("done", "2018-12", "ສ້ອມແປງຫ້ອງປະຊຸມ ສຳເລັດ;"),
        ("planned", "2019-01", "ສ້າງແຜນຜະລິດຫຼຽນທີ່ລະນຶກ 500 ອັນ;"),
        # the newer coding writes ນ as ß, so its soft hyphens are syllable breaks, not letters
        ("planned", "2019-01", "ກະກຽມກອງປະຊຸມສະຫຼຸບປີ 2018;"),
    ]
    assert report.warnings == []


@pytest.mark.parametrize("name", ["legacy_report.docx", "legacy_report.doc"])
def test_search_finds_the_medal_in_a_legacy_report(tmp_path, name):
    _needs_libreoffice_for(name)
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copyfile(DATA / name, folder / name)
    index = tmp_path / "index"
    summary = import_paths([folder], index)
    assert len(summary.imported) == 1 and not summary.failed
    result = search("ຫຼຽນທີ່ລະນຶກ", index, kind="task")
    assert sorted((hit.period, hit.status) for hit in result.hits) == [("2018-12", "done"), ("2019-01", "planned")]
    assert all("ຫຼຽນທີ່ລະນຶກ" in normalize(hit.text) for hit in result.hits)
    output = CliRunner().invoke(cli, ["search", "ຫຼຽນທີ່ລະນຶກ", "--index", str(index)]).output
    assert "2018-12  ທັນວາ 2018" in output and "«ຫຼຽນທີ່ລະນຶກ» 500 ອັນ;" in output


def test_a_text_file_with_legacy_looking_lines_is_warned_about_not_converted(tmp_path):
    path = tmp_path / "export.txt"
    path.write_text("ບົດສະຫຼຸບ\n- À»ñ©Ã¹ÉÁª¡ 500 ºñß;\nGröße café 25°C\n", encoding="utf-8")
    document = read_document(path)
    assert document.blocks[1].text == "- À»ñ©Ã¹ÉÁª¡ 500 ºñß;"
    assert document.warnings == [f"{path}: 1 line looks like Lao typed in a legacy font (Latin letters such as "
                                 "À»ñ©): left as typed; import the original Word file"]


def _with_paragraphs(tmp_path: Path, *runs: str) -> Path:
    """legacy_fonts.docx with one more paragraph per run, as Word writes runs, before the section properties."""
    with zipfile.ZipFile(DATA / "legacy_fonts.docx") as source:
        xml = source.read("word/document.xml").decode("utf-8")
        added = "".join(f"<w:p>{run}</w:p>" for run in runs)
        xml = xml.replace("<w:sectPr>", added + "<w:sectPr>", 1)
        path = tmp_path / "edited.docx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                target.writestr(info, xml if info.filename == "word/document.xml" else source.read(info))
    return path


def test_the_font_word_draws_the_text_in_decides(tmp_path):
    legacy = '<w:rFonts w:ascii="Saysettha Lao" w:hAnsi="Saysettha Lao"/>'
    path = _with_paragraphs(
        tmp_path,
        f"<w:r><w:rPr>{legacy}</w:rPr><w:t>\uf0c0\uf0bb\uf0f1\uf0a9</w:t></w:r>",  # a symbol-cmap font: U+F000 + byte
        # a theme font wins over the named one at its level
        '<w:r><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" w:ascii="Saysettha Lao" '
        'w:hAnsi="Saysettha Lao"/></w:rPr><w:t>¡¾&#xAD;</w:t></w:r>',
        # a complex-script run is drawn in its cs font, here the default's (DejaVu Sans)
        f"<w:r><w:rPr>{legacy}<w:rtl/></w:rPr><w:t>À»ñ©Ã¹É</w:t></w:r>",
        # a soft hyphen kept as a character, in a document of the older coding (no ß): ນ
        f"<w:r><w:rPr>{legacy}</w:rPr><w:t>¡¾\u00ad</w:t></w:r>",
    )
    document = read_document(path)
    assert [b.text for b in document.blocks[-5:-1]] == ["ເຮັດ", "¡¾\u00ad", "À»ñ©Ã¹É", "ການ"]
    assert "2 paragraphs look like Lao typed in a legacy font" in document.warnings[-1]
    assert "are set in DejaVu Sans, Times New Roman," in document.warnings[-1]
