"""The built site as the checks see it: each HTML file parsed once, tied to the
content file it came from, so that a finding points at the line an editor wrote."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
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
    html: str
    source: Source | None = None

    @cached_property
    def tree(self) -> LexborHTMLParser:
        return LexborHTMLParser(self.html)

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


@dataclass
class BuiltSite:
    output: Path
    project: Path
    sources: list[Source]
    pages: dict[str, OutputPage] = field(default_factory=dict)

    @classmethod
    def load(cls, output: Path, project: Path, sources: list[Source]) -> BuiltSite:
        site = cls(output, project, sources)
        by_save_as = {source.save_as: source for source in sources if source.save_as}
        for path in sorted(output.rglob("*.html")):
            relative = path.relative_to(output).as_posix()
            text = path.read_text(encoding="utf-8", errors="replace")
            page = OutputPage(path, relative, display(path, project), text)
            page.source = by_save_as.get(relative)
            site.pages[relative] = page
        return site

    def finding(
        self, page: OutputPage, level: str, message: str, rule: str, hint: str = "", *,
        markdown: tuple[str | re.Pattern[str], ...] = (), data: tuple[str, ...] = (),
        html: tuple[str, ...] = (), group: str = "",
    ) -> Finding:  # fmt: skip
        """A finding about something on a built page, placed where it was written: the
        Markdown source (found by its `markdown` forms), else the one content file that
        holds it (`data`: e.g. a resource's address), else the built file itself."""
        if page.source is not None:
            found = page.source.locate(*markdown)
            if found:
                return Finding(page.source.name, *found, level, message, rule, hint)
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
