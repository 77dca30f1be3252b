"""Support resources: one YAML file per service, checked field by field.

`load_directory(folder, categories, today, max_age_days)` reads every `*.yaml` /
`*.yml` file of `folder` and returns a `Directory`: the valid resources in page
order, the errors (one `ContentError` per mistake, at its line) and the warnings
(entries not checked against their source for too long). No Pelican import here.

The schema (the editors' guide in CONTRIBUTING.md explains it with an example):

    name          required  the service's own name
    summary       required  plain language, at most 200 characters
    kind          required  one of KINDS
    categories    required  category slugs of this site, a list (or one slug)
    contact       required  a mapping with at least one of phone, sms, chat, website,
                            email; or the word `none` when the service has no contact
                            details we could verify, with the reason in contact_note
    contact_note  optional  text; required with `contact: none`
    hours         optional  "24/7" or text such as "10 a.m.–10 p.m. ET, Monday–Friday"
    countries     optional  ISO 3166-1 alpha-2 codes: [US, CA]
    regions       optional  ISO 3166-2 codes inside those countries: [US-CA]
    languages     optional  BCP 47 tags: [en, fr, es]
    ages          optional  {min: 13, max: 24} (either or both)
    cost          optional  one of COSTS
    cost_note     optional  text, e.g. "free from mobiles"
    source        required  the public page(s) the facts were checked against: an https://
                            address, or the path of a page of this site (/article-slug/)
    last_verified required  YYYY-MM-DD, the day the facts were checked
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pycountry
import yaml
from markdown_reader.errors import ContentError, display_path

RULE = "resource"
SUMMARY_MAX = 200
# Page order: the crisis services come first.
KINDS = {
    "crisis line": "Crisis lines",
    "text line": "Crisis text lines",
    "chat": "Crisis chat",
    "peer support": "Peer support",
    "treatment finder": "Treatment finders",
    "treatment centre": "Treatment centres",
    "information": "Information",
}
CRISIS_KINDS = {"crisis line", "text line", "chat"}
COSTS = ("free", "paid", "insurance")
OPEN_ALWAYS = "24/7"

FIELDS = {
    "name", "summary", "kind", "categories", "contact", "contact_note", "hours", "countries",
    "regions", "languages", "ages", "cost", "cost_note", "source", "last_verified",
}  # fmt: skip
REQUIRED = ("name", "summary", "kind", "categories", "contact", "source", "last_verified")
CONTACT_FIELDS = ("phone", "sms", "chat", "website", "email")
NESTED_FIELDS = {
    "contact": set(CONTACT_FIELDS),
    "phone": {"display", "tel", "note"},
    "sms": {"number", "keyword", "note"},
    "ages": {"min", "max"},
}

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# E.164 (+ country code, up to 15 digits) or a national short code such as 988 or 116123.
DIALABLE = re.compile(r"^(?:\+[1-9]\d{6,14}|\d{3,8})$")
URL = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$")
SITE_PATH = re.compile(r"^/[^\s/][^\s]*/$")
EMAIL = re.compile(r"^[^\s@]+@[^\s@]+\.[^\s@]+$")
LANGUAGE_TAG = re.compile(r"^([a-z]{2,3})(?:-([A-Z]{2}|[A-Za-z0-9]{4,8}))?$")
REGION = re.compile(r"^([A-Z]{2})-[A-Z0-9]{1,3}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LIST_EXAMPLES = {
    "categories": "getting-support, coping",
    "countries": "US, CA",
    "regions": "US-CA",
    "languages": "en, fr",
    "source": "https://example.org/contact",
}


class _Loader(yaml.SafeLoader):
    """Dates stay text (checked below with a clear message instead of a crash on
    2025-13-01) and only true/false are booleans, so the country code NO is Norway."""


_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, pattern)
        for tag, pattern in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass(frozen=True)
class Phone:
    display: str
    tel: str
    note: str = ""

    @property
    def href(self) -> str:
        return f"tel:{self.tel}"


@dataclass(frozen=True)
class Sms:
    number: str
    keyword: str = ""
    note: str = ""

    @property
    def href(self) -> str:
        return f"sms:{self.number}?body={self.keyword}" if self.keyword else f"sms:{self.number}"


@dataclass(frozen=True)
class Resource:
    slug: str
    path: str
    name: str
    summary: str
    kind: str
    categories: tuple[str, ...]
    sources: tuple[str, ...]
    last_verified: datetime.date
    phone: Phone | None = None
    sms: Sms | None = None
    chat: str = ""
    website: str = ""
    email: str = ""
    contact_note: str = ""
    hours: str = ""
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    ages_min: int | None = None
    ages_max: int | None = None
    cost: str = ""
    cost_note: str = ""

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def kind_slug(self) -> str:
        return self.kind.replace(" ", "-")

    @property
    def is_crisis(self) -> bool:
        return self.kind in CRISIS_KINDS

    @property
    def open_always(self) -> bool:
        return self.hours == OPEN_ALWAYS

    @property
    def has_contact(self) -> bool:
        return any((self.phone, self.sms, self.chat, self.website, self.email))

    @property
    def country_names(self) -> tuple[str, ...]:
        return tuple(country_name(code) for code in self.countries)

    @property
    def region_names(self) -> tuple[str, ...]:
        return tuple(pycountry.subdivisions.get(code=code).name for code in self.regions)

    @property
    def language_names(self) -> tuple[str, ...]:
        return tuple(language_name(tag) for tag in self.languages)

    @property
    def source_links(self) -> tuple[tuple[str, str], ...]:
        """(address, short label) per source: the host name (numbered when two pages
        share one), or "a page of this site"."""
        labels = [
            "a page of this site"
            if source.startswith("/")
            else urlsplit(source).hostname.removeprefix("www.")
            for source in self.sources
        ]
        return tuple(
            (source, f"{label}, page {labels[:index].count(label) + 1}"
             if labels.count(label) > 1 else label)
            for index, (source, label) in enumerate(zip(self.sources, labels, strict=True))
        )  # fmt: skip

    @property
    def ages(self) -> str:
        if self.ages_min is not None and self.ages_max is not None:
            return f"{self.ages_min}–{self.ages_max}"
        if self.ages_min is not None:
            return f"{self.ages_min} and over"
        if self.ages_max is not None:
            return f"up to {self.ages_max}"
        return ""


@dataclass
class Directory:
    resources: list[Resource] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or country.name


def language_name(tag: str) -> str:
    primary, subtag = LANGUAGE_TAG.match(tag).groups()
    language = pycountry.languages.get(**{f"alpha_{len(primary)}": primary})
    name = getattr(language, "common_name", None) or language.name
    if subtag and len(subtag) == 2 and pycountry.countries.get(alpha_2=subtag):
        return f"{name} ({country_name(subtag)})"
    return name


def page_order(resource: Resource) -> tuple[int, str]:
    return list(KINDS).index(resource.kind), resource.name.casefold()


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f": did you mean '{close[0]}'?" if close else ""


# --- reading one file -------------------------------------------------------------------


class _File:
    """One resource file: its data, the line of every key and list item, and its errors."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.errors: list[ContentError] = []
        self.lines: dict[tuple, int] = {}
        self.raw: dict[tuple, str] = {}  # scalars as written: "+1800…" stays text
        self.data: object = None
        try:
            loader = _Loader(text)
        except yaml.reader.ReaderError as error:  # a control character, refused before parsing
            self.fail((), f"YAML syntax: character U+{error.character:04X} is not allowed",
                      line=text.count("\n", 0, error.position) + 1,
                      hint="delete the invisible character (often pasted from another program)",
                      field="file")  # fmt: skip
            return
        try:
            node = loader.get_single_node()
            if node is not None:
                self.data = loader.construct_document(node)
                self._walk(node, ())
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            problem = error.problem or error.context or "cannot be read"
            self.fail((), f"YAML syntax: {problem}", line=mark.line + 1 if mark else 1,
                      hint="check the indentation, and put quotes around a value that "
                      "contains ': ' or starts with a special character such as * & ! [ {",
                      field="file")  # fmt: skip
        finally:
            loader.dispose()

    def _walk(self, node: yaml.Node, where: tuple, inside: frozenset = frozenset()) -> None:
        if id(node) in inside:  # an alias to itself (&a [*a]): already being walked
            return
        inside |= {id(node)}
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = str(key_node.value)
                line = key_node.start_mark.line + 1
                if key in seen:
                    self.fail(where + (key,), "appears twice", line=line,
                              hint="keep one of the two lines")  # fmt: skip
                seen.add(key)
                self.lines[where + (key,)] = line
                self._walk(value_node, where + (key,), inside)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.lines[where + (index,)] = item.start_mark.line + 1
                self._walk(item, where + (index,), inside)
        else:
            self.raw[where] = node.value

    def line(self, where: tuple) -> int:
        while where:
            if where in self.lines:
                return self.lines[where]
            where = where[:-1]
        return 1

    def fail(self, where: tuple, problem: str, *, hint: str = "", line: int | None = None,
             field: str | None = None) -> None:  # fmt: skip
        name = field or _field_name(where)
        self.errors.append(
            ContentError(self.path, line or self.line(where), f"{name}: {problem}", hint, RULE)
        )


