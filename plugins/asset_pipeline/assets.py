"""What the asset pipeline does to a built site, as functions over text and bytes.

- The theme's stylesheets become one file named after a hash of its content
  (`site.<hash>.css`), and each script gets such a name too: browsers may then
  keep them for a year, and a change always reaches readers under a new name.
- Pages link that one stylesheet and the renamed scripts; links to other sites
  get `rel="noopener noreferrer"` (the other site learns nothing of the visit).
- For publication, pages and stylesheets are minified and every text file gets
  precompressed `.gz` and `.br` copies for the web server to send as they are.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import brotli
import minify_html

HASH_LENGTH = 10
BUNDLE_NAME = "site.css"
# Files a web server sends compressed when the browser accepts it.
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".ics", ".map"}
# A compressed copy smaller than this saves less than its own headers cost.
MIN_COMPRESS_BYTES = 256
EXTERNAL_REL = ("noopener", "noreferrer")

FINGERPRINTED = re.compile(rf"\.[0-9a-f]{{{HASH_LENGTH}}}\.(?:css|js)$")
ANCHOR = re.compile(r"<a\s[^>]*>", re.IGNORECASE)
HREF = re.compile(r"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
REL = re.compile(r"""(\srel\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def fingerprinted_name(name: str, data: bytes) -> str:
    """`site.css` -> `site.1a2b3c4d5e.css`, the hash taken from the content."""
    stem, dot, suffix = name.rpartition(".")
    digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    return f"{stem}.{digest}{dot}{suffix}"


def is_fingerprinted(name: str) -> bool:
    return FINGERPRINTED.search(name) is not None


def bundle_stylesheets(sources: Iterable[tuple[str, str]]) -> str:
    """One stylesheet from (name, text) pairs, in cascade order. Each part is
    labelled so that a rule in the bundle can be traced back to its file."""
    return "\n".join(f"/* {name} */\n{text.strip()}\n" for name, text in sources)


def minify_css(css: str) -> str:
    # minify-html minifies CSS only inside a page: wrap it in a <style> element.
    wrapped = minify_html.minify(f"<style>{css}</style>", minify_css=True)
    return wrapped.removeprefix("<style>").removesuffix("</style>")


def minify_page(html: str) -> str:
    """A smaller page that is still valid HTML (closing tags and <html>/<head> kept)."""
    return minify_html.minify(
        html, keep_closing_tags=True, keep_html_and_head_opening_tags=True, minify_css=True
    )


def asset_links(static_url: str, bundled: list[str]) -> re.Pattern:
    """The <link> elements of the bundled stylesheets, with their leading spaces."""
    names = "|".join(re.escape(name) for name in bundled)
    return re.compile(
        rf"""[ \t]*<link\s+rel="stylesheet"\s+href="(?P<prefix>[^"]*?){re.escape(static_url)}"""
        rf"""/css/(?:{names})"\s*/?>\n?"""
    )


def rewrite_page(
    html: str,
    *,
    static_url: str,
    bundled: list[str],
    bundle: str,
    renamed: Mapping[str, str],
    own_origin: str = "",
) -> str:
    """The page linking `bundle` in place of the `bundled` stylesheets, the
    `renamed` assets ({"js/x.js": "js/x.<hash>.js"}) under their new names, and
    `rel="noopener noreferrer"` on links to other sites."""
    if bundled:
        first = True

        def one_link(match: re.Match) -> str:
            nonlocal first
            if not first:
                return ""
            first = False
            indent = match.group(0)[: len(match.group(0)) - len(match.group(0).lstrip())]
            href = f"{match.group('prefix')}{static_url}/css/{bundle}"
            return f'{indent}<link rel="stylesheet" href="{href}">\n'

        html = asset_links(static_url, bundled).sub(one_link, html)
    for old, new in renamed.items():
        html = html.replace(f'{static_url}/{old}"', f'{static_url}/{new}"')
    return ANCHOR.sub(lambda match: _protect_external(match.group(0), own_origin), html)


def is_external(href: str, own_origin: str = "") -> bool:
    """Whether a link leads to another site (http, https or protocol-relative)."""
    if own_origin and (href == own_origin or href.startswith(own_origin.rstrip("/") + "/")):
        return False
    return href.startswith(("http://", "https://", "//"))


def _protect_external(tag: str, own_origin: str) -> str:
    href = HREF.search(tag)
    if href is None or not is_external(href.group(1) or href.group(2) or "", own_origin):
        return tag
    rel = REL.search(tag)
    if rel is None:
        return f'{tag[:-1]} rel="{" ".join(EXTERNAL_REL)}">'
    tokens = (rel.group(2) if rel.group(2) is not None else rel.group(3)).split()
    tokens += [token for token in EXTERNAL_REL if token not in tokens]
    return f'{tag[: rel.start()]}{rel.group(1)}"{" ".join(tokens)}"{tag[rel.end() :]}'


def precompress(path: Path) -> list[Path]:
    """Write `path.gz` and `path.br` beside a text file; returns what was written.
    No timestamp or name goes into the gzip header: equal input, equal bytes."""
    if path.suffix not in COMPRESSIBLE:
        return []
    data = path.read_bytes()
    if len(data) < MIN_COMPRESS_BYTES:
        return []
    written = []
    for suffix, packed in (
        (".gz", gzip.compress(data, compresslevel=9, mtime=0)),
        (".br", brotli.compress(data, quality=11)),
    ):
        target = path.with_name(path.name + suffix)
        target.write_bytes(packed)
        written.append(target)
    return written
