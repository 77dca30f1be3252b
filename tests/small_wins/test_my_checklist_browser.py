"""A reader's own checklist in a real Chromium: the wins they leave off are left off
paper only, on one page of A4 or Letter, with no request; the choice is kept as the
ticks are (this tab, or this device when the reader says so) and goes with the quick
exit; today is marked by a ring and a word on every width, never on paper; the clear
control comes before the grid; axe finds nothing with every control shown; and nothing
moves while the scripts come late."""

from __future__ import annotations

import io
import re

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import expect
from pypdf import PdfReader

from pelicanconf import EXIT_URL
from tests.conftest import wide_tab
from tests.small_wins.test_checklist_browser import AXE_OPTIONS, KEEP, LABELS

pytestmark = pytest.mark.browser

LEFT_OUT = "small-wins-checklist-left-out"
CHOOSE = "Choose the wins on my printout"
# Four wins, and with one of them the only win of its category.
DROPPED = ["Ate something", "Took my medication", "Said no to something draining", "Stayed present"]
KEPT = [label for label in LABELS if label not in DROPPED]
WEDNESDAY = "2026-11-25T10:00:00"
STORED = "() => [JSON.stringify(sessionStorage), JSON.stringify(localStorage)]"
SITE_KEYS = """() => [sessionStorage, localStorage].flatMap(storage =>
    Object.keys(storage).filter(name => name.startsWith('small-wins')))"""


@pytest.fixture(scope="module")
def checklist_url(real_site, serve):
    return serve(real_site) + "/checklist/"


@pytest.fixture
def page(browser):
    yield from wide_tab(browser)


def choice(page, label: str):
    """The win's box in the list of wins on the printout (its day boxes say the day too)."""
    return page.get_by_role("group", name="Wins on my printout").get_by_role(
        "checkbox", name=label, exact=True
    )


def leave_off(page, labels: list[str]) -> None:
    page.get_by_text(CHOOSE).click()
    for label in labels:
        choice(page, label).uncheck()


def row(page, label: str):
    return page.locator("tbody tr").filter(has=page.locator(".checklist-label", has_text=label))


def pdf_text(page, paper: str) -> tuple[int, str]:
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format=paper)))
    page.emulate_media(media="screen")
    return len(reader.pages), " ".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_wins_left_off_are_left_off_paper_only_on_one_page_without_a_request(
    page, checklist_url, paper
):
    page.goto(checklist_url)
    page.wait_for_load_state("networkidle")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    # The first print of the page, whatever is on it, fetches the sheet's font from the
    # site (print-font.css); after that, nothing.
    pdf_text(page, paper)
    site = checklist_url.removesuffix("/checklist/")
    assert all(url.startswith(site + "/theme/fonts/") for url in requests), requests
    requests.clear()
    leave_off(page, DROPPED)
    for label in LABELS:
        assert row(page, label).is_visible(), f"{label} is still on screen"
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    page.get_by_role("button", name="Print my checklist").click()
    assert page.evaluate("window.printed") == 1
    pages, text = pdf_text(page, paper)
    assert pages == 1
    for label in KEPT:
        assert label in text, label
    for label in DROPPED:
        assert label not in text, label
    assert "BOUNDARIES" not in text.upper(), "a category with none of its wins left is left off"
    assert "COPING" in text.upper()
    assert "You got up. That counts." in text and "988" in text
    for words in ("Print my checklist", "Clear this week", CHOOSE, "Today"):
        assert words not in text, words
    assert requests == [], "choosing and printing ask nothing of anyone"


def test_with_every_win_left_off_the_button_says_so_and_the_whole_list_prints(page, checklist_url):
    page.goto(checklist_url)
    leave_off(page, LABELS)
    page.evaluate("() => { window.print = () => { window.printed = true; }; }")
    page.get_by_role("button", name="Print my checklist").click()
    assert page.evaluate("window.printed") is None
    assert "tick at least one" in page.locator(".checklist-status").text_content()
    pages, text = pdf_text(page, "Letter")
    assert pages == 1
    assert all(label in text for label in LABELS), "the browser's own print: the whole list"


