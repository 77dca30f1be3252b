"""Links in the built site: internal addresses lead to a built file and an existing
#fragment; external ones are well formed (checked without the network)."""

from __future__ import annotations

import difflib
import posixpath
import re
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from resource_directory.phones import countries_of, dials_what_it_shows

from .findings import ERROR, Finding
from .site import BuiltSite, OutputPage, text_of

LINKING = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src",
           "source": "src", "video": "src", "audio": "src", "iframe": "src"}  # fmt: skip
LINKED = ", ".join(f"{tag}[{attribute}]" for tag, attribute in LINKING.items())
EMBEDDING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}
PELICAN_PLACEHOLDER = re.compile(r"^\{(filename|static|attach)\}")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
PHONE = re.compile(r"^\+?[\d\s().-]{2,}$")
DIGIT = re.compile(r"\d")
HOST = re.compile(r"^(localhost|[\w-]+(\.[\w-]+)+)(:\d+)?$", re.IGNORECASE)
WEB_HINT = "write the full address, starting with https://"
INTERNAL_HINT = (
    "to link to another page, write [its title]({filename}/articles/its-file.md); "
    "to link to an image, ({static}/images/its-file.png)"
)


class Problem(NamedTuple):
    message: str
    rule: str
    hint: str
    group: str = ""


class LinkRules:
    """The link checks of a site, page by page. Most addresses (the menu, the
    stylesheet) repeat on every page: each is judged once for all the pages it
    means the same on, and only a problem is then looked for in the content files."""

    def __init__(self, site: BuiltSite, site_url: str = "") -> None:
        self.site = site
        self.site_url = site_url
        self.problems: dict[tuple, Problem | None] = {}

    def check(self, page: OutputPage) -> list[Finding]:
        findings = []
        for node in page.tree.css(LINKED):
            tag = node.tag
            address = (node.attributes.get(LINKING[tag]) or "").strip()
            embedded = is_embedded(node, tag)
            key = (*meaning_depends_on(page.relative, address), address, embedded)
            if key not in self.problems:
                self.problems[key] = problem_of(self.site, page, address, embedded, self.site_url)
            problem = self.problems[key] or (tag == "a" and shows_another_number(node, address))
            if problem:
                findings.append(placed(self.site, page, node, tag, address, problem))
        return findings


def shows_another_number(node, address: str) -> Problem | None:
    """`[call 988](tel:998)`: a reader in crisis dials what the link dials, not the
    number its words show. Words without a number ("Call us") show none; a number
    with a country code may be shown as written in its country (0477 13 11 14 for
    +61477131114), as the directory's cards show them."""
    scheme = address[:4].lower()
    if scheme not in ("tel:", "sms:"):
        return None
    text = text_of(node)
    number = unquote(urlsplit(address).path)
    if not DIGIT.search(text) or dials_what_it_shows(text, number, countries_of(number)):
        return None
    return Problem(
        f"'{text}' shows another number than the link dials ('{address}')", "link-external",
        f"copy the number from the service's official page into both the words and the "
        f"address, e.g. [call 988]({scheme}988)",
    )  # fmt: skip


def meaning_depends_on(page: str, address: str) -> tuple:
    """What, besides itself, an address leads to depends on: its page for one without
    a path ("#top", "?q"), nothing for an absolute one or one that climbs out of its
    page's folders ("../css/site.css" from "a/index.html"), else its page's folder."""
    if address[:1] in ("", "#", "?"):
        return ("page", page)
    depth = page.count("/")
    if address.startswith("/") or SCHEME.match(address):
        return ("site",)
    if depth and address.startswith("../" * depth):
        return ("depth", depth)
    return ("folder", posixpath.dirname(page))


def placed(site: BuiltSite, page: OutputPage, node, tag: str, address: str, problem) -> Finding:
    """The finding at the link as it was written: in Markdown, a resource file or the page."""
    text = text_of(node) if tag == "a" else node.attributes.get("alt") or ""
    opening = "![" if tag == "img" else "["
    return site.finding(
        page, ERROR, problem.message, problem.rule, problem.hint, group=problem.group,
        markdown=(f"{opening}{text}]({address}", f"]({address}", f"{opening}{text}]"),
        data=(address,), html=(f'="{address}"',),
    )  # fmt: skip


def problem_of(
    site: BuiltSite, page: OutputPage, address: str, embedded: bool, site_url: str
) -> Problem | None:
    local = address  # the published site's own absolute addresses are internal
    base = site_url.rstrip("/")
    if base and (address == base or address.startswith((base + "/", base + "#"))):
        local = address[len(base) :] or "/"
    parts = urlsplit(local)
    if parts.scheme or local.startswith("//"):
        problem = external_problem(address, parts)
        if problem:
            return Problem(problem[0], "link-external", problem[1])
        if parts.scheme != "data" and embedded:
            return Problem(
                f"'{address}' is loaded from another website", "external-resource",
                "put the file in content/images/ and write ({static}/images/its-file): the site "
                "makes no requests to other websites, so no one learns who reads it",
            )  # fmt: skip
        return None
    if PELICAN_PLACEHOLDER.match(address):
        target = PELICAN_PLACEHOLDER.sub("", address)
        return Problem(
            f"'{address}' points at content/{target.lstrip('/')}: no such file",
            "link-broken", "check the file's name and folder under content/",
        )  # fmt: skip
    target = resolve(page.relative, unquote(parts.path)) if parts.path else page.relative
    if target is None or target not in site.pages and not site.has_file(target):
        return Problem(
            f"link to '{address}' leads to no page of the site", "link-broken",
            INTERNAL_HINT, f"/{target or address}",
        )  # fmt: skip
    if parts.fragment and target in site.pages:
        anchors = site.pages[target].anchors
        fragment = unquote(parts.fragment)
        if fragment not in anchors:
            close = difflib.get_close_matches(fragment, sorted(anchors), n=1, cutoff=0.6)
            return Problem(
                f"link to '{address}': the page has no section '#{fragment}'", "link-fragment",
                f"did you mean '#{close[0]}'?" if close else
                "a section's name is its heading in lower case with dashes, e.g. #eating-something",
                f"/{target}#{fragment}",
            )  # fmt: skip
    return None


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
