"""Task threads: which tasks of one office are the same piece of work, and how each piece ended.

Threads are a deterministic function of an office's tasks, never of the order its reports
were imported. Tasks are taken in time order, one report side (its review or its plan) at a
time, and each joins the earlier thread it resembles most, or starts one. Resemblance uses
the Lao text layer only, so it carries over to offices that write in other words:

- normalized syllables and pairs of adjacent syllables (not across a space or a comma), so
  ຫຼຽນ/ຫລຽນ and ໍາ/ຳ agree and an object can be shortened or extended;
- each weighted by how specific it is: rare among the office's threads (the object
  ຫຼຽນທີ່ລະນຶກ, in one thread, outweighs ວັນສ້າງຕັ້ງ..., the occasion of five) and seldom
  repeated within one report side (ສືບຕໍ່, ສຳເລັດ, or the ສ້ອມແປງ of two repair items side
  by side weigh little). Thread rarity needs threads, so linking runs twice: the second pass
  weighs features by the threads of the first;
- identifying numbers: ສະບັບທີ 11 and ສະບັບທີ 12 (after an ordinal), ປີ 2018 and ປີ 2019
  (years) are different work however alike the rest, and a thread whose mentions all name
  their number is a poor home for a mention naming none; counts (17 ແຂວງ, 80%) are progress;
- one report side never mentions one piece of work twice, which keeps a summary report's
  items (ໄຕມາດ, ປະຈຳປີ) from gluing two threads together;
- a word no other task of the office uses is a new detail (a place, a count) and counts only
  half against a resemblance;
- periods and status: a review of the period a thread last planned for, a plan continuing
  (ສືບຕໍ່) or finishing a partial result the same report reviewed, or a summary of months the
  thread went through, is the expected next mention and is taken more readily; a thread
  silent for months needs a closer match. Where an office files tasks under several
  sections, the section number a task sits in (2.2 under I and under III) adds a little.

Everything a task's link depends on lies within a few years of it, so that relinking after a
change costs what the change touched and memory stays bounded however long an office's
history (relinking.py walks it a block, a calendar year, at a time):

- "the office's tasks and threads" that weigh a feature are those of the task's year and the
  YEARS_BEFORE years before it (words an office uses drift; a year's tasks weigh its links
  whatever later years say, so a new year leaves the links of the past alone);
- a thread is remembered by its RECENT latest tasks: they are what a task is compared with,
  how the thread is looked up and the numbers it names things by;
- a thread silent for CLOSED_AFTER months is closed: its silence penalty alone already keeps
  any resemblance under JOIN_AT after three years, and an expected mention comes within one.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from weakref import WeakValueDictionary

from laoreport.lao import Token, normalize, syllable_tokens
from laoreport.periods import parse_period

#: A task joins a thread when its score reaches this (text resemblance is 0..1).
JOIN_AT = 0.4
#: Added for the expected next mention (see the module docstring).
EXPECTED = 0.1
#: Taken off per month of silence beyond one, for any other mention.
PER_SILENT_MONTH = 0.02
#: Taken off when the thread names its thing by number (ສະບັບທີ 12) and the task names none.
NAMELESS = 0.15
#: Added, times 0..1, when the task sits in the same numbered section as the thread's last task.
SAME_SECTION = 0.1
#: How many of a thread's latest tasks it is remembered by (threads drift: idea, budget,
#: production, delivery...).
RECENT = 8
#: A feature held by more threads than this is too common to look candidate threads up by.
LOOKUP = 16
#: How many candidate threads (those sharing the most weight with a task) are scored.
CANDIDATES = 12
#: A feature no other task of the office has is a new detail (a place, a count), not a sign of
#: other work: it counts this much of its weight against a resemblance.
NEW_DETAIL = 0.5
#: Linking takes an office's tasks a block of this many calendar years at a time (2016-2019,
#: 2020-2023...): a block's links are weighed alike, by the tasks of its years and of the
#: YEARS_BEFORE years before it.
BLOCK_YEARS = 4
YEARS_BEFORE = 3
#: Months of silence that close a thread (the largest month gap a mention can bridge is
#: (1 + SAME_SECTION - JOIN_AT) / PER_SILENT_MONTH + 1 = 36; expected mentions come within 12).
CLOSED_AFTER = 48
#: The block of tasks whose report names no period: after the office's last year.
UNDATED = 9999
#: Ordinal markers: the number after them names one thing (ສະບັບທີ 12, ຊຸດທີ 2, ຄັ້ງທີ 3).
ORDINALS = ("ທີ", "ທີ່")
#: Lao aspect words saying work goes on or waits (ກຳລັງ, ລໍຖ້າ, ຍັງບໍ່, ບໍ່ທັນ): a review
#: item saying so reports a partial result, unless it also says ສຳເລັດ (completed).
UNFINISHED = tuple(normalize(w) for w in ("ກຳລັງ", "ລໍຖ້າ", "ຍັງບໍ່", "ບໍ່ທັນ"))
FINISHED = normalize("ສຳເລັດ")
#: The parser joins a task-table row's cells with this; the longest cell is the task.
CELL_SEPARATOR = " — "
_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")
_NUMBER = re.compile(r"^(\d+|[ivxlc]+)$")
_YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass(frozen=True)
class TaskRef:
    """One task as threads see it: where and when it is, what it says, its normalized syllables.

    Made by `task_ref` when a report is recorded and stored as such, so linking parses nothing.
    """

    report: str
    index: int
    period: str | None
    status: str  # "done" | "planned"
    section: tuple[str, ...]
    text: str
    syllables: tuple[str, ...]  # task_syllables(text)
    continues: bool  # the parser's carried_over: ສືບຕໍ່...
    moment: str  # time_text(...): the order tasks are linked in
    first_month: str | None  # of the period
    last_month: str | None
    partial: bool  # a review item reporting unfinished work (is_partial)

    @property
    def key(self) -> str:
        """The task's index document id: report id, /t/, position in the report."""
        return f"{self.report}/t/{self.index}"

    @property
    def block(self) -> int:
        """The calendar year the task is linked in (UNDATED without a period)."""
        return int(self.moment[:4])


