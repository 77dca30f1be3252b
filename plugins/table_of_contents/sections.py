"""Find the linkable sections (`<h2 id="...">`) of rendered HTML."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import NamedTuple


class Section(NamedTuple):
    id: str
    title: str


class _SectionFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[Section] = []
        self._open_id: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h2":
            self._open_id = dict(attrs).get("id")
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._open_id:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2" and self._open_id:
            title = " ".join("".join(self._text).split())
            self.sections.append(Section(self._open_id, title))
            self._open_id = None


def section_headings(html: str) -> list[Section]:
    """The h2 headings that have an id, with their plain text, in document order.
    Headings without an id cannot be linked to and are left out."""
    finder = _SectionFinder()
    finder.feed(html)
    finder.close()
    return finder.sections
