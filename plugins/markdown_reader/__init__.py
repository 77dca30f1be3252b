"""Pelican reader for Markdown files, built on markdown-it-py.

Every document gets `word_count`, the words of its text, for reading times.

A heading attribute that is neither HTML nor one a plugin reads (the wins') stops
the build at its line: it would do nothing, silently.

Settings: MARKDOWN_IT_ALLOW_HTML (default False: raw HTML is shown as text);
MARKDOWN_IT_KEEP_READS (default False) keeps each file's result in memory until
the file changes, for a process that builds again and again (the devserver).
A site of many files has its bodies rendered on spare cores (see prerender.py).

Each body read is sent as `body_parsed` (the source path, its Document, and the
markdown-it tokens, or None when a worker rendered it), so that a plugin reading
the Markdown's structure need not read and parse the file again.
"""

from __future__ import annotations

import difflib
import os
import weakref

from blinker import signal
from pelican import signals
from pelican.readers import BaseReader
from pelican.utils import pelican_open

from . import prerender
from .document import split_document
from .errors import ContentError, display_path
from .kept_reads import KeptReads
from .render import beyond_html, render_inline, render_parsed

__all__ = ["ContentError", "MarkdownItReader", "body_parsed", "register"]

body_parsed = signal("markdown_it_body_parsed")

HINTS = {
    "date": "write dates as YYYY-MM-DD, for example 2025-03-14",
    "modified": "write dates as YYYY-MM-DD, for example 2025-03-14",
}


EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")


class MarkdownItReader(BaseReader):
    enabled = True
    file_extensions = [extension[1:] for extension in EXTENSIONS]

    def read(self, source_path):
        if not self.settings.get("MARKDOWN_IT_KEEP_READS", False):
            return self._read(source_path)
        return KEPT_READS.get(source_path, self.settings, self._read)

    def _read(self, source_path):
        path = display_path(source_path)
        try:
            with pelican_open(source_path) as text:
                document = split_document(text, path)
        except UnicodeDecodeError as error:
            raise not_utf8(path, error) from None
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
        html, metadata["word_count"], tokens = body_html(source_path, document.body, allow_html)
        if tokens is not None:  # a worker renders only bodies whose attributes are all HTML
            check_heading_attrs(tokens, document.body_line, path, attrs_of_plugins(self.settings))
        body_parsed.send(source_path, document=document, tokens=tokens)
        return html, metadata


def not_utf8(path: str, error: UnicodeDecodeError) -> ContentError:
    """At the line of the first byte that is not UTF-8: the file was saved in another
    encoding (Windows-1252, Latin-1), or is no text."""
    return ContentError(
        path, error.object.count(b"\n", 0, error.start) + 1,
        f"the file is not UTF-8 text (byte {error.object[error.start]:#04x})",
        hint="save the file as UTF-8 (in VS Code: the encoding in the status bar, "
        "then 'Save with Encoding', 'UTF-8')", rule="encoding",
    )  # fmt: skip


def attrs_of_plugins(settings) -> tuple[str, ...]:
    """The heading attributes the enabled plugins read. A plugin is imported only
    when the settings enable it: a site may go without."""
    if "small_wins" in (settings.get("PLUGINS") or []):
        from small_wins.wins import ATTRIBUTES

        return ATTRIBUTES
    return ()


def check_heading_attrs(tokens, body_line: int, path: str, read: tuple[str, ...]) -> None:
    """Plugins report their own attributes' mistakes: only the others are refused."""
    for token, names in beyond_html(tokens):
        unread = [name for name in names if name not in read]
        if unread:
            line = body_line + (token.map[0] if token.map else 0)
            raise unread_attrs(path, line, unread, read)


def unread_attrs(path: str, line: int, unread: list[str], read: tuple[str, ...]) -> ContentError:
    listed = ", ".join(f"'{name}'" for name in unread)
    verb, them = ("is", "it") if len(unread) == 1 else ("are", "them")
    known = ", ".join([*read, "an #id"]) + " or a .class"
    hint = f"delete {them} from the curly brackets at the end of the heading (they hold {known})"
    guess = difflib.get_close_matches(unread[0], read, n=1, cutoff=0.6)
    if len(unread) == 1 and guess:
        hint = f"did you mean '{guess[0]}'? Otherwise, {hint}"
    return ContentError(
        path, line, f"{listed} in this heading's curly brackets {verb} not used by the site",
        hint=hint, rule="heading-attribute",
    )  # fmt: skip


# With MARKDOWN_IT_KEEP_READS (the devserver, a long-lived process): each file's result.
KEPT_READS = KeptReads()
# The running build's Prerenderer, once a generator has enough files for one, and
# the generators that have handed it their files.
_prerendered: prerender.Prerenderer | None = None
_prerendered_generators: weakref.WeakSet = weakref.WeakSet()


def body_html(source_path: str, body: str, allow_html: bool) -> tuple[str, int, list | None]:
    """The body's HTML, its words and its tokens; from a worker when one has rendered
    it (then without the tokens)."""
    rendered = _prerendered and _prerendered.take(os.path.abspath(source_path), body, allow_html)
    return (*rendered, None) if rendered else render_parsed(body, allow_html)


def prerender_files(generator, kind: str) -> None:
    """Hand a generator's Markdown files to the workers, once per build, in the
    order the generator reads them (get_files gives the same set again)."""
    global _prerendered
    if generator in _prerendered_generators:
        return
    _prerendered_generators.add(generator)
    paths = [
        os.path.join(generator.path, path)
        for path in generator.get_files(
            generator.settings[f"{kind}_PATHS"], exclude=generator.settings[f"{kind}_EXCLUDES"]
        )
        if path.endswith(EXTENSIONS)
    ]
    if generator.settings.get("MARKDOWN_IT_KEEP_READS", False):
        paths = [path for path in paths if not KEPT_READS.has(path, generator.settings)]
    if not prerender.worth_it(paths):
        return
    if _prerendered is None:
        allow_html = generator.settings.get("MARKDOWN_IT_ALLOW_HTML", False)
        _prerendered = prerender.Prerenderer(allow_html, prerender.spare_cores())
    _prerendered.add(paths)


def prerender_articles(generator) -> None:
    prerender_files(generator, "ARTICLE")


def prerender_pages(generator) -> None:
    prerender_files(generator, "PAGE")


def stop_prerendering(_pelican=None) -> None:
    global _prerendered
    _prerendered_generators.clear()
    if _prerendered is not None:
        _prerendered.close()
        _prerendered = None


def add_reader(readers) -> None:
    for extension in MarkdownItReader.file_extensions:
        readers.reader_classes[extension] = MarkdownItReader


def register() -> None:
    signals.initialized.connect(stop_prerendering)  # a failed build never reached finalized
    signals.readers_init.connect(add_reader)
    signals.article_generator_preread.connect(prerender_articles)
    signals.page_generator_preread.connect(prerender_pages)
    # Reading is over: no worker may outlive it (a writer forks this process).
    signals.all_generators_finalized.connect(stop_prerendering)
    signals.finalized.connect(stop_prerendering)
