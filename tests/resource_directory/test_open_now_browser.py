"""/resources/ of a fixture site in a real Chromium, at fixed fake clocks: each service
with stated hours says whether it is open now in the reader's own time zone (London,
Tokyo), the status is rewritten every minute without moving anything, the "Open now"
and language filters narrow the list and live in the address, and without JavaScript
every service is listed with its hours as text."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.resource_directory.test_resource_filters_browser import axe_violations, shown

pytestmark = pytest.mark.browser

RESOURCE = """\
name: {name}
summary: Someone to talk to.
kind: {kind}
categories: [coping]
website: https://{slug}.example.org/
contact:
  phone:
    display: +44 800 000 000
    tel: "+44800000000"
{hours}countries: [{country}]
languages: [{languages}]
source: https://{slug}.example.org/contact
last_verified: 2026-01-02
"""
RESOURCES = {
    "always-line": ("Always Line", "crisis line", "hours: 24/7\n", "GB", "en"),
    "night-line": ("Night Line", "chat", """\
hours:
  time_zone: Europe/London
  open:
    - days: [Friday]
      from: "20:00"
      until: "24:00"
    - days: [Saturday]
      from: "00:00"
      until: "02:00"
""", "GB", "en, fr"),
    "weekday-line": ("Weekday Line", "peer support", """\
hours:
  time_zone: America/New_York
  open:
    - days: [Monday, Tuesday, Wednesday, Thursday, Friday]
      from: "10:00"
      until: "22:00"
""", "US", "en, es"),
    "quiet-line": ("Quiet Line", "information", "", "CA", "fr-CA"),
}  # fmt: skip
PAGE_ORDER = ["always-line", "night-line", "weekday-line", "quiet-line"]  # crisis lines first
# Every layout shift not caused by the reader, added up as the page runs (Cumulative
# Layout Shift without its session windows: stricter).
RECORD_SHIFTS = """
window.layoutShift = 0;
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (entry) {
    if (!entry.hadRecentInput) { window.layoutShift += entry.value; }
  });
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.fixture
def url(make_site, build_site, serve):
    content = make_site({
        f"resources/{slug}.yaml": RESOURCE.format(
            slug=slug, name=name, kind=kind, hours=hours, country=country, languages=languages
        )
        for slug, (name, kind, hours, country, languages) in RESOURCES.items()
    })  # fmt: skip
    return serve(build_site(content)) + "/resources/"


def statuses(page) -> dict[str, str]:
    return dict(page.locator("article.resource").evaluate_all(
        "nodes => nodes.map(n => [n.id, (n.querySelector('.resource-status') || {}).textContent])"
    ))  # fmt: skip


def boxes(page) -> list[dict]:
    return page.locator("article.resource, #resource-count").evaluate_all(
        "nodes => nodes.map(n => JSON.parse(JSON.stringify(n.getBoundingClientRect())))"
    )


def settled_shift(page) -> float:
    """The layout shift so far, once the shifts of the last frame are reported."""
    return page.evaluate(
        "() => new Promise(done => requestAnimationFrame(() => setTimeout(() => "
        "done(window.layoutShift))))"
    )


