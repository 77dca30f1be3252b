"""Accessible markup in the built pages: images have alt text, headings do not
skip levels, and every link has text that says where it goes."""

from __future__ import annotations

import re

from .findings import ERROR, Finding
from .site import BuiltSite, OutputPage, text_of

# `![](divider.png){.decorative}` in Markdown: an image that adds nothing to the text.
DECORATIVE_CLASS = "decorative"
VAGUE_LINK_TEXT = {
    "click here", "here", "read more", "more", "click", "link", "this link", "this page",
    "this", "go", "learn more", "find out more", "more info", "continue",
}  # fmt: skip
HEADINGS = "h1, h2, h3, h4, h5, h6"


def check_markup(site: BuiltSite, page: OutputPage) -> list[Finding]:
    return check_images(site, page) + check_headings(site, page) + check_link_text(site, page)


def is_decorative(node) -> bool:
    attributes = node.attributes
    return (
        DECORATIVE_CLASS in (attributes.get("class") or "").split()
        or attributes.get("role") in ("presentation", "none")
        or attributes.get("aria-hidden") == "true"
    )


def check_images(site: BuiltSite, page: OutputPage) -> list[Finding]:
    findings = []
    for node in page.tree.css("img"):
        alt = node.attributes.get("alt")
        if (alt or "").strip() or is_decorative(node):
            continue
        src = node.attributes.get("src") or ""
        name = src.rsplit("/", 1)[-1]
        findings.append(
            site.finding(
                page, ERROR, f"image '{name}' has no alt text", "image-alt",
                "describe what the image shows in the square brackets: ![A cup of tea](...); "
                "if it is only decoration, add {.decorative} after it",
                markdown=(re.compile(rf"!\[\s*\]\([^)]*{re.escape(name)}"), "![]("),
                data=(name,), html=(f'src="{src}"',),
            )
        )  # fmt: skip
    return findings


def check_headings(site: BuiltSite, page: OutputPage) -> list[Finding]:
    main = page.tree.css_first("main") or page.tree.body
    if main is None:
        return []
    findings = []
    previous = 0
    for node in main.css(HEADINGS):
        level = int(node.tag[1])
        text = text_of(node)
        if level == 1 and previous:
            problem, fix = f"a second top heading '{text}'", "##"
        elif previous and level > previous + 1:
            problem = f"heading '{text}' skips a level: level {level} after level {previous}"
            fix = "#" * (previous + 1)
        else:
            previous = level
            continue
        findings.append(
            site.finding(
                page, ERROR, problem, "heading-order",
                f"write it with {fix} (the page's title is its only #)",
                markdown=(f"{'#' * level} {text}", heading_line(level, text)), data=(text,),
                html=(f'id="{node.attributes.get("id")}"', text),
            )
        )  # fmt: skip
        previous = level
    return findings


def heading_line(level: int, text: str) -> re.Pattern[str]:
    """A heading's line in Markdown by its first word, for a heading whose text the
    typographer changed (quotes, dashes) further on, or whose first word is marked
    up (`*e*`, `[a link](...)`)."""
    words = re.findall(r"\w+", text)
    return re.compile(rf"^{'#' * level}[ \t]+\W*{re.escape(words[0] if words else '')}")


def check_link_text(site: BuiltSite, page: OutputPage) -> list[Finding]:
    findings = []
    for node in page.tree.css("a[href]"):
        href = node.attributes.get("href") or ""
        text = text_of(node)
        name = text or node.attributes.get("aria-label") or " ".join(
            (image.attributes.get("alt") or "") for image in node.css("img")
        )  # fmt: skip
        where = {"data": (href,), "html": (f'href="{href}"',)}
        if not name.strip():
            findings.append(
                site.finding(
                    page, ERROR, f"link to '{href}' has no text", "link-empty",
                    "write the words readers click between the square brackets: [text](address)",
                    markdown=(f"[]({href}", f"]({href}"), **where,
                )
            )  # fmt: skip
        elif name.strip(" .!:").lower() in VAGUE_LINK_TEXT:
            findings.append(
                site.finding(
                    page, ERROR, f"link text '{name}' does not say where the link goes",
                    "link-text",
                    "use the name of what it leads to, e.g. [the weekly checklist](...): "
                    "screen reader users often hear links on their own",
                    markdown=(f"[{text}]({href}", f"[{text}]"), **where,
                )
            )  # fmt: skip
    return findings