def block_of(year: int) -> int:
    """The first year of the block `year` is linked in.

    >>> block_of(2019), block_of(2020)
    (2016, 2020)
    """
    return year - year % BLOCK_YEARS


def task_ref(report: str, index: int, period: str | None, status: str, section: Iterable[str], text: str,
             continues: bool = False, tokens: list[Token] | None = None) -> TaskRef:
    """A task as threads see it; `tokens` are its text's syllable_tokens, when the caller has them."""
    parsed = parse_period(period) if period else None
    return TaskRef(report, index, period, status, tuple(section), text, task_syllables(text, tokens), continues,
                   time_text(report, index, period, status), parsed.first_month if parsed else None,
                   parsed.last_month if parsed else None, status == "done" and is_partial(text))


def office_key(organization: str | None, unit: str | None) -> str:
    """Organization and unit, normalized, without spaces: ຫນ່ວຍພັກ and ໜ່ວຍພັກ are one office."""
    return "/".join(re.sub(r"\s+", "", normalize(part or "")) for part in (organization, unit))


def task_syllables(text: str, tokens: list[Token] | None = None) -> tuple[str, ...]:
    """The normalized syllables threads compare, "" where a space or punctuation parted them.

    A task-table row's longest cell stands for the row (the others name who and when).
    `tokens` are the text's syllable_tokens, when the caller has them already.

    >>> task_syllables("ມອບຫລຽນ ໃຫ້ແຂວງ")
    ('ມອບ', 'ຫຼຽນ', '', 'ໃຫ້', 'ແຂວງ')
    """
    start = 0
    cells = []
    for cell in text.split(CELL_SEPARATOR):
        cells.append((len(cell), start))
        start += len(cell) + len(CELL_SEPARATOR)
    length, start = max(cells, key=lambda c: c[0])
    syllables: list[str] = []
    end = None
    for token in syllable_tokens(text) if tokens is None else tokens:
        if start <= token.start < start + length:
            if end is not None and token.start != end:
                syllables.append("")
            syllables.append(token.norm)
            end = token.end
    return tuple(syllables)


