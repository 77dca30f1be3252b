"""Small wins: the wins marked on headings in the Markdown become a weekly checklist.

- Templates get `small_wins` (a Checklist: wins grouped by category, the kind line,
  the days of the week), so category pages can list their wins.
- `/checklist/` is written from theme/templates/checklist.html, with
  `checklist-a4.pdf` and `checklist-letter.pdf` beside it, made from the same page.

Settings: CHECKLIST_WEEK_START ("monday" or "sunday"), CHECKLIST_URL, CHECKLIST_SAVE_AS.
The PDFs are kept in CACHE_PATH/printout/ and made again only when what they are
made from changed (cache.py); then in a forked copy of the build while the articles
are written, and the checklist's page (which gives their sizes) after them.
The printed sheet ends with the checklist's address when SITEURL is a full address
(`make publish`); a build for this machine alone (`make html`) has none to print.
A site without wins gets a page that says so, and no PDFs (WeasyPrint is never run).
The wins are read from the Markdown reader's own parse of each file (its
`body_parsed` signal): no file is read or parsed a second time for them.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import threading
from pathlib import Path

from markdown_reader import body_parsed
from markdown_reader.document import Document
from markdown_reader.errors import ContentError, display_path
from markdown_reader.render import make_parser
from pelican import signals
from pelican.utils import get_relative_path, path_to_url
from reproducible.dates import source_date

from .cache import PrintoutCache
from .sources import DENSITIES, human_size, site_files
from .wins import (
    Checklist,
    Marks,
    build_checklist,
    marks_in,
    might_mark_wins,
    on_category_page,
    read_marks,
)

logger = logging.getLogger(__name__)
SAVE_AS = "checklist/index.html"  # with the PDFs beside it
# The theme's stylesheet with the printout's fonts (checklist.html links it for print).
FONT_SHEET = "css/print-font.css"


def collect_wins(generators) -> None:
    context = generators[0].context
    settings = generators[0].settings
    categories = list(context.get("category_pages", {}))
    articles = sorted(context.get("articles", []), key=lambda a: (a.date, a.source_path))
    contents = articles + sorted(context.get("pages", []), key=lambda page: page.source_path)
    marks = [m for content in contents if (m := marks_of(content, categories)) is not None]
    marks += [
        on_category_page(m, display_path(page.source_path))
        for page in context.get("category_pages", {}).values()
        if (m := marks_of(page, categories)) is not None
    ]
    checklist = build_checklist(
        marks, categories, settings.get("CHECKLIST_WEEK_START", "monday"),
        settings.get("CHECKLIST_URL", "checklist/"),
    )  # fmt: skip
    for error in checklist.errors:
        logger.error("%s", error, exc_info=error)
    if checklist.errors:
        raise checklist.errors[0]
    urls = checklist.article_urls
    # Only with wins: each content's url is worked out anew when asked for.
    dates = [getattr(content, "date", None) for content in contents if urls and content.url in urls]
    context["small_wins"] = checklist
    context["small_wins_date"] = source_date(os.environ, dates)


# The Markdown reader's parse of each body it read (markdown_reader.body_parsed), by
# source path; None for a body that marks no win. Kept from build to build: the
# devserver's reader reads only the files that changed.
_parsed: dict[str, tuple[Document, list | None] | None] = {}
UNREAD = object()


def keep_parse(source_path, document: Document, tokens: list | None) -> None:
    marking = might_mark_wins(document.body)
    _parsed[os.path.abspath(source_path)] = (document, tokens) if marking else None


def marks_of(content, categories: list[str]) -> Marks | None:
    """What one content marks, from the reader's parse when the reader has read it."""
    parsed = _parsed.get(os.path.abspath(content.source_path), UNREAD)
    if parsed is None:  # read, and marks no win
        return None
    path = display_path(content.source_path)
    if parsed is UNREAD:  # another reader's file
        text = Path(content.source_path).read_text(encoding="utf-8")
        return read_marks(text, path, categories, content.url) if might_mark_wins(text) else None
    document, tokens = parsed
    if tokens is None:  # rendered by a worker process, which keeps its tokens
        tokens = make_parser().parse(document.body)
    return marks_in(document, tokens, path, categories, content.url)


def write_checklist(generator, writer) -> None:
    checklist: Checklist | None = generator.context.get("small_wins")
    if checklist is None:
        return
    settings = generator.settings
    save_as = settings.get("CHECKLIST_SAVE_AS", SAVE_AS)
    template = generator.get_template("checklist")
    relative = settings.get("RELATIVE_URLS", False)
    page = {
        "url": checklist.url, "printout": False, "checklist_density": "roomy",
        "checklist_address": public_address(settings.get("SITEURL", ""), checklist.url),
    }  # fmt: skip

    def write_page(printout: PrintoutOfChecklist | None = None) -> None:
        if printout is not None:
            density, pdfs = printout.result()
            folder = (Path(generator.output_path) / save_as).parent
            folder.mkdir(parents=True, exist_ok=True)
            downloads = []
            for paper, pdf in pdfs.items():
                name = f"checklist-{paper}.pdf"
                (folder / name).write_bytes(pdf)
                downloads.append({"paper": paper, "name": name, "size": human_size(len(pdf))})
            page.update(checklist_density=density, checklist_downloads=downloads)
        writer.write_file(save_as, template, generator.context, relative_urls=relative, **page)

    if not checklist.groups:
        write_page()
        return
    siteurl = path_to_url(get_relative_path(save_as)) if relative else settings["SITEURL"]

    def render_html(density: str) -> str:
        printed = {**page, "SITEURL": siteurl, "output_file": save_as, "printout": True}
        return template.render({**generator.context, **printed, "checklist_density": density})

    printout = PrintoutOfChecklist(generator, render_html, save_as, checklist)
    if printout.started():
        _waiting.append((printout, functools.partial(write_page, printout)))
    else:
        write_page(printout)


