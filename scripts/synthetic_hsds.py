"""A synthetic HSDS 3.0 service list for the directory's scale test and benchmark:
`count` services spread evenly over 50 regions (ISO 3166-2 subdivisions of the
United States, Canada, the United Kingdom and Australia), seeded, so the same count
gives the same services. Never content of the site: it is written to a folder of
the caller's (a copy of the real content with the services imported beside the
shipped ones, through `scripts/import_hsds.py` as an editor's feed would be).

Every service is made to pass the build's checks: its kind and categories come
from the taxonomy term names of hsds-crosswalk.yaml, its numbers are E.164 in
ranges kept for fiction (North America's 555-0100 to 555-0199, Ofcom's drama
numbers, ACMA's), its website and sources on its own name under example.org (a
reserved domain), so every source is the service's own page.

    content = synthetic_content(1000, folder)   # folder/content, ready to build
    feed = service_list(1000)                    # the feed itself, on one page
"""

from __future__ import annotations

import contextlib
import datetime
import io
import json
import random
import shutil
import sys
import uuid
from argparse import Namespace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import import_hsds  # noqa: E402
from pycountry import subdivisions  # noqa: E402

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "small-wins/synthetic-hsds")
# Region code: its time zone (one for the whole region, for the opening times).
REGIONS = {
    **{f"US-{state}": zone for state, zone in {
        "AL": "America/Chicago", "AZ": "America/Phoenix", "CA": "America/Los_Angeles",
        "CO": "America/Denver", "FL": "America/New_York", "GA": "America/New_York",
        "IL": "America/Chicago", "IN": "America/Indiana/Indianapolis", "KY": "America/New_York",
        "LA": "America/Chicago", "MA": "America/New_York", "MD": "America/New_York",
        "MI": "America/Detroit", "MN": "America/Chicago", "MO": "America/Chicago",
        "NC": "America/New_York", "NJ": "America/New_York", "NY": "America/New_York",
        "OH": "America/New_York", "OR": "America/Los_Angeles", "PA": "America/New_York",
        "TN": "America/Chicago", "TX": "America/Chicago", "VA": "America/New_York",
        "WA": "America/Los_Angeles",
    }.items()},
    **{f"CA-{province}": zone for province, zone in {
        "AB": "America/Edmonton", "BC": "America/Vancouver", "MB": "America/Winnipeg",
        "NB": "America/Moncton", "NL": "America/St_Johns", "NS": "America/Halifax",
        "NT": "America/Yellowknife", "NU": "America/Iqaluit", "ON": "America/Toronto",
        "PE": "America/Halifax", "QC": "America/Toronto", "SK": "America/Regina",
        "YT": "America/Whitehorse",
    }.items()},
    **{code: "Europe/London" for code in ("GB-ENG", "GB-NIR", "GB-SCT", "GB-WLS")},
    "AU-ACT": "Australia/Sydney", "AU-NSW": "Australia/Sydney", "AU-NT": "Australia/Darwin",
    "AU-QLD": "Australia/Brisbane", "AU-SA": "Australia/Adelaide",
    "AU-TAS": "Australia/Hobart", "AU-VIC": "Australia/Melbourne", "AU-WA": "Australia/Perth",
}  # fmt: skip
COUNTRY_NAMES = {"US": "United States", "CA": "Canada", "GB": "United Kingdom", "AU": "Australia"}
# Taxonomy term names of hsds-crosswalk.yaml (each a kind, most with categories too).
TERMS = [
    "Suicide Prevention Hotlines", "Crisis Text Lines", "Warmlines", "Peer Support Groups",
    "Mental Health Support Groups", "Mental Health Information/Education",
    "Community Mental Health Centers", "Mental Health Referral Services",
    "Substance Use Disorder Treatment Referrals",
]  # fmt: skip
# A second term of no kind that names a category (Open Eligibility's), on some services.
EXTRA_TERMS = ["Help Hotlines", "Support Network"]
CRISIS_TERMS = {"Suicide Prevention Hotlines", "Crisis Text Lines"}
LANGUAGES = {"US": ["en", "es"], "CA": ["en", "fr"], "GB": ["en", "cy"], "AU": ["en"]}
WORDS = [
    "Harbour", "Lantern", "Bridge", "Compass", "Meadow", "Anchor", "Willow", "Beacon", "Cedar",
    "Horizon", "Open Door", "Riverside", "Northside", "Hilltop", "Kindred",
]  # fmt: skip
NOUNS = {
    "Suicide Prevention Hotlines": "Crisis Line", "Crisis Text Lines": "Text Line",
    "Warmlines": "Warmline", "Peer Support Groups": "Peer Group",
    "Mental Health Support Groups": "Support Circle",
    "Mental Health Information/Education": "Wellbeing Guide",
    "Community Mental Health Centers": "Community Clinic",
    "Mental Health Referral Services": "Referral Service",
    "Substance Use Disorder Treatment Referrals": "Recovery Referrals",
}  # fmt: skip


