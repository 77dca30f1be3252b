"""Support resources: one YAML file per service, checked against one schema.

`load_directory(folder, categories, today, max_age_days)` reads every `*.yaml` /
`*.yml` file of `folder` and returns a `Directory`: the valid resources in page
order, the errors (one `ContentError` per mistake, at its line) and the warnings
(entries not checked against their source for too long). No Pelican import here.

The fields, their forms and the words of their errors are defined once, as a JSON
Schema, in definition.py (CONTRIBUTING.md's table and resources.schema.json are made
from it). A file is read with the line of every value, validated with `jsonschema`,
and each schema error is said in plain words at its line; then the few checks a
schema cannot make (the named `_check_…` functions below) run on the valid fields.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pycountry
import yaml
from markdown_reader.errors import ContentError, display_path, yaml_problem

from . import definition, phones
from .definition import (  # noqa: F401 (the constants other modules read from here)
    COSTS,
    CRISIS_KINDS,
    DAYS,
    KINDS,
    OPEN_ALWAYS,
    SUMMARY_MAX,
)

if TYPE_CHECKING:
    import jsonschema

RULE = "resource"
# Where a source counts as official although it is not the service's own site: a
# government's or a public health service's domain (and any name under it).
GOVERNMENT_DOMAINS = (
    "gov", "mil", "gov.uk", "nhs.uk", "gov.scot", "gov.wales", "nhs.scot", "nhs.wales",
    "gov.au", "govt.nz", "canada.ca", "gc.ca", "gov.ie", "hse.ie", "oireachtas.ie",
)  # fmt: skip
SLUG = re.compile(definition.SLUG)
LANGUAGE_TAG = re.compile(definition.LANGUAGE_TAG)
REGION = re.compile(definition.REGION)
# A plain number is a number only as written in full: 0800 and +44800000000 stay text.
WHOLE_NUMBER = re.compile(r"^-?(?:0|[1-9]\d*)$")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when installed
    """Every value as written: dates stay text (checked with a clear message instead of
    a crash on 2025-13-01), only true/false are booleans, so the country code NO is
    Norway, a number is a number only when written as one (12:00 and 0800 stay text),
    and runs of spaces and line breaks in text are one space."""

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int | str:
        text = self.construct_scalar(node)
        return int(text) if WHOLE_NUMBER.match(text) else " ".join(text.split())

    def construct_yaml_str(self, node: yaml.ScalarNode) -> str:
        return " ".join(self.construct_scalar(node).split())


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
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_yaml_str)
_Loader.add_constructor("tag:yaml.org,2002:str", _Loader.construct_yaml_str)


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
    display: str = ""

    @property
    def shown(self) -> str:
        """The number as the service writes it, or as dialled."""
        return self.display or self.number

    @property
    def href(self) -> str:
        return f"sms:{self.number}?body={self.keyword}" if self.keyword else f"sms:{self.number}"


@dataclass(frozen=True)
class OpeningTimes:
    """One row of a weekly timetable, in the service's own time zone."""

    days: tuple[str, ...]
    opens: str
    closes: str


@dataclass(frozen=True)
class Resource:
    slug: str
    path: str
    name: str
    summary: str
    kind: str
    categories: tuple[str, ...]
    website: str
    sources: tuple[str, ...]
    last_verified: datetime.date
    official_domains: tuple[str, ...] = ()
    phone: Phone | None = None
    sms: Sms | None = None
    chat: str = ""
    help_page: str = ""
    email: str = ""
    open_always: bool = False
    schedule: tuple[OpeningTimes, ...] = ()
    time_zone: str = ""
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    main_crisis_line_for: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    ages_min: int | None = None
    ages_max: int | None = None
    cost: str = ""
    cost_note: str = ""

    def value(self, path: str) -> object:
        """A field's value by its path in the file: "contact.website" is help_page."""
        return getattr(self, ATTRIBUTES.get(path, path.replace(".", "_")))

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
    def hours_text(self) -> str:
        """The timetable in words: "Monday to Friday, 10:00 to 22:00, New York time"."""
        if self.open_always:
            return "24/7: every day, day and night"
        rows = "; ".join(
            f"{days_text(row.days)}, {row.opens} to {row.closes}" for row in self.schedule
        )
        return f"{rows}, {time_zone_name(self.time_zone)} time" if rows else ""

    @property
    def hours_json(self) -> str:
        """The timetable for the page's script, which works out "open now"."""
        if not self.schedule:
            return ""
        rows = [{"days": list(row.days), "from": row.opens, "until": row.closes}
                for row in self.schedule]  # fmt: skip
        return json.dumps({"timeZone": self.time_zone, "open": rows}, separators=(",", ":"))

    @property
    def country_names(self) -> tuple[str, ...]:
        return tuple(country_name(code) for code in self.countries)

    @property
    def region_names(self) -> tuple[str, ...]:
        return tuple(region_name(code) for code in self.regions)

    @property
    def language_names(self) -> tuple[str, ...]:
        return tuple(language_name(tag) for tag in self.languages)

    @property
    def source_links(self) -> tuple[tuple[str, str], ...]:
        """(address, short label) per source: the host name, numbered when two pages
        share one."""
        labels = [urlsplit(source).hostname.removeprefix("www.") for source in self.sources]
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


