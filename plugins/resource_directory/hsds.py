"""The directory in Open Referral HSDS 3.0's own shapes, for tools that read HSDS.

- `service_list`: the API's paged `/services?full=true` response, each service with
  its organization, phones, schedules, service areas, languages, chat (a virtual
  location), attributes and metadata nested, as `schema/service.json` defines them.
- `taxonomy_list`: the paged `/taxonomy_terms` response for this site's kinds,
  categories, costs and the details HSDS has no field for; services point to the
  terms through attributes.
- `data_package`: the same services as the spec's CSV data package: its own
  `datapackage.json` (a copy beside this file, with its licence) and every table
  it names, those without rows as a header line.

A service's `url` is its help page (contact.website), the organization's `website`
the official site: the fields HSDS keeps as they are go to the columns that their
`x-hsds` annotation in the resource schema (definition.py) names. Sources and
`last_verified` go where HSDS keeps provenance: `assured_date` and one `metadata`
entry per source ("verified" on that day, the value unchanged). The importer
(`scripts/import_hsds.py`) reads all of this back.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import uuid
import zoneinfo
from functools import cache
from pathlib import Path

from .definition import hsds_columns
from .export import as_text_cell
from .schema import DAYS, KINDS, OpeningTimes, Resource

# Any fixed namespace works: it only has to stay the same from build to build, so
# that a service keeps its id.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "small-wins/resources")
SPEC = Path(__file__).with_name("hsds-3.0")
TAXONOMY_NAME = "Small Wins directory"
UPDATED_BY = "Small Wins editors"
EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"
COST_NAMES = {"free": "Free", "paid": "Paid", "insurance": "Covered by insurance"}
# Facts of a resource file that HSDS has no field for: an attribute's value carries them.
DETAILS = {
    "official-domain": "Official domain: another domain of the service or of who runs it",
    "main-crisis-line-for": "Main crisis line for a country (ISO 3166-1 code)",
    "number-as-written": "The phone or text number as the service writes it",
    "text-keyword": "The word to text to start a conversation",
    "time-zone": "The IANA time zone the opening times are in",
}
CHAT = "Online chat"
# Nested keys of the service list and the CSV table each becomes.
TABLES = {
    "organization": "organizations", "phones": "phones", "schedules": "schedules",
    "service_areas": "service_areas", "languages": "languages", "attributes": "attributes",
    "metadata": "metadata", "service_at_locations": "service_at_location",
    "location": "locations", "taxonomy_term": "taxonomy_terms", "taxonomy_detail": "taxonomies",
}  # fmt: skip


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def row(**fields) -> dict:
    """An HSDS object: fields with no value are left out rather than written as null."""
    return {key: value for key, value in fields.items() if value not in (None, "", [])}


@cache
def spec_columns(table: str) -> tuple[str, ...]:
    (item,) = (item for item in spec_package()["resources"] if item["path"] == f"{table}.csv")
    return tuple(field["name"] for field in item["schema"]["fields"])


def copied(resource: Resource, table: str, **more) -> dict:
    """The fields of `table` copied from the resource as they are, where the schema's
    `x-hsds` puts them (two fields in one column are joined by "; "), with `more`,
    in the spec's column order."""
    values: dict[str, list] = {}
    for path, places in hsds_columns().items():
        for place in places:
            if place.startswith(f"{table}."):
                value = resource.value(path)
                value = value.isoformat() if isinstance(value, datetime.date) else value
                values.setdefault(place.split(".", 1)[1], []).append(value)
    fields = {column: "; ".join(filter(None, items)) if len(items) > 1 else items[0]
              for column, items in values.items()} | more  # fmt: skip
    return dict(sorted(fields.items(), key=lambda item: spec_columns(table).index(item[0])))


# --- taxonomy -------------------------------------------------------------------------------


def term_code(group: str, value: str) -> str:
    return f"{group}:{value.replace(' ', '-')}"


