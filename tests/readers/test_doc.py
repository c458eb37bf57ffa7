"""Legacy .doc: converted by a sandboxed LibreOffice; every failure names the user's file."""

import shutil

import pytest

from laoreport.errors import ConverterMissingError, CorruptFileError
from laoreport.readers import libreoffice, read_document
from conftest import CORPUS

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


def test_ole_garbage_named_docx_is_refused_not_imported_as_text(tmp_path):
    path = tmp_path / "ເອກະສານ ເສຍ.docx"
    path.write_bytes(OLE_MAGIC + bytes(range(256)) * 16)
    with pytest.raises(CorruptFileError, match=r"ເອກະສານ ເສຍ\.docx: .*without a WordDocument stream"):
        read_document(path)


def test_missing_libreoffice_says_how_to_install_it_and_names_the_file(tmp_path, monkeypatch):
    path = tmp_path / "ບົດລາຍງານ.doc"
    shutil.copyfile(CORPUS / "2019-07_report.doc", path)
    monkeypatch.setattr(libreoffice, "soffice_path", lambda: None)
    with pytest.raises(ConverterMissingError, match=r"ບົດລາຍງານ\.doc: .*apt-get install libreoffice-writer-nogui"):
        read_document(path)


def test_doc_reads_in_body_order(soffice):
    texts = [b.text for b in read_document(CORPUS / "2019-07_report.doc").blocks]
    assert texts[2:4] == ["ເລກທີ 12/ໜພຫກ", "ນະຄອນຫຼວງວຽງຈັນ, ວັນທີ 05/08/2019"]
    assert texts.index("2.1 ວຽກງານຄົ້ນຄວ້າ-ສັງລວມ") == texts.index("2. ນໍາພາວຽກງານວິຊາສະເພາະ") + 1