def _field_name(where: tuple) -> str:
    name = ""
    for part in where:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name or "file"


# --- field checks: each returns the clean value, or None after recording an error ------------


def _text(file: _File, where: tuple, value: object, *, limit: int | None = None) -> str | None:
    if value is None:
        file.fail(where, "is empty", hint="write a value after the colon or remove the line")
        return None
    if isinstance(value, dict | list):
        file.fail(where, "must be text", hint="write the value on the same line after the colon")
        return None
    text = " ".join(str(file.raw.get(where, value)).split())
    if not text:
        file.fail(where, "is empty", hint="write a value or remove the line")
        return None
    if limit and len(text) > limit:
        file.fail(where, f"is {len(text)} characters long, more than {limit}",
                  hint="shorten it: one or two plain sentences")  # fmt: skip
        return None
    return text


def _url(file: _File, where: tuple, value: object) -> str | None:
    text = _text(file, where, value)
    if text is not None and not URL.match(text):
        file.fail(where, f"'{text}' is not a web address",
                  hint="write the full address, starting with https://")  # fmt: skip
        return None
    return text


def _source(file: _File, where: tuple, value: object) -> str | None:
    """A public web page, or a page of this site written as its path (/article-slug/)."""
    text = _text(file, where, value)
    if text is not None and not (URL.match(text) or SITE_PATH.match(text)):
        file.fail(
            where,
            f"'{text}' is not a web address",
            hint="write the full address of the page the facts come from, starting "
            "with https://, or the path of a page of this site such as /article-slug/",
        )
        return None
    return text


