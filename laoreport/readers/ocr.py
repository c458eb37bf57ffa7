"""OCR of page images: Tesseract's Lao model through pytesseract, behind one small signature.

`recognize(image) -> list[OcrWord]` is all the PDF reader uses; another engine only has to
return words with their boxes. The page is straightened and binarized first, and rows of
marks Tesseract reads as lines of their own are read again with their line. OCR is
optional: without Tesseract or its Lao model, a scanned page fails with a one-line hint,
like a .doc without LibreOffice. Its systematic errors are repaired in ocr_repair.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache

from laoreport.errors import ConverterMissingError

LANGUAGE = "lao"
#: Read with the English model too when it is installed (Debian's tesseract-ocr brings it): Lao
#: documents quote English terms, dates (07 SEP 2007) and Roman numerals, which the Lao model
#: turns into Lao letters. Measured on scans of the real documents: recall 0.883 -> 0.896 on the
#: digital-VAT instruction, 0.934 -> 0.938 on the MOF instruction, at twice the time.
SECOND_LANGUAGE = "eng"
INSTALL_HINT = ("scanned pages need OCR: install Tesseract with its Lao model: "
                "apt-get install tesseract-ocr tesseract-ocr-lao")
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
        return "scanned pages need OCR: pip install pytesseract (laoreport's own dependency)"
    languages = _installed_languages()
    if languages is None:
        return INSTALL_HINT
    if LANGUAGE not in languages:
        return "Tesseract has no Lao model: apt-get install tesseract-ocr-lao"
    return None


@lru_cache(maxsize=1)
def _installed_languages() -> frozenset[str] | None:
    """The models Tesseract has, or None when there is no working tesseract."""
    exe = shutil.which("tesseract")
    if not exe:
        return None
    try:
        listing = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return frozenset((listing.stdout + listing.stderr).split())


def _languages() -> str:
    """"lao+eng" when the English model is there, else "lao"."""
    return f"{LANGUAGE}+{SECOND_LANGUAGE}" if SECOND_LANGUAGE in (_installed_languages() or ()) else LANGUAGE


def require(path: str | os.PathLike[str]) -> None:
    """Raise the one-line install hint, naming `path`, when OCR cannot run."""
    reason = missing_reason()
    if reason:
        raise ConverterMissingError(path, reason)


def recognize(image, prepare: bool = True) -> list[OcrWord]:
    """The words Tesseract reads on a page image (a PIL image), in reading order.

    The page is first turned straight and made black and white, unless `prepare` is false.
    Tesseract sometimes reads the row of vowel and tone marks above a line as a line of its
    own (ີ ້ as "2 ວ"), and the line below then lacks them (ຊີ້ນຳ read as ຊນາ). Such a thin
    line right above another is read again together with it, as one line.
    """
    if prepare:
        image = binarize(deskew(image))
    words = _read(image, CONFIG, (0, 0))
    lines = _lines(words)
    usual = _median([bottom - top for top, bottom, _ in lines])
    out: list[OcrWord] = []
    skip = set()
    for index, (top, bottom, line_words) in enumerate(lines):
        if index in skip:
            continue
        below = lines[index + 1] if index + 1 < len(lines) else None
        height = max(usual, below[1] - below[0]) if below else 0
        if below and below[0] - bottom < MARK_ROW * height and (bottom - top < MARK_ROW * height
                                                                 or _looks_like_marks(line_words)):
            together = line_words + below[2]
            box = (max(0, min(w.left for w in together) - PAD), max(0, top - PAD),
                   min(image.width, max(w.right for w in together) + PAD), min(image.height, below[1] + PAD))
            again = _read(image.crop(box), SINGLE_LINE, box[:2])
            if again:
                out += [OcrWord(w.text, w.left, w.top, w.right, w.bottom, below[2][0].line, w.confidence)
                        for w in again]
                skip.add(index + 1)
                continue
        out += line_words
    return out


#: The steepest skew looked for, in degrees, and the step of the search.
MAX_SKEW, SKEW_STEP = 3.0, 0.1


def deskew(image):
    """The page turned by the angle (within ±3°) at which its rows of text are sharpest: the rows'
    ink profile varies most. Measured by scripts/eval_ocr.py (syllable recall before repair, Lao
    and English models, scans turned by up to 1.5°, noisy, on off-white paper): corpus reports
    0.954 as scanned, 0.972 deskewed, 0.951 binarized, 0.971 both; the real documents, set in
    smaller type, 0.881, 0.874, 0.905 and 0.903. Both together are within 0.002 of the best on
    either kind of page."""
    grey = image.convert("L")
    small = grey.resize((max(1, grey.width // 4), max(1, grey.height // 4)))
    threshold = _otsu(small)
    ink = small.point(lambda v: 255 if v < threshold else 0)

    def sharpness(angle: float) -> float:
        rows = ink.rotate(angle, fillcolor=0).resize((1, ink.height), _box_filter()).tobytes()
        mean = sum(rows) / len(rows)
        return sum((r - mean) ** 2 for r in rows)

    steps = round(MAX_SKEW / SKEW_STEP)
    angle = max((i * SKEW_STEP for i in range(-steps, steps + 1)), key=lambda a: (sharpness(a), -abs(a)))
    if abs(angle) < SKEW_STEP / 2:
        return grey
    return grey.rotate(angle, resample=_bilinear(), fillcolor=_paper(grey))


def binarize(image):
    """Black text on white at Otsu's threshold: noise and a grey page go (see `deskew` for the measures)."""
    threshold = _otsu(image)
    return image.point(lambda v: 255 if v > threshold else 0)


