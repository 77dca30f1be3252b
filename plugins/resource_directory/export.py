"""Open data from the checked resources: HSDS 3.0 JSON, CSV and schema.org JSON-LD.

Every output is deterministic: resources in page order, ids derived from the slug
(UUID 5), no clock time anywhere, so an unchanged directory exports byte for byte
the same file.
"""

from __future__ import annotations

import csv
import io
import json
import uuid

from .schema import KINDS, OPEN_ALWAYS, Resource

# Any fixed namespace works: it only has to stay the same from build to build.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "small-wins/resources")
HSDS_VERSION = "3.0"
HSDS_TABLES = ("organizations", "services", "phones", "schedules", "service_areas", "languages")
EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"
CSV_COLUMNS = (
    "id", "name", "kind", "summary", "categories", "phone", "phone_tel", "phone_note",
    "sms_number", "sms_keyword", "sms_note", "chat", "website", "email", "contact_note",
    "hours", "open_24_7", "countries", "regions", "languages", "ages_min", "ages_max",
    "cost", "cost_note", "source", "last_verified", "page",
)  # fmt: skip


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def row(**fields) -> dict:
    """An HSDS row: fields with no value are left out rather than written as null."""
    return {key: value for key, value in fields.items() if value is not None and value != ""}


def fees_description(resource: Resource) -> str:
    return "; ".join(text for text in (resource.cost, resource.cost_note) if text)


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
            description=resource.summary, url=resource.website or resource.chat,
            email=resource.email, status="active", fees_description=fees_description(resource),
            minimum_age=resource.ages_min, maximum_age=resource.ages_max,
            assured_date=resource.last_verified.isoformat(), alert=resource.contact_note,
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
        if resource.hours:
            always = resource.hours == OPEN_ALWAYS
            tables["schedules"].append(row(
                id=stable_id(resource.slug, "schedule"), service_id=service_id,
                description=resource.hours, freq="WEEKLY" if always else None,
                byday=EVERY_DAY if always else None, opens_at="00:00Z" if always else None,
                closes_at="23:59Z" if always else None,
            ))  # fmt: skip
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
            "website": resource.website, "email": resource.email,
            "contact_note": resource.contact_note, "hours": resource.hours,
            "open_24_7": "yes" if resource.open_always else "no",
            "countries": ";".join(resource.countries), "regions": ";".join(resource.regions),
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
    if resource.chat or resource.website:
        channel["serviceUrl"] = resource.chat or resource.website
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
        if resource.has_contact:
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