def taxonomy_detail() -> dict:
    return {
        "id": stable_id("taxonomy"), "name": TAXONOMY_NAME, "version": "1",
        "description": "The kinds of service, the site's categories, costs and the details "
        "of a support resource that HSDS has no field for.",
    }  # fmt: skip


def taxonomy_terms(category_titles: dict[str, str]) -> dict[str, dict]:
    """Every term by code: four groups, each with its terms below it."""
    detail = taxonomy_detail()
    terms: dict[str, dict] = {}

    def add(code: str, name: str, description: str, parent: str = "") -> None:
        terms[code] = row(
            id=stable_id("term", code), code=code, name=name, description=description,
            parent_id=terms[parent]["id"] if parent else "", taxonomy=TAXONOMY_NAME,
            language="en", taxonomy_id=detail["id"], taxonomy_detail=detail,
        )  # fmt: skip

    add("kind", "Kind", "What kind of service it is; each service has one.")
    for kind, label in KINDS.items():
        add(term_code("kind", kind), kind.capitalize(), f"Listed under “{label}”.", "kind")
    add("category", "Category", "The site's categories the service is listed on.")
    for slug, title in category_titles.items():
        add(term_code("category", slug), title, f"Listed on the category page “{title}”.",
            "category")  # fmt: skip
    add("cost", "Cost", "What using the service costs.")
    for cost, name in COST_NAMES.items():
        add(term_code("cost", cost), name, f"Cost: {name.lower()}.", "cost")
    add("detail", "Detail", "Facts HSDS has no field for, in the attribute's value.")
    for code, description in DETAILS.items():
        add(term_code("detail", code), code.replace("-", " ").capitalize(), description,
            "detail")  # fmt: skip
    return terms


def page(contents: list[dict]) -> dict:
    """HSDS's API page: everything on one page."""
    return {
        "total_items": len(contents), "total_pages": 1, "page_number": 1,
        "size": len(contents), "first_page": True, "last_page": True,
        "empty": not contents, "contents": contents,
    }  # fmt: skip


def taxonomy_list(category_titles: dict[str, str]) -> dict:
    return page(list(taxonomy_terms(category_titles).values()))


# --- services -------------------------------------------------------------------------------


def utc_offset(zone: str, day: datetime.date) -> datetime.timedelta:
    moment = datetime.datetime.combine(day, datetime.time(12), zoneinfo.ZoneInfo(zone))
    return moment.utcoffset()


def clock(time: str, offset: datetime.timedelta | None) -> str:
    """HH:MM:SS with the UTC offset (Z for UTC): the form both the JSON schema's text
    and the data package's `time` type accept. 24:00 is written 23:59:00."""
    time = f"{min(time, '23:59')}:00"
    if not offset:
        return f"{time}Z"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{time}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def by_day(times: OpeningTimes) -> str:
    return ",".join(day[:2].upper() for day in times.days if day in DAYS)


def hours_number(offset: datetime.timedelta) -> int | float:
    hours = offset.total_seconds() / 3600
    return int(hours) if hours.is_integer() else hours


