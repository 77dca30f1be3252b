"""Hostile content files, second round: a Pelican link prefix never smuggles a
script URL past the reader, and each file's work is bounded, with an error at its
line instead of a stall, an exhausted memory or an exception's name."""

from __future__ import annotations

import datetime
import logging
import time
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_reader import MarkdownItReader
from markdown_reader.document import split_document
from markdown_reader.errors import ContentError
from markdown_reader.render import render
from pelican.contents import Article
from pelican.settings import read_settings

from tests.reliability.hostile_input import SCRIPT_URLS, pieces

ROOT = Path(__file__).resolve().parents[2]
PATH = "content/articles/hostile.md"
PREFIXES = ["{filename}", "{static}", "{attach}", "{index}", "{tag}", "{category}", "{author}"]


@pytest.fixture(scope="module")
def site_settings(tmp_path_factory):
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(ROOT / "content")})
    # A file to point at: the site's plugins, once a build in this process has connected
    # them, read the source of a page that names a file of content/ that is not there.
    source = tmp_path_factory.mktemp("hostile") / "hostile.md"
    source.write_text("")
    return {**settings, "HOSTILE_SOURCE": str(source)}


def published(html: str, site_settings) -> str:
    """`html` after Pelican's link rewriting, as it is written into a page: nothing,
    when the page is refused at its line."""
    context = {"generated_content": {}, "static_content": {}, "static_links": set()}
    logging.disable(logging.WARNING)  # "Unable to find ...": the fuzz meets many
    try:
        article = Article(
            html, settings=site_settings, context=context,
            source_path=site_settings["HOSTILE_SOURCE"],
            metadata={"title": "T", "date": datetime.datetime(2025, 1, 1), "category": "coping"},
        )  # fmt: skip
        return article.content
    except ContentError:
        return ""
    finally:
        logging.disable(logging.NOTSET)


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "javascript:?%0Aalert(1)", "JaVaScRiPt:x", "data:text/html,x"]
)
def test_a_prefixed_script_url_stays_text(prefix, url, site_settings, scan_for_script):
    page = published(render(f"[x]({prefix}{url}) ![y]({prefix}{url})"), site_settings)
    assert scan_for_script(page) == []
    assert "<a " not in page and "<img " not in page


def test_prefixed_site_links_still_work(site_settings):
    page = published(render("[t]({tag}coping) [h]({index}) [c]({category}coping)"), site_settings)
    assert 'href="tag/coping/"' in page and 'href="index.html"' in page


links = st.tuples(
    st.sampled_from(PREFIXES), st.sampled_from(SCRIPT_URLS) | st.text(max_size=15), pieces
).map(lambda parts: f"[x]({parts[0]}{parts[1]}{parts[2]}) ![y](<{parts[0]}{parts[1]}>)")


@settings(max_examples=150, deadline=timedelta(seconds=2))
@given(text=st.lists(links | pieces, max_size=8).map(" ".join))
def test_no_link_rewritten_by_pelican_carries_script(text, site_settings, scan_for_script):
    assert scan_for_script(published(render(text), site_settings)) == []


def refused(text: str, line: int, words: str) -> None:
    start = time.perf_counter()
    with pytest.raises(ContentError) as raised:
        split_document(text, PATH)
    assert time.perf_counter() - start < 2
    assert (raised.value.path, raised.value.line) == (PATH, line)
    assert words in raised.value.message and raised.value.hint


@pytest.mark.parametrize("field", ["tags", "authors", "slug", "title"])
def test_a_yaml_alias_bomb_is_refused_at_once(field):
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"] + [
        f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]"
        for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    refused(f"---\n{chr(10).join(levels)}\n{field}: *i\n---\nBody.\n", 2, "values")


def test_too_many_task_items_are_refused_at_the_first_too_many():
    header = "---\ntitle: T\n---\n"
    refused(header + "- [ ] a task\n" * 5_000, 4 + 2_000, "task items")


def test_a_huge_file_is_refused():
    refused("---\ntitle: T\n---\n" + "Some text. " * 100_000, 1, "characters")


def test_quote_heavy_paragraphs_keep_within_one_budget_per_file():
    paragraph = '"' * 4_000  # each alone just within a paragraph's budget
    start = time.perf_counter()
    render("\n\n".join([paragraph] * 200))
    assert time.perf_counter() - start < 2


@pytest.fixture(scope="module")
def reader(site_settings):
    return MarkdownItReader(site_settings)


@pytest.mark.parametrize(
    "data, line, words",
    [
        (b"---\ntitle: T\nlang: [en, fr]\n---\nBody.\n", 3, "not a language tag"),
        ("---\ntitle: T\n---\nCaf\xe9.\n".encode("latin-1"), 4, "not UTF-8"),
        (b"\xff\xfeT\x00i\x00", 1, "not UTF-8"),
        (b"---\ntitle: T\ndate: 99999999999999999999\n---\nBody.\n", 3, "date"),
    ],
    ids=["a list as lang", "latin-1", "utf-16", "a huge number as date"],
)
def test_a_bad_field_or_encoding_is_an_error_at_its_line(data, line, words, reader, tmp_path):
    source = tmp_path / "hostile.md"
    source.write_bytes(data)
    with pytest.raises(ContentError) as raised:
        reader.read(str(source))
    assert raised.value.line == line
    assert words in raised.value.message and raised.value.hint
