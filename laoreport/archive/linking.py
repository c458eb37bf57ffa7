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
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

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
#: How many of a thread's latest tasks a new task is compared with (threads drift: idea,
#: budget, production, delivery...).
RECENT = 8
#: A feature held by more threads than this is too common to look candidate threads up by.
LOOKUP = 16
#: How many candidate threads (those sharing the most weight with a task) are scored.
CANDIDATES = 12
#: A feature no other task of the office has is a new detail (a place, a count), not a sign of
#: other work: it counts this much of its weight against a resemblance.
NEW_DETAIL = 0.5
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
    """One task as threads see it: where it is, what it says, and its normalized syllables."""

    report: str
    index: int
    source: str
    period: str | None
    status: str  # "done" | "planned"
    section: tuple[str, ...]
    text: str
    syllables: tuple[str, ...]  # task_syllables(text)
    continues: bool = False  # the parser's carried_over: ສືບຕໍ່...

    @cached_property
    def key(self) -> str:
        """The task's index document id: report id, /t/, position in the report."""
        return f"{self.report}/t/{self.index}"

    @cached_property
    def side(self) -> tuple[str, str]:
        return (self.report, self.status)


@dataclass
class Thread:
    """Tasks that are one piece of work, in time order, and how the work ended."""

    id: str
    outcome: str  # "done" | "open" | "dropped"
    tasks: list[TaskRef] = field(default_factory=list)

    @property
    def first_period(self) -> str | None:
        return self.tasks[0].period

    @property
    def last_period(self) -> str | None:
        return self.tasks[-1].period


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


def time_key(task: TaskRef) -> tuple:
    """When a mention speaks of: a plan of its period's start, a review of its end.

    A plan for 2020 (in the annual report) sorts with January 2020, a ໄຕມາດ III review
    after September's; for one month, the plan comes before the review of it.
    """
    if not task.period:
        return ("9999-99", 1, 0, task.report, task.index)
    period = parse_period(task.period)
    span = _month_number(period.last_month) - _month_number(period.first_month)
    if task.status == "planned":
        return (period.first_month, 0, span, task.report, task.index)
    return (period.last_month, 1, span, task.report, task.index)


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


def link(tasks: list[TaskRef], reviewed: list[str | None], office: str = "") -> list[Thread]:
    """The threads of one office: `tasks` are all its tasks, `reviewed` the periods its reports review."""
    ordered = sorted(tasks, key=time_key)
    wordings: dict[frozenset, frozenset] = {}
    features = {task.key: _Features(task, wordings) for task in ordered}
    specific = _specificity(ordered, features)
    groups = _Linker(ordered, features, _task_weights(features, specific)).run()
    groups = _Linker(ordered, features, _thread_weights(groups, features, specific)).run()
    latest = max((parse_period(p).last_month for p in reviewed if p), default=None)
    return [Thread(_thread_id(office, members), outcome(members, latest), members) for members in groups]


def outcome(members: list[TaskRef], latest: str | None) -> str:
    """done, open or dropped, from a thread's last mention and its office's latest reviewed month.

    done: the last mention reports the work finished. open: it is a plan for a period no
    report reviews yet, or a partial result in a review of the latest month. dropped: a plan
    for a period the archive has reviewed, or a partial result reported earlier, and nothing
    after it says more.
    """
    last = members[-1]
    if not last.period or latest is None:
        return "open"
    ends = parse_period(last.period).last_month
    if last.status == "done":
        if not is_partial(last.text):
            return "done"
        return "open" if ends >= latest else "dropped"
    return "dropped" if ends <= latest else "open"


class _Features:
    """What linking reads of one task: its features, identifying numbers, section and months."""

    def __init__(self, task: TaskRef, same: dict[frozenset, frozenset]):
        tokens = [s for s in task.syllables if s]
        terms = frozenset(
            [s for s in tokens if not _YEAR.match(s)]
            + [f"{a} {b}" for a, b in zip(task.syllables, task.syllables[1:]) if a and b]
        )
        self.terms = same.setdefault(terms, terms)  # one object per wording: resemblance is cached by it
        self.ids = _identifiers(tokens)
        self.section = tuple(label.rsplit(".", 1)[-1] for label in task.section[1:])  # I/2/2.2 -> 2/2
        period = parse_period(task.period) if task.period else None
        self.first = period.first_month if period else None
        self.last = period.last_month if period else None
        self.month = _month_number(time_key(task)[0]) if period else None
        self.summary = bool(period and period.kind != "month" and task.status == "done")
        self.partial = task.status == "done" and is_partial(task.text)
        self.batch = time_key(task)[:4]  # one report side at one time


