"""The directory's pages on their own: one page while it fits, then an index of
countries, a page per country and per region, none longer than a page."""

import datetime
from collections import Counter

from resource_directory.pages import INDEX_URL, addresses, directory_pages
from resource_directory.schema import Resource, page_order

US_STATES = ["US-AL", "US-AK", "US-AZ", "US-AR", "US-CA", "US-CO", "US-CT", "US-DE", "US-FL",
             "US-GA", "US-HI", "US-ID", "US-IL", "US-IN", "US-IA", "US-KS", "US-KY", "US-LA",
             "US-ME", "US-MD", "US-MA", "US-MI", "US-MN", "US-MS", "US-MO", "US-MT", "US-NE",
             "US-NV", "US-NH", "US-NJ", "US-NM", "US-NY", "US-NC", "US-ND", "US-OH", "US-OK",
             "US-OR", "US-PA", "US-RI", "US-SC", "US-SD", "US-TN", "US-TX", "US-UT", "US-VT",
             "US-VA", "US-WA", "US-WV", "US-WI", "US-WY"]  # fmt: skip


def service(slug: str, countries=(), regions=(), kind="peer support") -> Resource:
    return Resource(
        slug=slug, path=f"content/resources/{slug}.yaml", name=slug.title(), summary="Help.",
        kind=kind, categories=("coping",), website="https://example.org",
        sources=("https://example.org",), last_verified=datetime.date(2026, 12, 1),
        countries=tuple(countries), regions=tuple(regions),
    )  # fmt: skip


def test_a_directory_that_fits_one_page_is_all_on_the_index():
    resources = [service("a", ["GB"]), service("b", ["US"]), service("c")]
    pages = directory_pages(resources, size=3)
    assert [(page.url, page.resources) for page in pages] == [(INDEX_URL, resources)]
    assert addresses(pages) == {"a": "resources/#a", "b": "resources/#b", "c": "resources/#c"}


def test_a_larger_one_is_an_index_of_countries_with_the_worldwide_services_everywhere():
    everywhere = service("everywhere")
    resources = sorted([everywhere, service("gb-line", ["GB"]), service("both", ["GB", "IE"]),
                        service("us-line", ["US"])], key=page_order)  # fmt: skip
    pages = {page.url: page for page in directory_pages(resources, size=3)}
    assert list(pages) == ["resources/", "resources/ie/", "resources/gb/", "resources/us/"]
    index = pages["resources/"]
    assert index.resources == [everywhere]
    assert index.children == [
        ("resources/ie/", "Ireland", 1),
        ("resources/gb/", "United Kingdom", 2),
        ("resources/us/", "United States", 1),
    ]
    assert [r.slug for r in pages["resources/gb/"].resources] == ["both", "gb-line", "everywhere"]
    assert pages["resources/gb/"].title == "Support in the United Kingdom"
    assert pages["resources/gb/"].parents == [("resources/", "Support resources")]
    # One address each: the page of its first country.
    assert addresses(list(pages.values())) == {
        "everywhere": "resources/#everywhere", "both": "resources/gb/#both",
        "gb-line": "resources/gb/#gb-line", "us-line": "resources/us/#us-line",
    }  # fmt: skip


def test_ten_thousand_services_in_fifty_regions_make_pages_no_longer_than_a_page():
    resources = [service("national", ["US"], kind="crisis line")] + [
        service(f"s{number}", ["US"], [US_STATES[number % 50]]) for number in range(10_000)
    ]
    pages = directory_pages(resources, size=12)
    assert max(len(page.resources) for page in pages) <= 12
    listed = Counter(r.slug for page in pages for r in page.resources)
    assert set(listed) == {r.slug for r in resources} and listed.most_common(1)[0][1] == 1
    country = next(page for page in pages if page.url == "resources/us/")
    assert [r.slug for r in country.resources] == ["national"]
    assert len(country.children) == 50 and country.children[0] == ("resources/us/us-al/",
                                                                   "Alabama", 200)  # fmt: skip
    alabama = [page for page in pages if page.first_url == "resources/us/us-al/"]
    assert [page.url for page in alabama[:2]] == ["resources/us/us-al/", "resources/us/us-al/2/"]
    assert {page.pages for page in alabama} == {17} and alabama[-1].number == 17
    assert alabama[1].parents == [("resources/", "Support resources"),
                                  ("resources/us/", "Support in the United States")]  # fmt: skip
    # Every service has its address, a service of one region on its region's page.
    found = addresses(pages)
    assert set(found) == {r.slug for r in resources}
    assert found["national"] == "resources/us/#national"
    assert found["s0"] == "resources/us/us-al/#s0"
    assert found["s9950"] == "resources/us/us-al/17/#s9950"
