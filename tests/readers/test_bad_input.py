"""More hostile files: empty, a zip whose headers lie about sizes, an encrypted Office file."""

import struct
import time
import zipfile

import pytest

from laoreport.errors import CorruptFileError, EncryptedFileError, InputError, UnsupportedFormatError
from laoreport.readers import read_document
from conftest import REPO

LISTS = REPO / "tests" / "data" / "numbering_lists.docx"
FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _directory_entry(name: str, kind: int, child=NO_STREAM, right=NO_STREAM) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (encoded.ljust(64, b"\0") + struct.pack("<HBB3I", len(encoded), kind, 1, NO_STREAM, right, child)
            + bytes(16 + 4 + 16) + struct.pack("<IQ", END, 0))


def encrypted_ooxml() -> bytes:
    """A minimal compound file as Word writes a password-protected .docx: EncryptionInfo + EncryptedPackage."""
    header = (bytes.fromhex("D0CF11E0A1B11AE1") + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + bytes(6) + struct.pack("<9I", 0, 1, 1, 0, 4096, END, 0, END, 0)
              + struct.pack("<I", 0) + struct.pack("<I", FREE) * 108)
    fat = struct.pack("<2I", FAT_SECTOR, END) + struct.pack("<I", FREE) * 126
    directory = (_directory_entry("Root Entry", 5, child=1) + _directory_entry("EncryptionInfo", 2, right=2)
                 + _directory_entry("EncryptedPackage", 2) + _directory_entry("", 0))
    assert len(header) == len(fat) == len(directory) == 512
    return header + fat + directory


def test_encrypted_office_file_says_to_remove_the_password(tmp_path):
    path = tmp_path / "ລັບ.docx"
    path.write_bytes(encrypted_ooxml())
    with pytest.raises(EncryptedFileError, match=r"ລັບ\.docx: the file is password-protected: .*without a password"):
        read_document(path)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    with pytest.raises(UnsupportedFormatError, match=r"empty\.docx: the file is empty"):
        read_document(path)


def test_zip_headers_lying_about_the_size_stop_at_the_declared_size(tmp_path):
    """document.xml declares 1 KB but inflates to 50 MB: inflating stops at 1 KB and the CRC gives it away."""
    path = tmp_path / "liar.docx"
    with zipfile.ZipFile(LISTS) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                target.writestr("word/document.xml", b"<" + b" " * (50 * 2**20))
            else:
                target.writestr(info, source.read(info))
    data = bytearray(path.read_bytes())
    for signature, size_offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = data.find(signature)
        while start != -1:
            name_length = struct.unpack_from("<H", data, start + (26 if signature == b"PK\x03\x04" else 28))[0]
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at:name_at + name_length] == b"word/document.xml":
                struct.pack_into("<I", data, start + size_offset, 1024)
            start = data.find(signature, start + 4)
    path.write_bytes(bytes(data))
    begin = time.monotonic()
    with pytest.raises(InputError, match=r"liar\.docx: ") as refused:
        read_document(path)
    assert isinstance(refused.value, CorruptFileError)
    assert time.monotonic() - begin < 5
