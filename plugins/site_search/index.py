"""The search index: Pagefind over the pages this build wrote, and one record
per support service.

Pagefind is given a folder of links to the pages this build wrote rather than the
output folder: the build writes over the output before last (scripts/build.py),
which can still hold pages since deleted until the build removes them, after
this runs. One folder is one message to Pagefind's service, which answers about
ten messages a second: a message per page would cost minutes on a large site.
The records (services, wins) go in the same folder, each a small page whose
metadata gives the result's address, for the same reason.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

BUNDLE = "pagefind"
# Where the records' pages go in the folder given to Pagefind: the bundle's folder,
# where the build writes no page of its own.
RECORDS = f"{BUNDLE}/records"
# Only the page's own text: the crisis band, the menu and the footer are on every page.
# A service listed on a page is left out of it: each service is a result of its own.
CONFIG = IndexConfig(
    root_selector="main", exclude_selectors=[".resource"], force_language="en", output_path=BUNDLE
)
# Pagefind's ready-made interfaces, which the search page does not use (it shows
# results in its own markup, with no inline style).
UNUSED = (
    "pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js",
)  # fmt: skip


@dataclass(frozen=True)
class Record:
    """A result that is not a page of its own: a service on /resources/."""

    url: str
    title: str
    content: str
    section: str
    filters: dict[str, list[str]] = field(default_factory=dict)


def write_index(site: Path, pages: Iterable[str], records: Iterable[Record]) -> Path:
    """Index `pages` (paths relative to `site`) and `records` into `site/pagefind/`."""
    bundle = site / BUNDLE
    # Its fragments are named after their content: last build's would be left behind.
    shutil.rmtree(bundle, ignore_errors=True)
    # In a thread of its own: the build may run where an event loop is already
    # running (a test's browser driver), and asyncio.run cannot nest.
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, _index(site, sorted(pages), list(records))).result()
    for pattern in UNUSED:
        for path in bundle.glob(pattern):
            path.unlink()
    return bundle


async def _index(site: Path, pages: list[str], records: list[Record]) -> None:
    linked = Path(tempfile.mkdtemp(prefix=".search-pages-", dir=site.parent))
    try:
        for name in pages:
            (linked / name).parent.mkdir(parents=True, exist_ok=True)
            os.link(site / name, linked / name)
        if records:
            (linked / RECORDS).mkdir(parents=True)
        for number, record in enumerate(records):
            (linked / RECORDS / f"{number}.html").write_text(record_page(record), encoding="utf-8")
        async with PagefindIndex(CONFIG) as index:
            await index.add_directory(str(linked))
            await index.write_files(output_path=str(site / BUNDLE))
    finally:
        shutil.rmtree(linked, ignore_errors=True)


def record_page(record: Record) -> str:
    """A record as a page for Pagefind: its metadata (the result's address among
    them) and filters in attributes, where a comma in a value is only a comma."""
    filters = "".join(
        f'<span data-pagefind-filter="{escape(name)}[data-value]"'
        f' data-value="{escape(value)}"></span>'
        for name, values in record.filters.items()
        for value in values
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title></title></head>'
        '<body><main data-pagefind-meta="title[data-title], url[data-url], section[data-section]"'
        f' data-title="{escape(record.title)}" data-url="{escape(record.url)}"'
        f' data-section="{escape(record.section)}"><p>{escape(record.content)}</p>{filters}'
        "</main></body></html>"
    )
