"""The search in a real Chromium, from the header form of the home page to the
results: a word of the article, every win, a service by its language, words of
crisis (help first, for the country the band shows) and words that match
nothing; accessible in both schemes at 320 px; no request to another origin, no
CSP violation, no console error. And without JavaScript, the index of every page."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.performance.conftest import RECORD_CSP_VIOLATIONS
from tests.theme.test_theme_browser import axe_in_both_schemes

pytestmark = pytest.mark.browser

DONE = re.compile(r"^(?!Searching).+")  # the count, once the results are in


def wins(site) -> list[tuple[str, str]]:
    """(label, address) of each win, as the checklist links them."""
    html = HTMLParser((site / "checklist/index.html").read_text(encoding="utf-8"))
    links = html.css('th.checklist-grid__win a[href*="#"]')
    return [(link.text(strip=True), link.attributes["href"].lstrip("./")) for link in links]


def search(page, words: str) -> None:
    form = page.locator("[data-search-form]")
    form.get_by_label("Words to look for").fill(words)
    form.get_by_role("button", name="Search").click()
    expect(page.locator("[data-search-count]")).to_have_text(DONE)


def result_links(page) -> list[str]:
    return page.locator("[data-search-results] a").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )


def test_searching_finds_pages_wins_and_services_and_puts_help_first(browser, real_site, serve):
    origin = serve(real_site)
    context = browser.new_context(viewport={"width": 320, "height": 800})
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    # The reader chose the United Kingdom in the crisis band.
    context.add_init_script("localStorage.setItem('small-wins-country', 'GB')")
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(origin + "/")
    home_bundle = [url for url in requests if "/pagefind/" in url]

    header = page.get_by_role("search", name="Site")
    header.get_by_label("Search the site").fill("saying no")
    header.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/search/$"))  # the words stay out of the address
    count = page.locator("[data-search-count]")
    expect(count).to_have_text(re.compile(r"^\d+ results? for “saying no”"))
    assert "/category/boundaries/" in result_links(page)
    assert page.locator("[data-search-help]").is_hidden()
    assert count.get_attribute("role") == "status"
    first = page.locator("[data-search-results] li").first
    passage = first.locator(".search-result__passage mark").first
    expect(passage).to_have_text(re.compile("saying|no", re.IGNORECASE))

    for label, address in wins(real_site):
        search(page, label)
        assert "/" + address in result_links(page), f"the win {label!r} leads to its section"

    search(page, "Spanish")
    links = result_links(page)
    assert links and all(link.startswith("/resources/") for link in links[:2]), links
    assert "/resources/us/#988-suicide-and-crisis-lifeline" in links

    search(page, "I want to die")
    help_box = page.locator("[data-search-help]")
    expect(help_box).to_be_visible()
    expect(help_box).to_contain_text("Help in the United Kingdom")
    expect(help_box.get_by_role("link", name=re.compile("^Call "))).not_to_have_count(0)
    assert help_box.evaluate(
        "help => !!(help.compareDocumentPosition(document.querySelector('[data-search-results]'))"
        " & Node.DOCUMENT_POSITION_FOLLOWING)"
    ), "help comes before the results"

    violations = axe_in_both_schemes(page, "/search/ results")
    assert not violations, "\n".join(violations)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    search(page, "zebracornish")
    expect(count).to_have_text(re.compile("^Nothing on the site matches “zebracornish”"))
    assert not result_links(page)
    expect(help_box).to_contain_text("Help in the United Kingdom")

    assert not home_bundle, "the index loads only on the search page"
    assert page.evaluate("window.__cspViolations") == []
    assert not errors, errors
    assert {urlsplit(url).netloc for url in requests} == {urlsplit(origin).netloc}
    context.close()


def test_without_javascript_the_search_page_lists_every_page(browser, real_site, serve):
    origin = serve(real_site)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(origin + "/search/?q=sleep")
    index = page.get_by_role("region", name="Every page and service")
    expect(index).to_be_visible()
    for link in HTMLParser((real_site / "search/index.html").read_text()).css(".site-index a"):
        expect(index.locator(f'a[href="{link.attributes["href"]}"]')).to_be_visible()
    assert page.locator("[data-search-results] li").count() == 0
    context.close()


def test_the_files_a_first_search_waits_for_are_asked_for_at_once(browser, real_site, serve):
    """On a slow connection each request is a wait: Pagefind's script, the list of
    its files and its WebAssembly are asked for together, and its worker not at all
    (it would be one more wait, and its own policy allows no WebAssembly)."""
    origin = serve(real_site)
    context = browser.new_context()
    page = context.new_page()
    started, finished = {}, {}
    clock = iter(range(10**6))  # the order events arrive in
    page.on("request", lambda request: started.setdefault(request.url, next(clock)))
    page.on("requestfinished", lambda request: finished.setdefault(request.url, next(clock)))
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 300, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    page.goto(origin + "/search/?q=shower")
    expect(page.locator("[data-search-results] li").first).to_be_visible(timeout=30_000)
    bundle = {urlsplit(url).path.rsplit("/", 1)[-1]: url for url in started if "/pagefind/" in url}
    assert "pagefind-worker.js" not in bundle, sorted(bundle)
    together = [bundle[name] for name in ("pagefind.js", "pagefind-entry.json", "wasm.en.pagefind")]
    first_done = min(finished[url] for url in together)
    assert all(started[url] < first_done for url in together), sorted(bundle)
    context.close()


# The browser's "save data" setting, as Chromium with Data Saver on reports it.
SAVING_DATA = (
    "Object.defineProperty(Navigator.prototype, 'connection', {get: () => ({saveData: true})})"
)


@pytest.mark.parametrize("saves_data", [False, True], ids=["any reader", "a reader saving data"])
def test_typing_in_the_header_asks_for_the_search_pages_files_unless_saving_data(
    browser, real_site, serve, saves_data
):
    origin = serve(real_site)
    context = browser.new_context()
    if saves_data:
        context.add_init_script(SAVING_DATA)
    page = context.new_page()
    page.goto(origin + "/")
    ahead = (
        "[...document.querySelectorAll('link[rel=prefetch]')].map(l => new URL(l.href).pathname)"
    )
    assert page.evaluate(ahead) == [], "nothing before the reader types"
    page.get_by_role("search", name="Site").get_by_label("Search the site").press("s")
    (script,) = (real_site / "theme/js").glob("search.*.js")
    expected = [] if saves_data else [f"/theme/js/{script.name}", "/pagefind/pagefind.js"]
    assert page.evaluate(ahead)[:2] == expected  # then the metadata, once its name is read
    context.close()
