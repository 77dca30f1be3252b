"""The content files as the checks see them: text, front matter and where each
one is published, so that a finding in the built site can point at its source."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import fixed_urls
from markdown_reader import EXTENSIONS as MARKDOWN
from markdown_reader.document import Document, split_document
from markdown_reader.errors import ContentError
from pelican.urlwrappers import Category
from pelican.utils import slugify

# The endings each reader reads, compared as they compare them, letter case and all:
# Pelican reads walk.md and leaves walk.MD out without a word.
CATEGORY_SUFFIX = ".md"  # the category_pages plugin's
DATA = (".yaml", ".yml")  # the resource directory's
ARTICLE, PAGE, CATEGORY, DATA_FILE, OTHER = "article", "page", "category", "data", "other"


@dataclass
class Source:
    """One content file: its text, its kind and, for Markdown, its parsed header."""

    path: Path
    name: str  # as shown in findings: relative to the project
    kind: str
    text: str
    document: Document | None = None
    error: ContentError | None = None
    save_as: str | None = None  # the built file, relative to the output folder
    slug: str | None = None

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @property
    def metadata(self) -> dict:
        return self.document.metadata if self.document else {}

    def key_line(self, key: str) -> int:
        return self.document.metadata_lines.get(key, 1) if self.document else 1

    @property
    def body_line(self) -> int:
        return self.document.body_line if self.document else 1

    def locate(
        self, *needles: str | re.Pattern[str], start: int | None = None
    ) -> tuple[int, int] | None:
        """The line and column of the first needle (text, or a pattern within a line)
        found, searching from the body."""
        first = (start or self.body_line) - 1
        for needle in needles:
            if isinstance(needle, str):
                if not needle.strip():
                    continue
                needle = re.compile(re.escape(needle.strip()))
            for number, line in enumerate(self.lines[first:], start=first + 1):
                match = needle.search(line)
                if match:
                    return number, match.start() + 1
        return None


def position(text: str, offset: int) -> tuple[int, int]:
    """Line and column (both from 1) of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def kind_of(relative: Path, settings: dict) -> str:
    suffix = relative.suffix
    if suffix in DATA:
        return DATA_FILE
    if suffix not in MARKDOWN:
        return OTHER
    top = relative.parts[0] if len(relative.parts) > 1 else ""
    if top in settings.get("ARTICLE_PATHS", []):
        return ARTICLE
    if top in settings.get("PAGE_PATHS", []):
        return PAGE
    category_folder = settings.get("CATEGORY_PAGES_PATH", "categories")
    if top == category_folder and len(relative.parts) == 2 and suffix == CATEGORY_SUFFIX:
        return CATEGORY
    return OTHER


def load_sources(project: Path, settings: dict) -> list[Source]:
    """Every Markdown and YAML file under the content folder, sorted by path."""
    content = Path(settings["PATH"])
    sources = []
    for path in sorted(content.rglob("*")):
        relative = path.relative_to(content)
        if not path.is_file() or any(part.startswith(".") for part in relative.parts):
            continue
        kind = kind_of(relative, settings)
        if kind == OTHER and path.suffix not in MARKDOWN:
            continue  # images and other static files have no text to check
        name = display(path, project)
        text = path.read_text(encoding="utf-8", errors="replace").removeprefix("\ufeff")
        source = Source(path, name, kind, text)
        if path.suffix in MARKDOWN:
            try:
                source.document = split_document(text, name)
            except ContentError as error:
                source.error = error
        sources.append(source)
    for source in sources:
        place(source, settings)
    return sources


def display(path: Path, project: Path) -> str:
    """A path relative to the project, as editors and GitHub annotations know it."""
    try:
        return Path(os.path.relpath(path, project)).as_posix()
    except ValueError:
        return path.as_posix()


def place(source: Source, settings: dict) -> None:
    """Work out the slug and the built file of an article, page or category file,
    with the same rules as Pelican and the category_pages plugin."""
    title = source.metadata.get("title")
    if source.kind not in (ARTICLE, PAGE, CATEGORY) or not isinstance(title, str):
        return
    if str(source.metadata.get("status", "")).lower() == "draft":
        return  # drafts are written elsewhere, and may share a finished page's address
    if source.kind == CATEGORY:
        source.slug = Category(title, settings).slug
        pattern = settings.get("CATEGORY_SAVE_AS", "")
    else:
        explicit = source.metadata.get("slug")
        source.slug = str(explicit) if explicit else slugify(
            title, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", [])
        )  # fmt: skip
        key = "ARTICLE_SAVE_AS" if source.kind == ARTICLE else "PAGE_SAVE_AS"
        pattern = str(source.metadata.get("save_as") or settings.get(key, ""))
    try:
        source.save_as = (
            fixed_urls.output_file(pattern.format(slug=source.slug)) if pattern else None
        )
    except (KeyError, IndexError, ValueError):
        source.save_as = None  # a pattern with fields only Pelican knows: no mapping
