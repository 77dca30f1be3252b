"""Ctrl-C or a stop signal at any moment of a build leaves the previous output
exactly as it was, and no half-built folder behind."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Enough pages for the build to still be writing when the signal arrives.
MANY_ARTICLES = {
    f"articles/article-{number}.md": (
        f"---\ntitle: Article {number}\ndate: 2025-01-02\ncategory: Coping\n---\n"
        + "A paragraph of text.\n\n" * 40
    )
    for number in range(400)
}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def load_build_script():
    spec = importlib.util.spec_from_file_location("build_script", ROOT / "scripts/build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def interruptible() -> None:
    """Let Ctrl-C interrupt, as in a terminal: a shell starts a background job (a CI
    run started with `&`, say) with SIGINT ignored, and Python then leaves it so."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


# Ctrl-C in a terminal signals the whole process group: the build and any workers.
STOPS = {
    "ctrl-c": lambda build: os.killpg(build.pid, signal.SIGINT),
    "sigint": lambda build: build.send_signal(signal.SIGINT),
    "sigterm": lambda build: build.send_signal(signal.SIGTERM),
}


@pytest.mark.parametrize("stop", STOPS.values(), ids=STOPS.keys())
def test_a_build_stopped_midway_leaves_the_previous_output(
    stop, make_site, run_pelican, fixture_settings, tmp_path
):
    content = make_site()
    assert run_pelican(content).returncode == 0
    output = tmp_path / "output"
    before = snapshot(output)
    make_site(MANY_ARTICLES)
    command = [
        sys.executable, str(ROOT / "scripts/build.py"),
        "--settings", str(fixture_settings(content)), "--output", str(output),
    ]  # fmt: skip
    build = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True, preexec_fn=interruptible,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not any(tmp_path.glob(".output-building-*/article-*/index.html")):
        assert build.poll() is None, "the build ended before it wrote a page"
        assert time.monotonic() < deadline, "the build never started writing"
        time.sleep(0.01)
    stop(build)
    _, stderr = build.communicate(timeout=60)
    assert build.returncode == 130, stderr
    assert "Interrupted" in stderr
    assert "Traceback" not in stderr
    assert snapshot(output) == before
    # no staging, no retired folder
    assert {path.name for path in tmp_path.glob(".output-*")} <= {".output-spare"}


def test_ctrl_c_during_the_swap_waits_until_the_new_output_is_in_place(tmp_path, monkeypatch):
    build_script = load_build_script()
    output, staging = tmp_path / "output", tmp_path / ".output-building-x"
    output.mkdir()
    (output / "index.html").write_text("old")
    staging.mkdir()
    (staging / "index.html").write_text("new")
    rename = os.rename

    def rename_then_interrupt(source, target):
        rename(source, target)
        # between the two renames of the swap; aimed at this thread, as a terminal's
        # Ctrl-C reaches the single-threaded build (other test threads may be alive here)
        signal.pthread_kill(threading.get_ident(), signal.SIGINT)

    monkeypatch.setattr(build_script.os, "rename", rename_then_interrupt)
    previous_handler = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            build_script.swap_in(staging, output)
    finally:
        signal.signal(signal.SIGINT, previous_handler)
    assert (output / "index.html").read_text() == "new"
    assert not staging.exists()


def test_builds_finishing_at_once_take_turns_to_swap_in(tmp_path):
    build_script = load_build_script()
    output = tmp_path / "output"
    failures = []

    def finish_builds(worker: int) -> None:
        for number in range(15):
            staging = tmp_path / f".output-building-{worker}-{number}"
            staging.mkdir()
            (staging / "index.html").write_text(f"{worker}-{number}")
            try:
                build_script.swap_in(staging, output)
            except OSError as error:
                failures.append(error)

    workers = [threading.Thread(target=finish_builds, args=(worker,)) for worker in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert failures == []
    assert (output / "index.html").read_text().endswith("-14")
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == [".output-spare", ".output.lock", "output"]
