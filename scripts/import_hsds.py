"""Import an Open Referral HSDS 3.0 feed as support resource files.

    make import-hsds SRC=feed.json [IMPORTOPTS="--source https://… --country US"]
    python scripts/import_hsds.py SRC [--out content/resources] [--crosswalk FILE] …

SRC is a service list (the API's paged `/services` response, a list of services or
one service, as JSON) or a CSV data package (its folder or its datapackage.json).
Each service becomes one `content/resources/<name>.yaml`, checked as the build checks
it. Phones are written in E.164 where the country is known, addresses without a
scheme or with http:// get https:// (as the build requires), taxonomy terms become
kinds and categories through the crosswalk file, and each record keeps its source.
The report lists, per record, everything that was not brought over and why; a record
that would not pass the build's checks is not written, and its problems are listed
instead.

Exit codes: 0 every record written; 1 some records need a person (listed); 2 the
input is not HSDS, or a usage problem: nothing is written.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pycountry
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from resource_directory import hsds  # noqa: E402
from resource_directory.export import from_text_cell  # noqa: E402
from resource_directory.schema import (  # noqa: E402
    DAYS,
    KINDS,
    SUMMARY_MAX,
    read_resource,
    time_zones,
)

CROSSWALK = ROOT / "hsds-crosswalk.yaml"
OUT = ROOT / "content/resources"
# Tables of a data package nested under a service, as the service list nests them.
SERVICE_TABLES = {
    "phones": "phones",
    "schedules": "schedules",
    "service_areas": "service_areas",
    "languages": "languages",
}
# Fields that only link records together: nothing to bring over.
LINKS = {
    "id",
    "service_id",
    "organization_id",
    "location_id",
    "link_id",
    "taxonomy_term_id",
    "link_entity",
    "link_type",
    "resource_id",
    "resource_type",
    "taxonomy_id",
    "parent_id",
    "service_at_location_id",
    "phone_id",
    "contact_id",
    "program_id",
}
# Numbering plans with a trunk prefix 0 that E.164 drops, and North America's.
CALLING_CODES = {"GB": "44", "IE": "353", "AU": "61", "NZ": "64"}
NANP = {"US", "CA"}
SHORT_CODE = re.compile(r"^\d{3,8}$")


class NotHSDS(Exception):
    """The input is no HSDS 3.0 service list or data package."""


@dataclass
class Record:
    """One service on its way to a resource file."""

    where: str  # "feed.json:12" or "services.csv:3"
    service: dict
    data: dict = field(default_factory=dict)
    inactive: bool = False
    left: list[str] = field(default_factory=list)  # not brought over, and why
    changed: list[str] = field(default_factory=list)  # brought over in another form
    comments: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.service.get("name") or "(no name)")

    def leave(self, what: str, value: object, why: str) -> None:
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        self.left.append(f"{what} = {text[:120]!r}{'…' if len(text) > 120 else ''}: {why}")


# --- reading the input ----------------------------------------------------------------------


def load(source: Path) -> list[tuple[str, dict]]:
    """(where, nested service) for every service of SRC."""
    if source.is_dir():
        source = source / "datapackage.json"
    if not source.is_file():
        raise NotHSDS(f"{display(source)}: no such file")
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise NotHSDS(f"{display(source)}: is not JSON ({error})") from None
    if isinstance(data, dict) and isinstance(data.get("resources"), list):
        return load_package(source, data)
    services = data.get("contents") if isinstance(data, dict) and "contents" in data else data
    services = [services] if isinstance(services, dict) else services
    if (
        not isinstance(services, list)
        or not services
        or not all(
            isinstance(s, dict) and s.get("id") and s.get("name") and "status" in s
            for s in services
        )
    ):
        raise NotHSDS(
            f"{display(source)}: is not an HSDS 3.0 service list: expected services "
            "with id, name and status, alone, in a list or in the 'contents' of a "
            "page"
        )
    text = source.read_text(encoding="utf-8")
    return [(f"{display(source)}:{line_of(text, s['id'])}", s) for s in services]


def line_of(text: str, record_id: str) -> int:
    return text.count("\n", 0, max(text.find(f'"{record_id}"'), 0)) + 1


def load_package(source: Path, package: dict) -> list[tuple[str, dict]]:
    paths = {r.get("name"): r.get("path") for r in package["resources"] if isinstance(r, dict)}
    if paths.get("service") != "services.csv":
        raise NotHSDS(f"{display(source)}: is a data package without HSDS's services.csv")
    folder = source.parent
    tables = {}
    for name, path in paths.items():
        if isinstance(path, str) and (folder / path).is_file():
            with (folder / path).open(encoding="utf-8", newline="") as handle:
                # A table of this site's marks text that starts like a formula.
                tables[name] = [
                    {k: from_text_cell(v) for k, v in row.items() if v not in (None, "")}
                    for row in csv.DictReader(handle)
                ]
    services = tables.get("service", [])
    if not services or not {"id", "name"} <= set(services[0]):
        raise NotHSDS(f"{display(folder / 'services.csv')}: has no services with id and name")
    terms = {row["id"]: row for row in tables.get("taxonomy_term", [])}

    def attributes(link_id: str) -> list[dict]:
        found = [dict(a) for a in tables.get("attribute", []) if a.get("link_id") == link_id]
        for attribute in found:
            if attribute.get("taxonomy_term_id") in terms:
                attribute["taxonomy_term"] = terms[attribute["taxonomy_term_id"]]
        return found

    def under(table: str, key: str, value: str) -> list[dict]:
        return [
            dict(row, attributes=attributes(row["id"]))
            for row in tables.get(table, [])
            if row.get(key) == value
        ]

    organizations = {row["id"]: row for row in tables.get("organization", [])}
    locations = {row["id"]: row for row in tables.get("location", [])}
    loaded = []
    for number, row in enumerate(services, start=2):
        service = dict(row)
        for key, table in (
            ("phones", "phone"),
            ("schedules", "schedule"),
            ("service_areas", "service_area"),
            ("languages", "language"),
        ):
            service[key] = under(table, "service_id", row["id"])
        service["service_at_locations"] = [
            dict(link, location=locations.get(link.get("location_id"), {}))
            for link in tables.get("service_at_location", [])
            if link.get("service_id") == row["id"]
        ]
        service["attributes"] = attributes(row["id"])
        service["metadata"] = [
            m for m in tables.get("metadata", []) if m.get("resource_id") == row["id"]
        ]
        if row.get("organization_id") in organizations:
            service["organization"] = organizations[row["organization_id"]]
        for number_field in ("minimum_age", "maximum_age"):
            if number_field in service:
                service[number_field] = float(service[number_field])
        for schedule in service["schedules"]:
            if "timezone" in schedule:
                schedule["timezone"] = float(schedule["timezone"])
        loaded.append((f"{display(folder / 'services.csv')}:{number}", service))
    return loaded


def display(path: Path) -> str:
    path = path.resolve()
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)


# --- the crosswalk --------------------------------------------------------------------------


@dataclass
class Crosswalk:
    kinds: dict[str, str]
    categories: dict[str, list[str]]
    default_categories: list[str]

    @classmethod
    def read(cls, path: Path, categories: list[str]) -> Crosswalk:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except FileNotFoundError:
            raise NotHSDS(f"{display(path)}: no such crosswalk file") from None
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            raise NotHSDS(
                f"{display(path)}:{mark.line + 1 if mark else 1}: is not readable "
                "YAML: check the indentation and the quotes"
            ) from None
        kinds = {str(k).casefold(): str(v) for k, v in (data.get("kinds") or {}).items()}
        cats = {
            str(k).casefold(): [v] if isinstance(v, str) else list(v)
            for k, v in (data.get("categories") or {}).items()
        }
        default = data.get("default_categories") or []
        for term, kind in kinds.items():
            if kind not in KINDS:
                raise NotHSDS(
                    f"{display(path)}:{line(path, term)}: '{kind}' is not a kind: "
                    f"use one of {', '.join(KINDS)}"
                )
        for term, slugs in [*cats.items(), ("default_categories", default)]:
            for slug in slugs:
                if slug not in categories:
                    raise NotHSDS(
                        f"{display(path)}:{line(path, term)}: '{slug}' is not a "
                        f"category: use one of {', '.join(categories)}"
                    )
        return cls(kinds, cats, list(default))


def line(path: Path, text: str) -> int:
    for number, content in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text.casefold() in content.casefold():
            return number
    return 1


# --- normalising ----------------------------------------------------------------------------


def https(url: str) -> str:
    """An address as a link: https:// added when it has no scheme, or in place of
    http://, which the build refuses for an address readers are sent to."""
    url = url.strip()
    if url.lower().startswith("http://"):
        return f"https://{url[len('http://') :]}"
    if re.match(r"^[a-z][a-z0-9+.-]*://", url, re.IGNORECASE):
        return url
    return f"https://{url.removeprefix('//')}"