def _items(file: _File, key: str, value: object) -> list[tuple[tuple, object]]:
    """(where, value) for each value of a list field; a single value may stand alone."""
    if isinstance(value, str | int | float):
        return [((key,), value)]
    if not isinstance(value, list) or not value:
        example = f"{key}: [{LIST_EXAMPLES[key]}]"
        file.fail((key,), "must be a list with at least one value",
                  hint=f"write the values in brackets, e.g. {example}")  # fmt: skip
        return []
    return [((key, index), item) for index, item in enumerate(value)]


def _choice(file: _File, where: tuple, value: object, choices: Iterable[str], what: str):
    text = _text(file, where, value)
    choices = list(choices)
    if text is None:
        return None
    if text not in choices:
        suggestion = did_you_mean(text, choices)
        file.fail(where, f"'{text}' is not a known {what}{suggestion}",
                  hint="use one of: " + ", ".join(choices))  # fmt: skip
        return None
    return text


def _unknown_fields(file: _File, where: tuple, mapping: dict, known: set[str]) -> None:
    for key in mapping:
        if str(key) not in known:
            suggestion = did_you_mean(key, known)
            file.fail(where + (str(key),), f"unknown field{suggestion}",
                      hint="fields are: " + ", ".join(sorted(known)))  # fmt: skip


