"""The page's open data for people and search engines: resources.csv (one row per
resource) and the JSON-LD on /resources/ carry every resource file, links to every
open-data file, and the same files on every build. The HSDS exports are checked
against the specification in test_hsds_export.py."""

import csv
import io
import json
from pathlib import Path

import pytest
from resource_directory.generator import CATEGORY_LIST_SIZE
from selectolax.lexbor import LexborHTMLParser

from tests.resource_directory.directory_site import directory_cards, directory_pages

ROOT = Path(__file__).resolve().parents[2]
SLUGS = sorted(path.stem for path in (ROOT / "content/resources").glob("*.yaml"))
OPEN_DATA = ("hsds/services.json", "hsds/datapackage.json", "hsds/taxonomy.json", "resources.csv")


@pytest.fixture(scope="module")
def page(real_site):
    return LexborHTMLParser((real_site / "resources/index.html").read_text(encoding="utf-8"))


def test_there_are_resources_to_export():
    assert len(SLUGS) >= 5


@pytest.fixture(scope="module")
def pages(real_site):
    return directory_pages(real_site)


def test_the_directory_lists_every_resource_with_a_stable_anchor(real_site):
    assert sorted(directory_cards(real_site)) == SLUGS


def test_each_country_has_a_page_of_its_services_and_those_for_every_country(pages, page):
    by_country = {
        address: sorted(node.attributes["id"] for node in html.css("article.resource"))
        for address, html in pages.items()
        if address != "resources/"
    }
    worldwide = sorted(node.attributes["id"] for node in page.css("article.resource"))
    assert worldwide and len(by_country) >= 6
    for address, slugs in by_country.items():
        code = address.split("/")[1].upper()
        own = [slug for slug in slugs if slug not in worldwide]
        assert own and all(
            code in pages[address].css_first(f"#{slug}").attributes["data-countries"].split()
            for slug in own
        ), address
        assert set(worldwide) <= set(slugs), address
    countries = [node.attributes["href"] for node in page.css(".resource-places a")]
    assert sorted(href.removeprefix("../") for href in countries) == sorted(by_country)


def test_crisis_services_come_first_on_every_page(pages):
    crisis = {"crisis-line", "text-line", "chat"}
    for address, html in pages.items():
        kinds = [node.attributes["data-kind"] for node in html.css("article.resource")]
        first_other = next((i for i, kind in enumerate(kinds) if kind not in crisis), len(kinds))
        assert not crisis & set(kinds[first_other:]), address


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


# Every other field a resource file can have.
TIMETABLE_ENTRY = (
    FULL_ENTRY.replace("name: Example Line", "name: Weekday Line")
    .replace(
        "hours: 24/7",
        "hours:\n  time_zone: America/New_York\n  open:\n"
        '    - days: [Monday, Tuesday, Wednesday]\n      from: "10:00"\n      until: "24:00"\n'
        '    - days: [Saturday]\n      from: "09:30"\n      until: "13:00"',
    )
    .replace(
        '  sms: {number: "85258", keyword: HELLO}',
        '  sms: {number: "85258", display: 85 258, keyword: HELLO, note: Free on most networks}\n'
        "  chat: https://example.org/chat\n  website: https://example.org/talk\n"
        "  email: help@example.org",
    )
    .replace('tel: "+44800000000"}', 'tel: "+44800000000", note: Free from mobiles}')
    .replace("cost: free", "cost: free\ncost_note: calls are free\nofficial_domains: [example.net]")
    .replace("ages: {min: 16}", "ages: {min: 16, max: 25}")
    .replace(
        "source: https://example.org/help",
        "source: [https://example.org/help, https://example.net/about]",
    )
)


