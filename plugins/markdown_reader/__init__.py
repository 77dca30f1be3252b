"""Pelican reader for Markdown files, built on markdown-it-py.

Settings: MARKDOWN_IT_ALLOW_HTML (default False: raw HTML is shown as text).
"""

from __future__ import annotations

from pelican import signals
from pelican.readers import BaseReader
from pelican.utils import pelican_open

from .document import split_document
from .errors import ContentError, display_path
from .render import render, render_inline

__all__ = ["ContentError", "MarkdownItReader", "register"]

HINTS = {
    "date": "write dates as YYYY-MM-DD, for example 2025-03-14",
    "modified": "write dates as YYYY-MM-DD, for example 2025-03-14",
}


class MarkdownItReader(BaseReader):
    enabled = True
    file_extensions = ["md", "markdown", "mkd", "mdown"]

    def read(self, source_path):
        path = display_path(source_path)
        with pelican_open(source_path) as text:
            document = split_document(text, path)
        allow_html = self.settings.get("MARKDOWN_IT_ALLOW_HTML", False)
        formatted = {field.lower() for field in self.settings.get("FORMATTED_FIELDS", [])}
        metadata = {}
        for key, value in document.metadata.items():
            line = document.metadata_lines.get(key, 1)
            if key in formatted and isinstance(value, str):
                value = render_inline(value, allow_html)
            try:
                metadata[key] = self.process_metadata(key, value)
            except (ValueError, TypeError, AttributeError) as error:
                raise ContentError(
                    path, line, f"{key}: {error}",
                    hint=HINTS.get(key, "check the value of this field"), rule="front-matter",
                ) from None  # fmt: skip
        return render(document.body, allow_html), metadata


def add_reader(readers) -> None:
    for extension in MarkdownItReader.file_extensions:
        readers.reader_classes[extension] = MarkdownItReader


def register() -> None:
    signals.readers_init.connect(add_reader)
