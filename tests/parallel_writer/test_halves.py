"""Jobs run on two cores: each exactly once, and whatever goes wrong in the
forked half is told here as if it had happened here."""

from __future__ import annotations

import logging
import os
import threading

import pytest
from parallel_writer import halves


@pytest.fixture
def two_cores(monkeypatch):
    monkeypatch.setattr(halves, "spare_cores", lambda: 1)


def pid_writer(folder):
    def run(job: int) -> None:
        (folder / f"{job}.txt").write_text(str(os.getpid()))

    return run


def test_every_job_runs_once_half_of_them_in_a_second_process(tmp_path, two_cores):
    jobs = list(range(halves.MIN_JOBS + 1))
    elsewhere = halves.run_in_halves(jobs, pid_writer(tmp_path))
    pids = {job: int((tmp_path / f"{job}.txt").read_text()) for job in jobs}
    here = {job for job, pid in pids.items() if pid == os.getpid()}
    assert here == set(jobs[: len(jobs) // 2])
    assert list(elsewhere) == jobs[len(jobs) // 2 :]
    assert len({pid for job, pid in pids.items() if job not in here}) == 1


def test_few_jobs_or_one_core_run_here(tmp_path, monkeypatch):
    monkeypatch.setattr(halves, "spare_cores", lambda: 1)
    assert halves.run_in_halves(list(range(halves.MIN_JOBS - 1)), pid_writer(tmp_path)) == []
    monkeypatch.setattr(halves, "spare_cores", lambda: 0)
    assert halves.run_in_halves(list(range(halves.MIN_JOBS * 2)), pid_writer(tmp_path)) == []
    pids = {path.read_text() for path in tmp_path.iterdir()}
    assert pids == {str(os.getpid())}


def test_warnings_of_the_second_half_are_logged_here(tmp_path, two_cores, caplog):
    def run(job: int) -> None:
        if job == halves.MIN_JOBS - 1:
            try:
                raise ValueError("no such page: {filename}/gone.md")
            except ValueError:
                logging.getLogger("pelican.contents").warning(
                    "Unable to find %s, skipping", "gone.md", exc_info=True
                )

    halves.run_in_halves(list(range(halves.MIN_JOBS)), run)
    [record] = [r for r in caplog.records if r.name == "pelican.contents"]
    assert record.getMessage() == "Unable to find gone.md, skipping"
    assert record.process != os.getpid()
    assert isinstance(record.exc_info[1], ValueError)


def test_an_error_in_the_second_half_is_raised_here_after_the_first_half(tmp_path, two_cores):
    write = pid_writer(tmp_path)

    def run(job: int) -> None:
        if job == halves.MIN_JOBS - 1:
            raise KeyError("article 99")
        write(job)

    with pytest.raises(KeyError, match="article 99"):
        halves.run_in_halves(list(range(halves.MIN_JOBS)), run)
    assert (tmp_path / "0.txt").exists() and (tmp_path / f"{halves.MIN_JOBS // 2 - 1}.txt").exists()


def test_an_error_that_cannot_travel_arrives_as_its_text(two_cores):
    class Unpicklable(Exception):
        def __init__(self) -> None:
            super().__init__("held a lock")
            self.lock = threading.Lock()

    def run(job: int) -> None:
        if job == halves.MIN_JOBS - 1:
            raise Unpicklable()

    with pytest.raises(RuntimeError, match="Unpicklable: held a lock"):
        halves.run_in_halves(list(range(halves.MIN_JOBS)), run)


def test_a_second_process_that_dies_is_an_error_here(two_cores):
    def run(job: int) -> None:
        if job == halves.MIN_JOBS - 1:
            os._exit(3)

    with pytest.raises(RuntimeError, match="stopped"):
        halves.run_in_halves(list(range(halves.MIN_JOBS)), run)


def test_an_error_in_this_half_stops_the_other_and_is_raised(tmp_path, two_cores):
    def run(job: int) -> None:
        if job == 0:
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        halves.run_in_halves(list(range(halves.MIN_JOBS)), run)
