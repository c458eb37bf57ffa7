"""Worker processes for import: results in order, stopped at once on Ctrl-C, dead with their importer.

Each worker is a spawned child with one pipe of its own, so stopping them is killing them: no
queue feeder or manager thread is left blocked on a half-written result (a killed worker of
concurrent.futures' pool can leave its manager thread reading forever, and the interpreter
waiting for it at exit). On Linux each worker asks the kernel to kill it when its parent dies,
so even a SIGKILLed import leaves nothing running.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

IN_FLIGHT = 2  # tasks sent ahead to each worker, so it never waits for the importer between files
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def parallel_map(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    workers: int,
    crashed: Callable[[Item], Result],
) -> Iterator[Result]:
    """`function` over `items` in `workers` processes, yielded in the order of `items`.

    `function` must be a module-level function (it is pickled). A worker that dies on an item
    (a crash in a C library, the kernel's out-of-memory killer) yields `crashed(item)` for it and
    is replaced. Closing the iterator early (Ctrl-C) kills every worker before it returns.
    """
    pool = _Pool(function, workers)
    try:
        pending: deque[int] = deque(range(len(items)))
        done: dict[int, Result] = {}
        for position in range(len(items)):
            while position not in done:
                for worker in pool.workers:
                    while pending and len(worker.tasks) < IN_FLIGHT:
                        worker.send(pending.popleft(), items)
                for worker in pool.ready():
                    try:
                        position_done, result = worker.receive()
                        done[position_done] = result
                    except (EOFError, OSError):
                        lost = pool.replace(worker)
                        done[lost[0]] = crashed(items[lost[0]])
                        pending.extendleft(reversed(lost[1:]))
            yield done.pop(position)
    finally:
        pool.stop()


class _Worker:
    def __init__(self, context, function):
        self.connection, child_end = context.Pipe()
        self.process = context.Process(target=_serve, args=(function, child_end, os.getpid()), daemon=True)
        self.process.start()
        child_end.close()
        self.tasks: deque[int] = deque()

    def send(self, position: int, items: Sequence) -> None:
        self.tasks.append(position)
        self.connection.send(items[position])

    def receive(self) -> tuple[int, object]:
        """The position and the result of this worker's oldest task."""
        result = self.connection.recv()
        return self.tasks.popleft(), result


class _Pool:
    def __init__(self, function, count: int):
        # spawn: each worker is the importer's own child (so the parent-death signal is about the
        # importer) and inherits no descriptor, above all not the import lock's
        self.context = multiprocessing.get_context("spawn")
        self.function = function
        self.workers = [_Worker(self.context, function) for _ in range(count)]

    def ready(self) -> list[_Worker]:
        busy = {w.connection: w for w in self.workers if w.tasks}
        return [busy[c] for c in wait(list(busy))]

    def replace(self, worker: _Worker) -> list[int]:
        """Start a new worker in place of one that died; the positions it held, in order."""
        worker.process.join()
        worker.connection.close()
        self.workers[self.workers.index(worker)] = _Worker(self.context, self.function)
        return list(worker.tasks)

    def stop(self) -> None:
        """Idle workers exit when their pipe closes; busy ones (an interrupted import) are killed."""
        for worker in self.workers:
            if worker.tasks:
                worker.process.kill()
            worker.connection.close()
        for worker in self.workers:
            worker.process.join()


def _serve(function, connection: Connection, importer_pid: int) -> None:
    """A worker's life: answer each item received until the importer closes the pipe."""
    _watch_importer(importer_pid)
    while True:
        try:
            item = connection.recv()
        except EOFError:
            return
        connection.send(function(item))


def _watch_importer(importer_pid: int) -> None:
    """Ctrl-C is the importer's to handle, and the importer's death is the worker's.

    Ctrl-C reaches every process of the terminal's foreground group; the importer stops the
    workers itself, so they ignore SIGINT rather than each printing a traceback. On Linux the
    kernel kills the worker when its parent dies (even by SIGKILL); elsewhere a thread watches.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    else:
        threading.Thread(target=_exit_with, args=(importer_pid,), daemon=True).start()
    if os.getppid() != importer_pid:  # the importer died before the watch began
        os._exit(1)


def _exit_with(importer_pid: int) -> None:
    while os.getppid() == importer_pid:
        time.sleep(0.5)
    os._exit(1)
