"""The search index: Pagefind over the pages this build wrote, and one record
per support service.

Pagefind is given the list of the pages this build wrote rather than every page
of the output folder: the build writes over the output before last
(scripts/build.py), which can still hold pages since deleted until the build
removes them, after this runs (a folder of links to them when the list is too long
for Pagefind). The records (services, wins) are small pages in the
bundle's folder, where the build writes no page of its own, each with metadata
giving the result's address; they are removed once indexed.

Pagefind runs as its command, which exits once every file is on disk. Its Python
service is not used: it answers about ten messages a second, and it is stopped as
soon as it answers the last one, which can cut the last file Pagefind was still
writing short (an empty pagefind-entry.json).
"""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from textwrap import shorten

import cbor2
from pagefind_bin import get_executable  # the binary in the wheel (pagefind[bin], pinned)

BUNDLE = "pagefind"
# Where the records' pages go in the folder given to Pagefind: the bundle's folder,
# where the build writes no page of its own.
RECORDS = f"{BUNDLE}/records"
# Only the page's own text: the crisis band, the menu and the footer are on every page
# (Pagefind leaves out every <nav> itself: the contents list, the previous and next
# articles); an article's date and reading time and a category's list of articles
# say nothing of this page or name others. A service listed on a page is left out
# of it: each service is a result of its own.
LEFT_OUT = [".resource", ".article-meta", ".card-list"]
OPTIONS = {"root_selector": "main", "exclude_selectors": LEFT_OUT, "force_language": "en"}
GLOB_SPECIAL = set("{}[]*?,!\\")
# Pagefind's ready-made interfaces, which the search page does not use (it shows
# results in its own markup, with no inline style), and its web worker: a worker
# runs under the policy of its own response, which allows no WebAssembly (only
# /search/'s does), so the search page runs Pagefind itself.
UNUSED = (
    "pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js",
    "pagefind-worker.js",
)  # fmt: skip


@dataclass(frozen=True)
class Record:
    """A result that is not a page of its own: a service on /resources/."""

    url: str
    title: str
    content: str
    section: str
    filters: dict[str, list[str]] = field(default_factory=dict)


def write_index(
    site: Path, pages: Iterable[str], records: Iterable[Record], kept: Path | None = None
) -> Path:
    """Index `pages` (paths relative to `site`) and `records` into `site/pagefind/`,
    with the list of the files a first search needs (AHEAD).

    `kept`: a folder the bundle is kept in from build to build. Pagefind names most
    of its files after their content and leaves a file it finds already written
    alone, which halves its time when few pages changed; the bundle is linked into
    the site from there."""
    site = site.resolve()  # Pagefind runs in a folder of its own
    bundle = site / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    if kept is None:
        _write_bundle(bundle, site, sorted(pages), list(records))
        write_ahead_list(bundle)
        return bundle
    kept = kept.resolve()
    kept.mkdir(parents=True, exist_ok=True)
    with open(kept / LOCK, "w") as lock:  # one build at a time may use it
        fcntl.flock(lock, fcntl.LOCK_EX)
        manifest = kept / MANIFEST
        hashes = read_manifest(manifest)
        manifest.unlink(missing_ok=True)  # until the folder is whole again
        verified = keep_whole(kept, hashes)
        _write_bundle(kept, site, sorted(pages), list(records))
        files = remove_unused(kept)
        link_tree(kept, bundle, files)
        # A kept file is as verified: Pagefind and settle_filters leave one alone.
        written = {name: verified.get(name) or file_hash(kept / name) for name in files}
        manifest.write_text(json.dumps(written))
    write_ahead_list(bundle)  # the site's own file, not kept: no link to the kept folder
    return bundle


def _write_bundle(bundle: Path, site: Path, pages: list[str], records: list[Record]) -> None:
    _index(site, bundle, pages, records)
    for pattern in UNUSED:
        for path in bundle.glob(pattern):
            path.unlink()
    settle_filters(bundle)


LOCK = ".lock"
MANIFEST = ".manifest.json"  # each file of a whole bundle with the hash of its bytes
NAMED_BY_CONTENT = (".pf_meta", ".pf_fragment", ".pf_index", ".pf_filter")


def read_manifest(path: Path) -> dict[str, str]:
    """The manifest's hashes; none from a manifest that is missing or damaged."""
    with contextlib.suppress(OSError, ValueError):
        hashes = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(hashes, dict):
            return hashes
    return {}


def keep_whole(kept: Path, hashes: dict[str, str]) -> dict[str, str]:
    """Keep only the files named after their content that are as the manifest says:
    Pagefind would take a damaged one for one it wrote. The others are written
    over in place, and the live site links to them: they are removed. Returns the
    kept files with their hashes."""
    verified = {}
    for name in bundle_files(kept):
        if name.endswith(NAMED_BY_CONTENT) and hashes.get(name) == file_hash(kept / name):
            verified[name] = hashes[name]
        else:
            (kept / name).unlink()
    return verified


