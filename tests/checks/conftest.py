"""Fixtures for the content checks: a "bad pull request" is a fixture site with
one mistake, checked as `make check` would, and its findings as (path, line, rule)."""

from __future__ import annotations

import pytest
from pelican.settings import read_settings

from checks.runner import ROOT, Report, check_content, run


@pytest.fixture(scope="session")
def one_resource() -> dict[str, str]:
    """A real resource filed under the fixture's one category: the theme links every
    page to /resources/, which is built only when there is a resource. It is the main
    crisis line of the settings' CRISIS_HELP_COUNTRY, which the crisis band needs."""
    name = "988-suicide-and-crisis-lifeline.yaml"
    text = (ROOT / "content/resources" / name).read_text(encoding="utf-8")
    lines = ["categories: [coping]" if line.startswith("categories:") else line
             for line in text.split("\n")]  # fmt: skip
    return {f"resources/{name}": "\n".join(lines)}


@pytest.fixture
def editor_site(make_site, one_resource):
    """A fixture site as an editor's pull request leaves it: MINIMAL_SITE, a resource
    and the `files` changed (None removes one)."""

    def make(files: dict[str, str | None]):
        return make_site({**one_resource, **files})

    return make


@pytest.fixture
def check(editor_site, fixture_settings, tmp_path):
    """Write a fixture site, build it and check it; or, with build=False, check only
    its content files."""

    def run_checks(files: dict[str, str | None], *, build: bool = True, **options) -> Report:
        settings_file = fixture_settings(editor_site(files))
        if build:
            return run(settings_file, tmp_path / "output", **options)
        settings = read_settings(str(settings_file))
        return check_content(settings_file.parent, settings, **options)[1]

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