def time_text(report: str, index: int, period: str | None, status: str) -> str:
    """When a mention speaks of, as text that sorts in time: a plan of its period's start, a
    review of its end; then the span, the report and the task's place in it.

    A plan for 2020 (in the annual report) sorts with January 2020, a ໄຕມາດ III review
    after September's; for one month, the plan comes before the review of it.

    >>> time_text("52d0b7ed1dd8f400", 3, "2019-Q3", "done")
    '2019-09|1|002|52d0b7ed1dd8f400|00003'
    """
    if not period:
        return f"{UNDATED}-99|1|000|{report}|{index:05d}"
    parsed = parse_period(period)
    span = _month_number(parsed.last_month) - _month_number(parsed.first_month)
    if status == "planned":
        return f"{parsed.first_month}|0|{span:03d}|{report}|{index:05d}"
    return f"{parsed.last_month}|1|{span:03d}|{report}|{index:05d}"


def is_partial(text: str) -> bool:
    """A review item reporting unfinished work.

    >>> is_partial("ທາສີອາຄານ ສຳເລັດໄດ້ 40%"), is_partial("ທາສີອາຄານ ສຳເລັດ 100%")
    (True, False)
    >>> is_partial("ສະເໜີງົບປະມານແລ້ວ, ລໍຖ້າການອະນຸມັດ")
    True
    """
    norm = normalize(text)
    percents = [float(p.replace(",", ".")) for p in _PERCENT.findall(norm)]
    if percents:
        return max(percents) < 100
    return any(word in norm for word in UNFINISHED) and FINISHED not in norm


def outcome(last_status: str | None, last_end: str | None, last_partial: bool, latest: str | None) -> str:
    """done, open or dropped, from a thread's last mention and its office's latest reviewed month.

    done: the last mention reports the work finished. open: it is a plan for a period no
    report reviews yet, or a partial result in a review of the latest month. dropped: a plan
    for a period the archive has reviewed, or a partial result reported earlier, and nothing
    after it says more. `last_end` is the last month of the last mention's period.

    >>> outcome("planned", "2019-07", False, "2019-06"), outcome("planned", "2019-06", False, "2019-07")
    ('open', 'dropped')
    """
    if not last_end or latest is None:
        return "open"
    if last_status == "done":
        if not last_partial:
            return "done"
        return "open" if last_end >= latest else "dropped"
    return "dropped" if last_end <= latest else "open"


def thread_id(office: str, first: TaskRef) -> str:
    """Derived from the office and the thread's first task, so any import order gives the same id."""
    return hashlib.sha256(f"{office}\n{first.key}".encode()).hexdigest()[:12]


def month_text(number: int) -> str:
    """The inverse of _month_number: 24229 -> "2019-01"."""
    year, month = divmod(number - 1, 12)
    return f"{year:04d}-{month + 1:02d}"


def _month_number(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7])


class Wording:
    """The features of one wording, one object for every task worded so while any is in use:
    resemblances are cached by it, and routines repeat their words."""

    __slots__ = ("terms", "ordered", "__weakref__")

    def __init__(self, terms: frozenset[str]):
        self.terms = terms
        self.ordered = tuple(sorted(terms))  # one order of additions in every process


_WORDINGS: WeakValueDictionary[frozenset[str], Wording] = WeakValueDictionary()


def _wording(terms: frozenset[str]) -> Wording:
    found = _WORDINGS.get(terms)
    if found is None:
        found = _WORDINGS[terms] = Wording(terms)
    return found