def remove_unused(kept: Path) -> list[str]:
    """Remove the files of earlier bundles: those the index's metadata does not name.
    Returns the bundle's files."""
    used = set()
    entry = json.loads((kept / "pagefind-entry.json").read_text(encoding="utf-8"))
    for about in entry["languages"].values():
        meta_name = f"pagefind.{about['hash']}.pf_meta"
        meta = read_bundle_file(kept / meta_name)
        used.add(meta_name)
        used |= {f"fragment/{page}.pf_fragment" for page, _ in meta[PAGES_OF_META]}
        used |= {f"index/{chunk[-1]}.pf_index" for chunk in meta[CHUNKS_OF_META]}
        used |= {f"filter/{name}.pf_filter" for _, name in meta[FILTERS_OF_META]}
    files = []
    for name in bundle_files(kept):
        if name.endswith(NAMED_BY_CONTENT) and name not in used:
            (kept / name).unlink()
        else:
            files.append(name)
    return files


def bundle_files(folder: Path) -> list[str]:
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and path.name not in (LOCK, MANIFEST)
    )


def link_tree(source: Path, target: Path, names: list[str]) -> None:
    for name in names:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source / name, target / name)
        except OSError:  # another file system, or one without links
            shutil.copyfile(source / name, target / name)


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# Pagefind's binary files: gzip of this signature and then CBOR.
SIGNATURE = b"pagefind_dcd"
# In a language's metadata: each page's [fragment, word count], each index chunk's
# [first word, last word, file] and each filter's [name, file].
PAGES_OF_META, CHUNKS_OF_META, FILTERS_OF_META = 1, 2, 3


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
            write_named_by_content(bundle / "filter" / f"{new}.pf_filter", data)
            filters.append([name, new])
        meta[FILTERS_OF_META] = filters
        data = bundle_bytes(meta)
        about["hash"] = f"{language}_{hashlib.sha256(data).hexdigest()[:10]}"
        meta_path.unlink()
        write_named_by_content(bundle / f"pagefind.{about['hash']}.pf_meta", data)
    entry_text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    entry_path.write_text(entry_text, encoding="utf-8")


def write_named_by_content(path: Path, data: bytes) -> None:
    # One already there holds these bytes, and a live site may be reading it.
    if not path.exists():
        path.write_bytes(data)


# The bundle's files that every first search needs, fetched ahead while a reader
# types (site-search.js): no page's HTML names them, and they change with the index.
AHEAD = "ahead.json"


def write_ahead_list(bundle: Path) -> None:
    """Write AHEAD in `bundle`: each language's metadata and WebAssembly, and its
    index when it is one chunk (a small site's: every query needs it). A bigger
    index's chunks are fetched as a query needs them."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    files = []
    for about in entry["languages"].values():
        meta_name = f"pagefind.{about['hash']}.pf_meta"
        files += [meta_name, f"wasm.{about.get('wasm') or 'unknown'}.pagefind"]
        chunks = read_bundle_file(bundle / meta_name)[CHUNKS_OF_META]
        if len(chunks) == 1:
            files.append(f"index/{chunks[0][-1]}.pf_index")
    (bundle / AHEAD).write_text(json.dumps({"files": files}), encoding="utf-8")


def read_bundle_file(path: Path):
    data = gzip.decompress(path.read_bytes())
    return cbor2.loads(data.removeprefix(SIGNATURE))


def bundle_bytes(value) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(value), mtime=0)


def _index(site: Path, bundle: Path, pages: list[str], records: list[Record]) -> None:
    if records:
        (site / RECORDS).mkdir(parents=True)
    # Not named .html: the page checks, which run meanwhile, would take them for pages.
    for number, record in enumerate(records):
        (site / RECORDS / f"{number}.record").write_text(record_page(record), encoding="utf-8")
    # Every name spelt out: a wildcard among them makes Pagefind's matching slow.
    indexed = [*pages, *(f"{RECORDS}/{number}.record" for number in range(len(records)))]
    try:
        try:
            _run_pagefind(site, "{" + ",".join(map(glob_escaped, indexed)) + "}", bundle)
        except GlobRefused:
            with linked_pages(site, indexed) as linked:
                _run_pagefind(linked, "**/*.{html,record}", bundle)
    finally:
        shutil.rmtree(site / RECORDS, ignore_errors=True)


class GlobRefused(RuntimeError):
    """Pagefind refuses a list of names too long for it to compile (somewhere between
    4,000 and 12,000 pages' names): it is then given a folder of links to the pages
    instead, which costs a folder for each page."""


@contextlib.contextmanager
def linked_pages(site: Path, names: list[str]):
    linked = Path(tempfile.mkdtemp(prefix=".search-pages-", dir=site.parent))
    try:
        link_tree(site, linked, names)
        yield linked
    finally:
        shutil.rmtree(linked, ignore_errors=True)


def _run_pagefind(site: Path, glob: str, bundle: Path) -> None:
    # In a file: as an argument, the list of a large site's pages would be too long.
    config = {**OPTIONS, "site": str(site), "output_path": str(bundle), "glob": glob}
    with tempfile.TemporaryDirectory(prefix=".search-config-", dir=site.parent) as folder:
        Path(folder, "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
        ran = subprocess.run(
            [str(get_executable()), "--silent"],
            cwd=folder, capture_output=True, text=True, check=False,
        )  # fmt: skip
    if ran.returncode:
        said = " ".join((ran.stderr.strip() or ran.stdout.strip()).splitlines())
        refused = GlobRefused if "did not parse as a valid glob" in said else RuntimeError
        raise refused(f"the search index was not written: {shorten(said, 300)}")


def glob_escaped(path: str) -> str:
    return "".join(f"\\{char}" if char in GLOB_SPECIAL else char for char in path)


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
