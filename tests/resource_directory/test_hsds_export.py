"""The HSDS 3.0 exports are what the specification says, checked with its own schemas
in strict mode (jsonschema) and its own data package (frictionless): a drift in any
field of any export fails here."""

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from frictionless import validate
from resource_directory.schema import KINDS

from tests.resource_directory.directory_site import directory_cards
from tests.resource_directory.hsds_spec import SPEC, page_validator, problems, validator
from tests.resource_directory.test_resource_exports import FULL_ENTRY, SLUGS, TIMETABLE_ENTRY

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def services(real_site):
    return json.loads((real_site / "resources/hsds/services.json").read_text(encoding="utf-8"))


@pytest.fixture
def fixture_export(make_site, build_site):
    content = make_site({"resources/example.yaml": FULL_ENTRY,
                         "resources/weekday.yaml": TIMETABLE_ENTRY})  # fmt: skip
    return build_site(content) / "resources/hsds"


def one_to_one(service: dict) -> dict:
    """A service as the API's plain list gives it: no nested list."""
    return {key: value for key, value in service.items() if not isinstance(value, list)}


def test_the_service_list_and_taxonomy_are_valid_hsds_in_strict_mode(real_site, services):
    assert problems(page_validator("service.json"), services) == []
    ids = [service["id"] for service in services["contents"]]
    assert len(set(ids)) == len(ids)
    assert services["total_items"] == len(services["contents"]) == len(SLUGS)
    plain = validator("compiled/service_list.json")
    for service in services["contents"]:
        assert problems(plain, one_to_one(service)) == [], service["name"]
    taxonomy = json.loads((real_site / "resources/hsds/taxonomy.json").read_text())
    assert problems(page_validator("taxonomy_term.json"), taxonomy) == []


def test_strict_mode_refuses_a_field_the_specification_does_not_name(services):
    service = json.loads(json.dumps(services["contents"][0]))
    service["phones"][0]["extension_note"] = "ask for Sam"
    service["kind"] = "crisis line"
    found = problems(validator("service.json"), service)
    assert len(found) == 2 and all("Additional properties" in line for line in found), found


def test_every_service_nests_its_contacts_hours_areas_languages_and_provenance(fixture_export):
    data = json.loads((fixture_export / "services.json").read_text(encoding="utf-8"))
    assert problems(page_validator("service.json"), data) == []
    full, weekday = data["contents"]
    assert full["organization"]["website"] == "https://example.org"
    assert [area["name"] for area in full["service_areas"]] == ["United Kingdom", "Scotland"]
    assert [lang["name"] for lang in full["languages"]] == ["English", "Welsh"]
    assert full["schedules"][0]["byday"] == "MO,TU,WE,TH,FR,SA,SU"
    assert {phone["type"] for phone in full["phones"]} == {"voice", "text"}
    assert (full["minimum_age"], full["assured_date"]) == (16, "2026-11-01")
    # 2026-11-01, the day the hours were checked, is in Eastern Standard Time.
    hours = [(s["byday"], s["opens_at"], s["closes_at"], s["timezone"]) for s in
             weekday["schedules"]]  # fmt: skip
    assert hours == [("MO,TU,WE", "10:00:00-05:00", "23:59:00-05:00", -5),
                     ("SA", "09:30:00-05:00", "13:00:00-05:00", -5)]  # fmt: skip
    zone = weekday["schedules"][0]["attributes"][0]
    assert (zone["taxonomy_term"]["code"], zone["value"]) == ("detail:time-zone",
                                                              "America/New_York")  # fmt: skip
    assert weekday["url"] == "https://example.org/talk"
    chat = weekday["service_at_locations"][0]["location"]
    assert (chat["location_type"], chat["url"]) == ("virtual", "https://example.org/chat")
    codes = [(a["taxonomy_term"]["code"], a.get("value", "")) for a in weekday["attributes"]]
    assert codes == [("kind:crisis-line", ""), ("category:coping", ""), ("cost:free", ""),
                     ("detail:official-domain", "example.net")]  # fmt: skip
    assert weekday["fees_description"] == "free; calls are free"
    sources = [(m["field_name"], m["replacement_value"], m["last_action_date"])
               for m in weekday["metadata"]]  # fmt: skip
    assert sources == [("source", "https://example.org/help", "2026-11-01"),
                       ("source", "https://example.net/about", "2026-11-01")]  # fmt: skip
    sms = next(phone for phone in weekday["phones"] if phone["type"] == "text")
    assert {a["taxonomy_term"]["code"]: a["value"] for a in sms["attributes"]} == {
        "detail:number-as-written": "85 258", "detail:text-keyword": "HELLO"}  # fmt: skip


def test_attributes_name_terms_of_the_published_taxonomy(fixture_export):
    data = json.loads((fixture_export / "services.json").read_text(encoding="utf-8"))
    terms = json.loads((fixture_export / "taxonomy.json").read_text(encoding="utf-8"))
    by_id = {term["id"]: term for term in terms["contents"]}
    attributes = [a for s in data["contents"] for a in s["attributes"]]
    assert attributes
    for attribute in attributes:
        term = by_id[attribute["taxonomy_term_id"]]
        assert attribute["taxonomy_term"] == {k: v for k, v in term.items()
                                              if k != "taxonomy_detail"}  # fmt: skip
        assert by_id[term["parent_id"]]["code"] == term["code"].split(":")[0]
    codes = {term["code"] for term in terms["contents"]}
    assert {f"kind:{kind.replace(' ', '-')}" for kind in KINDS} | {"category:coping"} <= codes


def test_the_data_package_is_the_specifications_and_frictionless_finds_it_valid(real_site):
    folder = real_site / "resources/hsds"
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    official = json.loads((SPEC / "datapackage.json").read_text(encoding="utf-8"))
    assert package["resources"] == official["resources"]
    report = validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
    names = {row["name"] for row in csv.DictReader(io.StringIO(
        (folder / "services.csv").read_text(encoding="utf-8")))}  # fmt: skip
    cards = directory_cards(real_site).values()
    assert names == {card.css_first("h3").text() for _, card in cards}


def test_frictionless_refuses_a_table_that_drifts(fixture_export, tmp_path):
    assert validate(fixture_export / "datapackage.json").valid
    broken = tmp_path / "broken"
    shutil.copytree(fixture_export, broken)
    schedules = broken / "schedules.csv"
    schedules.write_text(schedules.read_text().replace("10:00:00-05:00", "10 am"))
    report = validate(broken / "datapackage.json")
    assert not report.valid
    assert report.flatten(["fieldName", "type"]) == [["opens_at", "type-error"]]


def test_every_phone_and_text_number_on_the_page_is_in_the_service_list(real_site, services):
    links = {node.attributes["href"] for _, card in directory_cards(real_site).values()
             for node in card.css("a.resource-action")}  # fmt: skip
    dialled = {href.split(":", 1)[1].split("?")[0] for href in links
               if href.startswith(("tel:", "sms:"))}  # fmt: skip
    numbers = {phone["number"] for s in services["contents"] for phone in s.get("phones", [])}
    assert dialled and dialled == numbers


def test_the_data_package_copy_beside_the_plugin_is_the_specifications():
    plugin = ROOT / "plugins/resource_directory/hsds-3.0/datapackage.json"
    assert plugin.read_bytes() == (SPEC / "datapackage.json").read_bytes()
