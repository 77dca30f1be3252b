"""The theme in a real Chromium: axe-core on every built page (light and dark,
320 and 1280 px), reflow, keyboard order, the quick exit with and without
JavaScript, and the 404 page served at a deep address."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import expect

from pelicanconf import EXIT_URL
from tests.conftest import exit_answered_locally, wide_tab

pytestmark = pytest.mark.browser

WIDTHS = (320, 1280)
SCHEMES = ("light", "dark")
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
# Body text must reach 7:1 (WCAG AAA 1.4.6): the theme's own text and the
# text of articles and pages.
ENHANCED_CONTRAST_OPTIONS = {
    "runOnly": {"type": "rule", "values": ["color-contrast-enhanced"]},
    "resultTypes": ["violations"],
}
THEME_TEXT = [".help-now", ".site-header", ".breadcrumbs", "h1", ".prose", ".site-footer"]
ARTICLE = "small-wins-nobody-talks-about/"


@dataclass
class Audit:
    violations: list[str]
    scroll_width: int
    viewport_width: int
    pinned: list[str]  # fixed or sticky elements, which could hide what has focus


PINNED_ELEMENTS = """[...document.querySelectorAll('body *')]
    .filter(e => ['fixed', 'sticky'].includes(getComputedStyle(e).position))
    .map(e => e.outerHTML.slice(0, 80))"""


def page_urls(site) -> list[str]:
    """Every built HTML page, as the path a reader would visit."""
    paths = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    return [re.sub(r"(^|/)index\.html$", r"\1", path) for path in paths]


def describe(violations: list[dict], where: str) -> list[str]:
    return [
        f"{where}: {violation['id']} ({violation['help']}) at {node['target']}: "
        f"{node['html'][:160]}"
        for violation in violations
        for node in violation["nodes"]
    ]


def run_axe(page, context, options) -> list[dict]:
    script = "([context, options]) => axe.run(context || document, options)"
    return page.evaluate(script, [context, options])["violations"]


def axe_in_both_schemes(page, where: str) -> list[str]:
    """The page as it is now, checked by axe in the light and the dark scheme."""
    page.evaluate(AXE_SCRIPT)
    violations = []
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        violations += describe(run_axe(page, None, AXE_OPTIONS), f"{where}, {scheme}")
    return violations


@pytest.fixture(scope="module")
def site_url(real_site, serve):
    return serve(real_site)


@pytest.fixture(scope="module")
def audits(browser, real_site, site_url) -> dict[tuple[str, int, str], Audit]:
    """Each page loaded once per width and checked in both colour schemes."""
    context = browser.new_context()
    page = context.new_page()
    results = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for url in page_urls(real_site):
            page.goto(f"{site_url}/{url}")
            page.evaluate(AXE_SCRIPT)
            theme_text = [[selector] for selector in THEME_TEXT if page.locator(selector).count()]
            for scheme in SCHEMES:
                page.emulate_media(color_scheme=scheme)
                where = f"/{url} at {width}px, {scheme}"
                violations = run_axe(page, None, AXE_OPTIONS)
                violations += run_axe(page, {"include": theme_text}, ENHANCED_CONTRAST_OPTIONS)
                results[url, width, scheme] = Audit(
                    describe(violations, where),
                    page.evaluate("document.documentElement.scrollWidth"),
                    page.evaluate("window.innerWidth"),
                    page.evaluate(PINNED_ELEMENTS),
                )
    context.close()
    return results


def test_every_page_was_audited(audits, real_site):
    urls = page_urls(real_site)
    assert len(urls) >= 10
    assert len(audits) == len(urls) * len(WIDTHS) * len(SCHEMES)


def test_axe_finds_no_violation_on_any_page_width_or_scheme(audits):
    problems = [line for audit in audits.values() for line in audit.violations]
    assert not problems, f"{len(problems)} violation(s):\n" + "\n".join(problems)


def test_every_page_reflows_at_320_px_without_horizontal_scrolling(audits):
    overflowing = [
        f"/{url} ({scheme}): {audit.scroll_width}px wide in a {audit.viewport_width}px viewport"
        for (url, width, scheme), audit in audits.items()
        if width == 320 and audit.scroll_width > audit.viewport_width
    ]
    assert not overflowing, "\n".join(overflowing)


def test_only_the_exit_bar_stays_in_view_while_the_page_scrolls(audits):
    """The quick exit is always one press away; nothing else is pinned, so nothing
    else can hide what has focus (the exit's own bar is tested in test_layout_browser)."""
    pinned = [
        f"/{url} at {width}px: {audit.pinned}"
        for (url, width, _), audit in audits.items()
        if [element[:26] for element in audit.pinned] != ['<aside class="exit-bar" ar']
    ]
    assert not pinned, "\n".join(pinned)


@pytest.fixture
def page(browser):
    yield from wide_tab(browser)


@pytest.mark.parametrize("width", [320, 1280])
def test_text_at_200_percent_reflows(page, site_url, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site_url}/{ARTICLE}")
    # Setting a style through the CSSOM is allowed by the page's CSP.
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_text_is_set_in_a_measure_of_at_most_75_characters(page, site_url):
    page.goto(f"{site_url}/{ARTICLE}")
    paragraph = page.locator(".prose p").first
    width = paragraph.evaluate("p => p.getBoundingClientRect().width")
    ch = paragraph.evaluate(
        """p => { const probe = document.createElement('span');
                  probe.style.position = 'absolute'; probe.style.whiteSpace = 'nowrap';
                  probe.textContent = '0'.repeat(100); p.append(probe);
                  const width = probe.getBoundingClientRect().width / 100;
                  probe.remove(); return width; }"""
    )
    assert width / ch <= 75


def focused(page) -> str:
    return page.evaluate("document.activeElement.className || document.activeElement.id")


@pytest.mark.parametrize(("motion", "scrolling"), [("no-preference", "smooth"), ("reduce", "auto")])
def test_scrolling_is_smooth_only_without_a_reduced_motion_preference(
    page, site_url, motion, scrolling
):
    page.emulate_media(reduced_motion=motion)
    page.goto(f"{site_url}/{ARTICLE}")
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == scrolling


def test_first_tab_reaches_the_skip_link_then_the_exit_control(page, site_url):
    page.goto(f"{site_url}/{ARTICLE}")
    page.keyboard.press("Tab")
    assert focused(page) == "skip-link"
    assert page.locator(".skip-link").bounding_box()["width"] > 100, "skip link shown on focus"
    page.keyboard.press("Tab")
    assert focused(page) == "exit-this-page"


def test_the_skip_link_moves_focus_to_main(page, site_url):
    page.goto(f"{site_url}/{ARTICLE}")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.tagName") == "MAIN"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_the_focus_indicator_contrasts_with_the_page(page, site_url):
    page.goto(f"{site_url}/{ARTICLE}")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.backgroundColor, s.boxShadow]; })()"
    )
    assert style[0] == "rgb(255, 221, 0)" and "rgb(11, 12, 12)" in style[1], style