def stable_id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(map(str, parts))))


def region_of(index: int) -> str:
    """The services take the 50 regions in turn: each holds count / 50."""
    return list(REGIONS)[index % len(REGIONS)]


def phone_number(country: str, rng: random.Random) -> str:
    """A number in a range set aside for fiction, as a service would write it."""
    line = rng.randint(0, 99)
    if country in ("US", "CA"):
        area = rng.choice(["212", "312", "415", "206", "617"] if country == "US" else
                          ["416", "604", "403", "514", "902"])  # fmt: skip
        return f"+1 {area}-555-01{line:02d}"
    if country == "GB":  # Ofcom: 020 7946 0000 to 0999
        return f"+44 20 7946 0{rng.randint(0, 999):03d}"
    return f"+61 2 5550 {rng.randint(0, 9999):04d}"  # ACMA: 02 5550 0000 to 9999


def term(name: str) -> dict:
    return {"id": stable_id("term", name), "name": name, "description": f"{name} (synthetic)."}


def attribute(service_id: str, name: str) -> dict:
    found = term(name)
    return {
        "id": stable_id(service_id, "attribute", name), "link_id": service_id,
        "taxonomy_term_id": found["id"], "link_type": "service", "link_entity": "service",
        "taxonomy_term": found,
    }  # fmt: skip


