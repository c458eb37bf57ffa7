"""Rebuild corpus/ from its HTML sources in corpus/src/ with LibreOffice Writer (headless).

Each source becomes a .docx the way an office makes one: LibreOffice turns <ol>/<ul> into
Word automatic numbering, <h1>/<h2> into heading styles and <table> into Word tables.
The reports named in LEGACY_DOC become legacy .doc files instead, and the seed's text
export stays as it is. Needs `apt-get install libreoffice-writer-nogui fonts-lao`.

    python scripts/build_corpus.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from laoreport.readers.libreoffice import convert, soffice_path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
LEGACY_DOC = {"2019-07_report"}
HTML_FILTER = "HTML (StarWriter)"  # open HTML in Writer, not Writer/Web


def main() -> None:
    if not soffice_path():
        sys.exit("LibreOffice is needed: apt-get install libreoffice-writer-nogui fonts-lao")
    for source in sorted((CORPUS / "src").glob("*.html")):
        target = "doc:MS Word 97" if source.stem in LEGACY_DOC else "docx:MS Word 2007 XML"
        with tempfile.TemporaryDirectory() as work:
            built = convert(source, target, work, input_filter=HTML_FILTER)
            destination = CORPUS / built.name
            destination.write_bytes(built.read_bytes())
        print(f"{source.name} -> {destination.name}")


if __name__ == "__main__":
    main()
