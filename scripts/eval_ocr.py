"""OCR quality on scans made here: syllable recall of Tesseract's Lao text before and after repair.

The scans are made, not found: LibreOffice exports corpus reports (and, to check that the
repair is not tuned to corpus wording, the first part of each real document in
../shared/realdocs, set in the corpus's Lao font) to PDF; each page is rendered at 300 dpi, turned by a slight random
angle, printed in grey on an off-white page with noise and a little blur, and saved as an
image-only PDF, read back through laoreport's PDF reader like any scanned report.
The truth is the text layer of the exported PDF, read by the same reader.

Syllable recall = the share of the true Lao syllables (and numbers and Latin words), as a
multiset, that the OCR text has (both sides normalized and split by laoreport.lao).
Variants measure what preprocessing does: the page as scanned, deskewed, binarized (Otsu) and
both (laoreport's default, readers/ocr.py), before Tesseract's own binarization.

With --tasks, structure instead of text: every page of each corpus report is scanned clean (300
dpi, grey, straight) and the scan goes through the whole parser. Tasks in place = the share of the
born-digital twin's tasks that the scan's report has in the same top section with the same status
(counted, not compared word for word), which a lost heading or a bullet read as another mark takes
away although the syllables are all there; same text = those whose normalized text is also equal.

    python scripts/eval_ocr.py [--corpus corpus] [--realdocs ../shared/realdocs] [--pages 2]
                               [--chars 4000] [--variants as-scanned,deskew,binarize,deskew+binarize] [--seed 7]
    python scripts/eval_ocr.py --tasks [--corpus corpus]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from PIL import Image, ImageChops, ImageFilter

from laoreport.lao import syllable_tokens
from laoreport.readers import ocr
from laoreport.readers.pdf import (OCR_DPI, blocks_from_lines, lines_from_pieces, pieces_from_glyphs,
                                   pieces_from_ocr, _page_glyphs)


#: The real documents are plain text: set them in the font the corpus reports use for Lao (their
#: `w:cs` font), not in the monospaced font LibreOffice gives a text file, so that the two sets
#: differ in wording, not in typesetting.
TEXT_IMPORT = "Text (encoded):UTF8,LF,DejaVu Sans,lo-LA"


def export_pdfs(sources: list[Path], out: Path, infilter: str | None = None) -> list[Path]:
    """PDFs of `sources` made by LibreOffice, in `out` (read with the import filter `infilter`)."""
    if not sources:
        return []
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{profile}",
                        *([f"--infilter={infilter}"] if infilter else []), "--convert-to", "pdf",
                        "--outdir", str(out), *map(str, sources)], capture_output=True, check=False, timeout=600)
    return [out / (s.stem + ".pdf") for s in sources if (out / (s.stem + ".pdf")).exists()]


def realdoc_texts(folder: Path, chars: int, out: Path) -> list[Path]:
    """The first `chars` characters of each real document (whole lines), as text files to export."""
    made = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\f", "\n")
        cut = text[:chars].rsplit("\n", 1)[0] if len(text) > chars else text
        target = out / path.name
        target.write_text(cut, encoding="utf-8")
        made.append(target)
    return made


def degrade(image: Image.Image, rng: random.Random) -> Image.Image:
    """A scan of the printed page: grey ink on off-white paper, turned by up to 1.5°, noisy, a little blurred."""
    paper = rng.randint(226, 246)
    ink = rng.randint(20, 60)
    page = image.convert("L").point(lambda v: ink + v * (paper - ink) // 255)
    page = page.rotate(rng.uniform(-1.5, 1.5), resample=Image.BILINEAR, expand=False, fillcolor=paper)
    noise = Image.effect_noise(page.size, rng.uniform(10, 22))
    page = ImageChops.add(page, noise, scale=1.0, offset=-128)
    return page.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.9)))


#: What the page goes through before Tesseract; laoreport's default is "deskew+binarize".
VARIANTS = {
    "as-scanned": lambda image: ocr.recognize(image, prepare=False),
    "deskew": lambda image: ocr.recognize(ocr.deskew(image), prepare=False),
    "binarize": lambda image: ocr.recognize(ocr.binarize(image), prepare=False),
    "deskew+binarize": ocr.recognize,
}


def page_text(pieces, number: int, width: float) -> str:
    lines = lines_from_pieces(pieces, number)
    return "\n".join(b.display_text for b in blocks_from_lines(lines, {number: width}))


def syllable_counts(text: str) -> Counter:
    return Counter(t.norm for t in syllable_tokens(text))


def recall(truth: Counter, found: Counter) -> float:
    return sum((truth & found).values()) / max(1, sum(truth.values()))


def evaluate(pdfs: list[Path], pages: int, variants: list[str], seed: int, show: int) -> dict[str, Counter]:
    """Per variant: counts of true syllables, found before repair, found after repair."""
    import pypdfium2 as pdfium

    rng = random.Random(seed)
    totals = {v: Counter() for v in variants}
    for pdf_path in pdfs:
        document = pdfium.PdfDocument(str(pdf_path))
        for number in range(min(pages, len(document))):
            page = document[number]
            width, height = page.get_size()
            truth = syllable_counts(page_text(pieces_from_glyphs(_page_glyphs(page.get_textpage(), height)), number, width))
            scan = degrade(page.render(scale=OCR_DPI / 72, grayscale=True).to_pil(), rng)
            for variant in variants:
                words = VARIANTS[variant](scan)
                raw = syllable_counts(page_text(pieces_from_ocr(words, 72 / OCR_DPI, repair=False), number, width))
                fixed = syllable_counts(page_text(pieces_from_ocr(words, 72 / OCR_DPI), number, width))
                totals[variant].update(truth=sum(truth.values()), raw=sum((truth & raw).values()),
                                       repaired=sum((truth & fixed).values()))
                if show and variant == variants[0]:
                    for missed, count in (truth - fixed).most_common(show):
                        print(f"    {pdf_path.stem[:30]} p{number + 1}: missed {missed} x{count}; "
                              f"read instead: {' '.join(s for s, _ in (fixed - truth).most_common(6))}", file=sys.stderr)
        document.close()
    return totals


def task_recall(pdfs: list[Path], work: Path) -> None:
    """Per report and in all: the twin's tasks that a clean scan of it, parsed, holds."""
    import pypdfium2 as pdfium

    from laoreport.lao import normalize
    from laoreport.parsing import parse_report

    totals = Counter()
    for pdf_path in pdfs:
        document = pdfium.PdfDocument(str(pdf_path))
        pages = [document[n].render(scale=OCR_DPI / 72, grayscale=True).to_pil() for n in range(len(document))]
        document.close()
        scan = work / f"{pdf_path.stem}.scan.pdf"
        pages[0].save(scan, "PDF", resolution=OCR_DPI, save_all=True, append_images=pages[1:])
        twin, scanned = parse_report(pdf_path).tasks, parse_report(scan).tasks
        placed = Counter((t.section[0], t.status) for t in twin) & Counter((t.section[0], t.status) for t in scanned)
        same = Counter(normalize(t.text) for t in twin) & Counter(normalize(t.text) for t in scanned)
        counts = Counter(tasks=len(twin), placed=sum(placed.values()), same=sum(same.values()))
        totals.update(counts)
        print(f"{pdf_path.stem[:30]:30} tasks {counts['tasks']:3d}  in place {counts['placed']:3d}  "
              f"same text {counts['same']:3d}")
    print(f"of {totals['tasks']} tasks: in place {totals['placed'] / max(1, totals['tasks']):.3f}, "
          f"same text {totals['same'] / max(1, totals['tasks']):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--realdocs", type=Path, default=Path("../shared/realdocs"))
    parser.add_argument("--pages", type=int, default=2, help="pages scanned per document")
    parser.add_argument("--chars", type=int, default=4000, help="characters of each real document to typeset")
    parser.add_argument("--variants", default=",".join(VARIANTS), help=", ".join(VARIANTS))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=0, help="print the N most missed syllables per page")
    parser.add_argument("--tasks", action="store_true", help="measure task recall of whole scanned reports instead")
    args = parser.parse_args()
    reason = ocr.missing_reason()
    if reason:
        sys.exit(f"eval_ocr: {reason}")
    variants = args.variants.split(",")
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        sets = {"corpus": export_pdfs(sorted(args.corpus.glob("*.docx")), work / "corpus")}
        if args.tasks:
            task_recall(sets["corpus"], work)
            return
        if args.realdocs.is_dir():
            (work / "realtxt").mkdir()
            sets["realdocs"] = export_pdfs(realdoc_texts(args.realdocs, args.chars, work / "realtxt"), work / "realdocs",
                                           TEXT_IMPORT)
        print(f"{'set':10} {'variant':16} {'pages':>5} {'syllables':>9} {'recall raw':>10} {'repaired':>9}")
        for name, pdfs in sets.items():
            if not pdfs:
                continue
            totals = evaluate(pdfs, args.pages, variants, args.seed, args.show)
            pages = sum(min(args.pages, _page_count(p)) for p in pdfs)
            for variant, counts in totals.items():
                print(f"{name:10} {variant:16} {pages:5d} {counts['truth']:9d} "
                      f"{counts['raw'] / max(1, counts['truth']):10.3f} {counts['repaired'] / max(1, counts['truth']):9.3f}")


def _page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


if __name__ == "__main__":
    main()
