"""Worker processes: results in order, a crashed worker costs one item, closing early stops them all."""

import multiprocessing
import os

from laoreport.archive.workers import parallel_map


def _square_or_die(number: int) -> int:
    if number == 5:
        os._exit(3)  # as a segfault in a C library would end the worker
    return number * number


def test_results_come_in_order_and_a_crash_costs_one_item():
    results = list(parallel_map(_square_or_die, list(range(12)), 2, crashed=lambda n: f"crashed on {n}", ahead=3))
    assert results == [n * n for n in range(5)] + ["crashed on 5"] + [n * n for n in range(6, 12)]
    assert multiprocessing.active_children() == []


def test_closing_early_stops_every_worker():
    results = parallel_map(_square_or_die, list(range(40, 400)), 2, crashed=str, ahead=3)
    assert [next(results), next(results)] == [1600, 1681]
    assert len(multiprocessing.active_children()) == 2
    results.close()
    assert multiprocessing.active_children() == []
