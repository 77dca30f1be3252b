"""Links in the built site: internal addresses lead to a built file and an existing
#fragment; external ones are well formed (checked without the network)."""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from .findings import ERROR, Finding
from .site import BuiltSite, OutputPage, text_of

LINKING = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src",
           "source": "src", "video": "src", "audio": "src", "iframe": "src"}  # fmt: skip
EMBEDDING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}
PELICAN_PLACEHOLDER = re.compile(r"^\{(filename|static|attach)\}")
PHONE = re.compile(r"^\+?[\d\s().-]{2,}$")
HOST = re.compile(r"^(localhost|[\w-]+(\.[\w-]+)+)(:\d+)?$", re.IGNORECASE)
WEB_HINT = "write the full address, starting with https://"
INTERNAL_HINT = (
    "to link to another page, write [its title]({filename}/articles/its-file.md); "
    "to link to an image, ({static}/images/its-file.png)"
)


def check_links(site: BuiltSite, site_url: str = "") -> list[Finding]:
    findings = []
    for page in site.pages.values():
        for tag, attribute in LINKING.items():
            for node in page.tree.css(f"{tag}[{attribute}]"):
                address = (node.attributes.get(attribute) or "").strip()
                findings += check_address(site, page, node, tag, address, site_url)
    return findings


def check_address(site, page: OutputPage, node, tag, address: str, site_url) -> Iterable[Finding]:
    text = text_of(node) if tag == "a" else node.attributes.get("alt") or ""
    opening = "![" if tag == "img" else "["
    where = {
        "markdown": (f"{opening}{text}]({address}", f"]({address}", f"{opening}{text}]"),
        "data": (address,),
        "html": (f'="{address}"',),
    }
    local = address  # the published site's own absolute addresses are internal
    base = site_url.rstrip("/")
    if base and (address == base or address.startswith((base + "/", base + "#"))):
        local = address[len(base) :] or "/"
    parts = urlsplit(local)
    if parts.scheme or local.startswith("//"):
        problem = external_problem(address, parts)
        if problem:
            yield site.finding(page, ERROR, problem[0], "link-external", problem[1], **where)
        elif parts.scheme != "data" and is_embedded(node, tag):
            yield site.finding(
                page, ERROR, f"'{address}' is loaded from another website", "external-resource",
                "put the file in content/images/ and write ({static}/images/its-file): the site "
                "makes no requests to other websites, so no one learns who reads it",
                **where,
            )  # fmt: skip
        return
    if PELICAN_PLACEHOLDER.match(address):
        target = PELICAN_PLACEHOLDER.sub("", address)
        yield site.finding(
            page, ERROR, f"'{address}' points at content/{target.lstrip('/')}: no such file",
            "link-broken", "check the file's name and folder under content/", **where,
        )  # fmt: skip
        return
    target = resolve(page.relative, unquote(parts.path)) if parts.path else page.relative
    if target is None or target not in site.pages and not (site.output / target).is_file():
        yield site.finding(
            page, ERROR, f"link to '{address}' leads to no page of the site", "link-broken",
            INTERNAL_HINT, group=f"/{target or address}", **where,
        )  # fmt: skip
        return
    if parts.fragment and target in site.pages:
        anchors = site.pages[target].anchors
        fragment = unquote(parts.fragment)
        if fragment not in anchors:
            close = difflib.get_close_matches(fragment, sorted(anchors), n=1, cutoff=0.6)
            yield site.finding(
                page, ERROR, f"link to '{address}': the page has no section '#{fragment}'",
                "link-fragment",
                f"did you mean '#{close[0]}'?" if close else
                "a section's name is its heading in lower case with dashes, e.g. #eating-something",
                group=f"/{target}#{fragment}", **where,
            )  # fmt: skip


def is_embedded(node, tag: str) -> bool:
    """Whether the browser fetches the address as part of the page (not a link)."""
    if tag == "link":
        return bool(EMBEDDING_RELS & set((node.attributes.get("rel") or "").lower().split()))
    return tag not in ("a", "area")


def resolve(page: str, path: str) -> str | None:
    """The built file an internal address leads to, relative to the output folder."""
    base = "" if path.startswith("/") else posixpath.dirname(page)
    joined = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    if joined.startswith(".."):
        return None
    if path.endswith("/") or joined == "." or "." not in posixpath.basename(joined):
        joined = posixpath.join(joined, "index.html") if joined != "." else "index.html"
    return joined


def external_problem(address: str, parts) -> tuple[str, str] | None:
    scheme = parts.scheme.lower()
    if address.startswith("//"):
        return f"'{address}' has no scheme", WEB_HINT
    if " " in address:
        return f"'{address}' contains a space", "remove the space, or write it as %20"
    if scheme in ("http", "https"):
        if not HOST.match(parts.netloc or ""):
            return f"'{address}' is not a web address", WEB_HINT
        return None
    if scheme == "mailto":
        if "@" not in parts.path:
            return f"'{address}' is not an email address", "write mailto:name@example.org"
        return None
    if scheme in ("tel", "sms"):
        if not PHONE.match(unquote(parts.path)):
            return f"'{address}' is not a phone number", f"write digits, e.g. {scheme}:988"
        return None
    if scheme == "data":
        return None
    return f"'{address}' uses '{scheme}:', which the site does not link with", WEB_HINT
