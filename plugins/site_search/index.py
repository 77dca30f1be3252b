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
import gzip
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import cbor2
from pagefind.index import IndexConfig, PagefindIndex

BUNDLE = "pagefind"
# Where the records' pages go in the folder given to Pagefind: the bundle's folder,
# where the build writes no page of its own.
RECORDS = f"{BUNDLE}/records"
# Only the page's own text: the crisis band, the menu and the footer are on every page.
# A service listed on a page is left out of it: each service is a result of its own.
SELECTORS = {"root_selector": "main", "exclude_selectors": [".resource"]}
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
    settle_filters(bundle)
    return bundle


# Pagefind's binary files: gzip of this signature and then CBOR.
SIGNATURE = b"pagefind_dcd"
FILTERS_OF_META = 3  # the [name, file] pair of each filter, in a language's metadata


def settle_filters(bundle: Path) -> None:
    """Each filter's values in the order of their names, and each filter file named
    after its new content. Pagefind writes them in the order of a hash map, which
    changes from run to run: two builds of one site would differ."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, about in entry["languages"].items():
        meta_path = bundle / f"pagefind.{about['hash']}.pf_meta"
        meta = read_bundle_file(meta_path)
        filters = []
        for name, old in sorted(meta[FILTERS_OF_META]):
            old_path = bundle / "filter" / f"{old}.pf_filter"
            filter_name, values = read_bundle_file(old_path)
            data = bundle_bytes([filter_name, sorted(values)])
            new = f"{language}_{hashlib.sha256(data).hexdigest()[:7]}"
            old_path.unlink()
            (bundle / "filter" / f"{new}.pf_filter").write_bytes(data)
            filters.append([name, new])
        meta[FILTERS_OF_META] = filters
        data = bundle_bytes(meta)
        about["hash"] = f"{language}_{hashlib.sha256(data).hexdigest()[:10]}"
        meta_path.unlink()
        (bundle / f"pagefind.{about['hash']}.pf_meta").write_bytes(data)
    entry_text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    entry_path.write_text(entry_text, encoding="utf-8")


def read_bundle_file(path: Path):
    data = gzip.decompress(path.read_bytes())
    return cbor2.loads(data.removeprefix(SIGNATURE))


def bundle_bytes(value) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(value), mtime=0)


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
        # Written where the configuration says when the block ends (once: an output
        # path given to write_files would be a second write, the other into the
        # working folder).
        config = IndexConfig(**SELECTORS, force_language="en", output_path=str(site / BUNDLE))
        async with PagefindIndex(config) as index:
            await index.add_directory(str(linked))
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