def test_csv_has_one_row_per_resource(real_site):
    text = (real_site / "resources/resources.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(row["id"] for row in rows) == SLUGS
    for row in rows:
        assert row["name"] and row["source"] and row["last_verified"]
        address, _ = directory_cards(real_site)[row["id"]]
        assert row["page"] == f"/{address}#{row['id']}"


def test_json_ld_of_each_page_is_an_item_list_of_its_services_at_their_address(pages, real_site):
    cards = directory_cards(real_site)
    described = set()
    for address, html in pages.items():
        scripts = html.css('script[type="application/ld+json"]')
        assert len(scripts) == 1, address
        data = json.loads(scripts[0].text())
        assert data["@type"] == "ItemList"
        services = [item["item"] for item in data["itemListElement"]]
        assert all(service["@type"] == "Service" for service in services)
        slugs = [node.attributes["id"] for node in html.css("article.resource")]
        assert sorted(service["@id"] for service in services) == sorted(
            f"/{cards[slug][0]}#{slug}" for slug in slugs
        )
        described |= set(slugs)
    assert sorted(described) == SLUGS


def test_json_ld_days_are_schema_org_urls_and_ids_absolute_when_published(make_site, build_site):
    content = make_site({"resources/example.yaml": FULL_ENTRY,
                         "resources/weekday.yaml": TIMETABLE_ENTRY})  # fmt: skip
    output = build_site(content, SITEURL="https://help.example.org", RELATIVE_URLS=False)
    html = LexborHTMLParser((output / "resources/index.html").read_text(encoding="utf-8"))
    data = json.loads(html.css_first('script[type="application/ld+json"]').text())
    services = {item["item"]["name"]: item["item"] for item in data["itemListElement"]}
    assert [s["@id"] for s in services.values()] == [
        "https://help.example.org/resources/#example",
        "https://help.example.org/resources/#weekday",
    ]
    weekday = services["Weekday Line"]["hoursAvailable"]
    assert [(h["dayOfWeek"], h["opens"], h["closes"]) for h in weekday] == [
        (["https://schema.org/Monday", "https://schema.org/Tuesday",
          "https://schema.org/Wednesday"], "10:00", "23:59"),
        (["https://schema.org/Saturday"], "09:30", "13:00"),
    ]  # fmt: skip
    always = services["Example Line"]["hoursAvailable"][0]["dayOfWeek"]
    assert len(always) == 7 and all(day.startswith("https://schema.org/") for day in always)


def test_every_open_data_file_is_linked_from_the_page_and_the_old_addresses_stay(real_site, page):
    hrefs = {node.attributes["href"] for node in page.css(".resource-open-data a")}
    assert hrefs == {f"../resources/{name}" for name in OPEN_DATA}
    for name in OPEN_DATA:
        assert (real_site / "resources" / name).is_file(), name
    # The first export's address serves the HSDS service list now.
    old = real_site / "resources/resources.json"
    assert old.read_bytes() == (real_site / "resources/hsds/services.json").read_bytes()


def test_exports_are_byte_for_byte_the_same_on_a_second_build(make_site, build_site, tmp_path):
    resource = (ROOT / "content/resources/samaritans.yaml").read_text(encoding="utf-8")
    content = make_site({"resources/samaritans.yaml": resource.replace("getting-support, ", "")})
    first = build_site(content, CRISIS_HELP_COUNTRY="GB")  # the file's own country
    files = sorted(path.relative_to(first) for path in (first / "resources").rglob("*.*"))
    assert len(files) > 20  # the page, the spreadsheet and every HSDS file
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


def test_each_category_page_lists_the_resources_of_its_category_at_their_address(real_site):
    cards = directory_cards(real_site)
    by_category: dict[str, list[str]] = {}
    for slug, (_, card) in cards.items():
        for category in card.attributes["data-categories"].split():
            by_category.setdefault(category, []).append(slug)
    assert by_category
    for folder in sorted((real_site / "category").iterdir()):
        html = LexborHTMLParser((folder / "index.html").read_text(encoding="utf-8"))
        links = [node.attributes["href"] for node in html.css(".category-resources h3 a")]
        listed = [href.rsplit("#", 1)[1] for href in links]
        in_category = by_category.get(folder.name, [])
        assert set(listed) <= set(in_category), folder.name
        assert len(listed) == min(len(in_category), CATEGORY_LIST_SIZE), folder.name
        for href, slug in zip(links, listed, strict=True):
            assert href == f"../../{cards[slug][0]}#{slug}", folder.name
