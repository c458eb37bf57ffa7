"""Worker processes for import: results in order, stopped at once on Ctrl-C, dead with their importer.

Each worker is a spawned child with one pipe of its own, so stopping them is killing them: a
killed worker's pipe just ends. (A killed worker of concurrent.futures' pool can leave its
manager thread reading a half-written result from the shared queue forever, and the interpreter
waiting for that thread at exit.) One thread per worker reads its results as they come, so a
worker goes on to its next file while the importer is busy writing the last one. On Linux each
worker asks the kernel to kill it when its parent dies, so even a SIGKILLed import leaves nothing
running.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_DIED = object()  # what a worker's reader reports when its pipe ends


def parallel_map(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    workers: int,
    crashed: Callable[[Item], Result],
    ahead: int,
) -> Iterator[Result]:
    """`function` over `items` in `workers` processes, yielded in the order of `items`.

    `function` must be a module-level function (it is pickled). Each worker is handed up to
    `ahead` items at a time, so it never waits for the importer; as many results wait in memory.
    A worker that dies on an item (a crash in a C library, the kernel's out-of-memory killer)
    yields `crashed(item)` for it and is replaced. Closing the iterator early (Ctrl-C) kills
    every worker before it returns.
    """
    events: queue.Queue = queue.Queue()
    context = multiprocessing.get_context("spawn")
    pool = [_Worker(context, function, events) for _ in range(workers)]
    try:
        pending: deque[int] = deque(range(len(items)))
        done: dict[int, Result] = {}
        for position in range(len(items)):
            while position not in done:
                for worker in pool:
                    while pending and len(worker.tasks) < ahead:
                        worker.send(pending.popleft(), items)
                worker, result = events.get()
                if result is not _DIED:
                    done[worker.tasks.popleft()] = result
                elif worker.tasks:  # it died on its oldest file: that one fails, the others go to a new worker
                    lost = list(worker.tasks)
                    worker.stop()
                    pool[pool.index(worker)] = _Worker(context, function, events)
                    done[lost[0]] = crashed(items[lost[0]])
                    pending.extendleft(reversed(lost[1:]))
            yield done.pop(position)
    finally:
        for worker in pool:
            worker.stop()


class _Worker:
    """A spawned worker process, its pipe, the positions it holds, and the thread reading its results."""

    def __init__(self, context, function, events: queue.Queue):
        self.connection, child_end = context.Pipe()
        self.process = context.Process(target=_serve, args=(function, child_end, os.getpid()), daemon=True)
        _start_deaf_to_ctrl_c(self.process)
        child_end.close()
        self.tasks: deque[int] = deque()
        self.reader = threading.Thread(target=self._read, args=(events,), daemon=True)
        self.reader.start()

    def send(self, position: int, items: Sequence) -> None:
        self.tasks.append(position)
        self.connection.send(items[position])

    def _read(self, events: queue.Queue) -> None:
        while True:
            try:
                events.put((self, self.connection.recv()))
            except (EOFError, OSError):
                events.put((self, _DIED))
                return

    def stop(self) -> None:
        """An idle worker is asked to exit; a busy one (an interrupted import) is killed. The pipe
        is closed last: its reader thread must see it end, not have it closed under its feet."""
        if self.tasks:
            self.process.kill()
        else:
            try:
                self.connection.send(None)
            except OSError:  # it is gone already
                pass
        self.process.join()
        self.reader.join()
        self.connection.close()


def _start_deaf_to_ctrl_c(process) -> None:
    """Start `process` ignoring SIGINT, as its interpreter then goes on doing through exec
    (Python installs its KeyboardInterrupt handler only where SIGINT is left at its default).

    A spawned worker spends its first 0.2-0.5 s starting Python and importing laoreport before
    _watch_importer could ignore Ctrl-C itself: a Ctrl-C then printed a traceback from each
    worker. Meanwhile the importer blocks SIGINT rather than lose one: it arrives once the
    importer's handler is back.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        process.start()  # signal handlers belong to the main thread; Windows has no process-group Ctrl-C
        return
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        process.start()
    finally:
        signal.signal(signal.SIGINT, handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _serve(function, connection: Connection, importer_pid: int) -> None:
    """A worker's life: answer each item received until the importer sends None or goes."""
    _watch_importer(importer_pid)
    while True:
        try:
            item = connection.recv()
        except EOFError:
            return
        if item is None:
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