def _mapping(file: _File, where: tuple, value: object, known: set[str]) -> dict | None:
    if not isinstance(value, dict):
        file.fail(where, "must be a group of fields", hint="put its fields on the lines below it, "
                  "indented by two spaces")  # fmt: skip
        return None
    _unknown_fields(file, where, value, known)
    return value


def _dialable(file: _File, where: tuple, value: object) -> str | None:
    text = _text(file, where, value)
    if text is not None and not DIALABLE.match(text):
        file.fail(where, f"'{text}' is not a dialable number",
                  hint='write + country code and digits only, e.g. "+18009506264", '
                  'or a short code such as "988"')  # fmt: skip
        return None
    return text


def _phone(file: _File, value: object) -> Phone | None:
    where = ("contact", "phone")
    phone = _mapping(file, where, value, NESTED_FIELDS["phone"])
    if phone is None:
        return None
    for required in ("display", "tel"):
        if required not in phone:
            file.fail(where + (required,), "required field is missing", line=file.line(where),
                      hint="display is the number as the service writes it; tel is what a "
                      'phone dials, e.g. "+18009506264"')  # fmt: skip
    display = _text(file, where + ("display",), phone["display"]) if "display" in phone else None
    tel = _dialable(file, where + ("tel",), phone["tel"]) if "tel" in phone else None
    note = _text(file, where + ("note",), phone["note"]) if "note" in phone else ""
    if display and tel and note is not None:
        return Phone(display, tel, note)
    return None


def _sms(file: _File, value: object) -> Sms | None:
    where = ("contact", "sms")
    sms = _mapping(file, where, value, NESTED_FIELDS["sms"])
    if sms is None:
        return None
    if "number" not in sms:
        file.fail(where + ("number",), "required field is missing", line=file.line(where),
                  hint='write the number to text, e.g. number: "85258"')  # fmt: skip
        return None
    number = _dialable(file, where + ("number",), sms["number"])
    keyword = _text(file, where + ("keyword",), sms["keyword"]) if "keyword" in sms else ""
    note = _text(file, where + ("note",), sms["note"]) if "note" in sms else ""
    if number and keyword is not None and note is not None:
        return Sms(number, keyword, note)
    return None


def _contact(file: _File, value: object, fields: dict) -> None:
    """Fills `fields` with phone, sms, chat, website and email."""
    where = ("contact",)
    if value == "none":
        if "contact_note" not in file.data:
            file.fail(where, "'none' needs a reason in contact_note",
                      hint="add e.g. contact_note: Named in our article; no contact details "
                      "verified yet")  # fmt: skip
        return
    if isinstance(value, str):
        file.fail(
            where,
            f"'{value}' is neither contact details nor 'none'",
            hint="list phone, sms, chat, website or email below it, or write contact: none",
        )
        return
    contact = _mapping(file, where, value, NESTED_FIELDS["contact"])
    if contact is None:
        return
    if not any(key in contact for key in CONTACT_FIELDS):
        file.fail(where, "no contact method: give at least one of " + ", ".join(CONTACT_FIELDS),
                  hint="if no way to reach the service could be verified, write contact: none "
                  "and explain why in contact_note")  # fmt: skip
        return
    if "phone" in contact:
        fields["phone"] = _phone(file, contact["phone"])
    if "sms" in contact:
        fields["sms"] = _sms(file, contact["sms"])
    for key in ("chat", "website"):
        if key in contact:
            fields[key] = _url(file, where + (key,), contact[key]) or ""
    if "email" in contact:
        email = _text(file, where + ("email",), contact["email"])
        if email and not EMAIL.match(email):
            file.fail(where + ("email",), f"'{email}' is not an email address",
                      hint="write it as name@example.org")  # fmt: skip
        fields["email"] = email or ""