def test_the_exit_control_is_announced_as_an_emergency_exit(page, site_url):
    page.goto(f"{site_url}/{ARTICLE}")
    exit_link = page.get_by_role("link", name="Emergency: Exit this page")
    assert exit_link.get_attribute("href") == EXIT_URL


def test_quick_exit_with_javascript_replaces_the_page_in_history(page, site_url):
    page.goto(f"{site_url}/")
    page.goto(f"{site_url}/{ARTICLE}")
    page.locator(".exit-this-page").click()
    page.wait_for_url(f"{EXIT_URL}**")
    page.go_back()
    assert page.url == f"{site_url}/", "Back must skip the page the reader left"


def exit_status(page):
    """The quick exit's own live region (the crisis band has another)."""
    return page.locator(".exit-this-page + [role=status]")


def test_pressing_shift_three_times_leaves_and_is_announced(page, site_url):
    page.goto(f"{site_url}/")
    page.goto(f"{site_url}/{ARTICLE}")
    page.keyboard.press("Shift")
    assert exit_status(page).text_content() == "Shift, press 2 more times to exit."
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_url(f"{EXIT_URL}**")
    page.go_back()
    assert page.url == f"{site_url}/"


def test_typing_capital_letters_does_not_leave(page, site_url):
    page.goto(f"{site_url}/{ARTICLE}")
    for _ in range(4):
        page.keyboard.press("Shift+A")
    page.wait_for_timeout(300)
    assert page.url == f"{site_url}/{ARTICLE}"
    assert exit_status(page).text_content() == "Shift, press 2 more times to exit."


