"""The markdown-it-py parser of the site, and the rules it adds for headings and links.

Headings take trailing attributes (`## Eating {#eating .win label="Ate something"}`)
and get stable ids: the explicit `#id`, or a slug of their text, unique in the page.
Only SAFE_ATTRS are rendered: a `data-*` one would reach the search index, whose
`data-pagefind-*` attributes rewrite or empty the results. All of them stay in
`token.meta["attrs"]` for plugins to read.
Links to other sites carry `rel="noopener noreferrer"`: the other site learns
nothing of the visit and gets no handle on the page.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from html import escape
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.smartquotes import process_inlines as smarten_quotes
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
from mdit_py_plugins.attrs.parse import ParseError
from mdit_py_plugins.attrs.parse import parse as parse_attrs
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

SAFE_ATTRS = ("id", "class", "lang", "dir", "title", "width", "height")
PELICAN_LINK = re.compile(r"^(\{(?:static|filename|attach|tag|category|author|index)\}|\|\w+\|)")
# markdown-it's smart quotes take time in proportion to a paragraph's length times
# its quotes: a pasted wall of quotes would stall the build for minutes. The budget
# is the file's: once it is spent, the paragraphs left keep their straight quotes
# (many paragraphs each just under a paragraph's budget took seconds).
SMART_QUOTES_BUDGET = 20_000_000
# No leading `\s*`: searched from every space of a long heading, it took quadratic time.
TRAILING_ATTRS = re.compile(r"(\{[^{}]*\})\s*$")
EXTERNAL_REL = "noopener noreferrer"
# A word as Jinja's `wordcount` filter counts one.
WORD = re.compile(r"\w+")


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[^\w\s-]", "", text)
    return re.sub(r"[\s_-]+", "-", text).strip("-") or "section"


@lru_cache(maxsize=4)
def make_parser(allow_html: bool = False) -> MarkdownIt:
    md = (
        MarkdownIt("commonmark", {"html": allow_html, "typographer": True})
        .enable(["table", "strikethrough", "replacements", "smartquotes"])
        .use(footnote_plugin)
        .use(deflist_plugin)
        .use(tasklists_plugin)
        .use(attrs_plugin, allowed=SAFE_ATTRS)
        .use(attrs_block_plugin, allowed=SAFE_ATTRS)
    )
    md.core.ruler.before("inline", "heading_attrs", _heading_attrs)
    md.core.ruler.at("smartquotes", _smart_quotes_within_budget)
    md.core.ruler.push("heading_ids", _heading_ids)
    md.core.ruler.push("table_regions", _table_regions)
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("table_open", _table_open)
    md.add_render_rule("table_close", _table_close)
    normalize, validate = md.normalizeLink, md.validateLink
    md.normalizeLink = lambda url: _keep_pelican_prefix(url, normalize)
    md.validateLink = lambda url: _valid_after_pelican_prefix(url, validate)
    return md


def render(body: str, allow_html: bool = False) -> str:
    return make_parser(allow_html).render(body)


def render_counting_words(body: str, allow_html: bool = False) -> tuple[str, int]:
    """The body's HTML, and the number of words a reader reads in it: its text
    and code, not its markup or link addresses."""
    html, words, _ = render_parsed(body, allow_html)
    return html, words


def render_parsed(body: str, allow_html: bool = False) -> tuple[str, int, list[Token]]:
    """As render_counting_words, with the tokens the HTML was rendered from."""
    md = make_parser(allow_html)
    env: dict = {}
    tokens = md.parse(body, env)
    return md.renderer.render(tokens, md.options, env), count_words(tokens), tokens


def count_words(tokens: list[Token]) -> int:
    texts = []
    for token in tokens:
        if token.children:
            texts += [c.content for c in token.children if c.type in ("text", "code_inline")]
        elif token.type in ("fence", "code_block"):
            texts.append(token.content)
    return len(WORD.findall(" ".join(texts)))


def render_inline(text: str, allow_html: bool = False) -> str:
    """A one-line field such as a summary: no paragraph around it."""
    return make_parser(allow_html).renderInline(text)


def is_external(href: str) -> bool:
    """Whether a link leads to another site. A page cannot tell its own absolute
    address from another site's, so every absolute address counts: a link to
    this site's own address loses nothing by sending no referrer. A scheme is
    the same in any case: HTTPS:// leads to another site as https:// does."""
    return href.lower().startswith(("http://", "https://", "//"))