# A field's attribute, where its name is not its path with "_" for ".".
ATTRIBUTES = {"contact.website": "help_page", "contact.email": "email", "contact.chat": "chat",
              "source": "sources"}  # fmt: skip


@dataclass
class Directory:
    resources: list[Resource] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# Names by code as pycountry gives them: loading its tables takes a tenth of a
# second, and kept.py keeps the names between builds.
NAMES: dict[str, str] = {}


def _named(kind: str, code: str, look_up) -> str:
    key = f"{kind}:{code}"
    if key not in NAMES:
        NAMES[key] = look_up(code)
    return NAMES[key]


def look_up_names(resource: Resource) -> None:
    for code in resource.countries:
        country_name(code)
    for code in resource.regions:
        region_name(code)
    for tag in resource.languages:
        language_name(tag)


def region_name(code: str) -> str:
    return _named("region", code, _region_name)


# ISO 3166-2 gives some regions with their other names, which a reader would take
# for part of the name: "Wales [Cymru GB-CYM]", "Catalunya [Cataluña]".
OTHER_NAMES = re.compile(r"\s*\[[^\]]*\]$")


def _region_name(code: str) -> str:
    return OTHER_NAMES.sub("", pycountry.subdivisions.get(code=code).name)


def country_name(code: str) -> str:
    return _named("country", code, _country_name)


def _country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or country.name


def language_name(tag: str) -> str:
    return _named("language", tag, _language_name)


def _language_name(tag: str) -> str:
    primary, subtag = LANGUAGE_TAG.match(tag).groups()
    language = pycountry.languages.get(**{f"alpha_{len(primary)}": primary})
    name = getattr(language, "common_name", None) or language.name
    if subtag and len(subtag) == 2 and pycountry.countries.get(alpha_2=subtag):
        return f"{name} ({country_name(subtag)})"
    return name


