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
    website       required  the service's official website: its domain, with those in
                            official_domains, is where a source counts as the service's own
    official_domains optional  other domains of the service or of who runs it: [lifeline.org.au]
    contact       required  a mapping with at least one of phone, sms, chat, website
                            (a page where the help is given, such as a meeting finder), email
    hours         optional  "24/7", or {time_zone: IANA name, open: [{days: [Monday, …],
                            from: "10:00", until: "22:00"}]}
    countries     optional  ISO 3166-1 alpha-2 codes: [US, CA]; none for a worldwide service
    main_crisis_line_for  optional  countries whose crisis band shows this service: a 24/7
                            line with a phone or text number, serving those countries
    regions       optional  ISO 3166-2 codes inside those countries: [US-CA]
    languages     optional  BCP 47 tags: [en, fr, es]
    ages          optional  {min: 13, max: 24} (either or both)
    cost          optional  one of COSTS
    cost_note     optional  text, e.g. "free from mobiles"
    source        required  the official page(s) the facts were checked against; a page
                            that is neither the service's own nor a government or health
                            service's is a warning ("not an official page")
    last_verified required  YYYY-MM-DD, the day the facts were checked
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pycountry
import yaml
from markdown_reader.errors import ContentError, display_path, yaml_problem

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
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Where a source counts as official although it is not the service's own site: a
# government's or a public health service's domain (and any name under it).
GOVERNMENT_DOMAINS = (
    "gov", "mil", "gov.uk", "nhs.uk", "gov.scot", "gov.wales", "nhs.scot", "nhs.wales",
    "gov.au", "govt.nz", "canada.ca", "gc.ca", "gov.ie", "hse.ie", "oireachtas.ie",
)  # fmt: skip

