"""The search index: Pagefind over the pages this build wrote, and one record
per support service.

Pagefind is given the pages one by one rather than the output folder: the build
writes over the output before last (scripts/build.py), which can still hold
pages since deleted until the build removes them, after this runs.
"""

from __future__ import annotations

import asyncio
import re
import shutil
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

BUNDLE = "pagefind"
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


def page_url(relative: str) -> str:
    """`a/index.html` -> `/a/`, the address Pagefind would give the file."""
    return "/" + re.sub(r"(^|/)index\.html$", r"\1", relative)


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
    async with PagefindIndex(CONFIG) as index:
        # Sent together: the service reads the next page while it parses this one.
        await asyncio.gather(
            *(
                index.add_html_file(
                    content=(site / name).read_text(encoding="utf-8"), url=page_url(name)
                )
                for name in pages
            ),
            *(
                index.add_custom_record(
                    url=record.url,
                    content=record.content,
                    language="en",
                    meta={"title": record.title, "section": record.section},
                    filters=record.filters,
                )  # fmt: skip
                for record in records
            ),
        )
        await index.write_files(output_path=str(site / BUNDLE))