def _countries(file: _File, value: object) -> tuple[str, ...]:
    codes = []
    for where, item in _items(file, "countries", value):
        code = _text(file, where, item)
        if code is None:
            continue
        if pycountry.countries.get(alpha_2=code) is None or code != code.upper():
            file.fail(where, f"'{code}' is not an ISO 3166 country code",
                      hint="use two capital letters, e.g. US, CA, GB, IE, AU")  # fmt: skip
            continue
        codes.append(code)
    return tuple(codes)


def _regions(file: _File, value: object, countries: tuple[str, ...]) -> tuple[str, ...]:
    codes = []
    for where, item in _items(file, "regions", value):
        code = _text(file, where, item)
        if code is None:
            continue
        match = REGION.match(code)
        if not match or pycountry.subdivisions.get(code=code) is None:
            file.fail(where, f"'{code}' is not an ISO 3166-2 region code",
                      hint="write country-region, e.g. US-CA or CA-ON")  # fmt: skip
        elif match.group(1) not in countries:
            file.fail(where, f"'{code}' is in a country missing from countries",
                      hint=f"add {match.group(1)} to countries")  # fmt: skip
        else:
            codes.append(code)
    return tuple(codes)


def _languages(file: _File, value: object) -> tuple[str, ...]:
    tags = []
    for where, item in _items(file, "languages", value):
        tag = _text(file, where, item)
        if tag is None:
            continue
        match = LANGUAGE_TAG.match(tag)
        primary = match.group(1) if match else ""
        known = pycountry.languages.get(**{f"alpha_{len(primary)}": primary}) if match else None
        if known is None:
            file.fail(where, f"'{tag}' is not a BCP 47 language tag",
                      hint="use the short code, e.g. en, fr, es, or en-GB")  # fmt: skip
            continue
        tags.append(tag)
    return tuple(tags)


def _ages(file: _File, value: object) -> tuple[int | None, int | None]:
    ages = _mapping(file, ("ages",), value, NESTED_FIELDS["ages"])
    if ages is None:
        return None, None
    if not ages:
        file.fail(("ages",), "give min, max or both", hint="e.g. ages: {min: 13, max: 24}")
        return None, None
    for key, age in ages.items():
        if isinstance(age, bool) or not isinstance(age, int) or age < 0:
            file.fail(("ages", key), f"'{age}' is not an age in years", hint="write a number")
            return None, None
    low, high = ages.get("min"), ages.get("max")
    if low is not None and high is not None and low > high:
        file.fail(("ages",), "min is greater than max", hint="swap the two numbers")
    return low, high


def _date(file: _File, value: object, today: datetime.date) -> datetime.date | None:
    where = ("last_verified",)
    text = _text(file, where, value)
    if text is None:
        return None
    try:
        if not DATE.match(text):
            raise ValueError
        day = datetime.date.fromisoformat(text)
    except ValueError:
        file.fail(
            where,
            f"'{text}' is not a date",
            hint="write the day the facts were checked as YYYY-MM-DD, e.g. 2025-03-14",
        )
        return None
    if day > today:
        file.fail(where, f"{text} is in the future",
                  hint="write the day the facts were checked, today at the latest")  # fmt: skip
        return None
    return day


