"""Jobs run on two cores from both ends: each exactly once, the forked copy
taking more while this process is busy elsewhere, and whatever goes wrong in the
copy is told here as if it had happened here."""

from __future__ import annotations

import logging
import os
import threading
import time

import pytest
from parallel_writer import both_ends
from parallel_writer.both_ends import MIN_JOBS, BothEnds


@pytest.fixture
def two_cores(monkeypatch):
    monkeypatch.setattr(both_ends, "spare_cores", lambda: 1)


def pid_writer(folder):
    def run(job: int) -> None:
        (folder / f"{job}.txt").write_text(str(os.getpid()))

    return run


def run_split(jobs, run):
    """Run `jobs`, this process beginning only once the copy has taken its first
    (the last job): jobs this fast could otherwise all be taken here."""
    split = BothEnds(jobs, run)
    split.start()
    deadline = time.monotonic() + 30
    while split.pid and split._bounds[1] == len(jobs):
        assert time.monotonic() < deadline, "the copy never took a job"
        time.sleep(0.001)
    return split.finish()


def test_every_job_runs_once_and_the_copy_takes_more_while_this_process_is_busy(
    tmp_path, two_cores
):
    jobs = list(range(MIN_JOBS * 2))
    split = BothEnds(jobs, pid_writer(tmp_path))
    split.start()
    deadline = time.monotonic() + 30
    while len(list(tmp_path.iterdir())) < len(jobs) * 3 // 4:  # busy with other pages
        assert time.monotonic() < deadline, "the copy never ran its jobs"
        time.sleep(0.01)
    elsewhere = split.finish()
    pids = {job: int((tmp_path / f"{job}.txt").read_text()) for job in jobs}
    here = [job for job in jobs if pids[job] == os.getpid()]
    assert len(elsewhere) >= len(jobs) * 3 // 4
    assert here + list(elsewhere) == jobs  # from the front here, the rest there
    assert len({pids[job] for job in elsewhere}) == 1


def test_few_jobs_or_one_core_run_here(tmp_path, monkeypatch):
    monkeypatch.setattr(both_ends, "spare_cores", lambda: 1)
    assert run_split(list(range(MIN_JOBS - 1)), pid_writer(tmp_path)) == []
    monkeypatch.setattr(both_ends, "spare_cores", lambda: 0)
    assert run_split(list(range(MIN_JOBS * 2)), pid_writer(tmp_path)) == []
    pids = {path.read_text() for path in tmp_path.iterdir()}
    assert pids == {str(os.getpid())}
    assert len(list(tmp_path.iterdir())) == MIN_JOBS * 2


def test_warnings_of_the_copy_are_logged_here(two_cores, caplog):
    def run(job: int) -> None:
        if job == MIN_JOBS - 1:  # the copy's first job
            try:
                raise ValueError("no such page: {filename}/gone.md")
            except ValueError:
                logging.getLogger("pelican.contents").warning(
                    "Unable to find %s, skipping", "gone.md", exc_info=True
                )

    run_split(list(range(MIN_JOBS)), run)
    [record] = [r for r in caplog.records if r.name == "pelican.contents"]
    assert record.getMessage() == "Unable to find gone.md, skipping"
    assert record.process != os.getpid()
    assert isinstance(record.exc_info[1], ValueError)


def test_an_error_in_the_copy_is_raised_here_after_this_process_ran_its_jobs(tmp_path, two_cores):
    write = pid_writer(tmp_path)

    def run(job: int) -> None:
        if job == MIN_JOBS - 1:
            raise KeyError("article 99")
        write(job)

    with pytest.raises(KeyError, match="article 99"):
        run_split(list(range(MIN_JOBS)), run)
    assert (tmp_path / "0.txt").read_text() == str(os.getpid())


def test_an_error_that_cannot_travel_arrives_as_its_text(two_cores):
    class Unpicklable(Exception):
        def __init__(self) -> None:
            super().__init__("held a lock")
            self.lock = threading.Lock()

    def run(job: int) -> None:
        if job == MIN_JOBS - 1:
            raise Unpicklable()

    with pytest.raises(RuntimeError, match="Unpicklable: held a lock"):
        run_split(list(range(MIN_JOBS)), run)


def test_a_copy_that_dies_is_an_error_here(two_cores):
    def run(job: int) -> None:
        if job == MIN_JOBS - 1:
            os._exit(3)

    with pytest.raises(RuntimeError, match="stopped"):
        run_split(list(range(MIN_JOBS)), run)


def test_an_error_here_stops_the_copy_and_is_raised(two_cores):
    def run(job: int) -> None:
        if job == 0:
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        run_split(list(range(MIN_JOBS)), run)
