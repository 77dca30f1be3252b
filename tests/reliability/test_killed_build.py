"""A build killed at any moment (SIGKILL: no handler runs, nothing is cleaned up)
leaves output/ as a complete site, the old one or the new one, never neither and
never a mix; the next build clears whatever the killed one left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NEW_ARTICLE = {
    "articles/new.md": "---\ntitle: New\ndate: 2025-02-03\ncategory: Coping\nsummary: New.\n"
    "---\nA new article.\n"
}
# Runs scripts/build.py with one of its steps made fatal: the process kills itself
# just before or just after the step, as a power cut at that instant would.
KILLED_AT = """
import importlib.util, os, signal, sys
spec = importlib.util.spec_from_file_location("build", {script!r})
build = importlib.util.module_from_spec(spec)
sys.modules["build"] = build
spec.loader.exec_module(build)
step, when = {step!r}, {when!r}
real = getattr(build, step) if hasattr(build, step) else getattr(build.os, step)
def fatal(*args, **kwargs):
    if when == "before":
        os.kill(os.getpid(), signal.SIGKILL)
    result = real(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)
    return result
if hasattr(build, step):
    setattr(build, step, fatal)
else:
    setattr(build.os, step, fatal)
sys.exit(build.main(sys.argv[1:]))
"""
# Each step of the swap, and the renames (the spare claimed, the old site kept).
STEPS = [
    ("claim_staging", "after"),
    ("remove_unwritten", "before"),
    ("exchange", "before"),
    ("exchange", "after"),  # the new site in place, the old one not yet the spare
    ("rename", "after"),
]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def sites(make_site, fixture_settings, tmp_path):
    """The old site built into output/, and what the new content builds to."""
    content = make_site()
    settings = fixture_settings(content)
    command = [sys.executable, str(ROOT / "scripts/build.py"), "--settings", str(settings)]

    def build(output: str, extra: list[str] = ()) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*(extra or command), "--output", str(tmp_path / output)],
            capture_output=True, text=True, cwd=tmp_path, timeout=120,
        )  # fmt: skip

    assert build("output").returncode == 0
    old = snapshot(tmp_path / "output")
    make_site(NEW_ARTICLE)
    started = time.monotonic()
    assert build("reference").returncode == 0
    new = snapshot(tmp_path / "reference")
    return command, build, old, new, time.monotonic() - started


def assert_complete_site(output: Path, old: dict, new: dict) -> None:
    assert output.is_dir(), "no output/ at all"
    assert snapshot(output) in (old, new), "output/ is neither the old site nor the new"


def assert_next_build_clears_up(build, output: Path, new: dict) -> None:
    result = build("output")
    assert result.returncode == 0, result.stderr
    assert snapshot(output) == new
    left = sorted(path.name for path in output.parent.glob(".output-*"))
    assert left == [".output-spare"], left


@pytest.mark.parametrize("step, when", STEPS, ids=[f"{when} {step}" for step, when in STEPS])
def test_a_build_killed_at_a_step_leaves_a_complete_site(step, when, sites, tmp_path):
    command, build, old, new, _ = sites
    script = KILLED_AT.format(script=str(ROOT / "scripts/build.py"), step=step, when=when)
    result = build("output", [sys.executable, "-c", script, *command[2:]])
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert_complete_site(tmp_path / "output", old, new)
    assert_next_build_clears_up(build, tmp_path / "output", new)


def test_builds_killed_at_any_moment_leave_a_complete_site(sites, tmp_path):
    command, build, old, new, duration = sites
    output = tmp_path / "output"
    for step in range(1, 9):  # from its start to just past its usual end
        process = subprocess.Popen(
            [*command, "--output", str(output)], cwd=tmp_path,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(duration * step / 8)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        assert_complete_site(output, old, new)
    assert_next_build_clears_up(build, output, new)
