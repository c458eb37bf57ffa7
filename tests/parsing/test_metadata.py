import json
from pathlib import Path

import pytest

from laoreport.parsing.metadata import doc_type, is_motto, parse_date, parse_header, parse_number, title_periods

CASES = json.loads((Path(__file__).parent / "cases" / "metadata.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("text", "expected"), CASES["dates"])
def test_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), CASES["numbers"])
def test_document_numbers(text, expected):
    assert parse_number(text) == (True, expected)


@pytest.mark.parametrize(("title", "period", "plan"), CASES["periods"])
def test_title_periods(title, period, plan):
    assert title_periods(title) == (period, plan)


def test_header_lines_of_the_seed():
    header = parse_header(
        ["ຄະນະບໍລິຫານງານພັກ ອອປສ", "ໜ່ວຍພັກຫ້ອງການ", "ເລກທີ......./ໜພຫກ", "ນະຄອນຫຼວງວຽງຈັນ, ວັນທີ....../........ 2019"]
    )
    assert (header.organization, header.unit, header.number, header.place, header.date) == (
        "ຄະນະບໍລິຫານງານພັກ ອອປສ", "ໜ່ວຍພັກຫ້ອງການ", None, "ນະຄອນຫຼວງວຽງຈັນ", "2019"
    )


def test_motto_is_never_organization():
    header = parse_header(
        ["ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ", "ສັນຕິພາບ ເອກະລາດ ປະຊາທິປະໄຕ ເອກະພາບ ວັດທະນະຖາວອນ",
         "-----=== 000 ===-----", "ກະຊວງການເງິນ", "ເລກທີ 2160 /ກງ"]
    )
    assert header.organization == "ກະຊວງການເງິນ"
    assert len(header.motto) == 3
    assert is_motto("ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ")


@pytest.mark.parametrize(
    ("title", "kind"),
    [("ບົດສະຫຼຸບຕີລາຄາ", "summary"), ("ດໍາລັດ ວ່າດ້ວຍ", "decree"), ("ຄຳແນະນຳ ກ່ຽວກັບ", "instruction"),
     ("ກົດຫມາຍວ່າດ້ວຍ", "law"), ("ແຜນການ ປີ 2020", "plan"), ("ຄໍາສັ່ງ", "order")],
)
def test_doc_type(title, kind):
    assert doc_type(title) == kind