def read_resource(
    path: str, text: str, categories: Iterable[str], today: datetime.date
) -> tuple[Resource | None, _File]:
    """Check one file: the resource (None when it has errors) and the checked file."""
    file = _File(path, text)
    slug = Path(path).stem
    if not SLUG.match(slug):
        file.fail((), f"'{Path(path).name}' is not a usable file name", line=1, field="file name",
                  hint="name the file in lowercase words joined by hyphens, e.g. "
                  "samaritans.yaml: it becomes the entry's link")  # fmt: skip
    if file.errors:
        return None, file
    data = file.data
    if not isinstance(data, dict):
        file.fail((), "a resource file is a list of 'field: value' lines", line=1,
                  hint="start with name: The service's name")  # fmt: skip
        return None, file
    _unknown_fields(file, (), data, FIELDS)
    for required in REQUIRED:
        if required not in data:
            file.fail((required,), "required field is missing", line=1,
                      hint=f"add a line '{required}: …' (see CONTRIBUTING.md)")  # fmt: skip

    fields: dict[str, object] = {}
    if "name" in data:
        fields["name"] = _text(file, ("name",), data["name"], limit=120)
    if "summary" in data:
        fields["summary"] = _text(file, ("summary",), data["summary"], limit=SUMMARY_MAX)
    if "kind" in data:
        fields["kind"] = _choice(file, ("kind",), data["kind"], KINDS, "kind")
    if "categories" in data:
        fields["categories"] = tuple(
            _choice(file, where, value, sorted(categories), "category")
            for where, value in _items(file, "categories", data["categories"])
        )
    if "contact" in data:
        _contact(file, data["contact"], fields)
    for key in ("contact_note", "hours", "cost_note"):
        if key in data:
            fields[key] = _text(file, (key,), data[key])
    if "cost" in data:
        fields["cost"] = _choice(file, ("cost",), data["cost"], COSTS, "cost")
    fields["countries"] = _countries(file, data["countries"]) if "countries" in data else ()
    if "regions" in data:
        fields["regions"] = _regions(file, data["regions"], fields["countries"])
    if "languages" in data:
        fields["languages"] = _languages(file, data["languages"])
    if "ages" in data:
        fields["ages_min"], fields["ages_max"] = _ages(file, data["ages"])
    if "source" in data:
        fields["sources"] = tuple(
            _source(file, where, url) for where, url in _items(file, "source", data["source"])
        )
    if "last_verified" in data:
        fields["last_verified"] = _date(file, data["last_verified"], today)
    if file.errors:
        return None, file
    return Resource(slug=slug, path=path, **fields), file


def load_directory(
    folder: str | Path, categories: Iterable[str], today: datetime.date, max_age_days: int
) -> Directory:
    directory = Directory()
    folder = Path(folder)
    if not folder.is_dir():
        return directory
    categories = list(categories)
    by_slug: dict[str, Resource] = {}
    by_name: dict[str, Resource] = {}
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    for file_path in files:
        path = display_path(file_path)
        try:
            text = file_path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            directory.errors.append(ContentError(
                path, 1, "file: is not UTF-8 text",
                "save the file as UTF-8 (plain text) in your editor", RULE,
            ))  # fmt: skip
            continue
        resource, file = read_resource(path, text, categories, today)
        directory.errors.extend(file.errors)
        if resource is None:
            continue
        first = by_slug.get(resource.slug) or by_name.get(resource.name.casefold())
        if first is not None:
            directory.errors.append(ContentError(
                path, file.line(("name",)), f"name: '{resource.name}' is already listed in "
                f"{first.path}", "each service has one file: merge the two and delete this one",
                RULE,
            ))  # fmt: skip
            continue
        by_slug[resource.slug] = by_name[resource.name.casefold()] = resource
        age = (today - resource.last_verified).days
        if age > max_age_days:
            directory.warnings.append(
                f"{path}:{file.line(('last_verified',))}: last_verified: checked "
                f"{resource.last_verified.isoformat()}, {age} days ago (more than {max_age_days}): "
                "check the facts against the source again and update the date"
            )
    directory.resources = sorted(by_slug.values(), key=page_order)
    return directory
