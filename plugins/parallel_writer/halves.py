"""Run a list of jobs on two cores: the first half in this process, the second
half in a forked copy of it, which needs nothing sent to it (it has every object
already) and sends back only what went wrong.

Warnings and errors the copy logs are handled here, as if logged here; an
exception that stops the copy is raised here, after this process's own half.
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

# Below this many jobs a second process costs more than it saves.
MIN_JOBS = 100


def worth_splitting(jobs: Sequence) -> bool:
    forkable = "fork" in multiprocessing.get_all_start_methods()
    return forkable and spare_cores() >= 1 and len(jobs) >= MIN_JOBS


def run_in_halves(jobs: Sequence[Job], run: Callable[[Job], None]) -> Sequence[Job]:
    """`run(job)` for every job, the second half in a forked process when that
    saves time; returns the jobs run there. The caller must have no threads
    running: only the calling thread survives a fork."""
    if not worth_splitting(jobs):
        for job in jobs:
            run(job)
        return []
    middle = len(jobs) // 2
    report_in, report_out = os.pipe()
    pid = os.fork()
    if pid == 0:  # the copy: never returns into the caller's code
        os.close(report_in)
        _run_copy(jobs[middle:], run, report_out)
    os.close(report_out)
    with os.fdopen(report_in, "rb") as report:
        try:
            for job in jobs[:middle]:
                run(job)
            sent = report.read()
        except BaseException:  # an error here, or Ctrl-C: the other half stops too
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise
    _, status = os.waitpid(pid, 0)
    records, error = pickle.loads(sent) if sent else ([], None)
    for record in records:
        logging.getLogger(record.name).handle(record)
    if error is not None:
        raise error
    if status != 0:
        raise RuntimeError(f"the process running the second half stopped ({status})")
    return jobs[middle:]


class _Keep(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(_sendable(record))


def _run_copy(jobs: Sequence[Job], run: Callable[[Job], None], report_out: int) -> NoReturn:
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
        error = None
        try:
            for job in jobs:
                run(job)
        except BaseException as raised:  # everything goes to the caller
            error = raised
        try:
            report = pickle.dumps((kept.records, error))
        except Exception:  # an exception that cannot be pickled: its text
            text = RuntimeError(f"{type(error).__name__}: {error}")
            report = pickle.dumps((kept.records, text))
        with os.fdopen(report_out, "wb") as out:
            out.write(report)
        status = 0
    finally:
        os._exit(status)


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
