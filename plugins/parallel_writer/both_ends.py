"""Run a list of jobs on two cores, from both ends: a forked copy of this process
takes jobs from the end of the list, this process takes them from the front, and
the two meet wherever that is (a few slow jobs on one side move the meeting
point). The copy needs nothing sent to it (it has every object already) and
sends back only what its jobs returned and what went wrong.

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
from typing import NoReturn, TypeVar

from markdown_reader.prerender import spare_cores

Job = TypeVar("Job")
Result = TypeVar("Result")

# Below this many jobs a second process costs more than it saves.
MIN_JOBS = 100


def worth_splitting(jobs: Sequence) -> bool:
    forkable = "fork" in multiprocessing.get_all_start_methods()
    return forkable and spare_cores() >= 1 and len(jobs) >= MIN_JOBS


def run_from_both_ends(
    jobs: Sequence[Job], run: Callable[[Job], Result]
) -> list[tuple[Job, Result]]:
    """`run(job)` for every job, some in a forked copy of this process when that
    saves time; returns what the copy's jobs returned. The caller must have no
    threads running: only the calling thread survives a fork."""
    if not worth_splitting(jobs):
        for job in jobs:
            run(job)
        return []
    # The next job from the front and the end of the jobs not yet taken, in
    # memory both processes share.
    lock = multiprocessing.Lock()
    bounds = multiprocessing.RawArray("q", [0, len(jobs)])

    def take(front: bool) -> int | None:
        with lock:
            start, end = bounds
            if start >= end:
                return None
            if front:
                bounds[0] = start + 1
                return start
            bounds[1] = end - 1
            return end - 1

    report_in, report_out = os.pipe()
    pid = os.fork()
    if pid == 0:  # the copy: never returns into the caller's code
        os.close(report_in)
        _run_copy(jobs, run, lambda: take(front=False), report_out)
    os.close(report_out)
    with os.fdopen(report_in, "rb") as report:
        try:
            while (index := take(front=True)) is not None:
                run(jobs[index])
            sent = report.read()
        except BaseException:  # an error here, or Ctrl-C: the copy stops too
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise
    _, status = os.waitpid(pid, 0)
    results, records, error = pickle.loads(sent) if sent else ({}, [], None)
    for record in records:
        logging.getLogger(record.name).handle(record)
    if error is not None:
        raise error
    if status != 0:
        raise RuntimeError(f"the process running the last jobs stopped ({status})")
    return [(jobs[index], results[index]) for index in sorted(results)]


def _run_copy(
    jobs: Sequence[Job],
    run: Callable[[Job], Result],
    take_last: Callable[[], int | None],
    report_out: int,
) -> NoReturn:
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
        results, error = {}, None
        try:
            while (index := take_last()) is not None:
                results[index] = run(jobs[index])
        except BaseException as raised:  # everything goes to the caller
            error = raised
        try:
            report = pickle.dumps((results, kept.records, error))
        except Exception:  # an exception that cannot be pickled: its text
            text = RuntimeError(f"{type(error).__name__}: {error}")
            report = pickle.dumps((results, kept.records, text))
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
