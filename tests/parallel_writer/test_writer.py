"""The writer writes files over in place, and keeps Pelican's rules for a page
written twice where Pelican expects them."""

from __future__ import annotations

import pytest
from parallel_writer import ParallelWriter, written_over
from pelican.writers import FileOverwriteFailedError, Writer


def test_an_existing_file_is_written_over_in_place_and_cut_to_length(tmp_path):
    page = tmp_path / "index.html"
    page.write_text("<p>an older, longer page</p>\n" * 10)
    inode = page.stat().st_ino
    with written_over(str(page), "utf-8") as file:
        file.write("<p>new</p>\n")
    assert page.read_text() == "<p>new</p>\n"
    assert page.stat().st_ino == inode
    fresh = tmp_path / "fresh.html"
    with written_over(str(fresh), "utf-8") as file:
        file.write("<p>made</p>\n")
    assert fresh.read_text() == "<p>made</p>\n"


class Page:
    def __init__(self, text: str) -> None:
        self.text = text

    def render(self, context) -> str:
        return self.text


def test_a_page_written_twice_fails_at_the_second_write_as_in_pelican(tmp_path):
    writer = ParallelWriter(str(tmp_path), settings={"RELATIVE_URLS": False})
    writer.write_file("tag/index.html", Page("first"), {}, tag="a")
    assert not (tmp_path / "tag/index.html").exists()  # held back
    with pytest.raises(FileOverwriteFailedError):
        writer.write_file("tag/index.html", Page("second"), {}, tag="b")
    assert (tmp_path / "tag/index.html").read_text() == "first"
    with pytest.raises(FileOverwriteFailedError):  # and a third time
        writer.write_file("tag/index.html", Page("third"), {}, tag="d")
    writer.write_file("other/index.html", Page("other"), {}, tag="c")
    writer.write_held_back()
    assert (tmp_path / "other/index.html").read_text() == "other"


@pytest.mark.parametrize("writer_class", [ParallelWriter, Writer])
def test_a_page_written_with_override_keeps_its_file_as_in_pelican(tmp_path, writer_class):
    # Pelican writes a content whose front matter names its file with override: a
    # later page for that file is skipped. The build refuses such a clash first
    # (plugins/fixed_urls); the writer still keeps Pelican's rule.
    writer = writer_class(str(tmp_path), settings={"RELATIVE_URLS": False})
    writer.write_file("tag/calm/index.html", Page("article"), {}, override_output=True)
    writer.write_file("tag/calm/index.html", Page("tag page"), {})
    if writer_class is ParallelWriter:
        writer.write_held_back()
    assert (tmp_path / "tag/calm/index.html").read_text() == "article"
