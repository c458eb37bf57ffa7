"""One import of a folder that mixes every format an office archive holds, searched for the medals."""

import shutil

from conftest import CORPUS, scan
from laoreport.archive import import_paths, search, show_report


def test_import_mixes_docx_doc_txt_pdf_and_scans_and_finds_the_medals_in_each(
        corpus_pdfs, soffice, tesseract, tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(CORPUS / "2019-06_report.docx", folder)
    shutil.copy(CORPUS / "2019-07_report.doc", folder)
    shutil.copy(CORPUS / "2019-05_seed_export.txt", folder)
    shutil.copy(corpus_pdfs["2019-08_report"], folder / "2019-08 ສົ່ງອອກ.pdf")
    scan(corpus_pdfs["2019-09_report"], folder / "2019-09 ສະແກນ.pdf")
    index = tmp_path / "index"

    summary = import_paths([folder], index)

    assert len(summary.imported) == 5 and not summary.failed
    hits = search("ຫຼຽນທີ່ລະນຶກ", index_dir=index, kind="task", limit=100).hits
    found = {hit.source.rsplit("/", 1)[-1] for hit in hits}
    assert found == {"2019-06_report.docx", "2019-07_report.doc", "2019-05_seed_export.txt",
                     "2019-08 ສົ່ງອອກ.pdf", "2019-09 ສະແກນ.pdf"}
    scanned = show_report("2019-09 ສະແກນ.pdf", index_dir=index).to_dict()
    assert scanned["source"]["format"] == "pdf" and scanned["source"]["ocr"] is True
    assert scanned["period"] == "2019-09" and scanned["plan_period"] == "2019-10"
    born_digital = show_report("2019-08 ສົ່ງອອກ.pdf", index_dir=index).to_dict()
    assert born_digital["source"]["ocr"] is False and born_digital["period"] == "2019-08"