def service(index: int, rng: random.Random, today: datetime.date) -> dict:
    region = region_of(index)
    country = region[:2]
    kind_term = TERMS[rng.randrange(len(TERMS))]
    # Numbered so every name (and so every file name) is its own.
    name = f"{rng.choice(WORDS)} {NOUNS[kind_term]} {index + 1:05d}"
    sid = stable_id("service", index)
    host = f"service-{index + 1:05d}.example.org"
    verified = (today - datetime.timedelta(days=1 + index % 300)).isoformat()
    crisis = kind_term in CRISIS_TERMS
    phone = {"id": stable_id(sid, "phone"), "service_id": sid,
             "number": phone_number(country, rng), "type": "text" if kind_term ==
             "Crisis Text Lines" else "voice"}  # fmt: skip
    if crisis or rng.random() < 0.3:
        schedule = {"id": stable_id(sid, "schedule"), "service_id": sid, "freq": "WEEKLY",
                    "wkst": "MO", "byday": "MO,TU,WE,TH,FR,SA,SU", "opens_at": "00:00:00Z",
                    "closes_at": "23:59:00Z"}  # fmt: skip
    else:
        opens = rng.choice(["08:00", "09:00", "10:00"])
        closes = rng.choice(["17:00", "18:00", "20:00", "22:00"])
        schedule_id = stable_id(sid, "schedule")
        code = import_hsds.hsds.term_code("detail", "time-zone")
        zone_term = {"id": stable_id("term", code), "code": code, "name": "Time zone",
                     "description": "The IANA time zone the opening times are in",
                     "taxonomy": import_hsds.hsds.TAXONOMY_NAME}  # fmt: skip
        zone = {"id": stable_id(schedule_id, "time-zone"), "link_id": schedule_id,
                "taxonomy_term_id": zone_term["id"], "link_type": "detail",
                "link_entity": "schedule", "value": REGIONS[region],
                "taxonomy_term": zone_term}  # fmt: skip
        schedule = {"id": schedule_id, "service_id": sid, "freq": "WEEKLY", "wkst": "MO",
                    "byday": rng.choice(["MO,TU,WE,TH,FR", "MO,TU,WE,TH,FR,SA"]),
                    "opens_at": opens, "closes_at": closes, "attributes": [zone]}  # fmt: skip
    attributes = [attribute(sid, kind_term)]
    if rng.random() < 0.25:
        attributes.append(attribute(sid, rng.choice(EXTRA_TERMS)))
    languages = LANGUAGES[country][: rng.randint(1, len(LANGUAGES[country]))]
    return {
        "id": sid, "name": name, "status": "active",
        "description": f"{NOUNS[kind_term]} for people in {subdivisions.get(code=region).name}: "
        "trained staff and volunteers listen, help you plan the next small step and "
        "point you to local support.",
        "url": f"https://{host}/help", "assured_date": verified,
        "organization": {"id": stable_id(sid, "organization"), "name": name,
                         "description": "A synthetic service.", "website": f"https://{host}"},
        "phones": [phone], "schedules": [schedule],
        "service_areas": [
            {"id": stable_id(sid, "area", country), "service_id": sid,
             "name": COUNTRY_NAMES[country], "description": country},
            {"id": stable_id(sid, "area", region), "service_id": sid,
             "name": subdivisions.get(code=region).name, "description": region},
        ],
        "languages": [{"id": stable_id(sid, "language", tag), "service_id": sid, "code": tag}
                      for tag in languages],
        "attributes": attributes,
        "metadata": [{"id": stable_id(sid, "source"), "resource_id": sid,
                      "resource_type": "service", "last_action_date": verified,
                      "last_action_type": "verified", "field_name": "source",
                      "previous_value": f"https://{host}/about",
                      "replacement_value": f"https://{host}/about",
                      "updated_by": "Synthetic data"}],
    }  # fmt: skip


def page(contents: list[dict], number: int = 1, pages: int = 1, total: int = 0) -> dict:
    """One page of HSDS's paged /services response."""
    return {
        "total_items": total or len(contents), "total_pages": pages, "page_number": number,
        "size": len(contents), "first_page": number == 1, "last_page": number == pages,
        "empty": not contents, "contents": contents,
    }  # fmt: skip


def services(count: int, seed: int = 0, today: datetime.date | None = None) -> list[dict]:
    rng = random.Random(f"{seed}/{count}")
    today = today or datetime.date.today()
    return [service(index, rng, today) for index in range(count)]


def service_list(count: int, seed: int = 0, today: datetime.date | None = None) -> dict:
    """HSDS's /services response holding all `count` services on one page."""
    return page(services(count, seed, today))


def synthetic_content(count: int, folder: Path, seed: int = 0, page_size: int = 500) -> Path:
    """folder/content: a copy of the real content with `count` synthetic services
    imported into its resources/ by the importer (run in this process), one page of
    the feed at a time as an HSDS API serves it (folder/feed/page-1.json …)."""
    content = folder / "content"
    feed = folder / "feed"
    for old in (content, feed):
        shutil.rmtree(old, ignore_errors=True)
    shutil.copytree(ROOT / "content", content)
    feed.mkdir(parents=True)
    everything = services(count, seed)
    chunks = [everything[start : start + page_size] for start in range(0, count, page_size)]
    for number, chunk in enumerate(chunks, start=1):
        path = feed / f"page-{number}.json"
        path.write_text(json.dumps(page(chunk, number, len(chunks), count), indent=1))
        args = Namespace(
            src=str(path), out=str(content / "resources"), crosswalk=str(import_hsds.CROSSWALK),
            country="", source="", time_zone="", replace=False,
        )  # fmt: skip
        report = io.StringIO()
        with contextlib.redirect_stdout(report):
            code = import_hsds.run(args)
        if code != 0:
            problems = [line for line in report.getvalue().splitlines() if "needs a person" in line]
            raise RuntimeError(f"the importer refused synthetic services: {problems[:5]}")
    return content
