"""Run a list of jobs on two cores, from both ends: a forked copy of this process
takes jobs from the end of the list as soon as it is started, this process takes
them from the front once it has finished its other work, and the two meet
wherever that is. The copy needs nothing sent to it (it has every object
already) and sends back only which jobs it ran and what went wrong.

Warnings and errors the copy logs are handled here, as if logged here; an
exception that stops the copy is raised here, after this process's own jobs.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable, Sequence
from typing import Generic, NoReturn, TypeVar

from markdown_reader.prerender import spare_cores

Job = TypeVar("Job")

# Below this many jobs a second process costs more than it saves.
MIN_JOBS = 100


def worth_splitting(jobs: Sequence) -> bool:
    forkable = "fork" in multiprocessing.get_all_start_methods()
    return forkable and spare_cores() >= 1 and len(jobs) >= MIN_JOBS


class BothEnds(Generic[Job]):
    """`start()` hands the jobs' far end to a forked copy (when that saves time);
    `finish()` runs the rest here and returns the jobs the copy ran. The caller
    must have no threads running at `start()`: only the calling thread survives
    a fork."""

    def __init__(self, jobs: Sequence[Job], run: Callable[[Job], None]) -> None:
        self.jobs, self.run = jobs, run
        self.pid = 0
        self._report = None

    def start(self) -> None:
        if self.pid or not worth_splitting(self.jobs):
            return
        # The next job from the front and the end of the jobs not yet taken,
        # in memory both processes share.
        self._lock = multiprocessing.Lock()
        self._bounds = multiprocessing.RawArray("q", [0, len(self.jobs)])
        report_in, report_out = os.pipe()
        pid = os.fork()
        if pid == 0:  # the copy: never returns into the caller's code
            os.close(report_in)
            self._run_copy(report_out)
        os.close(report_out)
        self.pid, self._report = pid, os.fdopen(report_in, "rb")

    def finish(self) -> Sequence[Job]:
        if not self.pid:
            for job in self.jobs:
                self.run(job)
            return []
        with self._report as report:
            try:
                while (index := self._take(front=True)) is not None:
                    self.run(self.jobs[index])
                sent = report.read()
            except BaseException:  # an error here, or Ctrl-C: the copy stops too
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
                raise
        _, status = os.waitpid(self.pid, 0)
        first, records, error = pickle.loads(sent) if sent else (len(self.jobs), [], None)
        for record in records:
            logging.getLogger(record.name).handle(record)
        if error is not None:
            raise error
        if status != 0:
            raise RuntimeError(f"the process running the last jobs stopped ({status})")
        return self.jobs[first:]

    def _take(self, front: bool) -> int | None:
        with self._lock:
            start, end = self._bounds
            if start >= end:
                return None
            if front:
                self._bounds[0] = start + 1
                return start
            self._bounds[1] = end - 1
            return end - 1

    def _run_copy(self, report_out: int) -> NoReturn:
        status = 1  # unless the report reaches the caller
        try:
            # Ctrl-C reaches every process of the terminal: the caller reports it once.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            kept = _Keep()
            logging.getLogger().handlers = [kept]  # reported by the caller, not twice
            # The caller's loggers filter the records (deduplicate, limit) when it handles them.
            for logger in [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]:
                if isinstance(logger, logging.Logger):
                    logger.filters = []
            first, error = len(self.jobs), None
            try:
                while (index := self._take(front=False)) is not None:
                    first = index
                    self.run(self.jobs[index])
            except BaseException as raised:  # everything goes to the caller
                error = raised
            try:
                report = pickle.dumps((first, kept.records, error))
            except Exception:  # an exception that cannot be pickled: its text
                text = RuntimeError(f"{type(error).__name__}: {error}")
                report = pickle.dumps((first, kept.records, text))
            with os.fdopen(report_out, "wb") as out:
                out.write(report)
            status = 0
        finally:
            os._exit(status)


class _Keep(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(_sendable(record))


def _sendable(record: logging.LogRecord) -> logging.LogRecord:
    """The record without what cannot be pickled: its traceback, and any argument
    that cannot travel (then the message goes formatted). The exception itself
    is kept, for the caller's handlers."""
    error = record.exc_info[1] if record.exc_info else None
    state = {key: value for key, value in vars(record).items() if _picklable(value)}
    if "msg" not in state or "args" not in state:
        state["msg"], state["args"] = record.getMessage(), None
    state["exc_info"] = (type(error), error, None) if error and _picklable(error) else None
    state["exc_text"] = None
    return logging.makeLogRecord(state)


def _picklable(value: object) -> bool:
    try:
        pickle.dumps(value)
    except Exception:
        return False
    return True
