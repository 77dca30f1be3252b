"""What the asset pipeline does to a built site, as functions over text and bytes.

- The theme's stylesheets become one file named after a hash of its content
  (`site.<hash>.css`), the scripts every page loads become another
  (`site.<hash>.js`), and each other script gets such a name too: browsers may
  then keep them for a year, and a change always reaches readers under a new name.
  The names are known before any page is rendered, so templates link them directly.
- For publication, pages, stylesheets and scripts are minified and every text file gets
  precompressed `.gz` and `.br` copies for the web server to send as they are.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import importlib.metadata
import os
import re
import threading
from collections.abc import Iterable
from pathlib import Path

import rjsmin

HASH_LENGTH = 10
BUNDLE_NAME = "site.css"
SCRIPT_BUNDLE_NAME = "site.js"
# Files a web server sends compressed when the browser accepts it.
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".ics", ".map"}
# A compressed copy smaller than this saves less than its own headers cost.
MIN_COMPRESS_BYTES = 256

FINGERPRINTED = re.compile(rf"\.[0-9a-f]{{{HASH_LENGTH}}}\.(?:css|js)$")


def fingerprinted_name(name: str, data: bytes) -> str:
    """`site.css` -> `site.1a2b3c4d5e.css`, the hash taken from the content."""
    stem, dot, suffix = name.rpartition(".")
    digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    return f"{stem}.{digest}{dot}{suffix}"


def is_fingerprinted(name: str) -> bool:
    return FINGERPRINTED.search(name) is not None


def bundle(sources: Iterable[tuple[str, str]]) -> str:
    """One stylesheet or script from (name, text) pairs, in order (the cascade's,
    for stylesheets). Each part is labelled so that a line in the bundle can be
    traced back to its file. Each script is one function run at once, with its
    own scope: joining them changes nothing but the number of requests."""
    return "\n".join(f"/* {name} */\n{text.strip()}\n" for name, text in sources)


def minify_js(script: str) -> str:
    # rjsmin only drops comments and spaces: the code that runs is the source's.
    return rjsmin.jsmin(script)


def minify_css(css: str) -> str:
    # minify-html minifies CSS only inside a page: wrap it in a <style> element.
    wrapped = _minify_html().minify(f"<style>{css}</style>", minify_css=True)
    return wrapped.removeprefix("<style>").removesuffix("</style>")


PAGE_OPTIONS = {
    "keep_closing_tags": True,
    "keep_html_and_head_opening_tags": True,
    "minify_css": True,
}


def minify_page(html: str) -> str:
    """A smaller page that is still valid HTML (closing tags and <html>/<head> kept)."""
    return _minify_html().minify(html, **PAGE_OPTIONS)


def _minify_html():
    # Imported for publication only (ASSETS_MINIFY): loading it is a twentieth of
    # the whole build of a small site.
    import minify_html

    return minify_html


def minified_pages_cache(cache: Path) -> Path:
    """Where minified pages are kept, in a folder of the minifier's version and options."""
    made_with = repr((importlib.metadata.version("minify-html"), sorted(PAGE_OPTIONS.items())))
    return cache / hashlib.sha256(made_with.encode()).hexdigest()[:16]


def minify_page_once(html: str, cache: Path | None = None) -> str:
    """minify_page, from `cache` when this page was minified before. An entry starts
    with the hash of the minified page it holds: one that does not match is made again."""
    if cache is None:
        return minify_page(html)
    kept = cache / f"{hashlib.sha256(html.encode()).hexdigest()}.html"
    with contextlib.suppress(OSError, UnicodeDecodeError):
        digest, _, page = kept.read_bytes().partition(b"\n")
        if hashlib.sha256(page).hexdigest().encode() == digest:
            return page.decode()
    page = minify_page(html)
    data = page.encode()
    keep(kept, hashlib.sha256(data).hexdigest().encode() + b"\n" + data)
    return page


def precompress(path: Path, cache: Path | None = None) -> list[Path]:
    """Write `path.gz` and `path.br` beside a text file; returns what was written.
    No timestamp or name goes into the gzip header: equal input, equal bytes.
    With a `cache` folder, copies made before from the same bytes are used again
    (Brotli at its best quality is most of `make publish`)."""
    if path.suffix not in COMPRESSIBLE:
        return []
    data = path.read_bytes()
    if len(data) < MIN_COMPRESS_BYTES:
        return []
    written = []
    for suffix, (compress, decompress) in CODECS.items():
        target = path.with_name(path.name + suffix)
        target.write_bytes(_compressed(data, suffix, compress, decompress, cache))
        written.append(target)
    return written


CODECS = {
    ".gz": (lambda data: gzip.compress(data, compresslevel=9, mtime=0), gzip.decompress),
    ".br": (
        lambda data: _brotli().compress(data, quality=11),
        lambda data: _brotli().decompress(data),
    ),
}


def _brotli():
    import brotli  # for publication only (ASSETS_PRECOMPRESS), as minify-html

    return brotli


def _compressed(data: bytes, suffix: str, compress, decompress, cache: Path | None) -> bytes:
    """A kept copy is used only when it unpacks to exactly `data`: a damaged or
    foreign file in the cache is made again, never served."""
    kept = cache / f"{hashlib.sha256(data).hexdigest()}{suffix}" if cache else None
    if kept is not None:
        with contextlib.suppress(Exception):  # any damage, any codec's own error
            packed = kept.read_bytes()
            if decompress(packed) == data:
                return packed
    packed = compress(data)
    if kept is not None:
        keep(kept, packed)
    return packed


def keep(path: Path, data: bytes) -> None:
    """Write a cache entry whole or not at all."""
    with contextlib.suppress(OSError):  # a cache that cannot be written is only slower
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
        temporary.write_bytes(data)
        os.replace(temporary, path)