class Features:
    """What linking reads of one task: its features, identifying numbers, section and months."""

    __slots__ = ("task", "wording", "terms", "ids", "section", "first", "last", "month", "summary", "side", "batch")

    def __init__(self, task: TaskRef):
        self.task = task
        tokens = [s for s in task.syllables if s]
        self.wording = _wording(frozenset(
            [s for s in tokens if not _YEAR.match(s)]
            + [f"{a} {b}" for a, b in zip(task.syllables, task.syllables[1:]) if a and b]
        ))
        self.terms = self.wording.terms
        self.ids = _identifiers(tokens)
        self.section = tuple(label.rsplit(".", 1)[-1] for label in task.section[1:])  # I/2/2.2 -> 2/2
        self.first, self.last = task.first_month, task.last_month
        self.month = _month_number(task.moment[:7]) if task.period else None
        self.summary = bool(task.period and task.status == "done" and task.first_month != task.last_month)
        self.side = (task.report, task.status)
        self.batch = task.moment.rsplit("|", 1)[0]  # one report side at one time


def _identifiers(tokens: list[str]) -> dict[tuple[str, ...], frozenset[str]]:
    """Numbers that name one thing, by the two syllables before them: ສະບັບທີ 12, ປະຈຳປີ 2019."""
    found: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for i, token in enumerate(tokens):
        if i and _NUMBER.match(token) and (tokens[i - 1] in ORDINALS or _YEAR.match(token)):
            found[tuple(tokens[max(0, i - 2):i])].add(token)
    return {context: frozenset(numbers) for context, numbers in found.items()}


class YearCounts:
    """What Weights adds up of one year's tasks: how many have each feature, in how many report
    sides, and (for the second pass) in which first-pass threads."""

    def __init__(self, features: list[Features]):
        self.size = len(features)
        self.having: Counter[str] = Counter()
        by_side: dict[tuple[str, str], list[Features]] = defaultdict(list)
        for feature in features:
            self.having.update(feature.terms)
            by_side[feature.side].append(feature)
        self.sides: Counter[str] = Counter()  # a report side lies in one year: sides add up over years
        self.several = self.sectioned = 0  # sides with two tasks or more; of those, with two sections
        for side in by_side.values():
            self.sides.update(frozenset().union(*(f.terms for f in side)))
            if len(side) > 1:
                self.several += 1
                self.sectioned += len({f.section for f in side}) > 1
        self.features = features
        self.drafts: dict[str, set[str]] | None = None

    def held(self, drafts: list[str]) -> dict[str, set[str]]:
        """Feature -> the first-pass threads holding it here, given each task's (`drafts`, in order)."""
        if self.drafts is None:
            self.drafts = defaultdict(set)
            for feature, draft in zip(self.features, drafts):
                for term in feature.terms:
                    self.drafts[term].add(draft)
        return self.drafts


class Window:
    """The tasks of the years that weigh one year's links, counted (for both passes)."""

    def __init__(self, years: list[YearCounts]):
        self.years = years
        self.size = sum(year.size for year in years)
        self.having = _Lazy(lambda term: sum(year.having[term] for year in years if term in year.having))
        self.sides = _Lazy(lambda term: sum(year.sides[term] for year in years if term in year.sides))
        several = sum(year.several for year in years)
        self.sectioned = bool(several) and 2 * sum(year.sectioned for year in years) >= several


