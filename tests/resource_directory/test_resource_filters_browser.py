"""The real site's services on one page (the real site spreads them over a page per
country; here the page holds them all) in a real Chromium: the filters narrow the list in place,
a polite live region announces the count, the choices round-trip through the address,
everything shows without JavaScript, and axe finds no violation. Opening hours and the
language filter at fixed clocks: test_open_now_browser.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from pelican import Pelican
from pelican.settings import read_settings
from playwright.sync_api import expect
from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


@pytest.fixture(scope="module")
def one_page_site(tmp_path_factory) -> Path:
    """The real content, with every service on /resources/."""
    output = tmp_path_factory.mktemp("one-page-directory") / "output"
    override = {"OUTPUT_PATH": str(output), "RESOURCES_PAGE_SIZE": 1000}
    Pelican(read_settings(str(ROOT / "pelicanconf.py"), override=override)).run()
    return output


@pytest.fixture(scope="module")
def entries(one_page_site) -> list[dict]:
    """What each entry says about itself in the built HTML, read without a browser."""
    html = LexborHTMLParser((one_page_site / "resources/index.html").read_text(encoding="utf-8"))
    return [
        {
            "slug": node.attributes["id"],
            "kind": node.attributes["data-kind"],
            "countries": node.attributes["data-countries"].split(),
            "categories": node.attributes["data-categories"].split(),
        }
        for node in html.css("article.resource")
    ]


@pytest.fixture(scope="module")
def url(one_page_site, serve):
    return serve(one_page_site) + "/resources/"


def shown(page) -> list[str]:
    return page.locator("article.resource:visible").evaluate_all("nodes => nodes.map(n => n.id)")


def open_now(page) -> set[str]:
    """The services the page has found open at this minute (24/7 or by their hours)."""
    return set(page.locator(
        "article.resource[data-open-always=yes], article.resource[data-open-now=yes]"
    ).evaluate_all("nodes => nodes.map(n => n.id)"))  # fmt: skip


def expected(entries, country="", kind="", category="", open_slugs=None) -> list[str]:
    return [
        entry["slug"] for entry in entries
        if (not country or country in entry["countries"]) and (not kind or entry["kind"] == kind)
        and (not category or category in entry["categories"])
        and (open_slugs is None or entry["slug"] in open_slugs)
    ]  # fmt: skip


def axe_violations(page) -> list[str]:
    page.evaluate(AXE_SCRIPT)
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return [
        f"{violation['id']}: {violation['help']} at {node['target']}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


def announced(count: int) -> str:
    return f"{count} resource{'' if count == 1 else 's'} shown"


def test_without_javascript_every_resource_shows_and_the_form_stays_hidden(browser, url, entries):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url + "?country=GB")
    assert shown(page) == [entry["slug"] for entry in entries]
    assert not page.locator("#resource-filters").is_visible()
    assert page.locator("a.resource-action").first.is_visible()
    context.close()


def test_the_country_filter_narrows_the_list_and_announces_the_count(page, url, entries):
    page.goto(url)
    status = page.locator("#resource-count")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    assert status.text_content() == announced(len(entries))
    countries = sorted({country for entry in entries for country in entry["countries"]})
    assert len(countries) >= 2
    for country in countries:
        page.select_option("#resource-filter-country", country)
        want = expected(entries, country=country)
        assert want, country
        assert shown(page) == want
        assert status.text_content() == announced(len(want))


def test_kind_category_and_open_filters_combine(page, url, entries):
    kind, category = entries[-1]["kind"], entries[0]["categories"][0]
    page.goto(url)
    page.select_option("#resource-filter-kind", kind)
    assert shown(page) == expected(entries, kind=kind)
    page.select_option("#resource-filter-kind", "")
    page.select_option("#resource-filter-category", category)
    page.check("#resource-filter-open")
    want = expected(entries, category=category, open_slugs=open_now(page))
    assert want and shown(page) == want
    assert len(want) < len(entries)
    # A group with nothing left in it is hidden with its heading.
    groups = page.locator("[data-resource-group]:visible").count()
    assert groups == len({entry["kind"] for entry in entries if entry["slug"] in want})


def test_no_match_says_so_and_show_all_brings_everything_back(page, url, entries):
    country, kind = next(
        (entry["countries"][0], other["kind"]) for entry in entries for other in entries
        if entry["countries"] and not expected(entries, entry["countries"][0], other["kind"])
    )  # fmt: skip
    page.goto(url)
    page.select_option("#resource-filter-country", country)
    page.select_option("#resource-filter-kind", kind)
    assert shown(page) == []
    assert page.locator("#resource-none").is_visible()
    assert page.locator("#resource-count").text_content() == "0 resources shown"
    page.click("text=Show all")
    # Waited for from here: a predicate polled in the page is JavaScript from a string,
    # which the page's policy refuses.
    expect(page.locator("#resource-count")).to_have_text(re.compile(rf"^{len(entries)} "))
    assert shown(page) == [entry["slug"] for entry in entries]
    # history.replaceState reaches Playwright's idea of the address a moment later
    expect(page).to_have_url(re.compile(r"/resources/$"))


def test_the_filter_state_round_trips_through_the_address(page, url, entries):
    page.goto(url)
    always = open_now(page)
    country = next(entry["countries"][0] for entry in entries if entry["slug"] in always)
    page.select_option("#resource-filter-country", country)
    page.check("#resource-filter-open")
    expect(page).to_have_url(re.compile(rf"/resources/\?country={country}&open=now$"))
    filtered = shown(page)
    page.goto("about:blank")
    page.goto(f"{url}?country={country}&open=now")
    assert page.locator("#resource-filter-country").input_value() == country
    assert page.locator("#resource-filter-open").is_checked()
    assert shown(page) == filtered == expected(entries, country=country, open_slugs=open_now(page))
    assert page.locator("#resource-count").text_content() == announced(len(filtered))


def test_an_unknown_value_in_the_address_is_ignored(page, url, entries):
    page.goto(url + "?country=ZZ&kind=<b>")
    assert page.locator("#resource-filter-country").input_value() == ""
    assert shown(page) == [entry["slug"] for entry in entries]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("query", ["", "?country=US"])
def test_axe_finds_no_violation(page, url, scheme, query):
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(url + query)
    assert axe_violations(page) == []