def test_london_reader_sees_the_status_in_local_time_every_minute(browser, url):
    context = browser.new_context(
        timezone_id="Europe/London", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.add_init_script(RECORD_SHIFTS)
    page.clock.install(time="2026-01-16T15:30:00Z")  # Friday 10:30 in New York
    page.goto(url)
    assert statuses(page) == {
        "always-line": "Open 24/7",
        "night-line": "Closed · opens Friday 20:00 your time",
        "weekday-line": "Open now · until 03:00 your time",  # 22:00 in New York
        "quiet-line": None,
    }
    assert settled_shift(page) == 0
    before = boxes(page)

    page.clock.fast_forward("07:30:00")  # Friday 23:00: the night line's two rows are one
    expect(page.locator("#night-line .resource-status")).to_have_text(
        "Open now · until 02:00 your time"
    )
    page.clock.fast_forward("04:00:00")  # Saturday 03:00, 22:00 in New York
    assert statuses(page) == {
        "always-line": "Open 24/7",
        "night-line": "Closed · opens Friday 20:00 your time",
        "weekday-line": "Closed · opens Monday 15:00 your time",
        "quiet-line": None,
    }
    assert boxes(page) == before
    assert settled_shift(page) == 0

    page.check("#resource-filter-open")
    assert shown(page) == ["always-line"]
    expect(page).to_have_url(re.compile(r"/resources/\?open=now$"))
    context.close()


def test_tokyo_reader_filters_by_language_and_open_now_through_the_address(browser, url):
    context = browser.new_context(timezone_id="Asia/Tokyo")
    page = context.new_page()
    # Saturday noon in New York, 02:00 on Sunday in Tokyo. New York's clocks go forward
    # overnight, so Monday 10:00 there is 23:00 in Tokyo, not midnight.
    page.clock.install(time="2026-03-07T17:00:00Z")
    page.goto(url + "?language=en&open=now")
    assert statuses(page)["weekday-line"] == "Closed · opens Monday 23:00 your time"
    assert statuses(page)["night-line"] == "Closed · opens Saturday 05:00 your time"
    assert page.locator("#resource-filter-language").input_value() == "en"
    assert page.locator("#resource-filter-open").is_checked()
    assert shown(page) == ["always-line"]
    assert page.locator("#resource-count").text_content() == "1 resource shown"

    page.uncheck("#resource-filter-open")
    page.select_option("#resource-filter-language", label="French")
    assert shown(page) == ["night-line", "quiet-line"]  # French (Canada) is French too
    page.select_option("#resource-filter-language", label="Spanish")
    assert shown(page) == ["weekday-line"]
    expect(page).to_have_url(re.compile(r"/resources/\?language=es$"))
    page.reload()
    assert page.locator("#resource-filter-language").input_value() == "es"
    assert not page.locator("#resource-filter-open").is_checked()
    assert shown(page) == ["weekday-line"]
    context.close()


def test_without_javascript_every_service_shows_its_hours_as_text(browser, url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url + "?language=es&open=now")
    assert shown(page) == PAGE_ORDER
    assert not page.locator("#resource-filters").is_visible()
    hours = page.locator("article.resource").evaluate_all(
        "nodes => nodes.map(n => [n.id, [...n.querySelectorAll('dt')]"
        ".find(dt => dt.textContent === 'Hours').nextElementSibling.textContent])"
    )
    assert dict(hours) == {
        "always-line": "24/7: every day, day and night",
        "night-line": "Friday, 20:00 to 24:00; Saturday, 00:00 to 02:00, London time",
        "weekday-line": "Monday to Friday, 10:00 to 22:00, New York time",
        "quiet-line": "check the website",
    }
    # Only the 24/7 status is true at any time; the others need the clock.
    assert page.locator(".resource-status:visible").all_text_contents() == ["Open 24/7"]
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_statuses_fit_their_line_on_a_phone_and_axe_finds_no_violation(browser, url, scheme):
    context = browser.new_context(
        timezone_id="Pacific/Auckland", viewport={"width": 320, "height": 800}, color_scheme=scheme
    )
    page = context.new_page()
    page.clock.install(time="2026-01-14T20:00:00Z")  # Thursday 09:00 in Auckland
    page.goto(url)
    assert statuses(page)["night-line"] == "Closed · opens Saturday 09:00 your time"
    heights = page.locator(".resource-status").evaluate_all(
        "nodes => nodes.map(n => [n.getBoundingClientRect().height, "
        "parseFloat(getComputedStyle(n).minHeight)])"
    )
    # Layout rounds the height to a fraction of a pixel.
    assert all(abs(height - reserved) < 0.5 for height, reserved in heights), heights
    assert axe_violations(page) == []
    context.close()