def e164(number: str, country: str) -> str | None:
    """The number to dial from abroad, or a national short code; None when the
    country, and so the number, is not known for sure."""
    digits = re.sub(r"[\s().\-/]", "", number)
    if digits.startswith("+") and digits[1:].isdigit():
        return digits
    if not digits.isdigit():
        return None
    if SHORT_CODE.match(digits) and len(digits) <= 6:
        return digits
    if country in NANP:
        if len(digits) == 10:
            return f"+1{digits}"
        if len(digits) == 11 and digits.startswith("1"):
            return f"+{digits}"
        return None
    code = CALLING_CODES.get(country)
    if code and digits.startswith("0") and 8 <= len(digits) <= 12:
        return f"+{code}{digits[1:]}"
    return None


def shorten(text: str) -> str:
    """The whole sentences that fit the summary's limit, or the words that do."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    summary = ""
    for sentence in sentences:
        candidate = f"{summary} {sentence}".strip()
        if len(candidate) > SUMMARY_MAX:
            break
        summary = candidate
    return summary or text[: SUMMARY_MAX - 1].rsplit(" ", 1)[0] + "…"


def clock(value: str) -> str:
    """HH:MM from an HSDS time (09:00, 09:00:00-05:00, 09:00Z); 23:59 is the end of the day."""
    time = value[:5]
    return "24:00" if time == "23:59" else time


# --- one service ----------------------------------------------------------------------------


class Importer:
    def __init__(self, crosswalk: Crosswalk, country: str, source: str, time_zone: str):
        self.crosswalk = crosswalk
        self.country = country
        self.source = source
        self.time_zone = time_zone

    def record(self, where: str, service: dict) -> Record:
        record = Record(where, service)
        s, data = service, record.data
        record.inactive = s.get("status", "active") != "active"
        data["name"] = s["name"]
        organization = s.get("organization") or {}
        description = s.get("description") or organization.get("description") or ""
        if len(description) > SUMMARY_MAX:
            data["summary"] = shorten(description)
            record.changed.append(
                f"description: shortened to {len(data['summary'])} characters "
                f"(at most {SUMMARY_MAX}); the full text is in the file"
            )
            record.comments.append(f"Full description from the feed: {description}")
        elif description:
            data["summary"] = description
        self.terms(record)
        website = organization.get("website") or s.get("url")
        if website:
            data["website"] = self.link(record, "website", website)
        self.details(record, "official-domain", "official_domains")
        contact: dict = {}
        self.phones(record, contact)
        if s.get("url"):
            contact["website"] = self.link(record, "url", s["url"])
        for link in s.get("service_at_locations") or []:
            location = link.get("location") or {}
            text = f"{location.get('name', '')} {link.get('description', '')}".casefold()
            if location.get("location_type") == "virtual" and "chat" in text and "url" in location:
                contact["chat"] = self.link(record, "chat", location["url"])
            else:
                record.leave(
                    "service_at_locations",
                    location or link,
                    "the site lists no places: give the address in the summary",
                )
        if s.get("email"):
            contact["email"] = s["email"]
        if contact:
            data["contact"] = contact
        self.hours(record)
        self.areas(record)
        self.details(record, "main-crisis-line-for", "main_crisis_line_for")
        self.languages(record)
        ages = {
            key: int(s[f"{key}imum_age"])
            for key in ("min", "max")
            if s.get(f"{key}imum_age") is not None
        }
        if ages:
            data["ages"] = ages
        self.cost(record)
        self.provenance(record)
        self.leftovers(record)
        return record

    def link(self, record: Record, what: str, url: str) -> str:
        fixed = https(url)
        if fixed != url:
            record.changed.append(f"{what}: '{url}' written as '{fixed}'")
        return fixed

    def terms(self, record: Record) -> None:
        kinds, categories = [], []
        for attribute in record.service.get("attributes") or []:
            term = attribute.get("taxonomy_term") or {}
            code = str(term.get("code", ""))
            group, _, value = code.partition(":")
            ours = term.get("taxonomy") == hsds.TAXONOMY_NAME
            keys = [str(term.get(k, "")).casefold() for k in ("code", "name") if term.get(k)]
            if ours and group == "kind":
                kinds.append(value.replace("-", " "))
            elif ours and group == "category":
                categories.append(value)
            elif ours and group in ("cost", "detail"):
                continue  # read with the field it belongs to
            elif any(key in self.crosswalk.kinds for key in keys):
                kinds.append(
                    next(self.crosswalk.kinds[k] for k in keys if k in self.crosswalk.kinds)
                )
                categories += next(
                    (self.crosswalk.categories[k] for k in keys if k in self.crosswalk.categories),
                    [],
                )
            elif any(key in self.crosswalk.categories for key in keys):
                categories += next(
                    self.crosswalk.categories[k] for k in keys if k in self.crosswalk.categories
                )
            else:
                record.leave(
                    "taxonomy term",
                    term.get("name") or code or attribute,
                    "not in the crosswalk: add it under kinds or categories",
                )
        if kinds:
            record.data["kind"] = kinds[0]
            for other in dict.fromkeys(kinds[1:]):
                if other != kinds[0]:
                    record.leave("kind", other, f"a resource has one kind; '{kinds[0]}' kept")
        categories = list(dict.fromkeys(categories)) or self.crosswalk.default_categories
        if categories:
            record.data["categories"] = categories

    def values(self, attributes: list[dict], name: str) -> list[str]:
        code = hsds.term_code("detail", name)
        return [
            str(a["value"])
            for a in attributes or []
            if (a.get("taxonomy_term") or {}).get("code") == code and a.get("value")
        ]

    def details(self, record: Record, name: str, key: str) -> None:
        found = self.values(record.service.get("attributes"), name)
        if found:
            record.data[key] = found

    def phones(self, record: Record, contact: dict) -> None:
        for phone in record.service.get("phones") or []:
            kind = "sms" if phone.get("type") in ("text", "sms") else "phone"
            if kind in contact or phone.get("type") not in (None, "voice", "text", "sms", "cell"):
                record.leave(
                    "phone",
                    phone.get("number"),
                    "the site shows one phone and one text number per service",
                )
                continue
            number = str(phone.get("number", ""))
            dialled = e164(number, self.country)
            if dialled is None:
                record.leave(
                    "phone",
                    number,
                    "cannot tell the country code: give --country, "
                    "or write the number with + and its country code",
                )
                continue
            shown = self.values(phone.get("attributes"), "number-as-written")
            entry = {"display": shown[0] if shown else number} if kind == "phone" or shown else {}
            if kind == "phone":
                entry["tel"] = dialled
            else:
                entry = {"number": dialled, **entry}
                keyword = self.values(phone.get("attributes"), "text-keyword")
                if keyword:
                    entry["keyword"] = keyword[0]
            if dialled != number and not shown:
                record.changed.append(f"phone: '{number}' dialled as '{dialled}'")
            if phone.get("description"):
                entry["note"] = phone["description"]
            if phone.get("extension") is not None:
                record.leave("phone extension", phone["extension"], "the site has no field for it")
            contact[kind] = entry

    def hours(self, record: Record) -> None:
        schedules = record.service.get("schedules") or []
        if not schedules:
            return
        rows, zone = [], ""
        for schedule in schedules:
            extra = [
                k
                for k in (
                    "valid_from",
                    "valid_to",
                    "dtstart",
                    "until",
                    "count",
                    "bymonthday",
                    "byyearday",
                    "byweekno",
                )
                if schedule.get(k)
            ]
            if (
                schedule.get("freq") != "WEEKLY"
                or extra
                or not schedule.get("byday")
                or not schedule.get("opens_at")
                or not schedule.get("closes_at")
                or schedule.get("interval") not in (None, 1, 1.0)
            ):
                record.leave(
                    "schedule",
                    schedule.get("description") or schedule,
                    "only weekly opening times can be brought over: write hours "
                    "by hand from the service's page",
                )
                return
            days = [
                DAYS[[d[:2].upper() for d in DAYS].index(d)] for d in schedule["byday"].split(",")
            ]
            rows.append(
                {
                    "days": [day.title() for day in days],
                    "from": clock(schedule["opens_at"]),
                    "until": clock(schedule["closes_at"]),
                }
            )
            zone = (self.values(schedule.get("attributes"), "time-zone") or [zone])[0]
        if (
            len(rows) == 1
            and len(rows[0]["days"]) == 7
            and (rows[0]["from"], rows[0]["until"]) == ("00:00", "24:00")
        ):
            record.data["hours"] = "24/7"
            return
        zone = zone or self.time_zone
        if zone not in time_zones():
            record.leave(
                "schedules",
                schedules[0].get("description") or rows,
                "the feed gives no time zone: give --time-zone, e.g. America/Chicago",
            )
            return
        record.data["hours"] = {"time_zone": zone, "open": rows}

    def areas(self, record: Record) -> None:
        countries, regions = [], []
        for area in record.service.get("service_areas") or []:
            code = str(area.get("description") or area.get("uri") or "").strip()
            if pycountry.subdivisions.get(code=code):
                regions.append(code)
            elif len(code) == 2 and pycountry.countries.get(alpha_2=code.upper()):
                countries.append(code.upper())
            else:
                try:
                    countries.append(pycountry.countries.lookup(area.get("name", "")).alpha_2)
                except LookupError:
                    record.leave(
                        "service area",
                        area.get("name") or area,
                        "only countries and their regions (ISO 3166) can be listed",
                    )
        if not countries and self.country:
            countries = [self.country]
            record.changed.append(f"countries: none in the feed, {self.country} from --country")
        if countries:
            record.data["countries"] = list(dict.fromkeys(countries))
        if regions:
            record.data["regions"] = list(dict.fromkeys(regions))

    def languages(self, record: Record) -> None:
        tags = []
        for language in record.service.get("languages") or []:
            if language.get("code"):
                tags.append(language["code"])
                continue
            try:
                found = pycountry.languages.lookup(language.get("name", ""))
                tags.append(getattr(found, "alpha_2", None) or found.alpha_3)
            except LookupError:
                record.leave("language", language.get("name") or language, "not a language name")
        if tags:
            record.data["languages"] = tags

    def cost(self, record: Record) -> None:
        s = record.service
        costs = [
            str((a.get("taxonomy_term") or {}).get("code", "")).partition(":")[2]
            for a in s.get("attributes") or []
            if str((a.get("taxonomy_term") or {}).get("code", "")).startswith("cost:")
            and (a.get("taxonomy_term") or {}).get("taxonomy") == hsds.TAXONOMY_NAME
        ]
        fees = s.get("fees_description", "")
        if costs:
            record.data["cost"] = costs[0]
            fees = fees.removeprefix(costs[0]).removeprefix("; ")
        if fees:
            record.data["cost_note"] = fees

    def provenance(self, record: Record) -> None:
        s = record.service
        metadata = s.get("metadata") or []
        sources = [
            m["replacement_value"]
            for m in metadata
            if m.get("field_name") == "source" and m.get("replacement_value")
        ]
        record.data["source"] = sources or ([self.source] if self.source else [])
        dates = [m["last_action_date"] for m in metadata if m.get("last_action_date")]
        day = s.get("assured_date") or max(dates, default="")
        if day:
            record.data["last_verified"] = str(day)[:10]

    def leftovers(self, record: Record) -> None:
        """Every filled field of the service this importer does not read."""
        read = {
            "name",
            "description",
            "url",
            "email",
            "status",
            "fees_description",
            "minimum_age",
            "maximum_age",
            "assured_date",
            "organization",
            "phones",
            "schedules",
            "service_areas",
            "languages",
            "attributes",
            "metadata",
            "service_at_locations",
        }
        for key, value in record.service.items():
            if key not in read and key not in LINKS and value not in (None, "", [], {}):
                record.leave(key, value, "the site has no field for it")
        organization = record.service.get("organization") or {}
        for key, value in organization.items():
            if (
                key not in {"name", "description", "website"} | LINKS
                and value not in (None, "", [], {})
                and not (key == "email" and value == record.service.get("email"))
            ):
                record.leave(f"organization.{key}", value, "the site has no field for it")


# --- writing --------------------------------------------------------------------------------

ORDER = (
    "name",
    "summary",
    "kind",
    "categories",
    "website",
    "official_domains",
    "contact",
    "hours",
    "countries",
    "regions",
    "main_crisis_line_for",
    "languages",
    "ages",
    "cost",
    "cost_note",
    "source",
    "last_verified",
)


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "service"


def to_yaml(record: Record) -> str:
    data = {key: record.data[key] for key in ORDER if key in record.data}
    if len(data.get("source", [])) == 1:
        data["source"] = data["source"][0]
    text = yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )
    notes = [f"# Imported from {record.where}."]
    notes += [f"# {line}" for comment in record.comments for line in wrap(comment)]
    return "\n".join(notes) + "\n" + text


def wrap(text: str, width: int = 96) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current] if current else lines


def run(args: argparse.Namespace) -> int:
    categories = sorted(path.stem for path in (ROOT / "content/categories").glob("*.md"))
    try:
        crosswalk = Crosswalk.read(Path(args.crosswalk), categories)
        services = load(Path(args.src))
    except NotHSDS as error:
        print(f"{error}\nNothing was written.", file=sys.stderr)
        return 2
    if args.country and not pycountry.countries.get(alpha_2=args.country):
        print(
            f"--country: '{args.country}' is not an ISO 3166 country code such as US or GB\n"
            "Nothing was written.",
            file=sys.stderr,
        )
        return 2
    importer = Importer(crosswalk, args.country, args.source, args.time_zone)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    today = datetime.date.today()
    written = needs_person = 0
    taken: set[str] = set()
    for where, service in services:
        record = importer.record(where, service)
        base = slug = slugify(record.name)
        number = 1
        while slug in taken or ((out / f"{slug}.yaml").exists() and not args.replace):
            number += 1
            slug = f"{base}-{number}"
        if slug != base:
            record.changed.append(f"{base}.yaml is taken: written as {slug}.yaml")
        target = out / f"{slug}.yaml"
        text = to_yaml(record)
        resource, checked = read_resource(display(target), text, categories, today)
        problems = [f"{e.message}" + (f" ({e.hint})" if e.hint else "") for e in checked.errors]
        if record.inactive:
            problems.append(f"status: '{service['status']}': only active services are listed")
        print(
            f"{where}: {record.name}: "
            + (
                f"not written, {len(problems)} problem(s)"
                if problems or resource is None
                else f"written as {display(target)}"
            )
        )
        for line_text in problems:
            print(f"  needs a person: {line_text}")
        for line_text in record.changed:
            print(f"  changed: {line_text}")
        for line_text in record.left:
            print(f"  not brought over: {line_text}")
        for warning in checked.warnings:
            print(f"  warning: {warning.split(': ', 1)[-1]}")
        if problems or resource is None:
            needs_person += 1
            continue
        target.write_text(text, encoding="utf-8")
        taken.add(slug)
        written += 1
    print(f"{written} written, {needs_person} need a person, from {len(services)} service(s)")
    return 1 if needs_person else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("src", help="an HSDS 3.0 service list (JSON) or CSV data package")
    parser.add_argument("--out", default=str(OUT), help="where to write the files")
    parser.add_argument(
        "--crosswalk", default=str(CROSSWALK), help="taxonomy terms to kinds and categories"
    )
    parser.add_argument(
        "--country",
        default="",
        type=str.upper,
        help="the country of national numbers and of services without an area",
    )
    parser.add_argument(
        "--source", default="", help="the feed's address: the source of records that name none"
    )
    parser.add_argument(
        "--time-zone",
        default="",
        help="the time zone of opening times in the feed, e.g. America/Chicago",
    )
    parser.add_argument("--replace", action="store_true", help="write over existing files")
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
