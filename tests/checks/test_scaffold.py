"""Scaffolding: each kind of file is written from its template, builds, and the
checks then ask only for the TODO text to be replaced."""

import datetime
import subprocess
import sys

import pytest

from checks.runner import ROOT
from checks.scaffold import ScaffoldError, plan, yaml_text
from checks.sources import CATEGORY, load_sources


def scaffold(settings, *args):
    command = [sys.executable, "-m", "checks.scaffold", *args, "--settings", str(settings)]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=60)


@pytest.mark.parametrize(
    ("args", "written"),
    [
        (["page", "--title", "Going for a walk", "--category", "coping"],
         "articles/going-for-a-walk.md"),
        (["page", "--title", "Who we are"], "pages/who-we-are.md"),
        (["category", "--title", "Rest"], "categories/rest.md"),
        (["resource", "--title", "A Helpline", "--category", "Coping"],
         "resources/a-helpline.yaml"),
    ],
)  # fmt: skip
def test_each_file_builds_and_only_its_todo_lines_are_reported(
    editor_site, fixture_settings, check, args, written
):
    content = editor_site({})
    settings = fixture_settings(content)
    result = scaffold(settings, *args)
    assert result.returncode == 0, result.stderr
    assert f"Wrote content/{written}" in result.stdout
    report = check({})  # the same fixture site, now with the new file
    errors = [f for f in report.findings if f.level == "error"]
    assert errors, "the TODO text must be reported"
    assert {(f.path, f.rule) for f in errors} == {(f"content/{written}", "unfinished")}
    text = (content / written).read_text(encoding="utf-8")
    assert [f.line for f in errors] == [
        number
        for number, line in enumerate(text.split("\n"), start=1)
        if "TODO" in line and not (written.endswith(".yaml") and line.startswith("#"))
    ]
    (content / written).write_text(written_in(text, written.endswith(".yaml")), encoding="utf-8")
    report = check({})
    assert [str(f) for f in report.findings if f.level == "error"] == []
    assert report.built


# What an editor writes in place of each TODO: a value that fits its field, else the
# template's own words without the TODO (the YAML comments keep theirs).
WRITTEN = {
    "kind: TODO": "kind: crisis line",
    "website: TODO": "website: https://www.example.org",
    "display: TODO": "display: +44 1234 567890",
    "tel: ": 'tel: "+441234567890"',
    "source: TODO": "source: https://www.example.org/contact/",
    "last_verified: TODO": f"last_verified: {datetime.date.today().isoformat()}",
}


def written_in(text: str, yaml: bool) -> str:
    lines = []
    for line in text.split("\n"):
        if "TODO" in line and not (yaml and line.startswith("#")):
            field = next((key for key in WRITTEN if line.strip().startswith(key)), None)
            indent = line[: len(line) - len(line.lstrip())]
            line = indent + WRITTEN[field] if field else line.replace("TODO ", "")
        lines.append(line)
    return "\n".join(lines)


@pytest.mark.parametrize("kind", ["page", "category", "resource"])
def test_without_a_title_each_target_shows_what_it_takes(kind):
    result = scaffold(ROOT / "pelicanconf.py", kind, "--title", "", "--category", "")
    assert result.returncode == 2
    assert f"usage: make new-{kind} TITLE=" in result.stderr
    assert "CATEGORY" in result.stderr if kind != "category" else "TITLE" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_misspelt_category_is_refused_with_a_suggestion(editor_site, fixture_settings):
    result = scaffold(
        fixture_settings(editor_site({})), "page", "--title", "A", "--category", "copin"
    )
    assert result.returncode == 2
    assert "Did you mean 'coping'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_existing_file_is_never_overwritten(editor_site, fixture_settings):
    settings = fixture_settings(editor_site({}))
    result = scaffold(settings, "page", "--title", "Hello", "--category", "coping")
    assert result.returncode == 2
    assert "content/articles/hello.md exists already" in result.stderr


def test_titles_that_yaml_would_misread_are_quoted():
    assert yaml_text("Going for a walk") == "Going for a walk"
    assert yaml_text("Yes: really") == '"Yes: really"'
    assert yaml_text("2025") == '"2025"'
    assert yaml_text("No") == '"No"'


def test_an_empty_title_is_refused(make_site, fixture_settings):
    from pelican.settings import read_settings

    content = make_site()
    settings = read_settings(str(fixture_settings(content)))
    categories = [s for s in load_sources(content.parent, settings) if s.kind == CATEGORY]
    with pytest.raises(ScaffoldError, match="give a title"):
        plan("page", "  ", None, None, content, categories, settings, datetime.date(2025, 1, 1))
