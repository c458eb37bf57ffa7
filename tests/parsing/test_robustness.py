"""Arbitrary text and bytes never crash the text reader and parser: a report or a clear InputError."""

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from laoreport.blocks import Block
from laoreport.errors import InputError
from laoreport.model import Source
from laoreport.parsing import parse_blocks, parse_report

LAO = "".join(chr(c) for c in range(0x0E80, 0x0F00))
REPORTISH = st.text(alphabet=LAO + string.digits + " .·-•/\t:;IVX()" + "ເລກທີວັນທີບົດສະຫຼຸບ", max_size=80)
SOURCE = Source("generated.txt", "txt", "0" * 64)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(REPORTISH, max_size=40))
def test_any_lines_parse_to_a_report(lines):
    report = parse_blocks([Block(text=line) for line in lines], SOURCE)
    assert report.to_json()
    for task in report.tasks:
        assert task.status in ("done", "planned")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_unicode_text_file(tmp_path, text):
    path = tmp_path / "any.txt"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        parse_report(path)
    except InputError as error:
        assert "\n" not in str(error) and str(path) in str(error)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400), st.sampled_from(["x.txt", "x.docx", "x.doc"]))
def test_any_bytes_under_any_name(tmp_path, data, name):
    path = tmp_path / name
    path.write_bytes(data)
    try:
        parse_report(path)
    except InputError as error:
        assert "\n" not in str(error) and str(path) in str(error)
