"""A site moving from plain Pelican reads the same: Pelican's own Markdown test files
give the same titles, dates, categories, tags, slugs and summaries through Pelican's
reader and through this one."""

from __future__ import annotations

import re
from pathlib import Path

import pelican
import pytest
from markdown_reader import EXTENSIONS, MarkdownItReader
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

PELICAN_FILES = Path(pelican.__file__).parent / "tests" / "content"
FILES = sorted(path for path in PELICAN_FILES.rglob("*") if path.suffix in EXTENSIONS)
KEYS = ("title", "date", "modified", "category", "tags", "slug", "summary", "authors", "status")


def compared(metadata: dict) -> dict:
    """Pelican's summary is a paragraph, this reader's the paragraph's words."""
    shown = {key: str(metadata[key]) for key in KEYS if key in metadata}
    if "summary" in shown:
        shown["summary"] = " ".join(re.sub(r"^<p>|</p>$", "", shown["summary"]).split())
    return shown


def test_pelican_has_its_test_files():
    assert len(FILES) >= 15


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_pelicans_own_files_read_the_same(path):
    settings = read_settings(None, override={"MARKDOWN_IT_ALLOW_HTML": True})
    _, theirs = MarkdownReader(settings).read(str(path))
    _, ours = MarkdownItReader(settings).read(str(path))
    assert compared(ours) == compared(theirs)
