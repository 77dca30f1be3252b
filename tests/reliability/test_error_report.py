"""Errors that help: every problem of a build in one list, sorted by file and line,
with a one-line summary; usage and environment problems exit 2 with a message."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ERROR_LINE = re.compile(r"^(?P<path>[^:\s][^:]*):(?P<line>\d+): error: ")
BROKEN = {
    "articles/b.md": "---\ntitle: B\ndate: soon\ncategory: Coping\n---\nBody.\n",
    "articles/a.md": "---\ntitle: [\n---\nBody.\n",
    "pages/c.md": "---\ntitle: C\nslug: ../../c\n---\nBody.\n",
    "resources/bad.yaml": "name: Bad\nkind: rumour\n",
}


def test_every_error_of_a_build_is_listed_sorted_with_a_summary(make_site, run_pelican):
    result = run_pelican(make_site(BROKEN))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.splitlines()
    located = [(m["path"], int(m["line"])) for line in lines if (m := ERROR_LINE.match(line))]
    assert located == sorted(located)
    named = {path.removeprefix("content/") for path, _ in located}
    assert named >= {"articles/a.md", "articles/b.md", "pages/c.md", "resources/bad.yaml"}
    summary = [line for line in lines if re.fullmatch(r"\d+ error\(s\), \d+ warning\(s\)", line)]
    assert summary == [f"{len(located)} error(s), 0 warning(s)"]
    assert lines[-1] == "Build failed: output was left as it was."


def test_a_broken_settings_file_exits_2_with_its_message(make_site, run_pelican, tmp_path):
    content = make_site()
    settings = tmp_path / "broken.py"
    settings.write_text("PATH = (\n")
    result = run_pelican(content, "--settings", str(settings))
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: settings file {settings}:")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("target", [".git", "fixtureconf.py"], ids=["git", "a file"])
def test_the_build_refuses_to_replace_the_repository_or_a_file(
    make_site, run_pelican, tmp_path, target
):
    content = make_site()
    (tmp_path / ".git").mkdir()
    result = run_pelican(content, "--output", target)
    assert result.returncode == 2
    assert "refusing to build into" in result.stderr
    assert (tmp_path / target).exists()


def test_a_crashing_plugin_fails_the_build_without_traceback_and_keeps_the_output(
    make_site, run_pelican, fixture_settings, tmp_path
):
    content = make_site()
    assert run_pelican(content).returncode == 0
    before = {p: p.read_bytes() for p in (tmp_path / "output").rglob("*") if p.is_file()}
    plugin = tmp_path / "extra_plugins/crashing.py"
    plugin.parent.mkdir()
    plugin.write_text(
        "from pelican import signals\n\n"
        "def crash(generators):\n    raise RuntimeError('a bug in a plugin')\n\n"
        "def register():\n    signals.all_generators_finalized.connect(crash)\n"
    )
    settings = fixture_settings(content)
    with settings.open("a") as file:
        file.write(f"PLUGIN_PATHS = PLUGIN_PATHS + [{str(plugin.parent)!r}]\n")
        file.write("PLUGINS = PLUGINS + ['crashing']\n")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts/build.py"),
            "--settings",
            str(settings),
            "--output",
            str(tmp_path / "output"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 1
    assert "error: RuntimeError: a bug in a plugin" in result.stderr
    assert "Traceback" not in result.stderr
    after = {p: p.read_bytes() for p in (tmp_path / "output").rglob("*") if p.is_file()}
    assert after == before
