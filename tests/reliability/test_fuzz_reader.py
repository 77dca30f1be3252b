"""Random and hostile Markdown through the reader: every failure is a ContentError
naming the file and a line in it, every input is handled in bounded time, and no
rendered body can carry script."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from markdown_reader import MarkdownItReader
from markdown_reader.document import split_document
from markdown_reader.errors import ContentError, display_path
from markdown_reader.render import render, render_inline
from pelican.settings import read_settings

from tests.reliability.hostile_input import documents, markdown

ROOT = Path(__file__).resolve().parents[2]
PATH = "content/articles/hostile.md"


# Deadlines are far above the milliseconds an input takes, so that a loaded shared
# machine does not fail them; the PATHOLOGICAL inputs below test the time at scale.
def assert_names_the_file(error: ContentError, path: str, text: str) -> None:
    assert error.path == path
    assert 1 <= error.line <= text.count("\n") + 2, error
    assert error.message and error.hint, error


@settings(max_examples=200, deadline=timedelta(seconds=2))
@given(documents())
def test_split_document_succeeds_or_names_the_file_and_line(text):
    try:
        document = split_document(text, PATH)
    except ContentError as error:
        assert_names_the_file(error, PATH, text)
        return
    assert all(isinstance(key, str) and key == key.lower() for key in document.metadata)
    assert document.body_line >= 1


@settings(max_examples=200, deadline=timedelta(seconds=2))
@given(text=markdown)
def test_a_rendered_body_never_carries_script(text, scan_for_script):
    assert scan_for_script(render(text)) == []
    assert scan_for_script(render_inline(text)) == []


@pytest.fixture(scope="module")
def reader():
    return MarkdownItReader(read_settings(str(ROOT / "pelicanconf.py")))


@settings(
    max_examples=150,
    deadline=timedelta(seconds=3),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=documents())
def test_the_reader_returns_content_or_a_content_error_naming_the_file(
    text, reader, tmp_path, scan_for_script
):
    source = tmp_path / "hostile.md"
    source.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        html, metadata = reader.read(str(source))
    except ContentError as error:
        assert_names_the_file(error, display_path(source), text)
        return
    assert scan_for_script(html) == []
    summary = metadata.get("summary")
    assert not isinstance(summary, str) or scan_for_script(summary) == []


# Inputs that once took quadratic time or worse, and their relatives: each must
# take a small part of the limit (quadratic time would take many times more).
PATHOLOGICAL = {
    "spaces inside a heading": "# a" + " " * 50_000 + "b",
    "many equal headings": "# Same\n" * 5_000,
    "unclosed brackets": "[" * 10_000,
    "unclosed emphasis": "*a" * 5_000,
    "unclosed links": "[a](" * 5_000,
    "nested quotes": ">" * 5_000 + " x",
    "nested lists": "".join("  " * depth + "- x\n" for depth in range(500)),
    "braces after a heading": "# x " + "{a}" * 10_000,
    "open brace after a heading": "# x {" + "a" * 50_000,
    "footnote references": "[^a]" * 5_000,
    "smart quotes": "'\"" * 10_000,
    "a wall of double quotes": '"' * 100_000,
    "apostrophes in one long paragraph": "It's fine. " * 20_000,
}


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_markdown_renders_in_bounded_time(text):
    start = time.perf_counter()
    render(text)
    assert time.perf_counter() - start < 2


@pytest.mark.parametrize(
    "header",
    [
        "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
        "a: " + "[" * 5_000 + "]" * 5_000,
        "title: x\n" * 20_000,
    ],
    ids=["alias expansion", "deep nesting", "many fields"],
)
def test_pathological_front_matter_is_read_or_refused_in_bounded_time(header):
    start = time.perf_counter()
    try:
        split_document(f"---\n{header}\n---\nBody.\n", PATH)
    except ContentError as error:
        assert error.path == PATH
    assert time.perf_counter() - start < 2


@pytest.mark.parametrize(
    "field, value",
    [
        ("slug", "../../outside"),
        ("save_as", "/etc/passwd"),
        ("url", "//evil.example/"),
        ("save_as", "a/../../b.html"),
        ("slug", "javascript:alert(1)"),
        ("slug", 'x" onmouseover="alert(1)'),
        ("lang", 'en" onmouseover="alert(1)'),
        ("lang", "../../en"),
    ],
)
def test_a_path_field_that_is_not_a_plain_path_inside_the_site_is_refused(field, value):
    text = f"---\ntitle: T\n{field}: '{value}'\n---\nBody.\n"
    with pytest.raises(ContentError) as raised:
        split_document(text, PATH)
    assert raised.value.line == 3
    assert field in raised.value.message


@pytest.mark.parametrize(
    "field, value", [("slug", "eating-well"), ("save_as", "a/b/index.html"), ("lang", "pt-BR")]
)
def test_plain_paths_and_language_tags_are_accepted(field, value):
    document = split_document(f"---\ntitle: T\n{field}: '{value}'\n---\nBody.\n", PATH)
    assert document.metadata[field] == value
