"""The page's words: one catalogue, Lao (the staff's language) by default and English at ?lang=en.

Templates and error pages take every label from here, so a translation is one dict to
read and no string hides in a template. Periods are named here too: 2019-Q3 is
"ໄຕມາດ III 2019" in Lao and "Q3 2019" in English.
"""

from __future__ import annotations

from laoreport.periods import parse_period

LANGUAGES = ("lo", "en")
DEFAULT_LANGUAGE = "lo"

CATALOGUE: dict[str, dict[str, str]] = {
    "lo": {
        "site": "ຄັງບົດລາຍງານ",
        "nav_search": "ຄົ້ນຫາ",
        "nav_threads": "ຕິດຕາມວຽກ",
        "nav_overview": "ພາບລວມ",
        "other_language": "English",
        "query_label": "ຄຳຄົ້ນ",
        "query_placeholder": "ພິມຄຳຄົ້ນ, ເຊັ່ນ ຫຼຽນທີ່ລະນຶກ",
        "search_button": "ຄົ້ນຫາ",
        "filters": "ຕົວກັ່ນຕອງ",
        "from": "ແຕ່",
        "to": "ຫາ",
        "period_placeholder": "2019-06",
        "kind": "ປະເພດ",
        "any": "ທັງໝົດ",
        "kind_report": "ບົດລາຍງານ",
        "kind_section": "ຫົວຂໍ້",
        "kind_task": "ວຽກ",
        "status": "ສະຖານະ",
        "status_done": "ສຳເລັດ",
        "status_planned": "ແຜນ",
        "total": "ພົບ {total} ລາຍການ",
        "showing_best": "ສະແດງ {shown} ລາຍການທີ່ກົງທີ່ສຸດ",
        "show_more": "ສະແດງເພີ່ມ",
        "no_results": "ບໍ່ພົບ «{query}»",
        "did_you_mean": "ທ່ານໝາຍເຖິງ",
        "search_help": "ພິມຄຳສັບລາວ ຕາມທີ່ທ່ານຂຽນ: ທຸກການສະກົດ (ຫຼ/ຫລ, ຳ/ໍາ, ໜ/ຫນ) ແລະ ສ່ວນໜຶ່ງຂອງຄຳ ກໍ່ພົບ.",
        "no_period": "ບໍ່ມີໄລຍະ",
        "searching": "ກຳລັງຄົ້ນຫາ…",
        "report": "ບົດລາຍງານ",
        "organization": "ອົງການ",
        "unit": "ໜ່ວຍງານ",
        "number": "ເລກທີ",
        "place": "ສະຖານທີ່",
        "date": "ວັນທີ",
        "addressee": "ເຖິງ",
        "subject": "ເລື່ອງ",
        "period": "ໄລຍະສະຫຼຸບ",
        "period_column": "ໄລຍະ",
        "plan_period": "ໄລຍະແຜນ",
        "doc_type": "ປະເພດເອກະສານ",
        "source": "ໄຟລ໌ຕົ້ນສະບັບ",
        "download_json": "ດາວໂຫຼດ JSON",
        "sections": "ເນື້ອໃນ",
        "tasks": "ວຽກ",
        "thread": "ສາຍວຽກ",
        "warnings": "ຂໍ້ຄວນກວດ",
        "signature": "ລົງນາມ",
        "preamble": "ອາລຳພະບົດ",
        "overview_title": "ບົດລາຍງານ ແລະ ວຽກ ຕາມໄລຍະ",
        "overview_help": "ແຕ່ລະແຖວແມ່ນໜຶ່ງໄລຍະ; ເດືອນທີ່ບໍ່ມີບົດລາຍງານ ສະແດງເປັນສີແດງ.",
        "reports": "ບົດລາຍງານ",
        "tasks_done": "ວຽກສຳເລັດ",
        "tasks_planned": "ວຽກຕາມແຜນ",
        "missing_report": "ບໍ່ມີບົດລາຍງານ",
        "report_ahead": "ແຜນລ່ວງໜ້າ",
        "doc_type_summary": "ບົດສະຫຼຸບ",
        "doc_type_plan": "ແຜນການ",
        "doc_type_report": "ບົດລາຍງານ",
        "doc_type_instruction": "ຄຳແນະນຳ",
        "doc_type_decree": "ດຳລັດ",
        "doc_type_law": "ກົດໝາຍ",
        "doc_type_order": "ຄຳສັ່ງ",
        "doc_type_decision": "ຂໍ້ຕົກລົງ",
        "doc_type_resolution": "ມະຕິ",
        "doc_type_notice": "ແຈ້ງການ",
        "doc_type_minutes": "ບົດບັນທຶກກອງປະຊຸມ",
        "doc_type_other": "ອື່ນໆ",
        "offices": "ບົດລາຍງານຕາມຫ້ອງການ",
        "office_unknown": "ບໍ່ຮູ້ຫ້ອງການ",
        "totals": "ລວມ: {reports} ບົດລາຍງານ, {sections} ຫົວຂໍ້, {tasks} ວຽກ",
        "threads_title": "ຕິດຕາມວຽກ: ຈາກແຜນ ຫາ ຜົນ",
        "outcome": "ຜົນ",
        "outcome_done": "ສຳເລັດ",
        "outcome_open": "ກຳລັງດຳເນີນ",
        "outcome_dropped": "ຖືກປະລະ",
        "threads_total": "{total} ສາຍວຽກ",
        "threads_help": "ສາຍວຽກໜຶ່ງແມ່ນວຽກດຽວກັນ ຕາມທີ່ບົດລາຍງານແຕ່ລະເດືອນກ່າວເຖິງ: ຈາກແຜນ ຈົນເຖິງຜົນ.",
        "mentions": "{count} ຄັ້ງ",
        "more_mentions": "… ອີກ {count} ຄັ້ງ",
        "showing_first": "ສະແດງ {shown} ສາຍທຳອິດ",
        "no_thread": "ບໍ່ມີສາຍວຽກ «{id}» ໃນຄັງ",
        "no_threads": "ບໍ່ພົບສາຍວຽກ",
        "error_title": "ຂໍອະໄພ",
        "back_to_search": "ກັບໄປໜ້າຄົ້ນຫາ",
        "bad_period": "«{value}» ບໍ່ແມ່ນໄລຍະ: ໃຫ້ຂຽນ 2019, 2019-06, 2019-Q3 ຫຼື 2019-H1",
        "bad_range": "ໄລຍະ «ແຕ່» {first} ຢູ່ຫຼັງໄລຍະ «ຫາ» {last}",
        "bad_limit": "ຈຳນວນ (limit) ຕ້ອງເປັນຕົວເລກ ແຕ່ 1 ຫາ {max}",
        "status_of_sections": "ສະຖານະ (ສຳເລັດ, ແຜນ) ມີແຕ່ວຽກ, ບໍ່ມີສຳລັບຫົວຂໍ້: ເລືອກປະເພດ «ວຽກ» ຫຼື «ທັງໝົດ»",
        "bad_choice": "«{value}» ໃຊ້ບໍ່ໄດ້ສຳລັບ {name}: ໃຫ້ເລືອກ {choices}",
        "query_too_long": "ຄຳຄົ້ນຍາວເກີນໄປ ({length} ຕົວອັກສອນ): ສູງສຸດ {max}",
        "bad_encoding": "ທີ່ຢູ່ (URL) ມີຕົວອັກສອນທີ່ອ່ານບໍ່ໄດ້ (ບໍ່ແມ່ນ UTF-8)",
        "bad_query": "ຄົ້ນຫາແບບນີ້ບໍ່ໄດ້: {detail}",
        "missing_query": "ໃສ່ຄຳຄົ້ນໃນຊ່ອງ q",
        "no_report": "ບໍ່ມີບົດລາຍງານ «{id}» ໃນຄັງ",
        "not_found": "ບໍ່ພົບໜ້ານີ້",
        "read_only": "ຄັງນີ້ເປີດໃຫ້ອ່ານເທົ່ານັ້ນ",
        "archive_error": "ເປີດຄັງບໍ່ໄດ້: {detail}",
        "server_error": "ເກີດຂໍ້ຜິດພາດພາຍໃນ; ກະລຸນາລອງໃໝ່",
    },
    "en": {
        "site": "Report archive",
        "nav_search": "Search",
        "nav_threads": "Threads",
        "nav_overview": "Overview",
        "other_language": "ພາສາລາວ",
        "query_label": "Query",
        "query_placeholder": "Type Lao words, e.g. ຫຼຽນທີ່ລະນຶກ",
        "search_button": "Search",
        "filters": "Filters",
        "from": "From",
        "to": "To",
        "period_placeholder": "2019-06",
        "kind": "Kind",
        "any": "All",
        "kind_report": "Report",
        "kind_section": "Section",
        "kind_task": "Task",
        "status": "Status",
        "status_done": "done",
        "status_planned": "planned",
        "total": "{total} hits",
        "showing_best": "showing the best {shown}",
        "show_more": "Show more",
        "no_results": "No results for «{query}»",
        "did_you_mean": "Did you mean",
        "search_help": "Type Lao as you write it: every spelling (ຫຼ/ຫລ, ຳ/ໍາ, ໜ/ຫນ) and any part of a word is found.",
        "no_period": "No period",
        "searching": "Searching…",
        "report": "Report",
        "organization": "Organization",
        "unit": "Unit",
        "number": "Number",
        "place": "Place",
        "date": "Date",
        "addressee": "To",
        "subject": "Subject",
        "period": "Period reviewed",
        "period_column": "Period",
        "plan_period": "Period planned",
        "doc_type": "Document type",
        "source": "Original file",
        "download_json": "Download JSON",
        "sections": "Contents",
        "tasks": "Tasks",
        "thread": "Thread",
        "warnings": "To check",
        "signature": "Signed",
        "preamble": "Preamble",
        "overview_title": "Reports and tasks per period",
        "overview_help": "One row per period; a month without a report shows in red.",
        "reports": "Reports",
        "tasks_done": "Tasks done",
        "tasks_planned": "Tasks planned",
        "missing_report": "no report",
        "report_ahead": "planned ahead",
        "doc_type_summary": "summary",
        "doc_type_plan": "plan",
        "doc_type_report": "report",
        "doc_type_instruction": "instruction",
        "doc_type_decree": "decree",
        "doc_type_law": "law",
        "doc_type_order": "order",
        "doc_type_decision": "decision",
        "doc_type_resolution": "resolution",
        "doc_type_notice": "notice",
        "doc_type_minutes": "minutes",
        "doc_type_other": "other",
        "offices": "Reports per office",
        "office_unknown": "office unknown",
        "totals": "In all: {reports} reports, {sections} sections, {tasks} tasks",
        "threads_title": "Threads: from plan to outcome",
        "outcome": "Outcome",
        "outcome_done": "done",
        "outcome_open": "open",
        "outcome_dropped": "dropped",
        "threads_total": "{total} threads",
        "threads_help": "A thread is one piece of work as the monthly reports mention it: from its plan to its outcome.",
        "mentions": "{count} mentions",
        "more_mentions": "… {count} more mentions",
        "showing_first": "showing the first {shown}",
        "no_thread": "no thread {id!r} in the archive",
        "no_threads": "No threads found",
        "error_title": "Sorry",
        "back_to_search": "Back to search",
        "bad_period": "{value!r} is not a period: write 2019, 2019-06, 2019-Q3 or 2019-H1",
        "bad_range": "'from' {first} is later than 'to' {last}",
        "bad_limit": "limit must be a whole number from 1 to {max}",
        "status_of_sections": "a status (done, planned) belongs to tasks, not to sections: choose the kind Task or All",
        "bad_choice": "{value!r} is not a valid {name}: choose {choices}",
        "query_too_long": "the query is too long ({length} characters): at most {max}",
        "bad_encoding": "the address holds bytes that are not UTF-8 text",
        "bad_query": "{detail}",
        "missing_query": "give a query in the q parameter",
        "no_report": "no report {id!r} in the archive",
        "not_found": "no such page",
        "read_only": "this archive is read-only",
        "archive_error": "the archive cannot be opened: {detail}",
        "server_error": "something went wrong inside the server; please try again",
    },
}

