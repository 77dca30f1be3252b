"""`python -m checks`: compiler-style lines, exit codes, --strict, GitHub annotations."""

import re
import subprocess
import sys

import pytest

from checks.findings import Finding
from checks.runner import ROOT

LINE = re.compile(r"^[^\s:]+:\d+:\d+: (error|warning): .+ \[[\w/-]+\]$")
ARTICLE = "---\ntitle: Tea\ndate: 2025-01-02\ncategory: Coping\nsummary: Hi.\n---\n"
HARD = (
    "Notwithstanding considerable methodological heterogeneity, contemporary epidemiological "
    "investigations consistently demonstrate that psychosocial interventions substantially "
    "ameliorate longitudinal functional outcomes amongst individuals with comorbidities.\n"
)


@pytest.fixture
def checks_cli(editor_site, fixture_settings, tmp_path):
    def run(files, *options):
        content = editor_site(files)
        command = [
            sys.executable, "-m", "checks", "--settings", str(fixture_settings(content)),
            "--output", str(tmp_path / "output"), *options,
        ]  # fmt: skip
        return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)

    return run


def test_warnings_pass_unless_strict(checks_cli):
    files = {"articles/tea.md": ARTICLE + HARD}
    relaxed = checks_cli(files)
    assert "content/articles/tea.md:1:1: warning: reading grade" in relaxed.stdout
    assert relaxed.returncode == 0, relaxed.stdout
    assert checks_cli(files, "--no-build", "--strict").returncode == 1
    assert checks_cli(files, "--no-build", "--max-grade", "50").stdout.count("warning:") == 0


def test_errors_exit_1_as_sorted_compiler_lines_and_github_annotations(checks_cli):
    files = {"articles/tea.md": ARTICLE + "He committed suicide.\n\n[here](https://x.org/)\n"}
    result = checks_cli(files, "--format", "github")
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if line.startswith("content/")]
    assert all(LINE.match(line) for line in lines), lines
    assert lines == sorted(lines)
    assert (
        "::error file=content/articles/tea.md,line=7,col=4,title=safe-messaging/committed-suicide"
        "::avoid 'committed suicide'" in result.stdout
    )
    assert "::error file=content/articles/tea.md,line=9,col=1,title=link-text::" in result.stdout


def test_a_missing_settings_file_is_a_usage_error(tmp_path):
    command = [sys.executable, "-m", "checks", "--settings", str(tmp_path / "nope.py")]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 2
    assert "settings file not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_annotation_keeps_newlines_and_commas_out_of_the_command():
    finding = Finding("a,b.md", 3, 2, "error", "50% wrong\nreally", "rule", "fix: this")
    assert finding.github_annotation() == (
        "::error file=a%2Cb.md,line=3,col=2,title=rule::50%25 wrong%0Areally [rule]%0Afix: this"
    )


def test_checking_a_site_that_was_never_built_is_a_usage_error(checks_cli):
    result = checks_cli({}, "--no-build")
    assert result.returncode == 2
    assert "nothing built in output: run without --no-build" in result.stderr
