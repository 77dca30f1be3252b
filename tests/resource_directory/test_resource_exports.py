"""The open data: resources.json (HSDS 3.0 core), resources.csv and the JSON-LD
on /resources/ parse, carry every resource file, and are the same on every build."""

import csv
import datetime
import io
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parents[2]
SLUGS = sorted(path.stem for path in (ROOT / "content/resources").glob("*.yaml"))
HSDS_TABLES = ("organizations", "services", "phones", "schedules", "service_areas", "languages")
# HSDS 3.0 field names used per table (a subset of the specification's).
HSDS_FIELDS = {
    "organizations": {"id", "name", "description", "website", "email"},
    "services": {"id", "organization_id", "name", "description", "url", "email", "status",
                 "fees_description", "minimum_age", "maximum_age", "assured_date"},
    "phones": {"id", "service_id", "number", "type", "description"},
    "schedules": {"id", "service_id", "description", "freq", "byday", "opens_at", "closes_at",
                  "wkst", "timezone", "notes"},
    "service_areas": {"id", "service_id", "name", "description"},
    "languages": {"id", "service_id", "name", "code"},
}  # fmt: skip


@pytest.fixture(scope="module")
def page(real_site):
    return LexborHTMLParser((real_site / "resources/index.html").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def hsds(real_site):
    return json.loads((real_site / "resources/resources.json").read_text(encoding="utf-8"))


def test_there_are_resources_to_export():
    assert len(SLUGS) >= 5


def test_the_page_lists_every_resource_with_a_stable_anchor(page):
    assert sorted(node.attributes["id"] for node in page.css("article.resource")) == SLUGS


def test_crisis_services_come_first(page):
    headings = [node.text() for node in page.css(".resource-group h2")]
    assert headings[0] == "Crisis lines"
    kinds = [node.attributes["data-kind"] for node in page.css("article.resource")]
    crisis = {"crisis-line", "text-line", "chat"}
    first_other = next(i for i, kind in enumerate(kinds) if kind not in crisis)
    assert all(kind not in crisis for kind in kinds[first_other:])


FULL_ENTRY = """\
name: Example Line
summary: Someone to talk to.
kind: crisis line
categories: [coping]
website: https://example.org
contact:
  phone: {display: 0800 000 000, tel: "+44800000000"}
  sms: {number: "85258", keyword: HELLO}
hours: 24/7
countries: [GB]
regions: [GB-SCT]
languages: [en, cy]
ages: {min: 16}
cost: free
source: https://example.org/help
last_verified: 2026-11-01
"""


def test_hsds_json_fills_the_core_tables_with_hsds_field_names(make_site, build_site):
    output = build_site(make_site({"resources/example.yaml": FULL_ENTRY}))
    hsds = json.loads((output / "resources/resources.json").read_text(encoding="utf-8"))
    assert hsds["hsds_version"] == "3.0"
    assert [row["name"] for row in hsds["languages"]] == ["English", "Welsh"]
    assert [row["name"] for row in hsds["service_areas"]] == ["United Kingdom", "Scotland"]
    assert hsds["schedules"][0]["byday"] == "MO,TU,WE,TH,FR,SA,SU"
    assert hsds["services"][0]["minimum_age"] == 16
    assert {row["type"] for row in hsds["phones"]} == {"voice", "text"}
    for table in HSDS_TABLES:
        assert hsds[table], table
        for row in hsds[table]:
            assert set(row) <= HSDS_FIELDS[table], (table, set(row) - HSDS_FIELDS[table])
            assert len(row["id"]) == 36  # a UUID
            assert None not in row.values() and "" not in row.values(), (table, row)


TIMETABLE_ENTRY = FULL_ENTRY.replace("name: Example Line", "name: Weekday Line").replace(
    "hours: 24/7",
    "hours:\n  time_zone: America/New_York\n  open:\n    - days: [Monday, Tuesday, Wednesday]\n"
    '      from: "10:00"\n      until: "24:00"',
)


def hsds_validator(name: str):
    """A validator of one HSDS 3.0 object, by the specification's own schema (a copy
    in tests/data/hsds-3.0, with its licence), its $refs resolved."""
    folder = ROOT / "tests/data/hsds-3.0/schema"
    schemas = {path.name: json.loads(path.read_text()) for path in folder.glob("*.json")}
    registry = Registry().with_resources(
        (uri, Resource.from_contents(schema, default_specification=DRAFT202012))
        for name, schema in schemas.items()
        for uri in (name, schema.get("$id", name))
    )
    return Draft202012Validator(schemas[name], registry=registry)


def test_schedules_are_hsds_schedules_in_the_services_time_zone(make_site, build_site):
    output = build_site(make_site({
        "resources/example.yaml": FULL_ENTRY, "resources/weekday.yaml": TIMETABLE_ENTRY,
    }))  # fmt: skip
    hsds = json.loads((output / "resources/resources.json").read_text(encoding="utf-8"))
    validator = hsds_validator("schedule.json")
    for schedule in hsds["schedules"]:
        assert not list(validator.iter_errors(schedule)), schedule
    weekday = next(row for row in hsds["schedules"] if row["freq"] and row.get("timezone"))
    # 2026-11-01, the day the hours were checked, is in Eastern Standard Time.
    assert (weekday["byday"], weekday["opens_at"], weekday["closes_at"]) == (
        "MO,TU,WE",
        "10:00-05:00",
        "23:59-05:00",
    )
    assert weekday["timezone"] == -5 and "America/New_York" in weekday["notes"]
    assert weekday["description"] == "Monday to Wednesday, 10:00 to 24:00, New York time"


def test_hsds_json_carries_every_resource_and_links_its_rows(hsds, page):
    names = sorted(node.text() for node in page.css("article.resource h3"))
    assert sorted(service["name"] for service in hsds["services"]) == names
    assert len(hsds["organizations"]) == len(SLUGS)
    organizations = {row["id"] for row in hsds["organizations"]}
    services = {row["id"] for row in hsds["services"]}
    assert {row["organization_id"] for row in hsds["services"]} == organizations
    for table in ("phones", "schedules", "service_areas", "languages"):
        assert {row["service_id"] for row in hsds[table]} <= services
    for service in hsds["services"]:
        datetime.date.fromisoformat(service["assured_date"])


def test_every_phone_and_text_number_on_the_page_is_in_the_json(hsds, page):
    links = {node.attributes["href"] for node in page.css("a.resource-action")}
    dialled = {href.split(":", 1)[1].split("?")[0] for href in links
               if href.startswith(("tel:", "sms:"))}  # fmt: skip
    assert dialled and dialled == {row["number"] for row in hsds["phones"]}


def test_csv_has_one_row_per_resource(real_site):
    text = (real_site / "resources/resources.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(row["id"] for row in rows) == SLUGS
    for row in rows:
        assert row["name"] and row["source"] and row["last_verified"]
        assert row["page"].endswith(f"/resources/#{row['id']}")


def test_json_ld_is_an_item_list_of_every_service(page):
    scripts = page.css('script[type="application/ld+json"]')
    assert len(scripts) == 1
    data = json.loads(scripts[0].text())
    assert data["@type"] == "ItemList"
    services = [item["item"] for item in data["itemListElement"]]
    assert sorted(service["@id"].rsplit("#", 1)[1] for service in services) == SLUGS
    assert all(service["@type"] == "Service" for service in services)


def test_both_files_are_linked_from_the_page(page):
    hrefs = {node.attributes["href"] for node in page.css(".resource-open-data a")}
    assert hrefs == {"../resources/resources.json", "../resources/resources.csv"}


def test_exports_are_byte_for_byte_the_same_on_a_second_build(make_site, build_site, tmp_path):
    resource = (ROOT / "content/resources/samaritans.yaml").read_text(encoding="utf-8")
    content = make_site({"resources/samaritans.yaml": resource.replace("getting-support, ", "")})
    first = build_site(content, CRISIS_HELP_COUNTRY="GB")  # the file's own country
    files = ("resources/resources.json", "resources/resources.csv", "resources/index.html")
    before = {name: (first / name).read_bytes() for name in files}
    second = build_site(content, CRISIS_HELP_COUNTRY="GB")
    assert {name: (second / name).read_bytes() for name in files} == before


def test_markup_in_a_resource_file_stays_text_everywhere(make_site, build_site):
    hostile = '</script><script>alert("x")</script> & <b>'
    entry = FULL_ENTRY.replace("name: Example Line", f"name: '{hostile}'")
    output = build_site(make_site({"resources/example.yaml": entry}))
    html = (output / "resources/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<b>" not in html
    page = LexborHTMLParser(html)
    assert page.css_first("article.resource h3").text() == hostile
    data = json.loads(page.css_first('script[type="application/ld+json"]').text())
    assert data["itemListElement"][0]["item"]["name"] == hostile


def test_each_category_page_lists_the_resources_of_its_category(real_site, page):
    by_category: dict[str, list[str]] = {}
    for node in page.css("article.resource"):
        for category in node.attributes["data-categories"].split():
            by_category.setdefault(category, []).append(node.attributes["id"])
    assert by_category
    for folder in sorted((real_site / "category").iterdir()):
        html = LexborHTMLParser((folder / "index.html").read_text(encoding="utf-8"))
        links = [node.attributes["href"] for node in html.css(".category-resources h3 a")]
        listed = [href.rsplit("#", 1)[1] for href in links]
        assert sorted(listed) == sorted(by_category.get(folder.name, [])), folder.name