def days_text(days: tuple[str, ...]) -> str:
    """A run of three or more days reads "Monday to Friday", others "Saturday and Sunday"."""
    numbers = [DAYS.index(day) for day in days]
    if len(days) == len(DAYS):
        return "Every day"
    if len(days) >= 3 and numbers == list(range(numbers[0], numbers[0] + len(days))):
        return f"{days[0].title()} to {days[-1].title()}"
    names = [day.title() for day in days]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def time_zone_name(zone: str) -> str:
    """The place an IANA time zone is named after: America/New_York is "New York"."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


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
        self.warnings: list[str] = []
        self.lines: dict[tuple, int] = {}
        self.data: object = None
        loader = None
        try:
            loader = _Loader(text)
            node = loader.get_single_node()
            if node is not None:
                self.data = loader.construct_document(node)
                self._walk(node, ())
        # A control character is refused by the reader: before parsing in Python,
        # while parsing in libyaml.
        except (yaml.MarkedYAMLError, yaml.reader.ReaderError) as error:
            line, problem, hint = yaml_problem(error, text)
            self.fail((), f"YAML syntax: {problem}", line=line, hint=hint, field="file")
        finally:
            if loader is not None:
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

    def line(self, where: tuple) -> int:
        while where:
            if where in self.lines:
                return self.lines[where]
            where = where[:-1]
        return 1

    def fail(self, where: tuple, problem: str, *, hint: str = "", line: int | None = None,
             field: str | None = None) -> None:  # fmt: skip
        name = field or _field_name(where)
        error = ContentError(self.path, line or self.line(where), f"{name}: {problem}", hint, RULE)
        if error not in self.errors:  # two rules of the schema may say the same thing
            self.errors.append(error)


def _field_name(where: tuple) -> str:
    name = ""
    for part in where:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name or "file"


# --- the schema's errors in plain words -----------------------------------------------------

# What a value of the wrong type is told, and how to fix it.
TYPE_WORDS = {
    "string": ("must be text", "write the value on the same line after the colon"),
    "integer": ("must be a whole number", "write a number"),
    "array": ("must be a list", "write the values in brackets, e.g. [a, b]"),
    "object": ("must be a group of fields",
               "put its fields on the lines below it, indented by two spaces"),
}  # fmt: skip
EMPTY = ("is empty", "write a value after the colon or remove the line")


@cache
def _validator(categories: tuple[str, ...]) -> jsonschema.Draft202012Validator:
    # Imported here: a build whose files were all read before (kept.py) never needs it.
    import jsonschema

    return jsonschema.Draft202012Validator(
        definition.resource_schema(categories),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


def _said(words: dict, key: str, value: object) -> str:
    shown = str(value).lower() if isinstance(value, bool) else str(value)  # as written
    return str(words.get(key, "")).replace("{value}", shown)


def _report(file: _File, error: jsonschema.ValidationError, inherited: dict) -> None:
    """One schema error, at the line of the value it is about, with its hint. `inherited`
    holds the annotations of an enclosing anyOf about the same value."""
    where = tuple(str(part) if not isinstance(part, int) else part
                  for part in error.absolute_path)  # fmt: skip
    schema = error.schema if isinstance(error.schema, dict) else {}
    words = {**inherited, **{key: value for key, value in schema.items() if key[:2] == "x-"}}
    value, kind = error.instance, error.validator
    scalar = not isinstance(value, dict | list)

    def fail(problem: str, hint: str, at: tuple = where, line: int | None = None) -> None:
        file.fail(at, problem, hint=hint, line=line)

    if value is None or value == "":
        return fail(*EMPTY)
    if not scalar and kind in ("enum", "const"):  # said once, as its type
        return None
    if kind == "anyOf":
        return _report_any_of(file, error, words, scalar)
    if kind == "required":
        for name in error.validator_value:
            if name not in value:
                hint = words.get("x-required-hint", f"add a line '{name}: …' (see CONTRIBUTING.md)")
                fail("required field is missing", hint, where + (name,), file.line(where))
        return None
    if kind == "additionalProperties":
        known = list(schema.get("properties", {}))
        for name in value:
            if name not in known:
                fail(f"unknown field{did_you_mean(name, known)}",
                     "fields are: " + ", ".join(sorted(known)), where + (str(name),))  # fmt: skip
        return None
    if kind == "minProperties":
        return fail(f"{words.get('x-empty', 'is empty')}: give at least one of "
                    + ", ".join(schema.get("properties", {})), words.get("x-hint", ""))  # fmt: skip
    if kind == "maxLength":
        return fail(f"is {len(value)} characters long, more than {error.validator_value}",
                    "shorten it: one or two plain sentences")  # fmt: skip
    if kind == "type":
        expected = error.validator_value
        expected = expected[0] if isinstance(expected, list) else expected
        problem, hint = TYPE_WORDS[expected]
        own = words.get("x-problem", "")
        if own and (scalar or "{value}" not in own):  # no list or group quoted in a message
            problem = _said(words, "x-problem", value)
        return fail(problem, _hint(words, schema, hint) if scalar or own else hint)
    problem = _said(words, "x-problem", value) or f"'{value}' is not of the expected form"
    if kind == "enum":
        problem += did_you_mean(value, error.validator_value)
    return fail(problem, _hint(words, schema, "see CONTRIBUTING.md"))


def _hint(words: dict, schema: dict, default: str) -> str:
    if "x-hint" in words:
        return words["x-hint"]
    return "use one of: " + ", ".join(schema["enum"]) if "enum" in schema else default


def _report_any_of(file: _File, error: jsonschema.ValidationError, words: dict,
                   scalar: bool) -> None:  # fmt: skip
    """A value that fits none of its forms: the errors of the form of its own type (a list
    for a list), or, when its type fits none, what the value should have been."""
    branches: dict[int, list] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    fitting = [
        errors for errors in branches.values()
        if not any(sub.validator == "type" and not sub.relative_path for sub in errors)
    ]  # fmt: skip
    if not fitting and scalar and "x-problem" in words:
        file.fail(tuple(error.absolute_path), _said(words, "x-problem", error.instance),
                  hint=words.get("x-hint", "see CONTRIBUTING.md"))  # fmt: skip
        return
    for sub in fitting[0] if fitting else branches[max(branches)]:
        _report(file, sub, words if not sub.relative_path else {})


# --- what a schema cannot say: each check reads fields the schema found valid ----------------


def _values(data: dict, key: str) -> list[tuple[tuple, object]]:
    """(where, value) for each value of a list field; a single value may stand alone."""
    value = data.get(key)
    if value is None:
        return []
    if isinstance(value, list):
        return [((key, index), item) for index, item in enumerate(value)]
    return [((key,), value)]


def _schema_at(*keys: str | int) -> dict:
    node = definition.resource_schema(())
    for key in keys:
        node = node[key]
    return node


def _refuse(file: _File, key: str, where: tuple, value: object) -> None:
    """One value of a list field refused in the words of its schema."""
    words = _schema_at("properties", key, "anyOf", 0)
    file.fail(where, _said(words, "x-problem", value), hint=words["x-hint"])


def _check_countries(file: _File, data: dict) -> tuple[str, ...]:
    codes = []
    for where, code in _values(data, "countries"):
        if pycountry.countries.get(alpha_2=code) is None:
            _refuse(file, "countries", where, code)
        else:
            codes.append(code)
    return tuple(codes)


def _check_regions(file: _File, data: dict, countries: tuple[str, ...]) -> None:
    for where, code in _values(data, "regions"):
        if pycountry.subdivisions.get(code=code) is None:
            _refuse(file, "regions", where, code)
        elif code[:2] not in countries:
            file.fail(where, f"'{code}' is in a country missing from countries",
                      hint=f"add {code[:2]} to countries")  # fmt: skip


def _check_languages(file: _File, data: dict) -> None:
    for where, tag in _values(data, "languages"):
        primary = LANGUAGE_TAG.match(tag).group(1)
        if pycountry.languages.get(**{f"alpha_{len(primary)}": primary}) is None:
            _refuse(file, "languages", where, tag)


@cache
def time_zones() -> frozenset[str]:
    """The IANA time zones (zoneinfo reads them from the disk at each call)."""
    return frozenset(zoneinfo.available_timezones())


def is_place(zone: str) -> bool:
    """Whether a time zone is a place's (America/New_York), whose clocks change when
    the place's do. EST, GMT, UTC or Etc/GMT+5 never change for daylight saving: the
    hours of a service in New York or London, and "open now", would be an hour off for
    half the year. Names such as CET are a zone's, not a place's, and are refused too."""
    return "/" in zone and not zone.startswith("Etc/")


def _check_hours(file: _File, data: dict) -> None:
    """The time zone is a place's, and each opening time closes after it opens."""
    hours = data.get("hours")
    if not isinstance(hours, dict):
        return
    zone = str(hours["time_zone"])
    if zone not in time_zones():
        words = _schema_at("properties", "hours", "anyOf", 1, "properties", "time_zone")
        places = sorted(filter(is_place, time_zones()))
        file.fail(("hours", "time_zone"), f"'{zone}' is not a time zone"
                  f"{did_you_mean(zone, places)}", hint=words["x-hint"])  # fmt: skip
    elif not is_place(zone):
        file.fail(("hours", "time_zone"), f"'{zone}' is not the time zone of a place",
                  hint="write the time zone of the service's city, e.g. America/New_York or "
                  "Europe/London: a zone such as EST, GMT or UTC does not change for daylight "
                  "saving, so 'open now' would be an hour off for half the year")  # fmt: skip
    for index, row in enumerate(hours["open"]):
        opens, closes = row["from"], row["until"]
        if closes <= opens:
            file.fail(("hours", "open", index, "until"),
                      f"closes at {closes}, not after it opens at {opens}",
                      hint='write "24:00" for midnight; for hours past midnight, write a second '
                      'row for the next day from "00:00"')  # fmt: skip