class _Builder:
    """The nested objects of one resource, with ids derived from its slug."""

    def __init__(self, resource: Resource, terms: dict[str, dict]) -> None:
        self.resource = resource
        self.terms = terms
        self.service_id = stable_id(resource.slug, "service")
        self.organization_id = stable_id(resource.slug, "organization")

    def attribute(self, entity: str, link_id: str, code: str, value: str = "") -> dict:
        # The term without its taxonomy (named in it, and in taxonomy.json), which
        # would repeat in every attribute.
        term = {key: item for key, item in self.terms[code].items() if key != "taxonomy_detail"}
        return row(
            id=stable_id(self.resource.slug, "attribute", link_id, code, value),
            link_id=link_id, taxonomy_term_id=term["id"], link_type=code.split(":", 1)[0],
            link_entity=entity, value=value, taxonomy_term=term,
        )  # fmt: skip

    def detail(self, entity: str, link_id: str, name: str, value: str) -> list[dict]:
        return [self.attribute(entity, link_id, term_code("detail", name), value)] if value else []

    def service(self) -> dict:
        return row(
            **copied(self.resource, "services", id=self.service_id,
                     organization_id=self.organization_id, status="active"),
            phones=self.phones(), schedules=self.schedules(),
            service_areas=self.areas(), languages=self.languages(),
            service_at_locations=self.chat(), organization=self.organization(),
            attributes=self.attributes(), metadata=self.metadata(),
        )  # fmt: skip

    def organization(self) -> dict:
        return row(**copied(self.resource, "organizations", id=self.organization_id))

    def phones(self) -> list[dict]:
        r, phones = self.resource, []
        if r.phone:
            phone_id = stable_id(r.slug, "phone")
            phones.append(row(
                id=phone_id, service_id=self.service_id, number=r.phone.tel, type="voice",
                description=r.phone.note,
                attributes=self.detail("phone", phone_id, "number-as-written", r.phone.display),
            ))  # fmt: skip
        if r.sms:
            sms_id = stable_id(r.slug, "sms")
            phones.append(row(
                id=sms_id, service_id=self.service_id, number=r.sms.number, type="text",
                description=r.sms.note,
                attributes=[*self.detail("phone", sms_id, "number-as-written", r.sms.display),
                            *self.detail("phone", sms_id, "text-keyword", r.sms.keyword)],
            ))  # fmt: skip
        return phones

    def schedules(self) -> list[dict]:
        """Weekly schedules. Offsets are those of the day the hours were checked (a
        fixed day, so the export never depends on the clock); the time-zone attribute
        names the zone, whose offset moves with daylight saving."""
        r = self.resource
        if r.open_always:
            return [row(
                id=stable_id(r.slug, "schedule"), service_id=self.service_id, freq="WEEKLY",
                wkst="MO", byday=EVERY_DAY, opens_at="00:00:00Z", closes_at="23:59:00Z",
                description=r.hours_text,
            )]  # fmt: skip
        offset = utc_offset(r.time_zone, r.last_verified) if r.schedule else None
        rows = []
        for index, times in enumerate(r.schedule):
            schedule_id = stable_id(r.slug, "schedule", str(index))
            rows.append(row(
                id=schedule_id, service_id=self.service_id, freq="WEEKLY", wkst="MO",
                byday=by_day(times), opens_at=clock(times.opens, offset),
                closes_at=clock(times.closes, offset), timezone=hours_number(offset),
                description=r.hours_text,
                notes=f"Times are {r.time_zone} time (daylight saving applies).",
                attributes=self.detail("schedule", schedule_id, "time-zone", r.time_zone),
            ))  # fmt: skip
        return rows

    def areas(self) -> list[dict]:
        r = self.resource
        return self.named("area", [*zip(r.countries, r.country_names, strict=True),
                                   *zip(r.regions, r.region_names, strict=True)])  # fmt: skip

    def languages(self) -> list[dict]:
        r = self.resource
        return self.named("language", zip(r.languages, r.language_names, strict=True), "code")

    def named(self, what: str, pairs, code_field: str = "description") -> list[dict]:
        """A row per (code, name): the service areas (the code as description) and the
        languages (as code)."""
        return [row(id=stable_id(self.resource.slug, what, code), service_id=self.service_id,
                    name=name, **{code_field: code}) for code, name in pairs]  # fmt: skip

    def chat(self) -> list[dict]:
        r = self.resource
        if not r.chat:
            return []
        location_id = stable_id(r.slug, "chat")
        location = row(id=location_id, location_type="virtual", url=r.chat, name=CHAT,
                       organization_id=self.organization_id)  # fmt: skip
        return [row(id=stable_id(r.slug, "service-at-chat"), service_id=self.service_id,
                    location_id=location_id, description=CHAT, location=location)]  # fmt: skip

    def attributes(self) -> list[dict]:
        r, sid = self.resource, self.service_id
        return [
            self.attribute("service", sid, term_code("kind", r.kind)),
            *(self.attribute("service", sid, term_code("category", slug))
              for slug in r.categories),
            *([self.attribute("service", sid, term_code("cost", r.cost))] if r.cost else []),
            *(item for domain in r.official_domains
              for item in self.detail("service", sid, "official-domain", domain)),
            *(item for code in r.main_crisis_line_for
              for item in self.detail("service", sid, "main-crisis-line-for", code)),
        ]  # fmt: skip

    def metadata(self) -> list[dict]:
        r = self.resource
        return [
            row(
                id=stable_id(r.slug, "source", str(index)),
                resource_id=self.service_id,
                resource_type="service",
                last_action_date=r.last_verified.isoformat(),
                last_action_type="verified",
                field_name="source",
                previous_value=source,
                replacement_value=source,
                updated_by=UPDATED_BY,
            )  # fmt: skip
            for index, source in enumerate(r.sources)
        ]