def test_the_choice_is_kept_in_this_tab_unless_the_reader_keeps_their_ticks(page, checklist_url):
    page.goto(checklist_url)
    leave_off(page, ["Stayed present"])
    tab, device = page.evaluate(STORED)
    assert LEFT_OUT in tab and "stayed-present" in tab
    assert device == "{}", "nothing in localStorage unless the reader turns Keep on"
    page.reload()
    page.get_by_text(CHOOSE).click()
    assert not choice(page, "Stayed present").is_checked()
    assert choice(page, "Got out of bed").is_checked()
    assert row(page, "Stayed present").get_attribute("data-left-out") == ""
    assert row(page, "Got out of bed").get_attribute("data-left-out") is None
    page.get_by_role("checkbox", name=KEEP).check()
    tab, device = page.evaluate(STORED)
    assert tab == "{}" and LEFT_OUT in device and "stayed-present" in device
    page.get_by_role("checkbox", name=KEEP).uncheck()
    tab, device = page.evaluate(STORED)
    assert LEFT_OUT in tab and device == "{}"
    choice(page, "Stayed present").check()
    assert page.evaluate(STORED) == ["{}", "{}"], "every win chosen: nothing to keep"


def test_the_quick_exit_takes_the_choice_with_it_unless_keep_is_on(page, checklist_url):
    page.goto(checklist_url)
    leave_off(page, ["Ate something"])
    assert page.evaluate(SITE_KEYS) == [LEFT_OUT]
    page.get_by_role("link", name="Exit this page").click()
    page.wait_for_url(f"{EXIT_URL}**")
    page.goto(checklist_url)
    assert page.evaluate(SITE_KEYS) == []
    page.get_by_text(CHOOSE).click()
    assert choice(page, "Ate something").is_checked()

    page.get_by_role("checkbox", name=KEEP).check()
    choice(page, "Ate something").uncheck()
    page.get_by_role("link", name="Exit this page").click()
    page.wait_for_url(f"{EXIT_URL}**")
    page.goto(checklist_url)
    assert sorted(page.evaluate(SITE_KEYS)) == ["small-wins-checklist-keep", LEFT_OUT]
    page.get_by_text(CHOOSE).click()
    assert not choice(page, "Ate something").is_checked()


MARKS = """(element) => { const style = getComputedStyle(element);
  const after = getComputedStyle(element.closest('th, td'), '::after').content;
  return { line: style.textDecorationLine, border: style.borderTopColor,
           borderStyle: style.borderTopStyle, outline: style.outlineStyle,
           background: style.backgroundColor, after }; }"""


def test_todays_header_has_a_ring_and_the_word_today_and_no_underline(page, checklist_url):
    page.clock.set_fixed_time(WEDNESDAY)
    page.goto(checklist_url)
    today = page.locator("thead th[aria-current=date]")
    assert today.get_attribute("data-day") == "wednesday"
    name = "th => th.querySelector('[aria-hidden]')"
    marked = page.evaluate(MARKS, today.evaluate_handle(name))
    other = page.evaluate(MARKS, page.locator("thead th[data-day=tuesday]").evaluate_handle(name))
    header = today.evaluate("th => getComputedStyle(th).textDecorationLine")
    assert header == marked["line"] == "none", "today does not look like a link"
    assert marked["borderStyle"] == "solid" and marked["border"] != other["border"]
    assert marked["background"] != other["background"]
    assert "Today" in today.evaluate("th => getComputedStyle(th, '::after').content")
    tuesday = page.locator("thead th[data-day=tuesday]")
    assert tuesday.evaluate("th => getComputedStyle(th, '::after').content") == "none"
    assert page.locator("td[data-today]").count() == len(LABELS)


def test_on_a_narrow_screen_todays_boxes_have_a_ring_and_the_word_today(page, checklist_url):
    page.set_viewport_size({"width": 320, "height": 800})
    page.clock.set_fixed_time(WEDNESDAY)
    page.goto(checklist_url)
    assert page.locator("thead").bounding_box()["height"] <= 1, "each box says its own day"
    boxes = page.locator("td[data-today] .checklist-box")
    assert boxes.count() == len(LABELS)
    for box in boxes.all():
        assert box.locator("input").get_attribute("value") == "wednesday"
        marks = box.evaluate(
            """label => { const style = getComputedStyle(label);
                 const day = label.querySelector('.checklist-box__day');
                 return { outline: style.outlineStyle, width: style.outlineWidth,
                          line: style.textDecorationLine,
                          after: getComputedStyle(day, '::after').content }; }"""
        )
        assert marks["outline"] == "solid" and marks["width"] == "2px", marks
        assert marks["line"] == "none" and "Today" in marks["after"], marks
    other = page.locator("td:not([data-today]) .checklist-box").first
    assert other.evaluate("label => getComputedStyle(label).outlineStyle") == "none"
    assert "Today" in boxes.first.evaluate(
        "label => { const day = label.querySelector('.checklist-box__day');"
        " return getComputedStyle(day, '::after').content; }"
    )