def _check_ages(file: _File, data: dict) -> None:
    ages = data.get("ages", {})
    if ages.get("min", 0) > ages.get("max", ages.get("min", 0)):
        file.fail(("ages",), "min is greater than max", hint="swap the two numbers")


def _check_last_verified(file: _File, data: dict, today: datetime.date) -> None:
    text = data.get("last_verified")
    if text and datetime.date.fromisoformat(text) > today:
        file.fail(("last_verified",), f"{text} is in the future",
                  hint="write the day the facts were checked, today at the latest")  # fmt: skip


def _check_numbers(file: _File, data: dict, countries: tuple[str, ...]) -> None:
    """What a card shows is what the phone dials (phones.py)."""
    contact = data.get("contact") if isinstance(data.get("contact"), dict) else {}
    for line, dialled_key in (("phone", "tel"), ("sms", "number")):
        number = contact.get(line)
        if not isinstance(number, dict) or dialled_key not in number:
            continue
        dialled = str(number[dialled_key])
        where = ("contact", line, dialled_key)
        if not phones.is_complete(dialled):
            file.fail(where, f"'{dialled}' is not a whole phone number of its country",
                      hint="a digit may be missing or extra: copy the number again from the "
                      "service's own page, + and the country code first")  # fmt: skip
        elif "display" in number and not phones.dials_what_it_shows(
            str(number["display"]), dialled, countries
        ):
            file.fail(where, f"'{dialled}' is not the number display shows "
                      f"('{number['display']}')",
                      hint=f"the card shows {line}.display and dials {line}.{dialled_key}: "
                      "write one number in both, as the service's own page gives it")  # fmt: skip


