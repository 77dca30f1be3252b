"""Find the small wins marked in Markdown and check them.

A win is a heading with attributes, written by an editor in the article itself:

    ## Getting Out of Bed When Everything Feels Heavy {win="Got out of bed" category=daily-basics}

- `win`: the checklist label, at most 40 characters, unique across the site.
- `category`: the slug of a category page (content/categories/<slug>.md).
- `reminder` (optional): a sentence of the section to show beside the label;
  by default the first sentence under the heading. It must be the article's words.
- `kind-line` (optional, once per site): a line of the section printed at the
  foot of the weekly checklist, for example "You got up. That counts."

Nothing here imports Pelican: the functions take text and return plain values,
and every mistake is a ContentError pointing at the heading's line.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from markdown_it.token import Token
from markdown_reader.document import Document, split_document
from markdown_reader.errors import ContentError
from markdown_reader.render import heading_attrs, make_parser, slugify

MAX_LABEL = 40
# The heading attributes read here; the Markdown reader refuses any other that is not HTML.
ATTRIBUTES = ("win", "category", "reminder", "kind-line")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
RULE = "small-wins"
EXAMPLE = '{win="Got out of bed" category=daily-basics}'
# Any heading that ends in attributes naming a win, even ones the reader could not parse.
# Two steps, the last brace group then the word: one pattern with `win` in its middle
# backtracks in quadratic time on a long heading.
TRAILING_GROUP = re.compile(r"\{([^{}]*)\}\s*$")
WIN_WORD = re.compile(r"\bwin\b")
# `win=` or `category=` in a heading the reader found no attributes on: a marker
# whose curly brackets are missing or followed by more text.
MARKER_WORD = re.compile(r"\b(?:win|category)=")
MARKED_HEADING = re.compile(
    r"^ {0,3}#{1,6}[ \t].*(?:\{[^{}\n]*\b(?:win|category)\b|\b(?:win|category)=)", re.MULTILINE
)
SENTENCE = re.compile(r".+?[.!?…](?=[\s”’\"')]|$)[”’\"')]*")
# Straight and typographic quotes are the same to an editor copying a sentence.
QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


@dataclass(frozen=True)
class Win:
    label: str
    category: str
    anchor: str
    reminder: str
    url: str
    path: str
    line: int

    @property
    def key(self) -> str:
        """The name of the win's boxes (and of its ticks on the device): its label as a slug."""
        return slugify(self.label)


@dataclass(frozen=True)
class KindLine:
    text: str
    path: str
    line: int


@dataclass
class Marks:
    """What one file marks, and what is wrong with it."""

    wins: list[Win] = field(default_factory=list)
    kind_lines: list[KindLine] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)


def names_a_win(heading: str) -> bool:
    group = TRAILING_GROUP.search(heading)
    return group is not None and WIN_WORD.search(group.group(1)) is not None


def might_mark_wins(text: str) -> bool:
    """A cheap test that lets a site of a thousand pages without wins skip parsing."""
    return MARKED_HEADING.search(text) is not None


def read_marks(text: str, path: str, categories: Collection[str], url: str = "") -> Marks:
    """The wins marked on the headings of one Markdown file."""
    document = split_document(text, path)
    return marks_in(document, make_parser().parse(document.body), path, categories, url)


def marks_in(
    document: Document, tokens: list[Token], path: str, categories: Collection[str], url: str = ""
) -> Marks:
    """The wins marked on the headings of a file already parsed: its document and
    the tokens of its body."""
    marks = Marks()
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        line = token.map[0] + document.body_line if token.map else document.body_line
        attrs = heading_attrs(token)
        if not attrs:
            if error := _unread_marker(tokens[index + 1].content, path, line):
                marks.errors.append(error)
            continue
        if "win" not in attrs and "category" not in attrs:
            continue
        section = _section_text(tokens, index)
        anchor = token.attrGet("id") or ""
        win, errors = _read_win(attrs, anchor, section, f"{url}#{anchor}", path, line)
        marks.errors += errors
        if win is not None:
            marks.wins.append(win)
        if "kind-line" in attrs:
            kind, error = _quote(attrs["kind-line"], section, "kind-line", path, line)
            if error:
                marks.errors.append(error)
            else:
                marks.kind_lines.append(KindLine(kind, path, line))
    for win in marks.wins:
        if win.category not in categories:
            known = ", ".join(sorted(categories)) or "none yet"
            marks.errors.append(
                _error(
                    win.path,
                    win.line,
                    f"win '{win.label}' names an unknown category '{win.category}'",
                    f"use the name of a file in content/categories/ without .md: {known}",
                )
            )
    return marks


