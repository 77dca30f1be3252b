"""Open data from the checked resources: HSDS 3.0 JSON, CSV and schema.org JSON-LD.

Every output is deterministic: resources in page order, ids derived from the slug
(UUID 5), no clock time anywhere, so an unchanged directory exports byte for byte
the same file.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import uuid
import zoneinfo

from .schema import DAYS, KINDS, OpeningTimes, Resource

# Any fixed namespace works: it only has to stay the same from build to build.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "small-wins/resources")
HSDS_VERSION = "3.0"
HSDS_TABLES = ("organizations", "services", "phones", "schedules", "service_areas", "languages")
EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"
CSV_COLUMNS = (
    "id", "name", "kind", "summary", "categories", "website", "phone", "phone_tel",
    "phone_note", "sms_number", "sms_keyword", "sms_note", "chat", "help_page", "email",
    "hours", "open_24_7", "countries", "regions", "main_crisis_line_for", "languages",
    "ages_min", "ages_max",
    "cost", "cost_note", "source", "last_verified", "page",
)  # fmt: skip


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def row(**fields) -> dict:
    """An HSDS row: fields with no value are left out rather than written as null."""
    return {key: value for key, value in fields.items() if value is not None and value != ""}


def fees_description(resource: Resource) -> str:
    return "; ".join(text for text in (resource.cost, resource.cost_note) if text)


def utc_offset(zone: str, day: datetime.date) -> datetime.timedelta:
    moment = datetime.datetime.combine(day, datetime.time(12), zoneinfo.ZoneInfo(zone))
    return moment.utcoffset()


def clock_with_offset(clock: str, offset: datetime.timedelta) -> str:
    """HSDS times carry their UTC offset: 10:00 in New York in winter is 10:00-05:00."""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{clock}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def schedule_rows(resource: Resource, service_id: str) -> list[dict]:
    """HSDS weekly schedules. Offsets are those of the day the hours were checked
    (a fixed day, so the export never depends on the clock); the time zone's name
    says how they move with daylight saving."""
    if resource.open_always:
        return [row(
            id=stable_id(resource.slug, "schedule"), service_id=service_id, freq="WEEKLY",
            byday=EVERY_DAY, opens_at="00:00Z", closes_at="23:59Z",
            description=resource.hours_text,
        )]  # fmt: skip
    offset = utc_offset(resource.time_zone, resource.last_verified) if resource.schedule else None
    return [
        row(
            id=stable_id(resource.slug, "schedule", str(index)), service_id=service_id,
            freq="WEEKLY", byday=by_day(times), wkst="MO",
            opens_at=clock_with_offset(times.opens, offset),
            closes_at=clock_with_offset(min(times.closes, "23:59"), offset),
            timezone=offset.total_seconds() / 3600, description=resource.hours_text,
            notes=f"Times are {resource.time_zone} time (daylight saving applies).",
        )
        for index, times in enumerate(resource.schedule)
    ]  # fmt: skip


def by_day(times: OpeningTimes) -> str:
    return ",".join(day[:2].upper() for day in times.days if day in DAYS)


def hsds(resources: list[Resource]) -> dict:
    """Open Referral HSDS 3.0 core tables, one organization and one service per resource."""
    tables: dict[str, list[dict]] = {name: [] for name in HSDS_TABLES}
    for resource in resources:
        service_id = stable_id(resource.slug, "service")
        organization_id = stable_id(resource.slug, "organization")
        tables["organizations"].append(row(
            id=organization_id, name=resource.name, description=resource.summary,
            website=resource.website, email=resource.email,
        ))  # fmt: skip
        tables["services"].append(row(
            id=service_id, organization_id=organization_id, name=resource.name,
            description=resource.summary, url=resource.help_page or resource.website,
            email=resource.email, status="active", fees_description=fees_description(resource),
            minimum_age=resource.ages_min, maximum_age=resource.ages_max,
            assured_date=resource.last_verified.isoformat(),
        ))  # fmt: skip
        if resource.phone:
            tables["phones"].append(row(
                id=stable_id(resource.slug, "phone"), service_id=service_id, type="voice",
                number=resource.phone.tel,
                description=" ".join(filter(None, (resource.phone.display, resource.phone.note))),
            ))  # fmt: skip
        if resource.sms:
            keyword = f"Text {resource.sms.keyword} to {resource.sms.number}"
            tables["phones"].append(row(
                id=stable_id(resource.slug, "sms"), service_id=service_id, type="text",
                number=resource.sms.number,
                description=" ".join(filter(None, (resource.sms.keyword and keyword,
                                                   resource.sms.note))),
            ))  # fmt: skip
        tables["schedules"] += schedule_rows(resource, service_id)
        areas = [*zip(resource.countries, resource.country_names, strict=True),
                 *zip(resource.regions, resource.region_names, strict=True)]  # fmt: skip
        for code, name in areas:
            tables["service_areas"].append(row(
                id=stable_id(resource.slug, "area", code), service_id=service_id, name=name,
                description=code,
            ))  # fmt: skip
        for tag, name in zip(resource.languages, resource.language_names, strict=True):
            tables["languages"].append(row(
                id=stable_id(resource.slug, "language", tag), service_id=service_id, name=name,
                code=tag,
            ))  # fmt: skip
    return {"hsds_version": HSDS_VERSION, **tables}


def to_json(resources: list[Resource]) -> str:
    return json.dumps(hsds(resources), ensure_ascii=False, indent=2) + "\n"


def to_csv(resources: list[Resource], page_url: str) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for resource in resources:
        phone, sms = resource.phone, resource.sms
        writer.writerow({
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
            "page": f"{page_url}#{resource.slug}",
        })  # fmt: skip
    return out.getvalue()


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


def jsonld(resources: list[Resource], page_url: str) -> str:
    """schema.org ItemList of Services, safe to place inside a <script> element."""
    items = []
    for position, resource in enumerate(resources, start=1):
        service: dict[str, object] = {
            "@type": "Service", "@id": f"{page_url}#{resource.slug}", "name": resource.name,
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
        if resource.open_always:
            service["hoursAvailable"] = {
                "@type": "OpeningHoursSpecification", "opens": "00:00", "closes": "23:59",
                "dayOfWeek": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                              "Saturday", "Sunday"],
            }  # fmt: skip
        items.append({"@type": "ListItem", "position": position, "item": service})
    data = {"@context": "https://schema.org", "@type": "ItemList",
            "name": "Support resources", "itemListElement": items}  # fmt: skip
    text = json.dumps(data, ensure_ascii=False, indent=1)
    # "</script>" or "<!--" inside a value must not end the element early.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