def _link_open(renderer, tokens, index, options, env) -> str:
    token = tokens[index]
    if is_external(str(token.attrGet("href") or "")):
        token.attrSet("rel", EXTERNAL_REL)
    return renderer.renderToken(tokens, index, options, env)


def _table_regions(state: StateCore) -> None:
    """Each table is named after the section it is in (the last heading before it)."""
    heading = ""
    for token in state.tokens:
        if token.type == "heading_open":
            heading = str(token.attrGet("id") or "")
        elif token.type == "table_open":
            token.meta["section"] = heading


def _table_open(renderer, tokens, index, options, env) -> str:
    # A table wider than a phone scrolls sideways in a region of its own, which a
    # keyboard can reach, never the whole page (WCAG's reflow at 320 px).
    section = tokens[index].meta.get("section")
    name = f'aria-labelledby="{escape(section)}"' if section else 'aria-label="Table"'
    region = f'<div class="table-scroll" role="region" {name} tabindex="0">\n'
    return region + renderer.renderToken(tokens, index, options, env)


def _table_close(renderer, tokens, index, options, env) -> str:
    return renderer.renderToken(tokens, index, options, env) + "</div>\n"


def _keep_pelican_prefix(url: str, normalize) -> str:
    """`{static}/x.png` must reach Pelican unencoded for it to resolve the link."""
    match = PELICAN_LINK.match(url)
    if not match:
        return normalize(url)
    return match.group(1) + normalize(url[match.end() :])


def _valid_after_pelican_prefix(url: str, validate) -> bool:
    """Pelican keeps the scheme of what follows a prefix: `{index}javascript:x` or a
    `{filename}` it cannot find would become a `javascript:` link. After a prefix
    comes a path of the site, never a scheme; such a link stays text."""
    match = PELICAN_LINK.match(url)
    if not match:
        return validate(url)
    rest = url[match.end() :]
    return not urlsplit(rest).scheme and validate(rest)


def _smart_quotes_within_budget(state: StateCore) -> None:
    left = SMART_QUOTES_BUDGET
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        quotes = token.content.count('"') + token.content.count("'")
        cost = quotes * len(token.content)
        if quotes and cost <= left:
            smarten_quotes(token.children, state)
            left -= cost


def heading_attrs(token: Token) -> dict[str, str]:
    """Every attribute written on a heading, including those not rendered."""
    return token.meta.get("attrs", {})


def _heading_attrs(state: StateCore) -> None:
    tokens = state.tokens
    for index, token in enumerate(tokens[:-1]):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        match = TRAILING_ATTRS.search(inline.content)
        if not match:
            continue
        try:
            _, attrs = parse_attrs(match.group(1))
        except ParseError:
            continue
        inline.content = inline.content[: match.start()].rstrip()
        token.meta["attrs"] = attrs
        for key, value in attrs.items():
            if key in SAFE_ATTRS:
                token.attrSet(key, value)


def beyond_html(tokens: list[Token]) -> list[tuple[Token, list[str]]]:
    """Each heading with attributes that are not rendered, and their names: a
    plugin's to read, or a mistake."""
    found = []
    for token in tokens:
        if token.type == "heading_open":
            names = [key for key in heading_attrs(token) if key not in SAFE_ATTRS]
            if names:
                found.append((token, names))
    return found


def _heading_ids(state: StateCore) -> None:
    tokens = state.tokens
    taken = {t.attrs["id"] for t in tokens if t.type == "heading_open" and "id" in t.attrs}
    # Where to resume counting for each slug: many equal headings stay linear.
    next_counter: dict[str, int] = {}
    for index, token in enumerate(tokens[:-1]):
        if token.type != "heading_open" or "id" in token.attrs:
            continue
        text = "".join(
            child.content
            for child in tokens[index + 1].children or []
            if child.type in ("text", "code_inline")
        )
        base = slug = slugify(text)
        counter = next_counter.get(base, 2)
        while slug in taken:
            slug = f"{base}-{counter}"
            counter += 1
        next_counter[base] = counter
        taken.add(slug)
        token.attrSet("id", slug)