class Weights:
    """How much each feature says in one year's links, from the tasks of the years around it.

    `window` counts those years' tasks; `drafts`, for the second pass, are the first pass's
    threads of their tasks, year by year. A feature none of them has (an old thread's word)
    weighs as one held by a single task. Weights are worked out as linking asks for them.
    """

    def __init__(self, window: Window, drafts: list[list[str]] | None = None):
        self.window = window
        self.sectioned = window.sectioned
        self.held = [year.held(d) for year, d in zip(window.years, drafts)] if drafts is not None else None
        self.threads = len(set().union(*drafts)) if drafts is not None else 0
        self.weight = _Lazy(self._weight)  # term -> weight
        self.counted = _Lazy(self._counted)  # term -> weight as a task's total counts it
        self._totals: dict[Wording, float] = {}
        self._resemblances: dict[Wording, dict[Wording, float]] = {}

    def _weight(self, term: str) -> float:
        having, size = self.window.having[term], self.window.size
        if not having:
            return math.log(1 + size) if self.held is None else math.log(1 + self.threads) ** 2
        specific = (self.window.sides[term] / having) ** 3  # 1: no side repeats it
        if self.held is None:  # rarity among tasks
            return math.log(1 + size / having) * specific
        holding = len(set().union(*(held[term] for held in self.held if term in held)))
        # rarity among threads, squared so a thread's own object outweighs shared occasions
        return math.log(1 + self.threads / holding) ** 2 * specific

    def _counted(self, term: str) -> float:
        """A feature no other task has is a new detail: NEW_DETAIL of its weight."""
        return self.weight[term] * (NEW_DETAIL if self.window.having[term] == 1 else 1.0)

    def total(self, wording: Wording) -> float:
        found = self._totals.get(wording)
        if found is None:
            # fsum: exact whatever order a set yields its terms in, so every process links alike
            found = self._totals[wording] = math.fsum(map(self.counted.__getitem__, wording.terms)) or 1.0
        return found

    def likeness(self, a: Wording, others: list[Wording]) -> float:
        """The greatest resemblance of wording `a` to any of `others`."""
        known = self._resemblances.get(a)
        if known is None:
            known = self._resemblances[a] = {}
        best = 0.0
        for b in others:
            found = known.get(b)
            if found is None:
                found = known[b] = self.resemblance(a, b)
            if found > best:
                best = found
        return best

    def resemblance(self, a: Wording, b: Wording) -> float:
        """How much two wordings say the same, 0..1: the weight they share against the lighter one and both."""
        shared = math.fsum(map(self.weight.__getitem__, a.terms & b.terms))
        if not shared:
            return 0.0
        wa, wb = self.total(a), self.total(b)
        return math.sqrt(shared / min(wa, wb) * 2 * shared / (wa + wb))


class _Lazy(dict):
    """A dict that works out a missing value by `make` and keeps it."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, key):
        value = self[key] = self.make(key)
        return value


class OpenThread:
    """A thread linking can still extend: its identity and its latest tasks."""

    def __init__(self, identity: str, members: Iterable[Features] = ()):
        self.identity = identity
        self.members: list[Features] = []
        self.last_month: int | None = None
        for feature in members:
            self.add(feature)

    def add(self, feature: Features) -> None:
        self.members.append(feature)
        del self.members[:-RECENT]
        if feature.month is not None:
            self.last_month = feature.month
        self.wordings = list({f.wording: None for f in self.members})  # each wording once
        self.terms = frozenset().union(*(f.terms for f in self.members))
        self.ids: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self.naming: dict[tuple[str, ...], int] = defaultdict(int)  # context -> members naming a number there
        for member in self.members:
            for context, numbers in member.ids.items():
                self.ids[context] |= numbers
                self.naming[context] += 1
        self.order = feature.task.moment  # unique: breaks ties between threads alike in every process

    def conflicts(self, feature: Features) -> bool:
        """The task names a thing the thread names, with another number: ສະບັບທີ 11 vs 12."""
        return bool(self.ids and feature.ids) and any(
            context in self.ids and not numbers & self.ids[context] for context, numbers in feature.ids.items())

    def named_without(self, feature: Features) -> bool:
        """Most of the thread's latest tasks name their thing by a number the task does not give."""
        return bool(self.naming) and any(
            2 * n >= len(self.members) and context not in feature.ids for context, n in self.naming.items())

    def signature(self) -> str:
        """All linking reads of the thread, its identity aside."""
        return " ".join(f.task.key for f in self.members) + f" {self.last_month}"


