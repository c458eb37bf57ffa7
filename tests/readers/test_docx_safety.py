"""Hostile and broken Office files: each is refused with one line naming the file, fast and small."""

import resource
import time
import zipfile

import docx
import pytest

from laoreport.archive import import_paths, search
from laoreport.errors import CorruptFileError, UnsafeFileError, UnsupportedFormatError
from laoreport.readers import read_document
from laoreport.readers.libreoffice import convert


@pytest.fixture
def real_docx(tmp_path):
    """A valid DOCX saved by python-docx (its default template was written by Word)."""
    document = docx.Document()
    document.add_paragraph("ບົດສະຫຼຸບຕີລາຄາ ປະຈໍາເດືອນ ພຶດສະພາ 2019")
    document.add_paragraph("I. ການຊີ້ນໍາ-ນໍາພາ")
    path = tmp_path / "real.docx"
    document.save(path)
    return path


def _rewrite(source, target, replace: dict[str, bytes]):
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            copy.writestr(info.filename, replace.get(info.filename, original.read(info.filename)))
    return target


def test_real_docx_reads(real_docx):
    assert [b.text for b in read_document(real_docx).blocks][:2] == [
        "ບົດສະຫຼຸບຕີລາຄາ ປະຈໍາເດືອນ ພຶດສະພາ 2019", "I. ການຊີ້ນໍາ-ນໍາພາ"]


def test_external_entity_never_reaches_the_index(real_docx, tmp_path):
    xml = zipfile.ZipFile(real_docx).read("word/document.xml").decode()
    evil = xml.replace("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>", "", 1)
    evil = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + evil.replace(
        "ການຊີ້ນໍາ-ນໍາພາ", "&x;")
    folder = tmp_path / "in"
    folder.mkdir()
    _rewrite(real_docx, folder / "xxe.docx", {"word/document.xml": evil.encode()})
    with pytest.raises(UnsafeFileError, match="xxe.docx: word/document.xml declares an XML DOCTYPE"):
        read_document(folder / "xxe.docx")
    summary = import_paths([folder], tmp_path / "index")
    assert [p for p, _ in summary.failed] == [str(folder / "xxe.docx")]
    assert not summary.imported
    assert search("root", tmp_path / "index").total == 0


def test_billion_laughs(real_docx, tmp_path):
    laughs = '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><l>&b;</l>'
    path = _rewrite(real_docx, tmp_path / "laughs.docx", {"word/styles.xml": laughs.encode()})
    with pytest.raises(UnsafeFileError, match="DOCTYPE or entity"):
        read_document(path)


def test_zip_bomb_is_refused_fast_with_little_memory(real_docx, tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(real_docx) as original, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in original.infolist():
            if info.filename != "word/document.xml":
                bomb.writestr(info.filename, original.read(info.filename))
        with bomb.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b"<w:p/>" * (1 << 17)
            for _ in range(1000 * 2**20 // len(chunk)):  # about 1 GB inflated, about 1 MB on disk
                part.write(chunk)
    assert path.stat().st_size < 5 * 2**20
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.monotonic()
    with pytest.raises(UnsafeFileError, match="bomb.docx: .*zip bomb"):
        read_document(path)
    assert time.monotonic() - start < 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200 * 1024  # KB: far below 1 GB


def test_truncated_zip(real_docx, tmp_path):
    path = tmp_path / "cut.docx"
    path.write_bytes(real_docx.read_bytes()[: real_docx.stat().st_size // 2])
    with pytest.raises(CorruptFileError, match="cut.docx: damaged or truncated"):
        read_document(path)


def test_zip_without_document_xml(tmp_path):
    path = tmp_path / "notword.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "ສະບາຍດີ")
    with pytest.raises(CorruptFileError, match="without word/document.xml"):
        read_document(path)


def test_doc_named_docx_is_read_as_doc(real_docx, tmp_path, soffice):
    converted = convert(real_docx, "doc:MS Word 97", tmp_path / "doc")
    disguised = tmp_path / "ບົດລາຍງານ ເກົ່າ.docx"
    disguised.write_bytes(converted.read_bytes())
    document = read_document(disguised)
    assert document.format == "doc"
    assert "ບົດສະຫຼຸບຕີລາຄາ ປະຈໍາເດືອນ ພຶດສະພາ 2019" in [b.text for b in document.blocks]


def test_vanished_file_is_one_failure(tmp_path, real_docx):
    summary = import_paths([tmp_path / "gone.docx", real_docx], tmp_path / "index")
    assert len(summary.imported) == 1
    assert summary.failed == [(str(tmp_path / "gone.docx"), "the file does not exist (moved or deleted?)")]


def test_no_zip_at_all(tmp_path):
    path = tmp_path / "photo.docx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    with pytest.raises(UnsupportedFormatError, match="photo.docx: not a DOCX, DOC, PDF or text file"):
        read_document(path)