# The checklist pages waiting for their PDFs, made while the articles are written.
_waiting: list[tuple[PrintoutOfChecklist, functools.partial]] = []


def write_waiting_checklist(_generator, writer) -> None:
    """After the articles (the next generator's output): the PDFs are made by then."""
    while _waiting:
        _waiting.pop()[1]()


def forget_waiting_checklist(_pelican) -> None:
    """A build that failed before writing its checklist leaves it waiting: not for
    the next build of this process (the devserver) to write."""
    while _waiting:
        _waiting.pop()[0].wait()


class PrintoutOfChecklist:
    """The printout's density and PDFs, from the cache when nothing they are made
    from changed. Otherwise WeasyPrint makes them: in a forked process, while the
    build writes the articles, when nothing else runs in this process (a fork keeps
    only the calling thread); here otherwise. WeasyPrint is imported only to make
    them: loading it takes most of a second."""

    def __init__(self, generator, render_html, save_as: str, checklist: Checklist) -> None:
        settings = generator.settings
        output = Path(generator.output_path)
        static_dir = settings.get("THEME_STATIC_DIR", "theme")
        self.base_url = (output / save_as).as_uri()
        self.font_sheet = (output / static_dir / FONT_SHEET).as_uri()
        self.date = generator.context["small_wins_date"]
        self.files = site_files(settings, output)
        self.cache = PrintoutCache(
            Path(settings.get("CACHE_PATH", "cache"), "printout"), output.as_uri()
        )
        self.html = {density: render_html(density) for density in DENSITIES}
        self.key = self.cache.key({
            "html": self.html, "base_url": self.base_url, "font_sheet": self.font_sheet,
            "date": self.date.isoformat(),
        })  # fmt: skip
        self.checklist = checklist
        self.kept = self.cache.get(self.key, self.files)
        self.child: int | None = None

    def started(self) -> bool:
        """Whether the PDFs are being made in a forked process."""
        if self.kept is not None or threading.active_count() > 1 or not hasattr(os, "fork"):
            return False
        self.child = os.fork()
        if self.child == 0:
            try:
                self._make_quietly()
            finally:
                os._exit(0)
        return True

    def wait(self) -> None:
        """Until the forked process has ended."""
        if self.child is not None:
            os.waitpid(self.child, 0)
            self.child = None

    def result(self) -> tuple[str, dict[str, bytes]]:
        if self.child is not None:
            self.wait()  # it has kept the PDFs, or failed
            self.kept = self.cache.get(self.key, self.files)
        # Made here when the forked process could not keep them: it failed, the cache
        # cannot be written, or WeasyPrint warned (the build reports it from here).
        return self.kept if self.kept is not None else self._make()

    def _make_quietly(self) -> None:
        """In the forked process: the PDFs into the cache, unless WeasyPrint warned
        (its warning is this process's own, which the build never sees)."""
        warned = WarningsSeen()
        logging.getLogger().addHandler(warned)
        with contextlib.suppress(Exception):
            density, pdfs, read = self._render()
            if not warned.seen:
                self.cache.put(self.key, read, density, pdfs)

    def _make(self) -> tuple[str, dict[str, bytes]]:
        density, pdfs, read = self._render()
        self.cache.put(self.key, read, density, pdfs)
        return density, pdfs

    def _render(self) -> tuple[str, dict[str, bytes], dict[str, str]]:
        from .printout import RecordingFetcher, SiteFetcher, make_printout

        fetcher = RecordingFetcher(SiteFetcher(self.files))
        printout = make_printout(
            self.html.__getitem__, self.base_url, fetcher, self.date, self.font_sheet
        )
        if printout is None:
            last = self.checklist.wins[-1]
            raise ContentError(
                last.path, last.line,
                f"the checklist has {len(self.checklist.wins)} wins and no longer fits on one page",
                hint="remove or merge wins (each win= heading is a row of the printout)",
                rule="small-wins",
            )  # fmt: skip
        return printout.density, printout.pdfs, fetcher.read


class WarningsSeen(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen = False

    def emit(self, record: logging.LogRecord) -> None:
        self.seen = True


def public_address(siteurl: str, url: str) -> str | None:
    """The page's address as a reader would type it from paper, without "https://"."""
    scheme, _, rest = siteurl.partition("://")
    if scheme not in ("http", "https") or not rest:
        return None
    return f"{rest.rstrip('/')}/{url}"


def register() -> None:
    body_parsed.connect(keep_parse)
    signals.all_generators_finalized.connect(collect_wins)
    signals.article_writer_finalized.connect(write_checklist)
    signals.page_writer_finalized.connect(write_waiting_checklist)
    signals.initialized.connect(forget_waiting_checklist)
