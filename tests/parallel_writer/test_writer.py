"""The writer writes files over in place, and keeps Pelican's rules for a page
written twice where Pelican expects them."""

from __future__ import annotations

import pytest
from parallel_writer import ParallelWriter, written_over
from pelican.writers import FileOverwriteFailedError


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


def test_an_article_claiming_a_tag_pages_address_wins_as_in_pelican(
    make_site, build_site, tmp_path
):
    content = make_site(
        {
            "articles/clash.md": (
                "---\ntitle: Clash\ndate: 2025-01-03\ncategory: Coping\ntags: [calm]\n"
                "save_as: tag/calm/index.html\n---\nText.\n"
            )
        }
    )
    parallel = build_site(content)
    page = (parallel / "tag/calm/index.html").read_text()
    assert '<h1 id="title">Clash</h1>' in page
    parallel.rename(tmp_path / "parallel")
    single = build_site(content, PARALLEL_WRITER=False)
    assert (single / "tag/calm/index.html").read_text() == page
