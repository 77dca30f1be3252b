"""The layout in a real Chromium: nothing moves after the first paint even when
scripts come late, the quick exit stays in view without hiding what has focus,
its colours and the focus style contrast in both schemes, and Tab follows the
order in which things are drawn."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

WIDTHS = (320, 1280)
SCRIPT_DELAY_MS = 500
# One page of each template.
TEMPLATES = (
    "",
    "small-wins-nobody-talks-about/",
    "category/coping/",
    "accessibility/",
    "checklist/",
    "resources/",
    "resources/us/",
    "search/",
    "tags/",
    "404.html",
)
# Every layout shift from the first paint on, as the Layout Instability API reports it.
RECORD_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) {
      const moved = entry.sources.map((s) => s.node && s.node.nodeName).join(" ");
      window.__shifts.push(`${entry.value.toFixed(4)} (${moved})`);
    }
  }
}).observe({ type: "layout-shift", buffered: true });
"""
# Where each Tab stop is drawn, in page coordinates.
FOCUS_STOP = """() => { const e = document.activeElement; const r = e.getBoundingClientRect();
  return { name: e.outerHTML.slice(0, 60), top: r.top + scrollY, bottom: r.bottom + scrollY,
           left: r.left, right: r.right, inBar: !!e.closest('.exit-bar'),
           body: e === document.body }; }"""
# The viewport rectangles of the focused element and of the exit's bar.
FOCUS_AND_BAR = """() => { const f = document.activeElement.getBoundingClientRect();
  const b = document.querySelector('.exit-bar').getBoundingClientRect();
  return { name: document.activeElement.outerHTML.slice(0, 60),
           inBar: !!document.activeElement.closest('.exit-bar'),
           body: document.activeElement === document.body,
           focus: [f.top, f.bottom], bar: [b.top, b.bottom] }; }"""


@pytest.fixture(scope="module")
def site_url(real_site, serve):
    return serve(real_site)


def delay_scripts(route):
    # scripts-run.js is left alone: it holds the first paint whatever its delay,
    # so delaying it would only hide what the late scripts move.
    if "/scripts-run." not in route.request.url:
        route.request.frame.page.wait_for_timeout(SCRIPT_DELAY_MS)
    route.continue_()


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_moves_after_the_first_paint_with_scripts_half_a_second_late(
    browser, site_url, width
):
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.add_init_script(RECORD_SHIFTS)
    context.route(re.compile(r".*\.js$"), delay_scripts)
    page = context.new_page()
    shifted = []
    for path in TEMPLATES:
        page.goto(f"{site_url}/{path}", wait_until="load")
        assert page.evaluate("document.documentElement.classList.contains('js')"), path
        page.wait_for_timeout(200)  # what the late scripts do lands in a frame or two
        if shifts := page.evaluate("window.__shifts"):
            shifted.append(f"/{path}: {shifts}")
    context.close()
    assert not shifted, f"layout shifts at {width}px:\n" + "\n".join(shifted)


@pytest.mark.parametrize(("width", "text_size"), [(320, "100%"), (320, "200%"), (1280, "100%")])
def test_the_exit_stays_in_view_and_never_covers_what_has_focus(
    browser, site_url, width, text_size
):
    context = browser.new_context(viewport={"width": width, "height": 640})
    page = context.new_page()
    page.goto(f"{site_url}/small-wins-nobody-talks-about/")
    page.evaluate(f"document.documentElement.style.fontSize = '{text_size}'")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    exit_box = page.locator(".exit-this-page").bounding_box()
    assert exit_box["y"] >= 0 and exit_box["y"] + exit_box["height"] <= 640, exit_box
    on_top = page.evaluate(
        """() => { const r = document.querySelector('.exit-this-page').getBoundingClientRect();
                   const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                   return hit.closest('.exit-this-page') !== null; }"""
    )
    assert on_top, "the exit is covered after scrolling"
    page.evaluate("window.scrollTo(0, 0)")
    covered = []
    for _ in range(200):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_AND_BAR)
        if stop["body"]:
            break
        (top, bottom), (bar_top, bar_bottom) = stop["focus"], stop["bar"]
        if not stop["inBar"] and top < bar_bottom - 0.5 and bottom > bar_top + 0.5:
            covered.append(f"{stop['name']} at {stop['focus']} under the bar {stop['bar']}")
    context.close()
    assert not covered, "\n".join(covered)


