"""The DOCX reader on a LibreOffice-made file (tests/data/src/numbering_lists.fodt -> numbering_lists.docx).

The labels asserted are the ones LibreOffice shows for that file (soffice --convert-to txt:Text).
"""

import re
import subprocess
import zipfile

import docx
import pytest

from laoreport.readers.docx import read_docx
from conftest import REPO

LISTS = REPO / "tests" / "data" / "numbering_lists.docx"


@pytest.fixture(scope="module")
def blocks():
    return read_docx(LISTS)


def test_automatic_numbering_labels_in_body_order(blocks):
    numbered = [(b.label, b.list_level, b.text) for b in blocks if b.label]
    assert numbered == [
        ("I.", 0, "ການຊີ້ນໍາ-ນໍາພາວຽກງານຫ້ອງການ"),
        ("1.", 1, "ນໍາພາວຽກງານການເມືອງ-ແນວຄິດ"),
        ("2.", 1, "ນໍາພາວຽກງານວິຊາສະເພາະ"),
        ("2.1", 2, "ວຽກງານຄົ້ນຄວ້າ-ສັງລວມ"),
        ("2.2", 2, "ວຽກງານຄຸ້ມຄອງ-ບໍລິຫານ"),
        ("II.", 0, "ຈຸດອ່ອນ ແລະ ບົດຮຽນ"),
        ("•", 0, "ສ້າງແຜນຜະລິດຫຼຽນທີ່ລະນຶກ;"),
        ("–", 1, "ກວດກາຕົວຢ່າງ;"),  # Symbol-font U+F02D; LibreOffice's text export prints ◦
        ("•", 0, "ທາສີອາຄານ ອອປສ ສຳເລັດ 80%;"),
        ("III.", 0, "ທິດທາງ, ວຽກງານຈຸດສຸມ"),  # the list goes on after the bullets interrupt it
        ("1.", 0, "ແຜນການເດືອນ ມິຖຸນາ"),
        ("1.1", 1, "ກະກຽມທາສີອາຄານ"),
        ("a)", 2, "ຊື້ສີ"),
        ("b)", 2, "ຈ້າງຊ່າງ"),
        ("1.2", 1, "ພິມວາລະສານ"),  # a) b) ended; 1.2 goes on
        ("2.", 0, "ແຜນການເດືອນ ກໍລະກົດ"),
        ("1.", 0, "ມາດຕະການ ໃໝ່"),  # the same list style restarted (startOverride)
        ("2.", 0, "ມາດຕະການ ທີສອງ"),
    ]


def test_labels_match_what_libreoffice_shows(soffice, tmp_path):
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "txt:Text", "--outdir", str(tmp_path), str(LISTS)],
                   check=True, capture_output=True, timeout=120)
    shown = [line.strip() for line in (tmp_path / "numbering_lists.txt").read_text(encoding="utf-8-sig").splitlines()]
    numbered = [b for b in read_docx(LISTS) if b.label and not re.fullmatch(r"\W", b.label)]
    assert len(numbered) == 15
    for block in numbered:
        assert block.display_text in shown


def test_table_rows_between_paragraphs(blocks):
    kinds = [b.kind for b in blocks]
    first_row = kinds.index("table_row")
    assert blocks[first_row - 1].text == "ທິດທາງ, ວຽກງານຈຸດສຸມ" and blocks[first_row + 2].label == "1."
    rows = [(b.table_index, b.row_index, b.cells) for b in blocks if b.kind == "table_row"]
    assert rows == [(1, 0, ["ລ/ດ", "ວຽກງານ"]), (1, 1, ["1", "ພິມວາລະສານ ສະບັບທີ 11"])]


def test_title_heading_text_box_and_header(blocks):
    title = blocks[0]
    assert (title.text, title.bold, title.centered, title.label) == ("ບົດສະຫຼຸບຕີລາຄາ ປະຈໍາເດືອນ ພຶດສະພາ 2019", True, True, None)
    heading = next(b for b in blocks if b.style == "Heading 1")
    assert (heading.text, heading.heading_level, heading.label) == ("ຄໍາເຫັນ", 1, None)  # numFmt none: no label
    body = [b.text for b in blocks if b.part == "body"]
    assert body[-2:] == ["ເລຂາໜ່ວຍພັກ", "ໝາຍເຫດ ໃນກ່ອງຂໍ້ຄວາມ"]  # the box once, after its anchor
    assert [(b.part, b.text) for b in blocks if b.part != "body"] == [("header", "ຫົວເອກະສານ ອອປສ")]


def test_tracked_changes_content_controls_tabs_breaks_and_complex_script_bold(tmp_path):
    xml = zipfile.ZipFile(LISTS).read("word/document.xml").decode()
    run = '<w:r><w:rPr></w:rPr><w:t>ມາດຕະການ ທີສອງ</w:t></w:r>'
    assert run in xml
    edited = xml.replace(run, (
        '<w:r><w:rPr><w:bCs/></w:rPr><w:t>ຄໍາ</w:t><w:tab/></w:r>'
        '<w:ins w:id="1" w:author="a"><w:r><w:rPr><w:bCs/></w:rPr><w:t>ເຫັນ</w:t><w:br/></w:r></w:ins>'
        '<w:del w:id="2" w:author="a"><w:r><w:rPr><w:bCs/></w:rPr><w:delText>ລຶບ</w:delText></w:r></w:del>'
        '<w:sdt><w:sdtContent><w:r><w:rPr><w:bCs/></w:rPr><w:t>ຄວບຄຸມ</w:t></w:r></w:sdtContent></w:sdt>'), 1)
    path = tmp_path / "edited.docx"
    with zipfile.ZipFile(LISTS) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, edited if info.filename == "word/document.xml" else source.read(info))
    block = next(b for b in read_docx(path) if b.text.startswith("ຄໍາ"))
    assert (block.label, block.text, block.bold) == ("2.", "ຄໍາ\tເຫັນ\nຄວບຄຸມ", True)
    assert not next(b for b in read_docx(LISTS) if b.label == "2." and b.text == "ມາດຕະການ ທີສອງ").bold


def test_docx_without_numbering_part(tmp_path):
    path = tmp_path / "plain.docx"
    with zipfile.ZipFile(LISTS) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/numbering.xml":
                continue
            if info.filename == "word/_rels/document.xml.rels":
                data = re.sub(rb'<Relationship [^>]*numbering\.xml"/>', b"", data)
            target.writestr(info, data)
    blocks = read_docx(path)
    assert [b.label for b in blocks] == [None] * len(blocks)
    assert blocks[1].text == "ການຊີ້ນໍາ-ນໍາພາວຽກງານຫ້ອງການ"


def test_first_page_and_even_page_headers_and_footers(tmp_path):
    document = docx.Document()
    document.add_paragraph("ບົດລາຍງານ")
    section = document.sections[0]
    section.different_first_page_header_footer = True
    document.settings.odd_and_even_pages_header_footer = True
    section.header.paragraphs[0].text = "ໜ້າຄີກ"
    section.first_page_header.paragraphs[0].text = "ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ"
    section.even_page_footer.paragraphs[0].text = "ໜ້າຄູ່"
    path = tmp_path / "headers.docx"
    document.save(path)
    assert {(b.part, b.text) for b in read_docx(path) if b.text} == {
        ("body", "ບົດລາຍງານ"), ("header", "ໜ້າຄີກ"), ("header", "ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ"), ("footer", "ໜ້າຄູ່")}
