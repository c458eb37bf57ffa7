import json
from pathlib import Path

import pytest

from laoreport.parsing.metadata import (
    closes_title, doc_type, header_field, is_motto, parse_date, parse_header, parse_number, title_periods,
)

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


@pytest.mark.parametrize("case", CASES["headers"], ids=[c["name"] for c in CASES["headers"]])
def test_headers(case):
    header = parse_header(case["left"], case["right"])
    assert {name: getattr(header, name) for name in case["header"]} == case["header"]
    assert len(header.motto) == case["motto"]


@pytest.mark.parametrize("line", ["-----", "______________", "-----=== 000 ===-----", "ພັກປະຊາຊົນປະຕິວັດລາວ",
                                  "*** ພັກປະຊາຊົນ ປະຕິວັດລາວ ***", "[ຕາສັນຍາລັກຊາດ]"])
def test_decoration_and_party_line_are_motto(line):
    assert is_motto(line)


@pytest.mark.parametrize("line", ["ຄະນະບໍລິຫານງານສູນກາງພັກປະຊາຊົນປະຕິວັດລາວ", "ກະຊວງການເງິນ", "- ອີງຕາມ", "..", "1.000"])
def test_names_are_not_motto(line):
    assert not is_motto(line)


@pytest.mark.parametrize(("line", "field"), [
    ("ເຖິງ: ບັນດາພະແນກການ, ບັນດາເມືອງ.", ("to", "ບັນດາພະແນກການ, ບັນດາເມືອງ")),
    ("ຮຽນ : ທ່ານ ລັດຖະມົນຕີ", ("to", "ທ່ານ ລັດຖະມົນຕີ")),
    ("ເລື່ອງ: ການເກັບອາກອນ", ("subject", "ການເກັບອາກອນ")),
    ("ເລື່ອງທີ່ສຳຄັນ: ການເງິນ", None),
    ("ໝາຍເຖິງ: ບຸກຄົນ", None),
    ("ເຖິງ:", None),
])
def test_addressee_and_subject_lines(line, field):
    assert header_field(line) == field


@pytest.mark.parametrize(("line", "closes"), [
    ("ອີງຕາມແຜນການວຽກງານຈຸດສຸມ ໜ່ວຍພັກຫ້ອງການຈຶ່ງສະຫຼຸບໄດ້ດັ່ງນີ້", True),
    ("· ໂດຍອີງຕາມ ມະຕິກອງປະຊຸມ", True),
    ("ຮອງນາຍົກລັດຖະມົນຕີ, ລັດຖະມົນຕີ ອອກຄໍາແນະນໍາ:", True),
    ("ເຈົ້າແຂວງ ອອກຄຳສັ່ງ ດັ່ງນີ້", True),
    ("ລັດຖະມົນຕີ ອອກຂໍ້ຕົກລົງ", True),
    ("ເຖິງ: ບັນດາພະແນກການ", True),
    ("ແລະ ທິດທາງວຽກງານຈຸດສຸມປະຈໍາເດືອນ ມິຖຸນາ 2019 ຂອງໜ່ວຍພັກຫ້ອງການ", False),
    ("ວ່າດ້ວຍ ການອອກຄຳສັ່ງ ເກັບອາກອນ", False),
])
def test_lines_that_close_a_title(line, closes):
    assert closes_title(line) is closes


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
    assert header.motto == ["ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ", "ສັນຕິພາບ ເອກະລາດ ປະຊາທິປະໄຕ ເອກະພາບ ວັດທະນະຖາວອນ"]
    assert is_motto("ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ")  # the rule under it is decoration: no field keeps it


@pytest.mark.parametrize(
    ("title", "kind"),
    [("ບົດສະຫຼຸບຕີລາຄາ", "summary"), ("ດໍາລັດ ວ່າດ້ວຍ", "decree"), ("ຄຳແນະນຳ ກ່ຽວກັບ", "instruction"),
     ("ກົດຫມາຍວ່າດ້ວຍ", "law"), ("ແຜນການ ປີ 2020", "plan"), ("ຄໍາສັ່ງ", "order"),
     ("ຄໍາສັ່ງແນະນໍາ ວ່າດ້ວຍການເກັບລາຍຮັບ", "order"), ("ລັດຖະດຳລັດ ຂອງປະທານປະເທດ", "decree"),
     ("ມະຕິ ຂອງສະພາແຫ່ງຊາດ", "resolution"), ("ແຈ້ງການ ກ່ຽວກັບ ການມອບອາກອນ", "notice"),
     ("ບົດລາຍງານ ການຈັດຕັ້ງປະຕິບັດ ຄຳແນະນຳ ເລກທີ 12", "report"), ("ບົດບັນທຶກ ກອງປະຊຸມ", "minutes")],
)
def test_doc_type(title, kind):
    assert doc_type(title) == kind
