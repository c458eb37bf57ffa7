"""Header metadata of a Lao official document: organization, unit, number, place, date, title, periods.

All matching runs on normalized text (so ຫລ/ຫຼ, ໍາ/ຳ and Lao digits do not matter);
every value returned is cut from the original text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from laoreport.lao import normalize
from laoreport.model import Header
from laoreport.periods import LAO_MONTHS, ROMAN_QUARTERS

# Variant spellings seen in documents, beside the canonical names of periods.LAO_MONTHS.
_MONTH_VARIANTS: dict[int, tuple[str, ...]] = {
    4: ("ເມສາຍົນ",),
    5: ("ພຶດສະພາຄົມ", "ພຶດສພາ"),
    6: ("ມີຖຸນາ", "ມິຖຸນາຍົນ"),
    7: ("ກໍຣະກົດ", "ກໍລະກົດາຄົມ"),
    8: ("ສິງຫາຄົມ",),
    9: ("ກັນຍາຍົນ",),
    10: ("ຕຸລາຄົມ",),
    11: ("ພະຈິກາຍົນ",),
    12: ("ທັນວາຄົມ",),
}
_ENGLISH_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")

_MOTTO_WORDS = ("ສາທາລະນະລັດ", "ສັນຕິພາບ", "ເອກະລາດ", "ວັດທະນະຖາວອນ", "ຕາສັນຍາລັກ")
# The party's own line, top right on party documents as the national motto is on state ones.
_PARTY_LINE = "ພັກປະຊາຊົນປະຕິວັດລາວ"
_RULE_CHARS = "-=_*~.–—"
DOC_TYPES: tuple[tuple[str, str], ...] = (
    ("ບົດສະຫຼຸບ", "summary"),
    ("ບົດລາຍງານ", "report"),
    ("ລັດຖະດຳລັດ", "decree"),
    ("ດຳລັດ", "decree"),
    ("ກົດໝາຍ", "law"),
    ("ຄຳແນະນຳ", "instruction"),
    ("ຄຳສັ່ງ", "order"),
    ("ຂໍ້ຕົກລົງ", "decision"),
    ("ມະຕິ", "resolution"),
    ("ແຈ້ງການ", "notice"),
    ("ບົດບັນທຶກ", "minutes"),
    ("ແຜນການ", "plan"),
)
# "ເຖິງ: ..." names the addressee (ຮຽນ: in a letter), "ເລື່ອງ: ..." the subject.
_FIELD_LABELS = {"ເຖິງ": "to", "ຮຽນ": "to", "ເລື່ອງ": "subject"}
_PREAMBLE_STARTS = ("ອີງຕາມ", "ໂດຍອີງຕາມ", "ອີງໃສ່")
_ANNOUNCES = ("ດັ່ງນີ້", "ດັ່ງຕໍ່ໄປນີ້")


@lru_cache(maxsize=1)
def _month_pattern() -> tuple[re.Pattern[str], dict[str, int]]:
    names = {normalize(name): number for number, name in enumerate(LAO_MONTHS, 1)}
    for number, variants in _MONTH_VARIANTS.items():
        names.update({normalize(v): number for v in variants})
    alternation = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(f"({alternation})"), names


def month_number(text: str) -> int | None:
    """The month a Lao month name means: "ພຶດສະພາ" -> 5."""
    pattern, names = _month_pattern()
    match = pattern.search(normalize(text))
    return names[match.group(1)] if match else None


def is_motto(line: str) -> bool:
    """National motto, emblem placeholder, the party line and the decorative rules under them.

    A rule is any line drawn with dashes, underscores or the like (`-----`, `-----=== 000 ===-----`):
    decoration, never a name.
    """
    norm = normalize(line)
    if any(w in norm for w in _MOTTO_WORDS) or re.sub(rf"[\s,:;*·•{re.escape(_RULE_CHARS)}]", "", norm) == _PARTY_LINE:
        return True
    return is_rule(line)


def is_rule(line: str) -> bool:
    """A line drawn with dashes, underscores or the like: decoration, kept in no field."""
    norm = normalize(line)
    return bool(re.fullmatch(rf"[\s0o{re.escape(_RULE_CHARS)}]+", norm)) and sum(c in _RULE_CHARS for c in norm) >= 3


def header_field(line: str) -> tuple[str, str] | None:
    """("to", addressee) of a "ເຖິງ: ..." line, ("subject", subject) of a "ເລື່ອງ: ..." line, else None.

    >>> header_field("ເລື່ອງ: ການເກັບອາກອນຂອງລັດ.")
    ('subject', 'ການເກັບອາກອນຂອງລັດ')
    """
    label, colon, value = line.partition(":")
    name = _field_labels().get(re.sub(r"[\s*·•\-]", "", normalize(label)))
    value = value.strip().rstrip(" .;,")
    return (name, value) if colon and name and value else None


@lru_cache(maxsize=1)
def _field_labels() -> dict[str, str]:
    return {normalize(label): name for label, name in _FIELD_LABELS.items()}


def closes_title(line: str) -> bool:
    """A line that cannot belong to a title: the ເລກທີ line, an addressee or subject line, the
    ອີງຕາມ preamble, a line announcing what follows ("... ຈຶ່ງສະຫຼຸບໄດ້ດັ່ງນີ້:") or the enactment
    formula ("ລັດຖະມົນຕີ ອອກຄຳແນະນຳ")."""
    norm = re.sub(r"^[\s\-*·•]+", "", normalize(line)).rstrip()
    enacts = re.search(rf"ອອກ\s*(?:{'|'.join(word for word, _ in DOC_TYPES)})[\s:.]*(?:{'|'.join(_ANNOUNCES)})?[\s:.]*$", norm)
    return ("ເລກທີ" in norm or header_field(line) is not None or norm.startswith(_PREAMBLE_STARTS)
            or norm.endswith(":") or norm.endswith(_ANNOUNCES) or bool(enacts))


def _place(text: str) -> str | None:
    """The place of a date line, without the "at" in front: "ທີ່ຊຽງຂວາງ" -> "ຊຽງຂວາງ"."""
    return re.sub(r"^(?:ເຮັດ\s*)?ທ(?:ີ່|່ີ)\s*", "", text.strip(" ,")).strip(" ,") or None


def _year(text: str) -> int:
    year = int(text)
    return year - 543 if year > 2400 else year  # Buddhist era


def parse_date(text: str) -> str | None:
    """A date as YYYY-MM-DD, or YYYY when only the year is filled in (`....../........ 2019`)."""
    norm = normalize(text)
    match = re.search(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})", norm)
    if match and 1 <= int(match[2]) <= 12 and 1 <= int(match[1]) <= 31:
        return f"{_year(match[3]):04d}-{int(match[2]):02d}-{int(match[1]):02d}"
    match = re.search(r"(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{4})", norm)
    if match and match[2].upper() in _ENGLISH_MONTHS:
        return f"{_year(match[3]):04d}-{_ENGLISH_MONTHS.index(match[2].upper()) + 1:02d}-{int(match[1]):02d}"
    pattern, names = _month_pattern()
    match = re.search(r"(\d{1,2})\s*(?:ເດືອນ)?\s*" + pattern.pattern + r"\s*(?:ປີ)?\s*(\d{4})", norm)
    if match:
        return f"{_year(match[3]):04d}-{names[match[2]]:02d}-{int(match[1]):02d}"
    match = re.search(r"(?<!\d)(\d{4})(?!\d)", norm)
    if match and 1900 < _year(match[1]) < 2200:
        return f"{_year(match[1]):04d}"
    return None


def parse_number(text: str) -> tuple[bool, str | None]:
    """(found, number) of a `ເລກທີ` line: "ເລກທີ 2160 /ກງ" -> "2160/ກງ"; "ເລກທີ......./ໜພຫກ" -> (True, None)."""
    norm = normalize(text)
    match = re.search(r"ເລກທີ\s*[:.]?\s*([\d\s.…]*?)\s*/\s*([^\s,;]+)", norm)
    if not match:
        match = re.search(r"ເລກທີ\s*[:.]?\s*(\d[\d\s]*)", norm)
        if not match:
            return ("ເລກທີ" in norm, None)
        return True, re.sub(r"\s", "", match[1])
    digits = re.sub(r"[\s.…]", "", match[1])
    if not digits:
        return True, None
    return True, f"{digits}/{match[2]}"


def parse_header(left: list[str], right: list[str] | tuple[str, ...] = ()) -> Header:
    """The header from the lines around the title.

    `left` is the left-hand (or only) column, `right` the right-hand column of a two-column
    header: there stand the motto or the party line (ພັກປະຊາຊົນປະຕິວັດລາວ), the number and
    the date, so the organization and the unit are read from the left. Only a header whose
    left column names nobody takes them from the right.
    """
    header = Header()
    names = _read_cells(header, left)
    others = _read_cells(header, right)
    if not names:
        names, others = others[:2], others[2:]
    header.motto += others
    header.organization = names[0] if names else None
    header.unit = names[1] if len(names) > 1 else None
    return header


def _read_cells(header: Header, cells: list[str] | tuple[str, ...]) -> list[str]:
    """Fill `header` from the cells it recognizes; the others (names) are returned in order."""
    rest = []
    for cell in cells:
        norm = normalize(cell)
        field = header_field(cell)
        if field:
            setattr(header, *field)
        elif is_rule(cell):
            continue
        elif is_motto(cell):
            header.motto.append(cell)
        elif "ເລກທີ" in norm:
            _, header.number = parse_number(cell)
            after = norm.split("ເລກທີ", 1)[1]
            if header.date is None and "ລົງວັນທີ" in after:
                header.date = parse_date(after.split("ລົງວັນທີ", 1)[1])
            elif header.date is None and (year := re.search(r"\((\d{4})\)", after)):
                header.date = parse_date(year[1])  # a law's number carries its year: ເລກທີ 127/ປປທ (2024)
        elif "ວັນທີ" in norm:
            header.place = header.place or _place(re.split(r",?\s*ວັນທີ", cell, maxsplit=1)[0])
            header.date = parse_date(re.split(r"ວັນທີ", norm, maxsplit=1)[1])
        else:
            rest.append(cell)
    return rest


def is_title_start(line: str) -> bool:
    """A line that opens a document's title: ບົດສະຫຼຸບ..., ດຳລັດ..., ກົດໝາຍ ວ່າດ້ວຍ..."""
    norm = normalize(line).lstrip()
    return any(norm.startswith(word) for word, _ in DOC_TYPES)