def _identifiers(tokens: list[str]) -> dict[tuple[str, ...], frozenset[str]]:
    """Numbers that name one thing, by the two syllables before them: ສະບັບທີ 12, ປະຈຳປີ 2019."""
    found: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for i, token in enumerate(tokens):
        if i and _NUMBER.match(token) and (tokens[i - 1] in ORDINALS or _YEAR.match(token)):
            found[tuple(tokens[max(0, i - 2):i])].add(token)
    return {context: frozenset(numbers) for context, numbers in found.items()}


def _month_number(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7])


def _specificity(tasks: list[TaskRef], features: dict[str, _Features]) -> dict[str, float]:
    """(report sides having a feature / tasks having it) cubed: 1 when no side repeats it."""
    sides: dict[str, set] = defaultdict(set)
    count: dict[str, int] = defaultdict(int)
    for task in tasks:
        for term in features[task.key].terms:
            sides[term].add(task.side)
            count[term] += 1
    return {term: (len(sides[term]) / count[term]) ** 3 for term in count}


def _task_weights(features: dict[str, _Features], specific: dict[str, float]) -> dict[str, float]:
    """Before threads exist: rarity among tasks, times specificity."""
    count: dict[str, int] = defaultdict(int)
    for feature in features.values():
        for term in feature.terms:
            count[term] += 1
    n = len(features)
    return {term: math.log(1 + n / c) * specific[term] for term, c in count.items()}


def _thread_weights(groups: list[list[TaskRef]], features: dict[str, _Features],
                    specific: dict[str, float]) -> dict[str, float]:
    """Rarity among threads, squared so a thread's own object outweighs shared occasions, times specificity."""
    holding: dict[str, int] = defaultdict(int)
    for members in groups:
        for term in frozenset().union(*(features[m.key].terms for m in members)):
            holding[term] += 1
    n = len(groups)
    return {term: math.log(1 + n / c) ** 2 * specific[term] for term, c in holding.items()}


class _Thread:
    """A thread being built: its tasks, the report sides it holds, the numbers it names things by."""

    def __init__(self):
        self.members: list[TaskRef] = []
        self.sides: set[tuple[str, str]] = set()
        self.ids: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self.naming: dict[tuple[str, ...], int] = defaultdict(int)  # context -> members naming a number there
        self.wordings: list[tuple[int, TaskRef]] = []
        self.recent: list[TaskRef] = []
        self.last_month: int | None = None

    def add(self, task: TaskRef, feature: _Features) -> None:
        self.members.append(task)
        self.sides.add(task.side)
        self.wordings.append((id(feature.terms), task))
        del self.wordings[:-RECENT]
        self.recent = list(dict(self.wordings).values())  # the latest tasks, each wording once
        for context, numbers in feature.ids.items():
            self.ids[context] |= numbers
            self.naming[context] += 1
        if feature.month is not None:
            self.last_month = max(self.last_month or feature.month, feature.month)

    def conflicts(self, feature: _Features) -> bool:
        """The task names a thing the thread names, with another number: ສະບັບທີ 11 vs 12."""
        return any(context in self.ids and not numbers & self.ids[context] for context, numbers in feature.ids.items())

    def named_without(self, feature: _Features) -> bool:
        """Most of the thread's tasks name their thing by a number the task does not give."""
        return any(2 * n >= len(self.members) and context not in feature.ids for context, n in self.naming.items())


