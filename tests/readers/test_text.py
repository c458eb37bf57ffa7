import codecs

import pytest

from laoreport.errors import EncryptedFileError, InputError, UnsupportedFormatError
from laoreport.readers import OLE_MAGIC, read_document
from laoreport.readers.text import read_text_blocks


def test_seed_reads_line_by_line_without_export_artifacts(seed_path):
    document = read_document(seed_path)
    texts = [b.text for b in document.blocks]
    assert document.format == "txt"
    assert len(document.sha256) == 64
    assert not any("_GoBack" in t for t in texts)
    assert any(t.startswith("ລົງເລິກນຳພາການປະຕິບັດວຽກງານວິຊາສະເພາະ") for t in texts)
    header = next(t for t in texts if "ເລກທີ" in t)
    assert "\t" in header  # the header's columns stay apart


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_encodings(tmp_path, encoding):
    path = tmp_path / "r.txt"
    path.write_bytes("ບົດສະຫຼຸບ\r\nI. ທິດທາງ\r\n".encode(encoding))
    assert [b.text for b in read_text_blocks(path)][:2] == ["ບົດສະຫຼຸບ", "I. ທິດທາງ"]


def test_latin1_bytes_are_refused_with_the_file_name(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("caf\xe9 cr\xe8me".encode("latin-1"))
    with pytest.raises(UnsupportedFormatError, match="latin.txt: not UTF-8 or UTF-16 text"):
        read_document(path)


def test_binary_garbage_named_txt(tmp_path):
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(UnsupportedFormatError):
        read_document(path)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    with pytest.raises(UnsupportedFormatError, match="empty"):
        read_document(path)


def test_missing_file_names_the_file(tmp_path):
    with pytest.raises(InputError, match="gone.txt: the file does not exist"):
        read_document(tmp_path / "gone.txt")


def test_encrypted_office_file_named_docx(tmp_path):
    path = tmp_path / "secret.docx"
    path.write_bytes(OLE_MAGIC + b"\0" * 500 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 100)
    with pytest.raises(EncryptedFileError, match="password"):
        read_document(path)


def test_utf16_bom_is_detected(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(codecs.BOM_UTF16_BE + "ເລກທີ 07".encode("utf-16-be"))
    assert read_text_blocks(path)[0].text == "ເລກທີ 07"


def test_unknown_binary_with_other_suffix(tmp_path):
    path = tmp_path / "scan.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n...")
    with pytest.raises(UnsupportedFormatError, match="laoreport reads .docx, .doc, .pdf and .txt"):
        read_document(path)