def test_on_paper_today_is_not_marked(page, checklist_url):
    page.clock.set_fixed_time(WEDNESDAY)
    page.goto(checklist_url)
    page.emulate_media(media="print")
    today = page.locator("thead th[aria-current=date]")
    assert today.evaluate("th => getComputedStyle(th, '::after').content") == "none"
    style = today.evaluate(
        "th => { const s = getComputedStyle(th.querySelector('[aria-hidden]'));"
        " return [s.borderTopStyle, s.textDecorationLine]; }"
    )
    assert style == ["none", "none"]
    assert page.locator("td[data-today]").first.evaluate(
        "td => getComputedStyle(td).backgroundColor"
    ) == page.locator("td:not([data-today])").first.evaluate(
        "td => getComputedStyle(td).backgroundColor"
    )
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert "Today" not in reader.pages[0].extract_text()


def test_the_clear_control_comes_before_the_grid_in_the_page_and_on_screen(page, checklist_url):
    page.goto(checklist_url)
    order = page.evaluate(
        """() => { const grid = document.querySelector('.checklist-grid');
             return ['.checklist-choose', '.checklist-print', '.checklist-clear',
                     '.checklist-confirm', '.checklist-status'].map(selector =>
               !!(document.querySelector(selector).compareDocumentPosition(grid)
                  & Node.DOCUMENT_POSITION_FOLLOWING)); }"""
    )
    assert order == [True] * 5
    clear = page.get_by_role("button", name="Clear this week")
    grid = page.locator(".checklist-grid").bounding_box()
    assert clear.bounding_box()["y"] + clear.bounding_box()["height"] <= grid["y"]
    heading = page.locator("h1").bounding_box()
    assert clear.bounding_box()["y"] > heading["y"]


def test_every_control_is_a_44_px_target(page, checklist_url):
    page.goto(checklist_url)
    page.get_by_text(CHOOSE).click()
    controls = page.locator(
        ".checklist-choose summary, .checklist-choose label, .checklist-print, .checklist-clear"
    ).all()
    assert len(controls) == len(LABELS) + 3
    small = [
        f"{node.evaluate('e => e.outerHTML.slice(0, 60)')}: {box}"
        for node in controls
        if (box := node.bounding_box())["height"] < 44 or box["width"] < 44
    ]
    assert not small, small


def test_without_javascript_there_is_nothing_to_choose_and_every_win_prints(browser, checklist_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(checklist_url)
    for name in ("Print my checklist", "Clear this week"):
        assert not page.get_by_role("button", name=name).is_visible(), name
    assert not page.get_by_text(CHOOSE).is_visible()
    pages, text = pdf_text(page, "A4")
    assert pages == 1 and all(label in text for label in LABELS)
    context.close()


@pytest.mark.parametrize("width", [320, 1280])
def test_axe_finds_nothing_with_every_control_shown(page, checklist_url, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(checklist_url)
    page.get_by_role("checkbox", name=KEEP).check()
    leave_off(page, ["Stayed present"])
    page.get_by_role("button", name="Clear this week").click()
    page.evaluate(AXE_SCRIPT)
    enhanced = {"runOnly": {"type": "rule", "values": ["color-contrast-enhanced"]}}
    found = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for context, options in ((None, AXE_OPTIONS), ({"include": [[".checklist"]]}, enhanced)):
            violations = page.evaluate(
                "([context, options]) => axe.run(context || document, options)",
                [context, options],
            )
            found += [
                f"{scheme}: {v['id']}: {node['target']}"
                for v in violations["violations"]
                for node in v["nodes"]
            ]
    assert found == []


RECORD_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__shifts.push(entry.value);
  }
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.mark.parametrize("width", [320, 1280])
def test_nothing_moves_when_a_late_script_brings_back_the_choice_and_marks_today(
    browser, checklist_url, width
):
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script(RECORD_SHIFTS)
    context.add_init_script(
        f"""try {{ localStorage.setItem('small-wins-checklist-keep', '1');
            localStorage.setItem('{LEFT_OUT}', '["got-out-of-bed", "stayed-present"]');
            }} catch (error) {{}}"""
    )

    def late(route):
        if "/scripts-run." not in route.request.url:
            route.request.frame.page.wait_for_timeout(500)
        route.continue_()

    context.route(re.compile(r".*\.js$"), late)
    page = context.new_page()
    page.clock.set_fixed_time(WEDNESDAY)
    page.goto(checklist_url, wait_until="load")
    expect(page.locator(".checklist-tools[data-ready]")).to_be_attached()
    page.wait_for_timeout(200)
    assert page.locator("tr[data-left-out]").count() == 2, "the script did come"
    assert page.locator("td[data-today]").count() == len(LABELS)
    assert page.evaluate("window.__shifts") == []
    context.close()
