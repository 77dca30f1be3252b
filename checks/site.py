"""The built site as the checks see it: each HTML file parsed once, tied to the
content file it came from, so that a finding points at the line an editor wrote."""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .findings import Finding
from .sources import Source, display

# Shorter text ("/", "#main") is too common to say which content file holds it.
MIN_DATA_NEEDLE = 8


@dataclass
class OutputPage:
    path: Path
    relative: str  # inside the output folder, with forward slashes
    name: str  # as shown in findings

    @cached_property
    def html(self) -> str:
        return self.path.read_text(encoding="utf-8", errors="replace")

    @cached_property
    def tree(self) -> LexborHTMLParser:
        return LexborHTMLParser(self.html)

    def forget_tree(self) -> None:
        """Let go of the page's text and its parse (it is read again if a finding
        needs it): a site's pages held at once took twice their size on disk, 28 MB
        at 1,000 pages, the parse many times that."""
        self.__dict__.pop("tree", None)
        self.__dict__.pop("html", None)

    @cached_property
    def anchors(self) -> set[str]:
        """Every fragment a link can point at: ids, and names of old-style anchors."""
        names = {node.attributes.get("id") for node in self.tree.css("[id]")}
        names |= {node.attributes.get("name") for node in self.tree.css("a[name]")}
        return {name for name in names if name}

    def html_position(self, *needles: str) -> tuple[int, int]:
        for needle in needles:
            for candidate in (html.escape(needle), needle):
                offset = self.html.find(candidate) if candidate else -1
                if offset >= 0:
                    line = self.html.count("\n", 0, offset) + 1
                    return line, offset - (self.html.rfind("\n", 0, offset) + 1) + 1
        return 1, 1


class BuiltSite:
    """The pages of a built site. The content files are read only when a finding is
    to be placed (`sources` may be a function that reads them): a clean build, which
    `scripts/build.py` checks every time, never needs them."""

    def __init__(
        self, output: Path, project: Path, sources: list[Source] | Callable[[], list[Source]]
    ) -> None:
        self.output = output
        self.project = project
        self._sources = sources
        self.pages: dict[str, OutputPage] = {}
        self.files: set[str] = set()  # every file, relative to `output`

    @classmethod
    def load(
        cls, output: Path, project: Path, sources: list[Source] | Callable[[], list[Source]],
        shown_as: Path | None = None,
    ) -> BuiltSite:  # fmt: skip
        """`shown_as`: the folder the pages will be in, when they are read from another
        (the build's staging folder), to name them in findings."""
        site = cls(output, project, sources)
        for parent, folders, names in os.walk(output):
            folders.sort()
            inside = os.path.relpath(parent, output).replace(os.sep, "/")
            for name in sorted(names):
                relative = name if inside == "." else f"{inside}/{name}"
                site.files.add(relative)
                if name.endswith(".html"):
                    shown = display((shown_as or output) / relative, project)
                    site.pages[relative] = OutputPage(Path(parent, name), relative, shown)
        return site

    @cached_property
    def sources(self) -> list[Source]:
        return self._sources() if callable(self._sources) else self._sources

    @cached_property
    def _by_save_as(self) -> dict[str, Source]:
        return {source.save_as: source for source in self.sources if source.save_as}

    def source_of(self, page: OutputPage) -> Source | None:
        """The Markdown file the page was made from, if it was made from one."""
        return self._by_save_as.get(page.relative)

    def has_file(self, relative: str) -> bool:
        return relative in self.files

    def finding(
        self, page: OutputPage, level: str, message: str, rule: str, hint: str = "", *,
        markdown: tuple[str | re.Pattern[str], ...] = (), data: tuple[str, ...] = (),
        html: tuple[str, ...] = (), group: str = "",
    ) -> Finding:  # fmt: skip
        """A finding about something on a built page, placed where it was written: the
        Markdown source (found by its `markdown` forms), else the one content file that
        holds it (`data`: e.g. a resource's address), else the built file itself."""
        source = self.source_of(page)
        if source is not None:
            found = source.locate(*markdown)
            if found:
                return Finding(source.name, *found, level, message, rule, hint)
        for needle in data:
            if len(needle) < MIN_DATA_NEEDLE:
                continue
            holders = [source for source in self.sources if needle in source.text]
            if len(holders) == 1:
                found = holders[0].locate(needle, start=1)
                if found:
                    return Finding(holders[0].name, *found, level, message, rule, hint)
        position = page.html_position(*html)
        group = f"{rule} {group or message}"
        return Finding(page.name, *position, level, message, rule, hint, group)


def text_of(node: LexborNode) -> str:
    return " ".join(node.text(deep=True, separator=" ").split())