class _Linker:
    """One linking pass over an office's tasks in time order."""

    def __init__(self, tasks: list[TaskRef], features: dict[str, _Features], weights: dict[str, float]):
        self.tasks, self.features, self.weights = tasks, features, weights
        self.sectioned = _files_by_section(tasks, features)
        tasks_having: dict[str, int] = defaultdict(int)
        for feature in features.values():
            for term in feature.terms:
                tasks_having[term] += 1
        # fsum: exact whatever order a set yields its terms in, so every process links alike
        self.totals = {
            key: math.fsum(weights[t] * (NEW_DETAIL if tasks_having[t] == 1 else 1.0) for t in f.terms) or 1.0
            for key, f in features.items()
        }
        self.threads: list[_Thread] = []
        self.holders: dict[str, set[int]] = defaultdict(set)  # feature -> threads holding it
        self.known: dict[tuple[int, int], float] = {}  # by wording: routines repeat their words

    def run(self) -> list[list[TaskRef]]:
        batch: list[TaskRef] = []
        for task in self.tasks:
            if batch and self.features[task.key].batch != self.features[batch[0].key].batch:
                self._place(batch)
                batch = []
            batch.append(task)
        if batch:
            self._place(batch)
        return [thread.members for thread in self.threads]

    def _place(self, batch: list[TaskRef]) -> None:
        """Tasks of one report side: the best (task, thread) pairs first, one task per thread."""
        scored = []
        for task in batch:
            for number in self._candidates(task):
                score = self._score(task, self.threads[number])
                if score >= JOIN_AT:
                    scored.append((-score, task.key, number))
        placed: dict[str, int] = {}
        filled: set[int] = set()
        for _, key, number in sorted(scored):
            if key not in placed and number not in filled:
                placed[key] = number
                filled.add(number)
        for task in batch:
            number = placed.get(task.key)
            if number is None:
                number = len(self.threads)
                self.threads.append(_Thread())
            self.threads[number].add(task, self.features[task.key])
            for term in self.features[task.key].terms:
                self.holders[term].add(number)

    def _candidates(self, task: TaskRef) -> list[int]:
        """The threads sharing the most weight with the task (through not-too-common features),
        leaving out those holding its report side."""
        shared: dict[int, float] = defaultdict(float)
        for term in sorted(self.features[task.key].terms):  # one order of additions in every process
            holders = self.holders[term]
            if len(holders) <= LOOKUP:
                weight = self.weights[term]
                for number in holders:
                    shared[number] += weight
        side, threads = task.side, self.threads
        ranked = sorted((-weight, number) for number, weight in shared.items() if side not in threads[number].sides)
        return [number for _, number in ranked[:CANDIDATES]]

    def _score(self, task: TaskRef, thread: _Thread) -> float:
        feature = self.features[task.key]
        if thread.conflicts(feature):
            return 0.0
        score = max(self._resemblance(task, member) for member in thread.recent)
        if not score:
            return 0.0
        if self._expected(task, feature, thread):
            score += EXPECTED
        elif feature.month is not None and thread.last_month is not None:
            score -= PER_SILENT_MONTH * max(0, feature.month - thread.last_month - 1)
        if thread.named_without(feature):
            score -= NAMELESS
        last = self.features[thread.members[-1].key].section
        if self.sectioned:
            score += SAME_SECTION * _section_agreement(feature.section, last)
        return score

    def _resemblance(self, a: TaskRef, b: TaskRef) -> float:
        """How much two tasks say the same, 0..1: the weight they share against the lighter one and both."""
        fa, fb = self.features[a.key].terms, self.features[b.key].terms
        pair = (id(fa), id(fb))
        if pair not in self.known:
            shared = math.fsum(self.weights[t] for t in fa & fb)
            wa, wb = self.totals[a.key], self.totals[b.key]
            self.known[pair] = math.sqrt(shared / min(wa, wb) * 2 * shared / (wa + wb)) if shared else 0.0
        return self.known[pair]

    def _expected(self, task: TaskRef, feature: _Features, thread: _Thread) -> bool:
        """The next mention the shape of reports predicts for this thread."""
        last = thread.members[-1]
        before = self.features[last.key]
        if last.status == "planned" and task.status == "done":  # the review of what was planned
            return bool(before.first and feature.first
                        and before.first <= feature.last and feature.first <= before.last)
        if last.status == "done" and task.status == "planned" and last.report == task.report:
            return task.continues or before.partial  # ສືບຕໍ່, or finishing a partial result
        if feature.summary:  # a quarter or a year summing up months the thread went through
            inside = (self.features[m.key] for m in thread.members[-RECENT:])
            return any(f.first and feature.first <= f.first and f.last <= feature.last for f in inside)
        return False


def _files_by_section(tasks: list[TaskRef], features: dict[str, _Features]) -> bool:
    """Whether the office files a report side's tasks under several sections, so that a section
    says something about a task: at least half its sides with two tasks or more use two sections."""
    sections: dict[tuple[str, str], set] = defaultdict(set)
    count: dict[tuple[str, str], int] = defaultdict(int)
    for task in tasks:
        sections[task.side].add(features[task.key].section)
        count[task.side] += 1
    several = [len(sections[side]) > 1 for side, n in count.items() if n > 1]
    return bool(several) and 2 * sum(several) >= len(several)


def _section_agreement(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """1 for the same section path, 0.5 when one is inside the other, else 0."""
    if a == b:
        return 1.0
    n = min(len(a), len(b))
    return 0.5 if n and a[:n] == b[:n] else 0.0


def _thread_id(office: str, members: list[TaskRef]) -> str:
    """Derived from the office and the thread's first task, so any import order gives the same id."""
    return hashlib.sha256(f"{office}\n{members[0].key}".encode()).hexdigest()[:12]
