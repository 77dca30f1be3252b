"""The crisis band in a real Chromium: the reader's country guessed from the
browser's language and said to be a guess, a choice kept across pages on this
device only, no request made by choosing, nothing moved on the page, and the
default country with a way to every other without JavaScript."""

from __future__ import annotations

import time

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import expect

from pelicanconf import CRISIS_HELP_COUNTRY
from tests.theme.test_theme_browser import AXE_OPTIONS, describe, run_axe

pytestmark = pytest.mark.browser

# The layout shifts of the crisis band and what is inside it since the page
# started loading, as Chromium measures them (other parts of a page have their own tests).
WATCH_BAND_SHIFTS = """
window.bandShifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    for (const source of entry.sources || []) {
      if (source.node && source.node.closest && source.node.closest('.help-now')) {
        window.bandShifts.push(source.node.outerHTML.slice(0, 80));
      }
    }
  }
}).observe({type: 'layout-shift', buffered: true});
"""


@pytest.fixture(scope="module")
def site_url(real_site, serve):
    return serve(real_site)


def shown_country(page) -> list[str]:
    return page.eval_on_selector_all(
        "[data-crisis-band] [data-country]",
        "nodes => nodes.filter(n => getComputedStyle(n).visibility === 'visible')"
        ".map(n => n.dataset.country)",
    )


@pytest.fixture
def british_reader(browser):
    """A reader whose browser speaks British English, on a narrow phone, with
    scripts arriving late (so a shift a fast machine hides would show)."""
    context = browser.new_context(locale="en-GB", viewport={"width": 320, "height": 800})
    context.add_init_script(WATCH_BAND_SHIFTS)

    def late(route):
        time.sleep(0.3)
        route.continue_()

    context.route("**/*.js", late)
    yield context
    context.close()


def test_the_browsers_language_is_a_first_guess_that_says_so_and_moves_nothing(
    british_reader, site_url
):
    page = british_reader.new_page()
    page.goto(f"{site_url}/checklist/")
    expect(page.locator(".crisis-help.is-guessed").first).to_be_attached()
    assert shown_country(page) == ["GB"]
    band = page.locator("[data-crisis-band]")
    assert "Help in the United Kingdom (guessed from your browser’s language)" in band.inner_text()
    assert band.get_by_role("link", name="Call 116 123").is_visible()
    page.wait_for_timeout(200)  # let the observer report
    assert page.evaluate("window.bandShifts") == []
    band_height = page.evaluate("document.querySelector('.help-now').offsetHeight")
    static = page.context.browser.new_context(
        java_script_enabled=False, viewport={"width": 320, "height": 800}
    )
    static_page = static.new_page()
    static_page.goto(f"{site_url}/checklist/")
    assert static_page.evaluate("document.querySelector('.help-now').offsetHeight") == band_height
    static.close()


def test_a_chosen_country_is_kept_across_pages_without_any_request(page, site_url):
    page.goto(f"{site_url}/")
    assert shown_country(page) == [CRISIS_HELP_COUNTRY]
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    change = page.get_by_role("link", name="Change country")
    change.click()
    assert change.get_attribute("aria-expanded") == "true"
    page.get_by_role("button", name="Canada").click()
    assert shown_country(page) == ["CA"]
    assert page.evaluate("document.activeElement.textContent") == "Change country"
    assert "Canada" in page.locator("[data-crisis-band-status]").inner_text()
    assert requests == [], "choosing a country must not ask anything of anyone"
    assert page.evaluate("localStorage.getItem('small-wins-country')") == "CA"

    page.goto(f"{site_url}/checklist/")
    assert shown_country(page) == ["CA"]
    assert "guessed" not in page.locator("[data-crisis-band]").inner_text()
    assert page.get_by_role("link", name="Call 9-8-8").is_visible()


def test_escape_closes_the_country_list_and_axe_finds_nothing_while_it_is_open(page, site_url):
    page.goto(f"{site_url}/resources/")
    page.get_by_role("link", name="Change country").click()
    page.evaluate(AXE_SCRIPT)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        violations = run_axe(page, None, AXE_OPTIONS)
        assert not violations, describe(violations, f"/resources/ band open, {scheme}")
    page.keyboard.press("Escape")
    assert page.locator("[data-crisis-band-chooser]").is_hidden()
    assert page.evaluate("document.activeElement.textContent") == "Change country"


def test_without_javascript_the_default_country_shows_and_every_other_is_one_link_away(
    browser, site_url
):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto(f"{site_url}/about/")
    assert shown_country(page) == [CRISIS_HELP_COUNTRY]
    page.get_by_role("link", name="Change country").click()
    listed = page.locator("#crisis-lines li").all_inner_texts()
    names = ("Australia", "Canada", "Ireland", "New Zealand", "United Kingdom", "United States")
    for name in names:
        assert any(text.startswith(f"{name}:") for text in listed), (name, listed)
    context.close()
