"""Fixtures for the content checks: a "bad pull request" is a fixture site with
one mistake, checked as `make check` would, and its findings as (path, line, rule)."""

from __future__ import annotations

import pytest

from checks.runner import Report, run


@pytest.fixture
def check(make_site, fixture_settings, tmp_path):
    """Write a fixture site (MINIMAL_SITE plus `files`), build it and check it."""

    def run_checks(files: dict[str, str | None], *, build: bool = True, **options) -> Report:
        content = make_site(files)
        return run(fixture_settings(content), tmp_path / "output", build_first=build, **options)

    return run_checks


@pytest.fixture
def places():
    """A report's findings of one level in content files, as (path, line, rule). The
    fixture sites borrow the real theme: what it says of the theme is another test's."""

    def where(report: Report, level: str = "error") -> list[tuple[str, int, str]]:
        return [
            (f.path, f.line, f.rule)
            for f in report.findings
            if f.level == level and f.path.startswith("content/")
        ]

    return where
