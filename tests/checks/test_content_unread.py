"""A content file nothing reads is an error that says how to name it or where it
belongs: Pelican leaves such a file out of the site without a word."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest
from pelican.settings import read_settings

from checks.accounting import unread
from checks.runner import ROOT

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
MARKDOWN_PLACES = (
    "move it: articles go in content/articles/, standalone pages in content/pages/, "
    "category pages in content/categories/"
)
CAPITALS = "its ending {} has capital letters, and the site reads only lowercase endings"


@pytest.mark.parametrize(
    ("name", "why", "hint"),
    [
        ("articles/walk.MD", CAPITALS.format(".MD"), "rename it to walk.md"),
        ("articles/walk.Md", CAPITALS.format(".Md"), "rename it to walk.md"),
        ("pages/walk.MARKDOWN", CAPITALS.format(".MARKDOWN"), "rename it to walk.md"),
        ("categories/calm.MD", CAPITALS.format(".MD"), "rename it to calm.md"),
        ("resources/shout.YAML", CAPITALS.format(".YAML"), "rename it to shout.yaml"),
        ("walk.MD", CAPITALS.format(".MD"), f"rename it to walk.md, then {MARKDOWN_PLACES}"),
    ],
)
def test_an_ending_in_capitals_is_told_to_be_lowercase(name, why, hint):
    assert unread(PurePosixPath(name), SETTINGS) == (
        f"'{PurePosixPath(name).name}' is not read: {why}",
        hint,
    )


YAML_ONLY = "only .yaml files are read as support resources"
RESOURCES = "move it to content/resources/, where each service has a file of its own"


@pytest.mark.parametrize(
    ("name", "why", "hint"),
    [
        ("articles/walk.md.txt", "only .md files are read as Markdown", "rename it to walk.md"),
        ("articles/shout.yaml.txt", YAML_ONLY, f"rename it to shout.yaml, then {RESOURCES}"),
        ("resources/shout.yaml.txt", YAML_ONLY, "rename it to shout.yaml"),
        ("resources/shout.txt", YAML_ONLY, "rename it to shout.yaml"),
        ("articles/walk", "its name does not end in .md", "rename it to walk.md"),
        ("pages/about", "its name does not end in .md", "rename it to about.md"),
        ("resources/shout", "its name does not end in .yaml", "rename it to shout.yaml"),
        (
            "resources/walk.mdwn", "only .md files are read as Markdown",
            f"rename it to walk.md, then {MARKDOWN_PLACES}",
        ),
    ],
)  # fmt: skip
def test_a_name_with_a_wrong_or_no_ending_is_told_the_name_to_give_it(name, why, hint):
    assert unread(PurePosixPath(name), SETTINGS) == (
        f"'{PurePosixPath(name).name}' is not read: {why}",
        hint,
    )


@pytest.mark.parametrize(
    "name", ["articles/walk.md", "articles/walk.markdown", "categories/calm.md", "resources/a.yml"]
)
def test_a_name_the_site_reads_is_not_reported(name):
    assert unread(PurePosixPath(name), SETTINGS) is None


def test_a_file_the_site_leaves_out_is_neither_checked_nor_graded(check, places):
    page = "---\ntitle: Walk\ndate: 2025-01-02\ncategory: Coping\nsummary: Hi.\n---\nA walk.\n"
    report = check({"articles/walk.MD": page}, build=False)
    assert places(report) == [("content/articles/walk.MD", 1, "content-unread")]
    assert "content/articles/walk.MD" not in [grade.path for grade in report.grades]