class Linker:
    """One linking pass over an office's tasks, a year at a time, holding its open threads only.

    `threads` are those open when the pass starts (at the office's first year: none).
    """

    def __init__(self, office: str, threads: Iterable[OpenThread] = ()):
        self.office = office
        self.threads: list[OpenThread] = []
        self.holders: dict[str, set[OpenThread]] = defaultdict(set)  # feature -> open threads holding it
        for thread in threads:
            self._open(thread)

    def close_silent(self, year: int) -> None:
        """Before linking `year`: close the threads silent since CLOSED_AFTER months before it."""
        since = _month_number(f"{year:04d}-01") - CLOSED_AFTER
        for thread in [t for t in self.threads if t.last_month is not None and t.last_month < since]:
            self.threads.remove(thread)
            for term in thread.terms:
                self.holders[term].discard(thread)

    def digest(self) -> str:
        """What the open threads are, their identities aside: two passes with equal digests link
        the rest of the office alike."""
        lines = sorted(thread.signature() for thread in self.threads)
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]

    def link(self, block: list[Features], weights: Weights) -> list[tuple[Features, OpenThread]]:
        """Place one year's tasks (in time order), a report side at a time; each task with its thread."""
        placed: list[tuple[Features, OpenThread]] = []
        batch: list[Features] = []
        for feature in block:
            if batch and feature.batch != batch[0].batch:
                placed += self._place(batch, weights)
                batch = []
            batch.append(feature)
        if batch:
            placed += self._place(batch, weights)
        return placed

    def _open(self, thread: OpenThread) -> None:
        self.threads.append(thread)
        for term in thread.terms:
            self.holders[term].add(thread)

    def _place(self, batch: list[Features], weights: Weights) -> list[tuple[Features, OpenThread]]:
        """Tasks of one report side: the best (task, thread) pairs first, one task per thread."""
        scored = []
        for feature in batch:
            for thread in self._candidates(feature, weights):
                score = self._score(feature, thread, weights)
                if score >= JOIN_AT:
                    scored.append((-score, feature.task.key, thread.order, thread))
        chosen: dict[str, OpenThread] = {}
        filled: set[str] = set()
        for _, key, order, thread in sorted(scored, key=lambda s: s[:3]):
            if key not in chosen and order not in filled:
                chosen[key] = thread
                filled.add(order)
        placed = []
        for feature in batch:
            thread = chosen.get(feature.task.key)
            if thread is None:
                thread = OpenThread(thread_id(self.office, feature.task), [feature])
                self._open(thread)
            else:
                before = thread.terms
                thread.add(feature)
                for term in before - thread.terms:
                    self.holders[term].discard(thread)
                for term in thread.terms - before:
                    self.holders[term].add(thread)
            placed.append((feature, thread))
        return placed

    def _candidates(self, feature: Features, weights: Weights) -> list[OpenThread]:
        """The threads sharing the most weight with the task (through not-too-common features)."""
        shared: dict[OpenThread, float] = defaultdict(float)
        for term in feature.wording.ordered:
            holders = self.holders.get(term)
            if holders and len(holders) <= LOOKUP:
                weight = weights.weight[term]
                for thread in holders:
                    shared[thread] += weight
        ranked = sorted((-weight, thread.order, thread) for thread, weight in shared.items())
        return [thread for _, _, thread in ranked[:CANDIDATES]]

    def _score(self, feature: Features, thread: OpenThread, weights: Weights) -> float:
        if thread.conflicts(feature):
            return 0.0
        score = weights.likeness(feature.wording, thread.wordings)
        if not score:
            return 0.0
        if _expected(feature, thread):
            score += EXPECTED
        elif feature.month is not None and thread.last_month is not None:
            score -= PER_SILENT_MONTH * max(0, feature.month - thread.last_month - 1)
        if thread.named_without(feature):
            score -= NAMELESS
        if weights.sectioned:
            score += SAME_SECTION * _section_agreement(feature.section, thread.members[-1].section)
        return score


def _expected(feature: Features, thread: OpenThread) -> bool:
    """The next mention the shape of reports predicts for this thread."""
    before = thread.members[-1]
    task, last = feature.task, before.task
    if last.status == "planned" and task.status == "done":  # the review of what was planned
        return bool(before.first and feature.first
                    and before.first <= feature.last and feature.first <= before.last)
    if last.status == "done" and task.status == "planned" and last.report == task.report:
        return task.continues or last.partial  # ສືບຕໍ່, or finishing a partial result
    if feature.summary:  # a quarter or a year summing up months the thread went through
        return any(f.first and feature.first <= f.first and f.last <= feature.last for f in thread.members)
    return False


def _section_agreement(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """1 for the same section path, 0.5 when one is inside the other, else 0."""
    if a == b:
        return 1.0
    n = min(len(a), len(b))
    return 0.5 if n and a[:n] == b[:n] else 0.0
