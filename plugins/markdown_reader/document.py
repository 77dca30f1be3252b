"""Split a Markdown file into its metadata header and its body.

Two header forms are read: YAML front matter between `---` lines, and Pelican's
native `Key: value` lines ending at the first blank line. Both keep the line of
each key so that later checks can point editors at it.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

import yaml
from dateutil import parser as date_parser

from .errors import ContentError, yaml_problem

FENCE = "---"
YAML_END = {"---", "..."}
# libyaml's loader is ten times faster; the pure-Python one gives the same result.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DATE_LIKE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
# The only dates accepted: 2026-12-02 reads the same everywhere, 02/12/2026 does not.
DATE_KEYS = ("date", "modified")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?")
DATE_HINT = "write the date as YYYY-MM-DD, for example 2026-03-14, or with a time: 2026-03-14 09:30"
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
KEY_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*))?$")
LIST_KEYS = {"tags", "authors"}
# Fields that become a path in the output and an address in pages, feeds and the
# sitemap: plain characters only, and they must stay inside the site. Each with an example.
PATH_KEYS = {"slug": "eating-well", "save_as": "eating-well/index.html", "url": "eating-well/"}
SITE_PATH = re.compile(r"(?!/)(?!(?:.*/)?\.\.(?:/|$))[\w.~/-]+")
# `lang` names a translation's file too (ARTICLE_LANG_SAVE_AS): a language tag only.
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
# Bounds on one file's work, far above any page a person writes: beyond them a
# hostile or broken file would stall the build or fill its memory.
MAX_CHARACTERS = 1_000_000  # about ten novels' worth of a page
MAX_VALUES = 10_000  # in the front matter, each use of a YAML alias counted again
MAX_TASKS = 2_000  # `- [ ]` items: the task-list renderer slows with their square
TASK_ITEM = re.compile(r"^[ \t>]*(?:[-*+]|\d+[.)])[ \t]+\[[ xX]\]", re.MULTILINE)


@dataclass(frozen=True)
class Document:
    metadata: dict[str, object]
    body: str
    body_line: int = 1
    metadata_lines: dict[str, int] = field(default_factory=dict)


def split_document(text: str, path: str) -> Document:
    text = text.removeprefix("\ufeff")
    _check_size(text, path)
    lines = text.split("\n")
    if lines and lines[0].rstrip() == FENCE:
        document = _split_yaml(lines, path)
    else:
        document = _split_native(lines, path)
    _check_site_paths(document, path)
    _check_language(document, path)
    _check_dates(document, path)
    return document


def _check_dates(document: Document, path: str) -> None:
    for key in DATE_KEYS:
        value = document.metadata.get(key)
        if value in (None, ""):
            continue  # a missing date is the checks' to report, for the kinds that need one
        text = str(value).strip()
        line = document.metadata_lines.get(key, 1)
        if not ISO_DATE.fullmatch(text):
            raise ContentError(
                path, line, f"{key}: {not_iso(text)}", hint=DATE_HINT, rule="front-matter-date"
            )
        try:
            datetime.datetime.fromisoformat(text)
        except ValueError as error:
            raise ContentError(
                path, line, f"{key}: {text} is not a real date ({error})",
                hint="write a real month and day, for example 2026-03-14",
                rule="front-matter-date",
            ) from None  # fmt: skip


def not_iso(text: str) -> str:
    """Why `text` is refused as a date, with the ISO form of each day it may mean."""
    message = f"{text} is not a date in the form YYYY-MM-DD"
    meanings = [f"write {iso} if you meant {words}" for iso, words in _readings(text)]
    return f"{message}: {', or '.join(meanings)}" if meanings else message


def _readings(text: str) -> list[tuple[str, str]]:
    """Each full date (and time, when one is given) `text` can be read as: day first,
    as this site shows dates, then month first. A date without its day, month or
    year is no reading: it is read twice with different defaults, and differs."""
    readings: list[tuple[str, str]] = []
    for day_first in (False,) if DATE_LIKE.match(text) else (True, False):
        try:
            low, high = (
                date_parser.parse(text, dayfirst=day_first, default=default)
                for default in (datetime.datetime(1, 1, 1), datetime.datetime(2, 2, 2, 1, 1))
            )
        except (ValueError, OverflowError):
            continue
        if low.date() != high.date():
            continue
        iso, words = low.date().isoformat(), f"{low.day} {MONTHS[low.month - 1]} {low.year}"
        if low.time() == high.time():
            iso, words = f"{iso} {low:%H:%M}", f"{words} at {low:%H:%M}"
        if (iso, words) not in readings:
            readings.append((iso, words))
    return readings


def _check_site_paths(document: Document, path: str) -> None:
    lines = document.metadata_lines
    for key in sorted(PATH_KEYS.keys() & document.metadata.keys(), key=lambda k: lines.get(k, 1)):
        value, line = document.metadata[key], lines.get(key, 1)
        if not isinstance(value, str):
            raise ContentError(
                path, line, f"{key}: {value!r} is not a path",
                hint=f"write {key} as one path on the line, for example 'eating-well'",
                rule="front-matter",
            )  # fmt: skip
        if value and not SITE_PATH.fullmatch(value):
            raise ContentError(
                path, line, f"{key}: {value!r} is not a plain path inside the site",
                hint=f"write {key} with letters, digits, '-', '_', '.' and '/' only, "
                "for example 'eating-well', without '..' or a leading '/'",
                rule="front-matter",
            )  # fmt: skip
        if "." in value.split("/"):
            raise ContentError(
                path, line, f"{key}: {value!r} has '.' as a folder's name, which browsers "
                "read as no folder at all: './index.html' is the home page",
                hint=f"write {key} without './', for example '{PATH_KEYS[key]}'",
                rule="front-matter",
            )  # fmt: skip


def _check_size(text: str, path: str) -> None:
    if len(text) > MAX_CHARACTERS:
        raise ContentError(
            path, 1, f"the file has {len(text):,} characters, more than a page can hold "
            f"({MAX_CHARACTERS:,})", hint="split it into several pages", rule="too-large",
        )  # fmt: skip
    for count, match in enumerate(TASK_ITEM.finditer(text), start=1):
        if count > MAX_TASKS:
            raise ContentError(
                path, text.count("\n", 0, match.start()) + 1,
                f"more than {MAX_TASKS:,} task items ('- [ ]') in one file",
                hint="split the list over several pages", rule="too-large",
            )  # fmt: skip


def _count_values(data: object, limit: int) -> int:
    """How many values `data` holds; counting stops past `limit` (an alias used
    within repeats makes a file of a few lines hold billions)."""
    count, stack = 0, [data]
    while stack and count <= limit:
        value = stack.pop()
        count += 1
        if isinstance(value, dict):
            stack += [*value.keys(), *value.values()]
        elif isinstance(value, list):
            stack += value
    return count


def _check_language(document: Document, path: str) -> None:
    value = document.metadata.get("lang")
    if value not in (None, "") and not isinstance(value, str):
        raise ContentError(
            path, document.metadata_lines.get("lang", 1), f"lang: {value!r} is not a language tag",
            hint="write one language tag such as 'en', 'fr' or 'pt-BR'", rule="front-matter",
        )  # fmt: skip
    if isinstance(value, str) and value and not LANGUAGE_TAG.fullmatch(value):
        raise ContentError(
            path, document.metadata_lines.get("lang", 1),
            f"lang: {value!r} is not a language tag",
            hint="write a language tag such as 'en', 'fr' or 'pt-BR'", rule="front-matter",
        )  # fmt: skip


class _TextLoader(SafeLoader):
    """Every value is the text the editor typed: YAML would make `title: yes` True,
    `category: 2024` a number and `date: 2025-13-45` a crash. An empty value is None."""


_TextLoader.yaml_implicit_resolvers = {}
_TextLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^$"), [""])


def _split_yaml(lines: list[str], path: str) -> Document:
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in YAML_END), None)
    if end is None:
        first = next((line for line in lines[1:] if line.strip()), "")
        if not KEY_LINE.match(first):  # a Markdown rule (---) opening the text, not fields
            return Document({}, "\n".join(lines))
        raise ContentError(
            path, 1, "front matter starts with '---' but never ends",
            hint="add a line with only '---' after the last field", rule="front-matter",
        )  # fmt: skip
    block = "\n".join(lines[1:end])
    loader = _TextLoader(block)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as error:
        line, problem, hint = yaml_problem(error, block, first_line=2)
        raise ContentError(path, line, f"front matter: {problem}", hint, "front-matter") from None
    finally:
        loader.dispose()
    if _count_values(data, MAX_VALUES) > MAX_VALUES:
        raise ContentError(
            path, 2, f"front matter: more than {MAX_VALUES:,} values (a YAML alias, '*name', "
            "used within repeats?)",
            hint="write each field's value out in full: front matter needs no aliases",
            rule="front-matter",
        )  # fmt: skip
    if not isinstance(data, dict):
        raise ContentError(
            path, 2, "front matter must be 'key: value' lines",
            hint="write one field per line, for example 'title: Eating something'",
            rule="front-matter",
        )  # fmt: skip
    key_lines: dict[str, int] = {}
    for key_node, value_node in node.value if node is not None else ():
        key, number = str(key_node.value).lower(), key_node.start_mark.line + 2
        _check_repeat(key, number, key_lines, path)
        key_lines[key] = number
        _check_comment(key, value_node, lines[number - 1], number, path)
    metadata = {str(key).lower(): _as_text(str(key).lower(), value) for key, value in data.items()}
    return Document(metadata, "\n".join(lines[end + 1 :]), end + 2, key_lines)


def _check_repeat(key: str, number: int, key_lines: dict[str, int], path: str) -> None:
    if key in key_lines:
        raise ContentError(
            path, number, f"{key}: appears twice (first on line {key_lines[key]})",
            hint="keep one of the two lines", rule="front-matter",
        )  # fmt: skip


def _check_comment(key: str, node: yaml.Node, line: str, number: int, path: str) -> None:
    """`title: Win #3` is "Win" to YAML, which reads ' #' on as a note to itself."""
    if not isinstance(node, yaml.ScalarNode) or node.style or node.end_mark.line + 2 != number:
        return
    rest = line[node.end_mark.column :].strip()
    if rest.startswith("#"):
        typed = line.split(":", 1)[1].strip()
        raise ContentError(
            path, number, f"{key}: '{rest}' is left out: YAML reads ' #' as the start of a comment",
            hint=f'put the whole value in double quotes: {key}: "{typed}"', rule="front-matter",
        )  # fmt: skip


# Python-Markdown's `meta` extension, which Pelican's own reader uses: a key of letters,
# digits, '-' and '_' after at most three spaces. A value goes on in an indented line
# (Pelican wants four spaces; fewer are read the same rather than lost).
NATIVE_KEY = re.compile(r"^ {0,3}([A-Za-z0-9_-]+):\s*(.*)$")
NATIVE_MORE = re.compile(r"^[ \t]+(.*)$")


def _split_native(lines: list[str], path: str) -> Document:
    """Pelican's `Key: value` lines, up to the first blank line. A file that does not
    start with one has no header."""
    if not lines or not NATIVE_KEY.match(lines[0]):
        return Document({}, "\n".join(lines))
    metadata: dict[str, object] = {}
    key_lines: dict[str, int] = {}
    key = ""
    number = len(lines) + 1
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            break
        key_match, more = NATIVE_KEY.match(line), NATIVE_MORE.match(line)
        if key_match:
            key = key_match.group(1).lower()
            _check_repeat(key, number, key_lines, path)
            metadata[key], key_lines[key] = key_match.group(2).strip(), number
        elif more and key:
            metadata[key] = f"{metadata[key]} {more.group(1).strip()}".strip()
        else:
            raise ContentError(
                path, number, "this line is neither 'Key: value' nor the value above going on",
                hint="the fields at the top end at the first blank line: add one before this "
                "line, write it as 'Key: value', or indent it to go on with the value above",
                rule="front-matter",
            )  # fmt: skip
    else:
        number = len(lines) + 1
    return Document(metadata, "\n".join(lines[number:]), number + 1, key_lines)


def _as_text(key: str, value: object) -> object:
    """YAML gives lists; Pelican's metadata processors expect text."""
    if isinstance(value, list) and key in LIST_KEYS:
        return ", ".join(str(item) for item in value)
    if value is None:
        return ""
    return value