def _check_main_crisis_line(file: _File, data: dict, countries: tuple[str, ...]) -> None:
    """The crisis band shows this line: it must serve those countries, be open now,
    always, and have a number to call or text."""
    codes = [code for _, code in _values(data, "main_crisis_line_for")]
    where = ("main_crisis_line_for",)
    for code in codes:
        if code not in countries:
            file.fail(where, f"'{code}' is not among this service's countries",
                      hint=f"add {code} to countries, or remove it here")  # fmt: skip
    if codes and data.get("hours") != OPEN_ALWAYS:
        file.fail(where, "a main crisis line must be open 24/7",
                  hint="the band on every page sends readers here at any hour: choose a "
                  "24/7 line, or remove main_crisis_line_for")  # fmt: skip
    contact = data.get("contact")
    if codes and not (isinstance(contact, dict) and ("phone" in contact or "sms" in contact)):
        file.fail(
            where,
            "a main crisis line needs a phone or text number",
            hint="the band offers a call or a text: add contact.phone or contact.sms",
        )


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def is_under(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def _check_contact_hosts(file: _File, data: dict) -> None:
    """A chat or help page on another domain than the service's is most often a typo
    (988lifline.org): a domain someone else may own, where a reader in crisis would
    be sent."""
    own = [
        host_of(data["website"]),
        *(str(domain).removeprefix("www.") for _, domain in _values(data, "official_domains")),
    ]
    for key in ("chat", "website"):
        address = data["contact"].get(key)
        host = host_of(address) if address else ""
        if not host or any(is_under(host, domain) for domain in own):
            continue
        file.fail(("contact", key), f"'{address}' is on {host}, not on the service's own "
                  f"domain ({' or '.join(own)}){did_you_mean(host, own)}",
                  hint="copy the address again from the service's own page. If that page "
                  "links to this domain, it is the service's too: add it to official_domains, "
                  f"e.g. official_domains: [{host}]")  # fmt: skip


def _warn_unofficial_sources(file: _File, resource: Resource) -> None:
    """A fact must rest on the service's own page or a government's: any other page
    (a news site, a directory, a mirror) is named so an editor replaces it."""
    own = (host_of(resource.website), *resource.official_domains)
    for index, source in enumerate(resource.sources):
        host = host_of(source)
        if not host or any(is_under(host, domain) for domain in (*own, *GOVERNMENT_DOMAINS)):
            continue
        line = file.line(("source", index) if ("source", index) in file.lines else ("source",))
        file.warnings.append(
            f"{file.path}:{line}: source: '{source}' is not an official page: cite a page "
            f"on {' or '.join(own)}, or a government or health-service page (see CONTRIBUTING.md)"
        )


# --- the valid file as a Resource -----------------------------------------------------------


def _texts(data: dict, key: str) -> tuple[str, ...]:
    return tuple(str(value) for _, value in _values(data, key))


def _resource(path: str, data: dict) -> Resource:
    contact, hours, ages = data["contact"], data.get("hours"), data.get("ages", {})
    phone, sms = contact.get("phone"), contact.get("sms")
    timetable = hours if isinstance(hours, dict) else {}
    return Resource(
        slug=Path(path).stem, path=path, name=str(data["name"]), summary=str(data["summary"]),
        kind=data["kind"], categories=_texts(data, "categories"), website=data["website"],
        sources=_texts(data, "source"),
        last_verified=datetime.date.fromisoformat(data["last_verified"]),
        official_domains=tuple(domain.removeprefix("www.")
                               for domain in _texts(data, "official_domains")),
        phone=Phone(str(phone["display"]), str(phone["tel"]), str(phone.get("note", "")))
        if phone else None,
        sms=Sms(**{key: str(value) for key, value in sms.items()}) if sms else None,
        chat=contact.get("chat", ""), help_page=contact.get("website", ""),
        email=contact.get("email", ""), open_always=hours == OPEN_ALWAYS,
        schedule=tuple(_opening_times(row) for row in timetable.get("open", ())),
        time_zone=str(timetable.get("time_zone", "")),
        countries=_texts(data, "countries"), regions=_texts(data, "regions"),
        main_crisis_line_for=_texts(data, "main_crisis_line_for"),
        languages=_texts(data, "languages"), ages_min=ages.get("min"),
        ages_max=ages.get("max"), cost=data.get("cost", ""),
        cost_note=str(data.get("cost_note", "")),
    )  # fmt: skip


def _opening_times(row: dict) -> OpeningTimes:
    days = row["days"] if isinstance(row["days"], list) else [row["days"]]
    return OpeningTimes(tuple(sorted({day.lower() for day in days}, key=DAYS.index)),
                        row["from"], row["until"])  # fmt: skip


def read_resource(
    path: str, text: str, categories: Iterable[str], today: datetime.date
) -> tuple[Resource | None, _File]:
    """Check one file: the resource (None when it has errors) and the checked file."""
    file = _File(path, text)
    if not SLUG.match(Path(path).stem):
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
    try:
        errors = list(_validator(tuple(sorted(categories))).iter_errors(data))
    except RecursionError:  # an alias inside itself, where a value is expected
        file.fail((), "a value refers to itself", line=1, field="file",
                  hint="write the value out instead of using an alias (*name)")  # fmt: skip
        return None, file
    for error in errors:
        _report(file, error, {})
    wrong = {error.path[0] for error in errors if error.path}
    valid = {key: value for key, value in data.items() if key not in wrong}
    countries = _check_countries(file, valid)
    _check_regions(file, valid, countries)
    _check_languages(file, valid)
    _check_hours(file, valid)
    _check_ages(file, valid)
    _check_last_verified(file, valid, today)
    if len(countries) == len(_values(valid, "countries")):  # a refused country: said already
        _check_numbers(file, valid, countries)
    if not wrong & {"hours", "contact", "countries"}:
        _check_main_crisis_line(file, valid, countries)
    if {"website", "contact"} <= valid.keys() and "official_domains" not in wrong:
        _check_contact_hosts(file, valid)
    if file.errors:
        file.errors.sort(key=lambda error: error.line)
        return None, file
    resource = _resource(path, data)
    _warn_unofficial_sources(file, resource)
    return resource, file


def load_directory(
    folder: str | Path, categories: Iterable[str], today: datetime.date, max_age_days: int,
    read=None,
) -> Directory:  # fmt: skip
    """Every resource file in `folder`; `read`: read_resource, or what answers as it
    does (kept.KeptReadings.read)."""
    read = read or read_resource
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
        resource, file = read(path, text, categories, today)
        directory.errors.extend(file.errors)
        directory.warnings.extend(file.warnings)
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
