"""What the machine refuses is said in one sentence with a hint and exit code 2
(the README's "usage or environment"), never a traceback; content links that lead
out of content/ are refused at their file, with exit code 1."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Runs scripts/build.py with one file system call failing as the fault would make it.
FAILING = """
import errno, importlib.util, os, sys, tempfile
spec = importlib.util.spec_from_file_location("build", {script!r})
build = importlib.util.module_from_spec(spec)
sys.modules["build"] = build
spec.loader.exec_module(build)
def fail(*args, **kwargs):
    raise OSError({code}, os.strerror({code}), {path!r})
owner = build if hasattr(build, {call!r}) else tempfile
setattr(owner, {call!r}, fail)
sys.exit(build.main(sys.argv[1:]))
"""
FAULTS = {
    "read-only file system": ("mkdtemp", errno.EROFS, "read-only"),
    "output/ not writable": ("mkdtemp", errno.EACCES, "may write"),
    "output/ a mount point": ("exchange", errno.EBUSY, "mount point"),
    "a full disk": ("mkdtemp", errno.ENOSPC, "disk is full"),
}


def build(make_site, fixture_settings, tmp_path, *prefix: str) -> subprocess.CompletedProcess:
    settings = fixture_settings(make_site())
    return subprocess.run(
        [*prefix, "--settings", str(settings), "--output", str(tmp_path / "output")],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize("call, code, words", FAULTS.values(), ids=FAULTS.keys())
def test_a_file_system_fault_is_one_sentence_and_exit_code_2(
    call, code, words, make_site, fixture_settings, tmp_path
):
    script = [sys.executable, str(ROOT / "scripts/build.py")]
    assert build(make_site, fixture_settings, tmp_path, *script).returncode == 0
    before = sorted(p.relative_to(tmp_path) for p in (tmp_path / "output").rglob("*"))
    failing = FAILING.format(
        script=str(ROOT / "scripts/build.py"), call=call, code=code, path=str(tmp_path / "output")
    )
    result = build(make_site, fixture_settings, tmp_path, sys.executable, "-c", failing)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == f"error: cannot write output: {os.strerror(code)}", lines
    assert lines[1].startswith("  hint: ") and words in lines[1], lines
    assert sorted(p.relative_to(tmp_path) for p in (tmp_path / "output").rglob("*")) == before


LINKS = {
    "articles/host.md": lambda content: Path("/etc/hostname"),
    "articles/loop": lambda content: content,
    "articles/self.md": lambda content: content / "articles/self.md",
}


@pytest.mark.parametrize("name, target", LINKS.items(), ids=LINKS.keys())
def test_a_content_link_leading_out_or_round_is_refused(
    name, target, make_site, fixture_settings, tmp_path
):
    content = make_site()
    (content / name).symlink_to(target(content))
    result = build(
        make_site, fixture_settings, tmp_path, sys.executable, str(ROOT / "scripts/build.py")
    )
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert errors and all(
        line.startswith(f"content/{name}:1: error: a link to ") for line in errors
    )
    assert "[content-link]" in errors[0] and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) < 10  # no line per loop of the link
    assert not (tmp_path / "output").exists()
