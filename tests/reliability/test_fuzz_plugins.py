"""Hostile win markers and resource files through the plugins' pure cores, many
examples in this process: every problem is a ContentError at a line of the file,
never another exception, and a resource's JSON-LD can never end its script element."""

from __future__ import annotations

import datetime
import json
import time
from datetime import timedelta

import pytest
from hypothesis import example, given, settings
from markdown_reader.errors import ContentError
from resource_directory import export
from resource_directory.schema import read_resource
from small_wins.wins import build_checklist, read_marks

from tests.reliability.hostile_input import resource_files, win_articles

CATEGORIES = ["coping", "daily-basics"]
TODAY = datetime.date(2026, 1, 1)


def assert_at_a_line_of(error: ContentError, path: str, text: str) -> None:
    assert isinstance(error, ContentError), error
    assert error.path == path
    # A lone carriage return ends a line for Markdown and for editors alike.
    assert 1 <= error.line <= len(text.splitlines()) + 2, error
    assert error.message and error.hint, error


@settings(max_examples=200, deadline=timedelta(seconds=3))
@given(text=win_articles())
def test_win_markers_give_wins_or_content_errors(text):
    path = "content/articles/wins.md"
    try:
        marks = read_marks(text, path, CATEGORIES, "wins/")
        checklist = build_checklist([marks], CATEGORIES, "monday", "checklist/")
    except ContentError as error:
        assert_at_a_line_of(error, path, text)
        return
    for error in checklist.errors:
        assert_at_a_line_of(error, path, text)
    if checklist.errors:  # the build stops here
        return
    for win in checklist.wins:
        assert 0 < len(win.label) <= 40
        assert win.category in CATEGORIES


@settings(max_examples=200, deadline=timedelta(seconds=3))
@given(text=resource_files())
@example(text="\x1fname: Helpline\n")  # a control character used to escape as a ReaderError
def test_resource_files_give_a_resource_or_content_errors(text):
    path = "content/resources/hostile.yaml"
    resource, file = read_resource(path, text, CATEGORIES, TODAY)
    for error in file.errors:
        assert_at_a_line_of(error, path, text)
    if resource is None:
        assert file.errors
        return
    data = export.jsonld([resource], {resource.slug: f"/resources/#{resource.slug}"})
    assert "<" not in data and ">" not in data
    assert json.loads(data)["itemListElement"][0]["item"]["name"] == resource.name


@pytest.mark.parametrize(
    "heading",
    ["## Long {" + "win " * 20_000, "## Long " + "{a}" * 20_000, "## Long {" + "x" * 100_000],
    ids=["an unclosed win group", "many brace groups", "one long unclosed group"],
)
def test_a_long_marked_heading_is_read_in_bounded_time(heading):
    start = time.perf_counter()
    read_marks(f"---\ntitle: T\n---\n{heading}\n\nText.\n", "a.md", CATEGORIES, "wins/")
    assert time.perf_counter() - start < 2