def _box_filter():
    from PIL import Image

    return Image.Resampling.BOX


def _bilinear():
    from PIL import Image

    return Image.Resampling.BILINEAR


def _paper(image) -> int:
    """The commonest light shade: the page's own colour, to fill the corners a turn uncovers."""
    histogram = image.histogram()[:256]
    return max(range(128, 256), key=lambda level: histogram[level])


def _otsu(image) -> int:
    """Otsu's threshold of a greyscale image: the level that best splits ink from paper."""
    histogram = image.histogram()[:256]
    total = sum(histogram)
    weighted = sum(i * h for i, h in enumerate(histogram))
    best, best_between, below, below_weighted = 128, -1.0, 0, 0
    for level, count in enumerate(histogram):
        below += count
        below_weighted += level * count
        above = total - below
        if not below or not above:
            continue
        between = below * above * (below_weighted / below - (weighted - below_weighted) / above) ** 2
        if between > best_between:
            best, best_between = level, between
    return best


#: A line less high than this share of the page's usual line (or of the line right below it, when that
#: one is higher), and as close to that line, is its mark row.
MARK_ROW = 0.6
#: Pixels around a line cut out to be read again.
PAD = 8
SINGLE_LINE = "--psm 7"


def _looks_like_marks(words: list[OcrWord]) -> bool:
    """Marks read as letters: mostly one- or two-character words, not all numbers ("ວ ຊ; 62 ງ ງ"
    for the marks over a line of large bold type; Tesseract is sure of them, so confidence cannot tell)."""
    short = sum(len(w.text) <= 2 for w in words)
    return len(words) >= 2 and short >= 0.6 * len(words) and not all(w.text.isdigit() for w in words)


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2] if values else 0.0


def _lines(words: list[OcrWord]) -> list[tuple[int, int, list[OcrWord]]]:
    """(top, bottom, words) of each OCR line, top to bottom."""
    by_line: dict[tuple[int, ...], list[OcrWord]] = {}
    for word in words:
        by_line.setdefault(word.line, []).append(word)
    lines = [(min(w.top for w in ws), max(w.bottom for w in ws), ws) for ws in by_line.values()]
    return sorted(lines, key=lambda line: line[0])


def _read(image, config: str, offset: tuple[int, int]) -> list[OcrWord]:
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", THREADS)
    data = pytesseract.image_to_data(image, lang=_languages(), config=config, output_type=pytesseract.Output.DICT)
    words = []
    for index, text in enumerate(data["text"]):
        if not text or not text.strip():
            continue
        left, top = data["left"][index] + offset[0], data["top"][index] + offset[1]
        words.append(OcrWord(
            text=text.strip(), left=left, top=top,
            right=left + data["width"][index], bottom=top + data["height"][index],
            line=(data["page_num"][index], data["block_num"][index], data["par_num"][index], data["line_num"][index]),
            confidence=float(data["conf"][index]),
        ))
    return words