MONTHS_EN = ("January", "February", "March", "April", "May", "June",
             "July", "August", "September", "October", "November", "December")


def language(requested: str | None) -> str:
    """The language asked for, if the catalogue has it; otherwise Lao."""
    return requested if requested in LANGUAGES else DEFAULT_LANGUAGE


def message(lang: str, key: str, **values) -> str:
    """One label or message in `lang`, its {placeholders} filled in."""
    return CATALOGUE[lang][key].format(**values)


def doc_type_name(lang: str, doc_type: str) -> str:
    """A document type in words ("summary" is ບົດສະຫຼຸບ); a type the catalogue lacks shows as it is."""
    return CATALOGUE[lang].get(f"doc_type_{doc_type}", doc_type)


def period_name(lang: str, period: str | None) -> str:
    """A period as a reader says it: 2019-06 is "ມິຖຸນາ 2019" or "June 2019"."""
    if not period:
        return message(lang, "no_period")
    parsed = parse_period(period)
    if lang == "lo":
        return parsed.lao()
    if parsed.kind == "month":
        return f"{MONTHS_EN[parsed.index - 1]} {parsed.year}"
    if parsed.kind == "quarter":
        return f"Q{parsed.index} {parsed.year}"
    if parsed.kind == "half":
        return f"{'First' if parsed.index == 1 else 'Second'} half of {parsed.year}"
    return str(parsed.year)