def services(resources: list[Resource], category_titles: dict[str, str]) -> list[dict]:
    terms = taxonomy_terms(category_titles)
    return [_Builder(resource, terms).service() for resource in resources]


def service_list(resources: list[Resource], category_titles: dict[str, str]) -> dict:
    return page(services(resources, category_titles))


def to_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- CSV data package -----------------------------------------------------------------------


def spec_package() -> dict:
    return json.loads((SPEC / "datapackage.json").read_text(encoding="utf-8"))


def tables(nested: list[dict]) -> dict[str, dict[str, dict]]:
    """Rows per CSV table, by id: each nested object once, with only its own fields."""
    found: dict[str, dict[str, dict]] = {}

    def walk(obj: dict, table: str) -> None:
        fields = {key: value for key, value in obj.items() if key not in TABLES}
        found.setdefault(table, {}).setdefault(obj["id"], fields)
        for key, value in obj.items():
            if key in TABLES:
                for child in value if isinstance(value, list) else [value]:
                    walk(child, TABLES[key])

    for service in nested:
        walk(service, "services")
    return found


def cell(value: object) -> str:
    """A value as a table's cell, guarded as resources.csv's are: text that starts like
    a formula (a name such as =HYPERLINK(…)) is marked as text, so a spreadsheet never
    runs it. A number (+44800000000, -5), an id, a date, a time or a web address never
    starts like one, so each column keeps the type the data package gives it."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else as_text_cell(str(value))


def data_package(resources: list[Resource], category_titles: dict[str, str]) -> dict[str, str]:
    """File name → text: datapackage.json and every table it names."""
    package = spec_package()
    package.update(
        name="small-wins-support-resources", title="Small Wins support resources",
        description="The support resources of the Small Wins directory, in the tabular "
        "form of Open Referral HSDS 3.0.",
    )  # fmt: skip
    rows = tables(services(resources, category_titles))
    # Every term belongs in the taxonomy table, used or not, as in taxonomy.json.
    for term in taxonomy_terms(category_titles).values():
        rows.setdefault("taxonomy_terms", {}).setdefault(
            term["id"], {k: v for k, v in term.items() if k not in TABLES}
        )
    rows.setdefault("taxonomies", {})[taxonomy_detail()["id"]] = taxonomy_detail()
    files = {"datapackage.json": json.dumps(package, ensure_ascii=False, indent=2) + "\n"}
    for table in package["resources"]:
        columns = [field["name"] for field in table["schema"]["fields"]]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for item in rows.get(table["path"].removesuffix(".csv"), {}).values():
            writer.writerow([cell(item.get(column)) for column in columns])
        files[table["path"]] = out.getvalue()
    return files