def on_category_page(marks: Marks, path: str) -> Marks:
    """A category page's marks: its wins would be on no checklist (the checklist is
    made from the articles), so each heading marking one is an error."""
    lines = {win.line for win in marks.wins} | {kind.line for kind in marks.kind_lines}
    lines |= {error.line for error in marks.errors}
    return Marks(
        errors=[
            _error(
                path,
                line,
                "a win on a category page is left off the checklist: wins belong in articles",
                "move this section into an article in content/articles/: its win is then on "
                "the checklist and on the page of the category it names; or delete the curly "
                "brackets to keep only the heading",
            )
            for line in sorted(lines)
        ]
    )


def check_site(marks: Iterable[Marks]) -> Marks:
    """Every file's marks together: labels unique, at most one kind line."""
    site = Marks()
    for mark in marks:
        site.wins += mark.wins
        site.kind_lines += mark.kind_lines
        site.errors += mark.errors
    first_of: dict[str, Win] = {}
    for win in site.wins:
        # Labels that differ only in case or punctuation would share their boxes' names.
        name = win.key
        if name in first_of:
            first = first_of[name]
            site.errors.append(
                _error(
                    win.path,
                    win.line,
                    f"two wins are labelled '{win.label}' (the other: {first.path}:{first.line})",
                    "give each win its own label, so each row of the checklist can be told apart",
                )
            )
        else:
            first_of[name] = win
    for extra in site.kind_lines[1:]:
        first = site.kind_lines[0]
        site.errors.append(
            _error(
                extra.path,
                extra.line,
                f"a second kind-line (the first is at {first.path}:{first.line})",
                "keep kind-line on one heading only: the printout has room for one line",
            )
        )
    site.errors.sort(key=lambda error: (error.path, error.line, error.message))
    return site


@dataclass(frozen=True)
class Checklist:
    """Everything the checklist page, its printout and the category pages show."""

    groups: dict[str, list[Win]]
    days: tuple[str, ...]
    week_start: str
    kind_line: str
    url: str
    errors: list[ContentError]

    @property
    def wins(self) -> list[Win]:
        return [win for wins in self.groups.values() for win in wins]

    @property
    def article_urls(self) -> set[str]:
        return {win.url.split("#", 1)[0] for win in self.wins}

    def shown(self) -> tuple:
        """What the pages show of it: all but the line each win was read from,
        which moves with any edit above it."""
        groups = tuple(
            (category, tuple((w.label, w.anchor, w.reminder, w.url) for w in wins))
            for category, wins in self.groups.items()
        )
        return groups, self.days, self.week_start, self.kind_line, self.url


def build_checklist(
    marks: Iterable[Marks], categories: Iterable[str], week_start: str, url: str
) -> Checklist:
    site = check_site(marks)
    start = str(week_start).strip().lower()
    days = WEEKDAYS
    if start == "sunday":
        days = WEEKDAYS[-1:] + WEEKDAYS[:-1]
    elif start != "monday":
        site.errors.insert(
            0,
            _error(
                "pelicanconf.py",
                1,
                f"CHECKLIST_WEEK_START is {week_start!r}",
                'set it to "monday" or "sunday"',
            ),
        )
    kind_line = site.kind_lines[0].text if site.kind_lines else ""
    groups = group_by_category(site.wins, categories)
    return Checklist(groups, days, start, kind_line, url, site.errors)


def group_by_category(wins: Iterable[Win], categories: Iterable[str]) -> dict[str, list[Win]]:
    """Wins under each category, in the categories' order; empty categories left out."""
    groups: dict[str, list[Win]] = {slug: [] for slug in categories}
    for win in wins:
        groups.setdefault(win.category, []).append(win)
    return {slug: wins for slug, wins in groups.items() if wins}


