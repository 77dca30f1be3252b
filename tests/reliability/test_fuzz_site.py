"""Hostile files dropped into a published fixture site, built as an editor would:
the build either succeeds or fails with errors that name the file, never prints a
traceback, never hangs, and a failed build leaves the published output as it was."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.hostile_input import (
    documents,
    resource_files,
    valid_articles,
    win_articles,
)

# Each example is a whole build in its own process: few examples, generous deadline.
FEW = settings(
    max_examples=12,
    deadline=timedelta(seconds=60),
    suppress_health_check=[HealthCheck.too_slow],
)
HOSTILE_FILES = {
    "articles/hostile.md": documents(),
    "articles/hostile-body.md": valid_articles,
    "articles/wins.md": win_articles(),
    "resources/hostile.yaml": resource_files(),
}


@dataclass
class PublishedSite:
    content: Path
    output: Path
    run: object


@pytest.fixture
def published(make_site, run_pelican, tmp_path) -> PublishedSite:
    content = make_site()
    assert run_pelican(content).returncode == 0
    return PublishedSite(content, tmp_path / "output", run_pelican)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_hostile_files_fail_cleanly_or_build(published, scan_for_script):
    """One build per example, with some of the hostile files at once: the cores are
    fuzzed with many more examples in test_fuzz_reader.py and test_fuzz_plugins.py."""

    @FEW
    @given(files=st.fixed_dictionaries({}, optional=HOSTILE_FILES).filter(bool))
    def check(files: dict[str, str]) -> None:
        before = snapshot(published.output)
        for name, text in files.items():
            target = published.content / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        try:
            result = published.run(published.content)
        finally:
            for name in files:
                (published.content / name).unlink()
        report = result.stdout + result.stderr
        assert "Traceback" not in report
        assert result.returncode in (0, 1), report
        # no staging or retired folder left, only the spare the next build writes over
        assert {path.name for path in published.output.parent.glob(".output-*")} <= {
            ".output-spare"
        }
        if result.returncode == 0:
            assert (published.output / "hello/index.html").exists()
            page = published.output / "hostile-body/index.html"
            if "articles/hostile-body.md" in files:
                assert scan_for_script(page.read_text(encoding="utf-8"), page=True) == []
            return
        assert snapshot(published.output) == before
        errors = [line for line in result.stderr.splitlines() if "error: " in line]
        assert errors, report
        assert all(any(name in line for name in files) for line in errors), errors

    check()
