"""Nothing left behind on exit, in a real Chromium: the quick exit (button or Shift
pressed three times) removes what the site kept in this browser before it leaves,
adds no history entry, and a checklist brought back by Back or visited afresh shows
no ticks, unless the reader chose to keep their ticks on this device."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from pelicanconf import EXIT_URL
from tests.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

BOX = "Got out of bed, Monday"
SITE_KEYS = """() => [sessionStorage, localStorage].flatMap(storage =>
    Object.keys(storage).filter(name => name.startsWith('small-wins')))"""


@pytest.fixture(scope="module")
def site_url(real_site, serve):
    return serve(real_site)


@pytest.fixture(scope="module")
def cached_browser(browser):
    """Chromium with its back/forward cache on, as readers have it (Playwright turns
    it off): Back then shows the very page that was left, scripts and ticks included."""
    launched = browser.browser_type.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS,
        ignore_default_args=["--disable-back-forward-cache"],
    )  # fmt: skip
    yield launched
    launched.close()


def new_tab(browser):
    context = browser.new_context()
    # The neutral site, answered locally: nothing leaves the machine.
    context.route(f"{EXIT_URL}**", lambda route: route.fulfill(body="<title>Weather</title>"))
    return context, context.new_page()


def leave_a_trace(page):
    """What the site and another site on the same origin might keep."""
    page.evaluate(
        """() => { localStorage.setItem('small-wins-country', 'GB');
                   sessionStorage.setItem('small-wins-other', '1');
                   localStorage.setItem('not-ours', '1'); }"""
    )


def test_the_exit_button_removes_everything_and_back_shows_no_ticks(cached_browser, site_url):
    context, page = new_tab(cached_browser)
    page.goto(f"{site_url}/checklist/")
    page.get_by_role("checkbox", name=BOX, exact=True).check()
    leave_a_trace(page)
    assert len(page.evaluate(SITE_KEYS)) == 3
    page.evaluate("window.addEventListener('pageshow', e => { window.restored = e.persisted })")
    page.goto(f"{site_url}/leave-quickly/")
    entries = page.evaluate("history.length")
    page.get_by_role("link", name="Exit this page").click()
    page.wait_for_url(f"{EXIT_URL}**")
    assert page.evaluate("history.length") == entries
    # A page restored from the cache fires no load event: wait for its pageshow.
    page.go_back(wait_until="commit")
    page.wait_for_function("window.restored !== undefined")
    assert page.url == f"{site_url}/checklist/", "Back skips the page the reader left"
    assert page.evaluate("window.restored") is True, "the checklist came back from the cache"
    assert not page.get_by_role("checkbox", name=BOX, exact=True).is_checked()
    assert page.evaluate(SITE_KEYS) == []
    assert page.evaluate("localStorage.getItem('not-ours')") == "1"
    page.goto(f"{site_url}/checklist/")
    assert page.locator(".checklist-grid input:checked").count() == 0
    context.close()


def test_with_keep_on_ticks_survive_shift_pressed_three_times(browser, site_url):
    context, page = new_tab(browser)
    page.goto(f"{site_url}/about/")
    page.goto(f"{site_url}/checklist/")
    page.get_by_role("checkbox", name="Keep my ticks on this device").check()
    page.get_by_role("checkbox", name=BOX, exact=True).check()
    leave_a_trace(page)
    entries = page.evaluate("history.length")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(f"{EXIT_URL}**")
    assert page.evaluate("history.length") == entries
    page.go_back()
    assert page.url == f"{site_url}/about/", "Back goes to the page before the one left"
    kept = sorted(name.split(":")[0] for name in page.evaluate(SITE_KEYS))
    assert kept == ["small-wins-checklist", "small-wins-checklist-keep"], "this week's, the choice"
    page.goto(f"{site_url}/checklist/")
    assert page.get_by_role("checkbox", name=BOX, exact=True).is_checked()
    assert page.get_by_role("checkbox", name="Keep my ticks on this device").is_checked()
    context.close()


def test_the_words_searched_stay_out_of_the_address_and_the_exit_forgets_them(browser, site_url):
    """A shared computer's history and cache keep addresses: the words never enter one."""
    context, page = new_tab(browser)
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(f"{site_url}/")
    header = page.get_by_role("search", name="Site")
    header.get_by_label("Search the site").fill("overdose tonight")
    header.get_by_role("button", name="Search").click()
    count = page.locator("[data-search-count]")
    expect(count).to_contain_text("“overdose tonight”")
    assert page.url == f"{site_url}/search/"
    page.reload()  # the words are kept in this tab
    expect(count).to_contain_text("“overdose tonight”")
    page.goto(f"{site_url}/search/?q=sleep")  # a link with words: they leave the address
    expect(count).to_contain_text("“sleep”")
    assert page.url == f"{site_url}/search/"
    assert not [url for url in asked if "overdose" in url], asked
    page.get_by_role("link", name="Exit this page").click()
    page.wait_for_url(f"{EXIT_URL}**")
    page.goto(f"{site_url}/search/")
    expect(page.get_by_label("Words to look for")).to_have_value("")
    assert page.evaluate(SITE_KEYS) == []
    context.close()