def _unread_marker(heading: str, path: str, line: int) -> ContentError | None:
    """Why the reader read no win from a heading that marks one, if it marks one: the
    heading would be published with the marker in it, and the win left off the
    checklist."""
    word = MARKER_WORD.search(heading)
    if word is None and not names_a_win(heading):
        return None
    brackets = None if names_a_win(heading) else _misplaced_brackets(heading, word.start())
    if brackets is None:
        return _error(
            path,
            line,
            "the attributes of this heading could not be read",
            f"write them as {EXAMPLE}, with double quotes around text that has spaces",
        )
    problem, fix = brackets
    return _error(
        path,
        line,
        f"the win on this heading {problem}, so it is shown as text and left off the checklist",
        f"{fix}, as in: ## Getting out of bed {EXAMPLE}",
    )


def _misplaced_brackets(heading: str, start: int) -> tuple[str, str] | None:
    """What is wrong with the curly brackets of a win starting at `start`, and how to
    fix it; None when they are in place."""
    opening = heading.rfind("{", 0, start)
    closing = heading.find("}", start)
    if opening < 0 or "}" in heading[opening:start]:
        return "has no '{' before it", "put '{' before the first word of the win"
    if closing < 0:
        return "is not closed with '}'", "end the line with '}'"
    if after := heading[closing + 1 :].strip():
        return (
            f"is followed by more text ('{after}')",
            "move that text before the '{': the win's curly brackets end the line",
        )
    return None


def _read_win(
    attrs: dict[str, str], anchor: str, section: str, url: str, path: str, line: int
) -> tuple[Win | None, list[ContentError]]:
    label = " ".join(str(attrs.get("win", "")).split())
    category = str(attrs.get("category", "")).strip()
    errors = []
    who = f"win '{label}'" if label else "this win"
    if not label:
        errors.append(
            _error(
                path,
                line,
                "this win has no label",
                f"add a short label of at most {MAX_LABEL} characters, for example {EXAMPLE}",
            )
        )
    elif len(label) > MAX_LABEL:
        errors.append(
            _error(
                path,
                line,
                f"the label '{label}' is {len(label)} characters long, more than {MAX_LABEL}",
                "shorten it so it fits a row of the printed checklist",
            )
        )
    if not category:
        errors.append(
            _error(
                path,
                line,
                f"{who} has no category",
                f"add category=<slug> naming a category page, for example {EXAMPLE}",
            )
        )
    if "reminder" in attrs:
        reminder, error = _quote(attrs["reminder"], section, "reminder", path, line)
        if error:
            errors.append(error)
    else:
        reminder = _first_sentence(section)
        if not reminder:
            errors.append(
                _error(
                    path,
                    line,
                    f"{who} has no text under its heading to remind readers of",
                    'write text under the heading, or add reminder="..." quoting the article',
                )
            )
    if errors:
        return None, errors
    return Win(label, category, anchor, reminder, url, path, line), []


def _quote(wanted: str, section: str, name: str, path: str, line: int):
    """The article's own words for `wanted`, or an error when they are not in its section."""
    wanted = " ".join(str(wanted).split())
    start = section.translate(QUOTES).find(wanted.translate(QUOTES)) if wanted else -1
    if start < 0:
        return None, _error(
            path,
            line,
            f"the {name} '{wanted}' is not in the text under this heading",
            f'copy a sentence from the section word for word into {name}="..."',
        )
    return section[start : start + len(wanted)], None


def _section_text(tokens: list[Token], heading_index: int) -> str:
    """The plain text of the paragraphs under a heading, up to the next heading of its level."""
    level = int(tokens[heading_index].tag[1])
    paragraphs = []
    for token in tokens[heading_index + 3 :]:
        if token.type == "heading_open" and int(token.tag[1]) <= level:
            break
        if token.type == "inline" and token.children is not None:
            paragraphs.append(_plain(token.children))
    return "\n".join(paragraphs)


def _plain(children: list[Token]) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()


def _first_sentence(section: str) -> str:
    first_paragraph = section.split("\n", 1)[0].strip()
    match = SENTENCE.match(first_paragraph)
    return match.group(0) if match else first_paragraph


def _error(path: str, line: int, message: str, hint: str) -> ContentError:
    return ContentError(path, line, message, hint=hint, rule=RULE)
