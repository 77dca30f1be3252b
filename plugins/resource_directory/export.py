"""Open data from the checked resources for people and search engines: a spreadsheet
(one row per resource, not an HSDS table: those are in `hsds.py`) and schema.org
JSON-LD.

Every output is deterministic: resources in page order, no clock time anywhere, so
an unchanged directory exports byte for byte the same file.
"""

from __future__ import annotations

import csv
import io
import json
import re

from .schema import DAYS, KINDS, Resource

CSV_COLUMNS = (
    "id", "name", "kind", "summary", "categories", "website", "phone", "phone_tel",
    "phone_note", "sms_number", "sms_keyword", "sms_note", "chat", "help_page", "email",
    "hours", "open_24_7", "countries", "regions", "main_crisis_line_for", "languages",
    "ages_min", "ages_max",
    "cost", "cost_note", "source", "last_verified", "page",
)  # fmt: skip
SCHEMA_DAYS = tuple(f"https://schema.org/{day.title()}" for day in DAYS)


# A spreadsheet runs a cell that starts with one of these as a formula
# (`=HYPERLINK(...)`, `+1+cmd|...`; OWASP's "CSV injection"); a phone number such as
# +44 800 111 is arithmetic on digits at worst, and stays as it is written.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-][\d ().-]*")


def as_text_cell(value: object) -> object:
    """A field a spreadsheet shows as the text it is: one that would start a
    formula gets a leading apostrophe, which spreadsheets read as "text"."""
    starts_formula = isinstance(value, str) and value.startswith(FORMULA_START)
    return f"'{value}" if starts_formula and not PLAIN_NUMBER.fullmatch(value) else value


def from_text_cell(value: str) -> str:
    """The field as written, from a cell that `as_text_cell` may have marked as text."""
    return value[1:] if value.startswith("'") and as_text_cell(value[1:]) == value else value


def to_csv(resources: list[Resource], addresses: dict[str, str]) -> str:
    """`addresses`: each service's page and anchor, by slug."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for resource in resources:
        row = _row(resource, addresses)
        writer.writerow({key: as_text_cell(value) for key, value in row.items()})
    return out.getvalue()


def _row(resource: Resource, addresses: dict[str, str]) -> dict[str, object]:
    phone, sms = resource.phone, resource.sms
    return {
        "id": resource.slug, "name": resource.name, "kind": resource.kind,
        "summary": resource.summary, "categories": ";".join(resource.categories),
        "phone": phone.display if phone else "", "phone_tel": phone.tel if phone else "",
        "phone_note": phone.note if phone else "",
        "sms_number": sms.number if sms else "", "sms_keyword": sms.keyword if sms else "",
        "sms_note": sms.note if sms else "", "chat": resource.chat,
        "website": resource.website, "help_page": resource.help_page, "email": resource.email,
        "hours": resource.hours_text, "open_24_7": "yes" if resource.open_always else "no",
        "countries": ";".join(resource.countries), "regions": ";".join(resource.regions),
        "main_crisis_line_for": ";".join(resource.main_crisis_line_for),
        "languages": ";".join(resource.languages),
        "ages_min": "" if resource.ages_min is None else resource.ages_min,
        "ages_max": "" if resource.ages_max is None else resource.ages_max,
        "cost": resource.cost, "cost_note": resource.cost_note,
        "source": " ".join(resource.sources),
        "last_verified": resource.last_verified.isoformat(),
        "page": addresses[resource.slug],
    }  # fmt: skip


def _channel(resource: Resource) -> dict:
    channel: dict[str, object] = {"@type": "ServiceChannel"}
    if resource.phone:
        channel["servicePhone"] = {"@type": "ContactPoint", "telephone": resource.phone.tel,
                                   "name": resource.phone.display}  # fmt: skip
    if resource.sms:
        channel["serviceSmsNumber"] = {"@type": "ContactPoint",
                                       "telephone": resource.sms.number}  # fmt: skip
    if resource.chat or resource.help_page:
        channel["serviceUrl"] = resource.chat or resource.help_page
    if resource.languages:
        channel["availableLanguage"] = list(resource.language_names)
    return channel


def _hours(resource: Resource) -> list[dict]:
    """Opening hours with schema.org's day URLs, in the service's own local time."""
    if resource.open_always:
        return [{"@type": "OpeningHoursSpecification", "dayOfWeek": list(SCHEMA_DAYS),
                 "opens": "00:00", "closes": "23:59"}]  # fmt: skip
    return [
        {"@type": "OpeningHoursSpecification",
         "dayOfWeek": [SCHEMA_DAYS[DAYS.index(day)] for day in times.days],
         "opens": times.opens, "closes": min(times.closes, "23:59")}
        for times in resource.schedule
    ]  # fmt: skip


def jsonld(resources: list[Resource], addresses: dict[str, str]) -> str:
    """schema.org ItemList of Services, safe to place inside a <script> element. The
    `@id`s are the services' addresses: absolute when SITEURL is set (publish builds)."""
    items = []
    for position, resource in enumerate(resources, start=1):
        service: dict[str, object] = {
            "@type": "Service", "@id": addresses[resource.slug], "name": resource.name,
            "description": resource.summary, "serviceType": KINDS[resource.kind],
        }  # fmt: skip
        if resource.website:
            service["url"] = resource.website
        if resource.countries:
            service["areaServed"] = [
                {"@type": "Country", "name": name, "identifier": code}
                for code, name in zip(resource.countries, resource.country_names, strict=True)
            ]
        service["availableChannel"] = _channel(resource)
        if resource.open_always or resource.schedule:
            service["hoursAvailable"] = _hours(resource)
        items.append({"@type": "ListItem", "position": position, "item": service})
    data = {"@context": "https://schema.org", "@type": "ItemList",
            "name": "Support resources", "itemListElement": items}  # fmt: skip
    text = json.dumps(data, ensure_ascii=False, indent=1)
    # "</script>" or "<!--" inside a value must not end the element early.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