def test_on_narrow_screens_the_navigation_opens_from_a_menu_button(page, site_url):
    page.set_viewport_size({"width": 320, "height": 900})
    page.goto(f"{site_url}/{ARTICLE}")
    menu = page.get_by_role("button", name="Menu")
    links = page.locator("#site-nav-links")
    assert menu.get_attribute("aria-expanded") == "false" and not links.is_visible()
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true" and links.is_visible()
    page.evaluate(AXE_SCRIPT)
    open_menu = describe(run_axe(page, {"include": [[".site-header"]]}, AXE_OPTIONS), "open menu")
    assert not open_menu, "\n".join(open_menu)
    page.set_viewport_size({"width": 1280, "height": 900})
    # the new width reaches the page's styles a frame later
    expect(menu).to_be_hidden()
    expect(links).to_be_visible()


def test_without_javascript_every_navigation_link_is_shown(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 900})
    page = context.new_page()
    page.goto(f"{site_url}/{ARTICLE}")
    assert page.locator("#site-nav-links").is_visible()
    assert not page.locator(".site-nav__toggle").is_visible()
    context.close()


def test_quick_exit_without_javascript_is_a_plain_link(browser, site_url):
    context = exit_answered_locally(browser.new_context(java_script_enabled=False))
    page = context.new_page()
    page.goto(f"{site_url}/{ARTICLE}")
    page.locator(".exit-this-page").click()
    page.wait_for_url(f"{EXIT_URL}**")
    context.close()


def test_the_404_page_works_at_any_depth(page, site_url, real_site):
    not_found = (real_site / "404.html").read_text(encoding="utf-8")
    deep = f"{site_url}/a/b/c/missing/"
    page.route(
        deep, lambda route: route.fulfill(status=404, body=not_found, content_type="text/html")
    )
    page.goto(deep)
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")
    home = page.get_by_role("link", name="Small Wins home page")
    assert home.evaluate("a => a.href") == f"{site_url}/"
    script = page.evaluate("document.querySelector('script[src]').src")
    assert script.startswith(f"{site_url}/theme/")


def test_print_shows_the_text_black_on_white_without_navigation_or_exit(page, site_url):
    page.emulate_media(media="print", color_scheme="dark")
    page.goto(f"{site_url}/{ARTICLE}")
    for selector in (".exit-this-page", ".site-nav", ".breadcrumbs", ".contents"):
        assert not page.locator(selector).is_visible(), selector
    assert page.locator(".crisis-help").is_visible()
    colours = page.evaluate(
        "[document.body, document.querySelector('.prose p'), document.querySelector('a')]"
        ".map(e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor])"
    )
    assert {colour for pair in colours for colour in pair} <= {
        "rgb(0, 0, 0)",
        "rgb(255, 255, 255)",
        "rgba(0, 0, 0, 0)",
    }
    assert page.evaluate("getComputedStyle(document.querySelector('.prose h2')).breakAfter") == (
        "avoid"
    )
    after = page.evaluate(
        """() => { const link = document.createElement('a');
                   link.href = 'https://example.org/help'; link.textContent = 'Help';
                   document.querySelector('.prose p').append(link);
                   return getComputedStyle(link, '::after').content; }"""
    )
    assert "https://example.org/help" in after
