"""Jobs run on two cores from both ends: each exactly once, and whatever goes
wrong in the forked copy is told here as if it had happened here."""

from __future__ import annotations

import logging
import os
import threading
import time

import pytest
from parallel_writer import both_ends
from parallel_writer.both_ends import MIN_JOBS, run_from_both_ends


@pytest.fixture
def two_cores(monkeypatch):
    monkeypatch.setattr(both_ends, "spare_cores", lambda: 1)


def copy_first(run, folder):
    """Jobs this fast could all be taken here before the copy has started: this
    process starts only once the copy has taken its first job."""
    parent, started = os.getpid(), folder / "copy-started"

    def run_after_the_copy(job):
        if os.getpid() != parent:
            started.touch()
        else:
            deadline = time.monotonic() + 30
            while not started.exists():
                assert time.monotonic() < deadline, "the copy never took a job"
                time.sleep(0.001)
        return run(job)

    return run_after_the_copy


def test_every_job_runs_once_from_both_ends(tmp_path, two_cores):
    def run(job: int) -> int:
        (tmp_path / f"{job}.txt").write_text(str(os.getpid()))
        time.sleep(0.001)  # long enough for both sides to take some
        return job * 10

    jobs = list(range(MIN_JOBS * 2))
    from_copy = run_from_both_ends(jobs, copy_first(run, tmp_path))
    (tmp_path / "copy-started").unlink()
    pids = {job: int((tmp_path / f"{job}.txt").read_text()) for job in jobs}
    here = [job for job in jobs if pids[job] == os.getpid()]
    assert here and from_copy
    assert here + [job for job, _ in from_copy] == jobs  # the front here, the rest there
    assert all(result == job * 10 for job, result in from_copy)
    assert len({pids[job] for job, _ in from_copy}) == 1


def test_few_jobs_or_one_core_run_here(tmp_path, monkeypatch):
    def run(job: int) -> None:
        (tmp_path / f"{job}.txt").write_text(str(os.getpid()))

    monkeypatch.setattr(both_ends, "spare_cores", lambda: 1)
    assert run_from_both_ends(list(range(MIN_JOBS - 1)), run) == []
    monkeypatch.setattr(both_ends, "spare_cores", lambda: 0)
    assert run_from_both_ends(list(range(MIN_JOBS * 2)), run) == []
    assert {path.read_text() for path in tmp_path.iterdir()} == {str(os.getpid())}
    assert len(list(tmp_path.iterdir())) == MIN_JOBS * 2


def test_warnings_of_the_copy_are_logged_here(tmp_path, two_cores, caplog):
    def run(job: int) -> None:
        if job == MIN_JOBS - 1:  # the copy's first job
            try:
                raise ValueError("no such page: {filename}/gone.md")
            except ValueError:
                logging.getLogger("pelican.contents").warning(
                    "Unable to find %s, skipping", "gone.md", exc_info=True
                )

    run_from_both_ends(list(range(MIN_JOBS)), copy_first(run, tmp_path))
    [record] = [r for r in caplog.records if r.name == "pelican.contents"]
    assert record.getMessage() == "Unable to find gone.md, skipping"
    assert record.process != os.getpid()
    assert isinstance(record.exc_info[1], ValueError)


def test_an_error_in_the_copy_is_raised_here_after_this_process_ran_its_jobs(tmp_path, two_cores):
    def run(job: int) -> None:
        if job == MIN_JOBS - 1:
            raise KeyError("article 99")
        (tmp_path / f"{job}.txt").write_text("")

    with pytest.raises(KeyError, match="article 99"):
        run_from_both_ends(list(range(MIN_JOBS)), copy_first(run, tmp_path))
    assert (tmp_path / "0.txt").exists()


def test_an_error_that_cannot_travel_arrives_as_its_text(tmp_path, two_cores):
    class Unpicklable(Exception):
        def __init__(self) -> None:
            super().__init__("held a lock")
            self.lock = threading.Lock()

    def run(job: int) -> None:
        if job == MIN_JOBS - 1:
            raise Unpicklable()

    with pytest.raises(RuntimeError, match="Unpicklable: held a lock"):
        run_from_both_ends(list(range(MIN_JOBS)), copy_first(run, tmp_path))


def test_a_copy_that_dies_is_an_error_here(tmp_path, two_cores):
    parent = os.getpid()

    def run(job: int) -> None:
        if os.getpid() != parent:
            os._exit(3)

    with pytest.raises(RuntimeError, match="stopped"):
        run_from_both_ends(list(range(MIN_JOBS)), copy_first(run, tmp_path))


def test_an_error_here_stops_the_copy_and_is_raised(two_cores):
    def run(job: int) -> None:
        if job == 0:
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        run_from_both_ends(list(range(MIN_JOBS)), run)
