"""Table of contents: the sections of each article and page, for the theme.

Sets `toc` on every article and page: its `<h2 id="...">` sections in order,
as `Section(id, title)`. The theme shows them as a list of links on long pages.
"""

from __future__ import annotations

from pelican import signals

from .sections import section_headings


def add_table_of_contents(content) -> None:
    content.toc = section_headings(getattr(content, "_content", None) or "")


def register() -> None:
    signals.content_object_init.connect(add_table_of_contents)
