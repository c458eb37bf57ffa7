"""Shared fixtures: the repository's paths and the reference material in ../shared."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
SHARED = REPO.parent / "shared"

# the word-list cache of the tests (and of the commands they run) lives and dies with them
os.environ["LAOREPORT_CACHE"] = tempfile.mkdtemp(prefix="laoreport-test-cache-")
atexit.register(shutil.rmtree, os.environ["LAOREPORT_CACHE"], True)


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when that material is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"reference material not present: {path}")
    return path


@pytest.fixture
def seed_path() -> Path:
    """The real report exported from DOCX to text (May 2019 review, June 2019 plan)."""
    return next(iter(sorted(shared_path("seed").glob("*.txt"))))


@pytest.fixture
def realdocs() -> list[Path]:
    return sorted(shared_path("realdocs").glob("*.txt"))


@pytest.fixture
def soffice() -> str:
    """The LibreOffice binary, skipping the test when it is not installed."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        pytest.skip("LibreOffice (soffice) is not installed")
    return exe


MONTHLY_REPORT = """ຄະນະບໍລິຫານງານພັກ ອອປສ
ໜ່ວຍພັກຫ້ອງການ\t\tເລກທີ {number}/ໜພຫກ
ນະຄອນຫຼວງວຽງຈັນ, ວັນທີ {date}

ບົດສະຫຼຸບຕີລາຄາ
ການຊີ້ນໍາ-ນໍາພາວຽກງານຫ້ອງການ ປະຈໍາ{period}
ແລະ ທິດທາງວຽກງານຈຸດສຸມປະຈໍາ{plan}

I. ການຊີ້ນໍາ-ນໍາພາວຽກງານຫ້ອງການ
1. ນໍາພາວຽກງານວິຊາສະເພາະ
· {done}
· ເຊັນບົດບັນທຶກຊ່ວຍຈຳ (MOU) ກັບບໍລິສັດ ເຄບີໂຄລາວ;
II. ຈຸດອ່ອນ ແລະ ບົດຮຽນ
ການສຶກສາອົບຮົມຍັງບໍ່ທັນເລິກເຊິ່ງ.
III. ທິດທາງ, ວຽກງານຈຸດສຸມ
1. ນໍາພາວຽກງານວິຊາສະເພາະ
· {planned}
· ພິມວາລະສານໄອຍະການ ສະບັບທີ {issue};
\t\t\t\tເລຂາໜ່ວຍພັກ
"""


def write_report(folder: Path, name: str, **fields) -> Path:
    """A small monthly report as a text export, in the seed's shape."""
    values = dict(number="07", date="05/06/2019", period="ເດືອນ ພຶດສະພາ 2019", plan="ເດືອນ ມິຖຸນາ 2019",
                  done="ສ້າງແຜນຜະລິດຫຼຽນທີ່ລະນຶກ ຄົບຮອບ 30 ປີ;", planned="ກະກຽມທາສີອາຄານ ອອປສ;", issue="11")
    values.update(fields)
    path = folder / name
    path.write_text(MONTHLY_REPORT.format(**values), encoding="utf-8")
    return path


def without_root_override() -> list[str]:
    """A command prefix under which file permissions hold: root reads and writes a chmod 000 file
    unless it drops CAP_DAC_OVERRIDE, which `setpriv` does. Skips when that is not possible."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if not setpriv:
        pytest.skip("tests run as root, whom permissions do not stop, and setpriv (util-linux) is missing")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]


@pytest.fixture
def tesseract() -> None:
    """Skip the test when OCR cannot run here (no Tesseract, no Lao model or no pytesseract)."""
    from laoreport.readers import ocr

    reason = ocr.missing_reason()
    if reason:
        pytest.skip(reason)


@pytest.fixture(scope="session")
def corpus_pdfs(tmp_path_factory) -> dict[str, Path]:
    """PDFs that LibreOffice exports from the corpus DOCX files, by stem (made once per session)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("corpus_pdfs")
    profile = tmp_path_factory.mktemp("lo_profile")
    subprocess.run([exe, "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf",
                    "--outdir", str(out), *map(str, sorted(CORPUS.glob("*.docx")))],
                   capture_output=True, check=True, timeout=600)
    return {path.stem: path for path in out.glob("*.pdf")}


def scan(pdf: Path, target: Path, pages: int | None = None, angle: float = 0.6) -> Path:
    """An image-only PDF of `pdf`'s pages, as a scanner makes it: 300 dpi, off-white, slightly turned."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    images = []
    for number in range(min(pages or len(document), len(document))):
        image = document[number].render(scale=300 / 72, grayscale=True).to_pil()
        image = image.point(lambda v: 35 + v * (238 - 35) // 255).rotate(angle, fillcolor=238)
        images.append(image)
    document.close()
    images[0].save(target, "PDF", resolution=300, save_all=True, append_images=images[1:])
    return target
