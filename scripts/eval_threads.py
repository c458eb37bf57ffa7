"""Task-thread quality against hand-written gold threads: pairwise P/R/F1 of "same thread", and outcomes.

Each gold file (tests/archive/cases/*_threads.json) names an archive folder and assigns every
task of it to a thread with its outcome. The archive is imported into a temporary index the
way `laoreport import` does, and the threads are read back through laoreport.archive.threads.
Tasks are matched by file name, status and normalized text.

- Pairwise: over all pairs of gold tasks, a pair is positive when both tasks share a thread;
  precision, recall and F1 of the system's positive pairs against the gold ones.
- Outcome accuracy: for each gold thread, the outcome of the system thread holding its last
  task (the mention that decides the outcome) against the gold outcome.

    python scripts/eval_threads.py [GOLD.json ...] [--verbose]

With no file, evaluates corpus/ (corpus_threads.json) and the held-out archive of two other
offices (heldout_threads.json), whose wording was never used to choose linking's parameters.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from laoreport.archive import import_paths, threads
from laoreport.lao import normalize

REPO = Path(__file__).resolve().parent.parent
CASES = REPO / "tests" / "archive" / "cases"
DEFAULT = [CASES / "corpus_threads.json", CASES / "heldout_threads.json"]


@dataclass
class Scores:
    name: str
    precision: float
    recall: float
    f1: float
    outcomes_right: int
    outcomes: int
    wrong_outcomes: list[tuple[str, str, str]] = field(default_factory=list)  # (gold thread, gold, system)
    merged: list[list[str]] = field(default_factory=list)  # gold threads sharing a system thread
    split: list[str] = field(default_factory=list)  # gold threads spread over system threads
    unmatched: list[str] = field(default_factory=list)  # gold tasks the import did not produce

    def line(self) -> str:
        return (f"{self.name}: pairwise P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f}, "
                f"outcomes {self.outcomes_right}/{self.outcomes} right")


def _key(file: str, status: str, text: str) -> tuple[str, str, str]:
    return (Path(file).name, status, normalize(text))


def evaluate(gold_path: Path) -> Scores:
    """Import the gold file's archive into a temporary index and score its threads."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as index:
        import_paths([REPO / gold["archive"]], index)
        found = threads(index_dir=index)["threads"]
    system, outcome_of = {}, {}
    for thread in found:
        outcome_of[thread["id"]] = thread["outcome"]
        for task in thread["tasks"]:
            system[_key(task["source"], task["status"], task["text"])] = thread["id"]
    gold_of = {}
    for thread in gold["threads"]:
        for task in thread["tasks"]:
            gold_of[_key(task["file"], task["status"], task["text"])] = thread["name"]
    matched = sorted(k for k in gold_of if k in system)
    tp = fp = fn = 0
    for a, b in itertools.combinations(matched, 2):
        same_system, same_gold = system[a] == system[b], gold_of[a] == gold_of[b]
        tp += same_system and same_gold
        fp += same_system and not same_gold
        fn += same_gold and not same_system
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    scores = Scores(gold_path.stem, precision, recall, f1, 0, len(gold["threads"]))
    scores.unmatched = [f"{k[0]}: {k[2]}" for k in gold_of if k not in system]
    for thread in gold["threads"]:
        last = _key(**{k: thread["tasks"][-1][k] for k in ("file", "status", "text")})
        got = outcome_of.get(system.get(last))
        if got == thread["outcome"]:
            scores.outcomes_right += 1
        else:
            scores.wrong_outcomes.append((thread["name"], thread["outcome"], got))
    by_system, by_gold = defaultdict(set), defaultdict(set)
    for k in matched:
        by_system[system[k]].add(gold_of[k])
        by_gold[gold_of[k]].add(system[k])
    scores.merged = sorted(sorted(names) for names in by_system.values() if len(names) > 1)
    scores.split = sorted(name for name, ids in by_gold.items() if len(ids) > 1)
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="*", type=Path, help="gold thread files (default: corpus and held-out)")
    parser.add_argument("--verbose", action="store_true", help="name the merged and split gold threads")
    args = parser.parse_args()
    for path in args.gold or DEFAULT:
        scores = evaluate(path)
        print(scores.line())
        for name, expected, got in scores.wrong_outcomes:
            print(f"  outcome of {name}: {got}, gold {expected}")
        for task in scores.unmatched:
            print(f"  not imported: {task}", file=sys.stderr)
        if args.verbose:
            for names in scores.merged:
                print("  merged: " + " + ".join(names))
            for name in scores.split:
                print(f"  split: {name}")


if __name__ == "__main__":
    main()