def doc_type(title: str) -> str:
    """The kind of document its title names first: "ຄຳສັ່ງແນະນຳ ..." -> "order", "ລັດຖະດຳລັດ ..." -> "decree"."""
    norm = normalize(title)
    found = [(norm.find(word), -len(word), kind) for word, kind in DOC_TYPES if word in norm]
    return min(found)[2] if found else "other"


def _periods_in(text: str) -> list[str]:
    """Periods named in a title fragment, in order: "2019-05", "2019-Q3", "2019-H1", "2019"."""
    pattern, names = _month_pattern()
    found: list[tuple[int, str]] = []
    quarter = re.compile(r"ໄຕມາດ\s*(?:ທີ\s*)?(iv|i{1,3}|[1-4])\b(?:[^\d]{0,12}?(\d{4}))?", re.IGNORECASE)
    for match in quarter.finditer(text):
        roman = match[1].upper()
        number = ROMAN_QUARTERS.index(roman) + 1 if roman in ROMAN_QUARTERS else int(roman)
        found.append((match.start(), f"{match[2] or '?'}-Q{number}"))
    for match in re.finditer(r"6\s*ເດືອນ\s*(ຕົ້ນ|ທ້າຍ)\s*ປີ\s*(\d{4})?", text):
        found.append((match.start(), f"{match[2] or '?'}-H{1 if match[1] == 'ຕົ້ນ' else 2}"))
    taken = [range(m, m + 12) for m, _ in found]
    for match in re.finditer(pattern.pattern + r"\s*(?:ປີ\s*)?(\d{4})?", text):
        if not any(match.start() in r for r in taken):
            found.append((match.start(), f"{match[2] or '?'}-{names[match[1]]:02d}"))
    if not found:
        for match in re.finditer(r"ປີ\s*(\d{4})", text):
            found.append((match.start(), match[1]))
    return [p for _, p in sorted(found)]


def title_periods(title: str) -> tuple[str | None, str | None]:
    """(period reviewed, period planned) from a title such as
    "... ປະຈໍາເດືອນ ພຶດສະພາ 2019 ແລະ ທິດທາງວຽກງານຈຸດສຸມປະຈໍາເດືອນ ມິຖຸນາ 2019" -> ("2019-05", "2019-06")."""
    parts = re.split(r"ທິດທາງ|ແຜນການ|ແຜນວຽກ", normalize(title), maxsplit=1)
    reviewed = _periods_in(parts[0])
    planned = _periods_in(parts[1]) if len(parts) > 1 else []
    period = reviewed[0] if reviewed else None
    plan = planned[0] if planned else None
    if period and period.startswith("?") and plan and not plan.startswith("?"):
        period = plan[:4] + period[1:]
    if plan and plan.startswith("?") and period and not period.startswith("?"):
        year = int(period[:4])
        if period[5:].isdigit() and plan[2:].isdigit() and int(plan[2:]) < int(period[5:]):
            year += 1  # ທັນວາ 2019 ... ມັງກອນ: the plan is for the next year
        plan = f"{year}{plan[1:]}"
    return (None if period and period.startswith("?") else period), (
        None if plan and plan.startswith("?") else plan)
