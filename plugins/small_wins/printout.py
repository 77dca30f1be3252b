"""The printable weekly checklist as one-page PDFs, made with WeasyPrint from the
same HTML and CSS a browser prints.

The page is laid out at the densest spacing it needs and no denser: each density
is tried in turn until the checklist fits one portrait page on every paper size.
The PDFs are PDF/UA-1 (tagged: a table whose header cells are the days, the title
as the document's title, the page's language). They carry a fixed date (not the
time of the build) and use only the fonts the page's stylesheets load (fonts.conf),
so the same content gives the same bytes on any machine.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import mimetypes
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

# WeasyPrint reports each step it takes, from the moment it is imported: none is
# anything an editor can act on.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError  # noqa: E402

from .cache import digest  # noqa: E402
from .sources import DENSITIES, SiteFiles, site_files  # noqa: E402

# The shorter paper first, so an overflowing checklist is found with one layout.
PAPERS = {"letter": "letter", "a4": "A4"}
PDF_VARIANT = "pdf/ua-1"
# A font set with none of the machine's fonts in it (see the file).
FONTS_CONF = Path(__file__).with_name("fonts.conf")


@dataclass(frozen=True)
class Printout:
    density: str
    pdfs: dict[str, bytes]


class SiteFetcher(URLFetcher):
    """Serves WeasyPrint the site's own files (sources.py) and nothing else."""

    def __init__(self, files: SiteFiles) -> None:
        super().__init__()
        self.files = files
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        path = self.files.path_of(url)
        if path is None:
            self.refused.append(url)
            raise ValueError(f"not a file of this site: {url}")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})


class RecordingFetcher(URLFetcher):
    """Another fetcher's files, with the hash of each one it gave (for the cache)."""

    def __init__(self, fetcher: SiteFetcher) -> None:
        super().__init__()
        self.fetcher = fetcher
        self.read: dict[str, str] = {}

    @property
    def refused(self) -> list[str]:
        return self.fetcher.refused

    def fetch(self, url, headers=None):
        response = self.fetcher.fetch(url, headers)
        body = response.read()
        self.read[url] = digest(body)
        return URLFetcherResponse(response.url, body, response.headers)


class PrintoutError(Exception):
    """The printout cannot be made as the page asks (a stylesheet it cannot read)."""


def site_fetcher(settings: Mapping, output: Path) -> SiteFetcher:
    return SiteFetcher(site_files(settings, output))


def make_printout(
    render_html: Callable[[str], str],
    base_url: str,
    fetcher: SiteFetcher,
    date: datetime.datetime,
    font_sheet: str,
) -> Printout | None:
    """The PDFs at the first density that fits one page on every paper, or None.
    A file the page needs but the fetcher refused would give an unstyled printout
    (and a false "does not fit"), so it stops the printout instead.

    `font_sheet` is the address of the stylesheet whose @font-face rules hold the
    printout's fonts. It applies whatever the page links: the font set starts empty,
    and WeasyPrint cannot draw a page with no font at all (the process would crash).

    The files it read, with their hashes, are in `fetcher.read` when the fetcher is
    a RecordingFetcher (cache.py keeps the PDFs by them)."""
    stamp = date.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    # One font set for every layout: each font file is read and decoded once.
    fonts = bundled_fonts_only()
    try:
        with _quiet("weasyprint", "fontTools"):
            font_faces = CSS(url=font_sheet, url_fetcher=fetcher, font_config=fonts)
    except URLFetchingError:
        raise _refused(font_sheet) from None
    if fetcher.refused:  # one of its font files
        raise _refused(fetcher.refused[0])
    for density in DENSITIES:
        html = render_html(density)
        pdfs = {}
        for name, size in PAPERS.items():
            with _quiet("weasyprint", "weasyprint.progress", "fontTools"):
                page_size = CSS(string=f"@page {{ size: {size} portrait; }}")
                document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
                    stylesheets=[font_faces, page_size], font_config=fonts, pdf_variant=PDF_VARIANT
                )
                if fetcher.refused:
                    raise _refused(fetcher.refused[0])
                if len(document.pages) != 1:
                    break
                document.metadata.created = document.metadata.modified = stamp
                pdfs[name] = document.write_pdf(pdf_variant=PDF_VARIANT)
        else:
            return Printout(density, pdfs)
    return None


def bundled_fonts_only() -> FontConfiguration:
    """A WeasyPrint font configuration that starts with no font at all: fontconfig
    reads FONTCONFIG_FILE only while the configuration is made, so the variable is
    set for that moment and the machine's own setting is left as it was."""
    before = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(FONTS_CONF)
    try:
        return FontConfiguration()
    finally:
        if before is None:
            del os.environ["FONTCONFIG_FILE"]
        else:
            os.environ["FONTCONFIG_FILE"] = before


def _refused(url: str) -> PrintoutError:
    return PrintoutError(
        f"the checklist PDF needs {url}, which is not a file of this site's theme or output"
    )


@contextlib.contextmanager
def _quiet(*names: str) -> Iterator[None]:
    """WeasyPrint warns about screen-only CSS (transitions, appearance) it ignores;
    those warnings are no mistake of an editor's and must not fail a strict build."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