def luminance(colour: str) -> float:
    channels = [int(value) / 255 for value in re.findall(r"\d+", colour)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# The first opaque background behind an element, and its focus style's bar.
COLOURS = """(selector) => { const e = document.querySelector(selector);
  let behind = e.parentElement;
  const clear = (node) => getComputedStyle(node).backgroundColor === 'rgba(0, 0, 0, 0)';
  while (clear(behind)) behind = behind.parentElement;
  const style = getComputedStyle(e);
  return { text: style.color, background: style.backgroundColor,
           behind: getComputedStyle(behind).backgroundColor,
           bar: (style.boxShadow.match(/rgba?\\([^)]*\\)/g) || []).pop() || 'none' }; }"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_exit_and_the_focus_style_contrast_in_both_schemes(browser, site_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{site_url}/small-wins-nobody-talks-about/")
    exit_colours = page.evaluate(COLOURS, ".exit-this-page")
    assert contrast(exit_colours["background"], exit_colours["behind"]) >= 3, exit_colours
    assert contrast(exit_colours["text"], exit_colours["background"]) >= 7, exit_colours
    problems = []
    for selector in (".exit-this-page", ".crisis-help a", ".site-nav a", "main a", "footer a"):
        page.focus(selector)
        colours = page.evaluate(COLOURS, selector)
        if contrast(colours["bar"], colours["behind"]) < 3:
            problems.append(f"{selector}: focus bar {colours}")
        if contrast(colours["text"], colours["background"]) < 7:
            problems.append(f"{selector}: focused text {colours}")
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_tab_follows_the_order_things_are_drawn_in(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    backwards = []
    for path in ("", "resources/us/", "checklist/"):
        page.goto(f"{site_url}/{path}")
        previous = None
        for _ in range(300):
            page.keyboard.press("Tab")
            stop = page.evaluate(FOCUS_STOP)
            if stop["body"]:
                break
            if stop["inBar"]:
                continue  # its bar stays at the top of the window, above whatever is next
            if previous is not None:
                above = stop["bottom"] <= previous["top"]
                same_row = stop["top"] < previous["bottom"] and previous["top"] < stop["bottom"]
                if above or (same_row and stop["right"] <= previous["left"]):
                    backwards.append(f"/{path}: {previous['name']} then {stop['name']}")
            previous = stop
    context.close()
    assert not backwards, f"Tab goes back at {width}px:\n" + "\n".join(backwards)


def test_resource_cards_are_summary_lists_with_the_name_the_largest_text(page, site_url):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{site_url}/resources/us/")
    cards = page.evaluate(
        """() => [...document.querySelectorAll('.resource')].map((card) => {
             const size = (e) => parseFloat(getComputedStyle(e).fontSize);
             const name = card.querySelector('h3');
             const others = [...card.querySelectorAll('*')].filter((e) => !name.contains(e));
             return { name: name.textContent, nameSize: size(name),
                      largestOther: Math.max(...others.map(size)),
                      facts: [...card.querySelectorAll('.resource-facts dt')].map((dt) => {
                        const dd = dt.nextElementSibling;
                        return { label: dt.textContent, value: dd.textContent.trim(),
                                 beside: dd.getBoundingClientRect().left
                                         >= dt.getBoundingClientRect().right }; }) }; })"""
    )
    assert len(cards) > 3
    problems = []
    for card in cards:
        if card["nameSize"] <= card["largestOther"]:
            problems.append(f"{card['name']}: name {card['nameSize']}px, {card['largestOther']}px")
        for fact in card["facts"]:
            if not fact["beside"] or not fact["value"] or "not stated" in fact["value"].lower():
                problems.append(f"{card['name']}: {fact}")
    assert not problems, "\n".join(problems)