FIELDS = {
    "name", "summary", "kind", "categories", "website", "official_domains", "contact",
    "hours", "countries", "regions", "main_crisis_line_for", "languages", "ages", "cost",
    "cost_note", "source", "last_verified",
}  # fmt: skip
REQUIRED = (
    "name", "summary", "kind", "categories", "website", "contact", "source", "last_verified"
)  # fmt: skip
CONTACT_FIELDS = ("phone", "sms", "chat", "website", "email")
NESTED_FIELDS = {
    "contact": set(CONTACT_FIELDS),
    "phone": {"display", "tel", "note"},
    "sms": {"number", "display", "keyword", "note"},
    "ages": {"min", "max"},
    "hours": {"time_zone", "open"},
    "open": {"days", "from", "until"},
}

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# E.164 (+ country code, up to 15 digits) or a national short code such as 988 or 116123.
DIALABLE = re.compile(r"^(?:\+[1-9]\d{6,14}|\d{3,8})$")
URL = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$")
EMAIL = re.compile(r"^[^\s@]+@[^\s@]+\.[^\s@]+$")
LANGUAGE_TAG = re.compile(r"^([a-z]{2,3})(?:-([A-Z]{2}|[A-Za-z0-9]{4,8}))?$")
REGION = re.compile(r"^([A-Z]{2})-[A-Z0-9]{1,3}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$|^24:00$")
DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")
LIST_EXAMPLES = {
    "categories": "getting-support, coping",
    "countries": "US, CA",
    "main_crisis_line_for": "US",
    "official_domains": "lifeline.org.au",
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


@dataclass
class Directory:
    resources: list[Resource] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def region_name(code: str) -> str:
    return pycountry.subdivisions.get(code=code).name


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
        self.raw: dict[tuple, str] = {}  # scalars as written: "+1800…" stays text
        self.data: object = None
        try:
            loader = _Loader(text)
        except yaml.reader.ReaderError as error:  # a control character, refused before parsing
            line, problem, hint = yaml_problem(error, text)
            self.fail((), f"YAML syntax: {problem}", line=line, hint=hint, field="file")
            return
        try:
            node = loader.get_single_node()
            if node is not None:
                self.data = loader.construct_document(node)
                self._walk(node, ())
        except yaml.MarkedYAMLError as error:
            line, problem, hint = yaml_problem(error, text)
            self.fail((), f"YAML syntax: {problem}", line=line, hint=hint, field="file")
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
    text = _text(file, where, value)
    if text is not None and not URL.match(text):
        file.fail(where, f"'{text}' is not a web address",
                  hint="write the full address of the official page the facts come from, "
                  "starting with https://")  # fmt: skip
        return None
    return text


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def is_under(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def _warn_unofficial_sources(file: _File, sources: tuple, website: str, domains: tuple) -> None:
    """A fact must rest on the service's own page or a government's: any other page
    (a news site, a directory, a mirror) is named so an editor replaces it."""
    own = (host_of(website), *domains) if website else domains
    for index, source in enumerate(sources):
        host = host_of(source) if source else ""
        if not host or any(is_under(host, domain) for domain in (*own, *GOVERNMENT_DOMAINS)):
            continue
        line = file.line(("source", index) if ("source", index) in file.lines else ("source",))
        file.warnings.append(
            f"{file.path}:{line}: source: '{source}' is not an official page: cite a page "
            f"on {' or '.join(own) or 'the service’s website'}, or a government or "
            "health-service page (see CONTRIBUTING.md)"
        )


def _domains(file: _File, value: object) -> tuple[str, ...]:
    domains = []
    for where, item in _items(file, "official_domains", value):
        domain = _text(file, where, item)
        if domain is not None and not DOMAIN.match(domain):
            file.fail(where, f"'{domain}' is not a domain name",
                      hint="write the name only, in lowercase, e.g. lifeline.org.au")  # fmt: skip
        elif domain is not None:
            domains.append(domain.removeprefix("www."))
    return tuple(domains)


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
    texts = {key: _text(file, where + (key,), sms[key]) if key in sms else ""
             for key in ("keyword", "note", "display")}  # fmt: skip
    if number and None not in texts.values():
        return Sms(number, **texts)
    return None


NO_CONTACT_HINT = (
    "a service is listed only with a way to reach it that its official page gives: "
    "if none could be verified, leave the service out of the directory"
)


def _contact(file: _File, value: object, fields: dict) -> None:
    """Fills `fields` with phone, sms, chat, help_page and email."""
    where = ("contact",)
    if isinstance(value, str):
        file.fail(where, f"'{value}' is not contact details", hint=NO_CONTACT_HINT)
        return
    contact = _mapping(file, where, value, NESTED_FIELDS["contact"])
    if contact is None:
        return
    if not any(key in contact for key in CONTACT_FIELDS):
        file.fail(where, "no contact method: give at least one of " + ", ".join(CONTACT_FIELDS),
                  hint=NO_CONTACT_HINT)  # fmt: skip
        return
    if "phone" in contact:
        fields["phone"] = _phone(file, contact["phone"])
    if "sms" in contact:
        fields["sms"] = _sms(file, contact["sms"])
    if "chat" in contact:
        fields["chat"] = _url(file, where + ("chat",), contact["chat"]) or ""
    if "website" in contact:
        fields["help_page"] = _url(file, where + ("website",), contact["website"]) or ""
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


def _hours(file: _File, value: object, fields: dict) -> None:
    """Fills `fields` with open_always, or the schedule and its time zone."""
    if value == OPEN_ALWAYS:
        fields["open_always"] = True
        return
    if not isinstance(value, dict):
        file.fail(("hours",), f"'{value}' is neither 24/7 nor a timetable",
                  hint="write hours: 24/7, or the time_zone and open times as shown in "
                  "CONTRIBUTING.md; leave hours out if the official page gives none")  # fmt: skip
        return
    hours = _mapping(file, ("hours",), value, NESTED_FIELDS["hours"])
    for required in ("time_zone", "open"):
        if required not in hours:
            file.fail(
                ("hours", required),
                "required field is missing",
                line=file.line(("hours",)),
                hint="a timetable needs time_zone (e.g. America/New_York) and open",
            )
    if "time_zone" in hours:
        zone = _text(file, ("hours", "time_zone"), hours["time_zone"])
        if zone is not None and zone not in zoneinfo.available_timezones():
            file.fail(("hours", "time_zone"), f"'{zone}' is not a time zone"
                      f"{did_you_mean(zone, zoneinfo.available_timezones())}",
                      hint="write the service's own time zone as a place, e.g. America/New_York, "
                      "Europe/London, Australia/Sydney")  # fmt: skip
        fields["time_zone"] = zone
    rows = hours.get("open")
    if "open" not in hours:
        return
    if not isinstance(rows, list) or not rows:
        file.fail(
            ("hours", "open"),
            "must be a list of opening times",
            hint='write each as "- days: [Monday, Friday]" with from and until below',
        )
        return
    fields["schedule"] = tuple(_opening_times(file, ("hours", "open", i), row)
                               for i, row in enumerate(rows))  # fmt: skip


def _opening_times(file: _File, where: tuple, value: object) -> OpeningTimes | None:
    row = _mapping(file, where, value, NESTED_FIELDS["open"])
    if row is None:
        return None
    for required in ("days", "from", "until"):
        if required not in row:
            file.fail(
                where + (required,),
                "required field is missing",
                line=file.line(where),
                hint='each opening time has days, from and until, e.g. from: "10:00"',
            )
    days = row.get("days")
    if days == []:
        file.fail(where + ("days",), "lists no day", hint="write the days, e.g. [Monday, Friday]")
    names = []
    for index, day in enumerate(days if isinstance(days, list) else [days]):
        day_where = where + ("days", index) if isinstance(days, list) else where + ("days",)
        name = _text(file, day_where, day)
        if name is not None and name.lower() not in DAYS:
            file.fail(day_where, f"'{name}' is not a day{did_you_mean(name.lower(), DAYS)}",
                      hint="write the day's full name, e.g. Monday")  # fmt: skip
        elif name is not None:
            names.append(name.lower())
    times = []
    for key in ("from", "until"):
        text = _text(file, where + (key,), row[key]) if key in row else None
        if text is not None and not CLOCK.match(text):
            file.fail(
                where + (key,),
                f"'{text}' is not a time of day",
                hint='write it on the 24-hour clock in quotes, e.g. "09:30" or "22:00"',
            )
            text = None
        times.append(text)
    opens, closes = times
    if opens and closes and closes <= opens:
        file.fail(where + ("until",), f"closes at {closes}, not after it opens at {opens}",
                  hint='write "24:00" for midnight; for hours past midnight, write a second '
                  'row for the next day from "00:00"')  # fmt: skip
        return None
    if opens and closes and names and len(names) == len(days if isinstance(days, list) else [0]):
        return OpeningTimes(tuple(sorted(set(names), key=DAYS.index)), opens, closes)
    return None


def _main_lines(file: _File, value: object, fields: dict) -> tuple[str, ...]:
    """The crisis band shows this line: it must be open now, always, and dialable."""
    codes = tuple(
        code for where, item in _items(file, "main_crisis_line_for", value)
        if (code := _text(file, where, item)) is not None
    )  # fmt: skip
    where = ("main_crisis_line_for",)
    for code in codes:
        if code not in fields.get("countries", ()):
            file.fail(where, f"'{code}' is not among this service's countries",
                      hint=f"add {code} to countries, or remove it here")  # fmt: skip
    if codes and not fields.get("open_always"):
        file.fail(where, "a main crisis line must be open 24/7",
                  hint="the band on every page sends readers here at any hour: choose a "
                  "24/7 line, or remove main_crisis_line_for")  # fmt: skip
    if codes and not (fields.get("phone") or fields.get("sms")):
        file.fail(
            where,
            "a main crisis line needs a phone or text number",
            hint="the band offers a call or a text: add contact.phone or contact.sms",
        )
    return codes


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
    if "website" in data:
        fields["website"] = _url(file, ("website",), data["website"])
    if "official_domains" in data:
        fields["official_domains"] = _domains(file, data["official_domains"])
    if "contact" in data:
        _contact(file, data["contact"], fields)
    if "hours" in data:
        _hours(file, data["hours"], fields)
    if "cost_note" in data:
        fields["cost_note"] = _text(file, ("cost_note",), data["cost_note"])
    if "cost" in data:
        fields["cost"] = _choice(file, ("cost",), data["cost"], COSTS, "cost")
    fields["countries"] = _countries(file, data["countries"]) if "countries" in data else ()
    if "regions" in data:
        fields["regions"] = _regions(file, data["regions"], fields["countries"])
    if "main_crisis_line_for" in data:
        fields["main_crisis_line_for"] = _main_lines(file, data["main_crisis_line_for"], fields)
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
    _warn_unofficial_sources(file, fields["sources"], fields["website"],
                             fields.get("official_domains", ()))  # fmt: skip
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
