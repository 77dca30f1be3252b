"""The real site's checklist in a real Chromium: printing gives one page on A4 and
Letter, the PDFs hold every win, axe finds nothing, ticks are kept for this tab
(or, when the reader chooses, on this device) across a reload, and clearing them
asks first, in the page, from the keyboard."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from pypdf import PdfReader

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "content/articles/small-wins-nobody-talks-about.md"
KEEP = "Keep my ticks on this device"
LABELS = re.findall(r'\{win="([^"]+)"', ARTICLE.read_text(encoding="utf-8"))
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def many_wins(count: int) -> str:
    sections = "".join(
        f'## Section {n} {{win="A longer label for small win {n}" category=coping}}\n\n'
        f"Text about section {n}, long enough that its first sentence wraps on paper. More.\n\n"
        for n in range(1, count + 1)
    )
    return f"---\ntitle: Wins\ndate: 2025-01-02\ncategory: Coping\n---\n{sections}"


@pytest.fixture(scope="module")
def checklist_url(real_site, serve):
    return serve(real_site) + "/checklist/"


def pdf_page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def test_the_article_marks_all_ten_wins():
    assert len(LABELS) == 10


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_printing_the_page_gives_exactly_one_portrait_page(page, checklist_url, paper):
    page.goto(checklist_url)
    page.emulate_media(media="print")
    pdf = page.pdf(format=paper)
    assert pdf_page_count(pdf) == 1
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for label in LABELS:
        assert label in text
    assert "Week of" in text
    assert "You got up. That counts." in text
    assert "988" in text
    assert "Exit this page" not in text
    assert "Clear this week" not in text


def test_printing_hides_navigation_and_the_exit_control(page, checklist_url):
    page.goto(checklist_url)
    page.emulate_media(media="print")
    for selector in (".exit-this-page", ".site-header", "nav", ".checklist-clear"):
        for node in page.locator(selector).all():
            assert not node.is_visible(), selector
    assert page.locator(".checklist-notes").is_visible()
    assert page.locator(".checklist-crisis").is_visible()
    box = page.locator(".checklist-box input").first.bounding_box()
    assert box["width"] >= 6 / 25.4 * 96 and box["height"] >= 6 / 25.4 * 96  # at least 6 mm


@pytest.mark.parametrize("name", ["checklist-a4.pdf", "checklist-letter.pdf"])
def test_each_pdf_is_one_page_with_every_win(real_site, name):
    reader = PdfReader(io.BytesIO((real_site / "checklist" / name).read_bytes()))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for label in LABELS:
        assert label in text, label
    assert "You got up. That counts." in text
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert height > width
    expected = (595, 842) if "a4" in name else (612, 792)
    assert (round(width), round(height)) == expected


def test_axe_finds_no_violation_with_the_keep_choice_and_the_question_shown(page, checklist_url):
    page.goto(checklist_url)
    page.get_by_role("checkbox", name=KEEP).check()
    page.get_by_role("button", name="Clear this week").click()
    page.evaluate(AXE_SCRIPT)
    found = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        violations = page.evaluate("(options) => axe.run(document, options)", AXE_OPTIONS)
        found += [
            f"{scheme}: {v['id']}: {node['target']}"
            for v in violations["violations"]
            for node in v["nodes"]
        ]
    assert found == []


def focused(page) -> str:
    return page.evaluate("document.activeElement.id || document.activeElement.textContent")


def test_ticks_are_kept_for_this_tab_and_cleared_after_a_question_in_the_page(page, checklist_url):
    page.goto(checklist_url)
    box = page.get_by_role("checkbox", name="Got out of bed, Monday", exact=True)
    box.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('name')") == "got-out-of-bed"
    page.keyboard.press("Space")
    assert box.is_checked()
    page.reload()
    assert box.is_checked()
    assert not page.get_by_role("checkbox", name="Got out of bed, Tuesday", exact=True).is_checked()
    assert "got-out-of-bed:monday" in page.evaluate("JSON.stringify(sessionStorage)")
    assert page.evaluate("localStorage.length") == 0
    assert page.get_by_text("kept in this tab only").is_visible()
    clear = page.get_by_role("button", name="Clear this week")
    status = page.locator(".checklist-status")
    question = page.get_by_role("group", name="Clear all of this week's ticks?")
    clear.focus()
    page.keyboard.press("Enter")
    assert focused(page) == "checklist-confirm-question" and question.is_visible()
    assert not clear.is_visible()
    page.keyboard.press("Escape")
    assert focused(page) == "Clear this week" and not question.is_visible()
    assert status.text_content() == "Nothing was cleared."
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused(page) == "No, keep them"
    page.keyboard.press("Enter")
    assert focused(page) == "Clear this week" and box.is_checked()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused(page) == "Yes, clear them"
    page.keyboard.press("Enter")
    assert not box.is_checked()
    assert focused(page) == "Clear this week"
    assert status.text_content() == "This week's ticks are cleared."
    page.reload()
    assert not box.is_checked()
    assert page.evaluate("sessionStorage.length") == 0


def test_keeping_ticks_on_this_device_moves_them_and_turning_it_off_moves_them_back(
    page, checklist_url
):
    page.goto(checklist_url)
    keep = page.get_by_role("checkbox", name=KEEP)
    assert not keep.is_checked()
    hint = "box => document.getElementById(box.getAttribute('aria-describedby')).textContent"
    assert "kept in this browser on this device" in keep.evaluate(hint)
    box = page.get_by_role("checkbox", name="Stayed present, Sunday", exact=True)
    box.check()
    keep.check()
    stored = "() => [JSON.stringify(sessionStorage), JSON.stringify(localStorage)]"
    tab, device = page.evaluate(stored)
    assert tab == "{}"
    assert "stayed-present:sunday" in device and "small-wins-checklist-keep" in device
    assert not page.get_by_text("kept in this tab only").is_visible()
    page.reload()
    assert keep.is_checked() and box.is_checked()
    keep.uncheck()
    tab, device = page.evaluate(stored)
    assert "stayed-present:sunday" in tab and device == "{}", "the choice is kept only while on"
    page.reload()
    assert not keep.is_checked() and box.is_checked()


def test_an_earlier_weeks_ticks_are_forgotten(page, checklist_url):
    page.goto(checklist_url)
    page.evaluate(
        """() => { for (const storage of [localStorage, sessionStorage])
                     storage.setItem('small-wins-checklist:2001-01-01', '["x:monday"]'); }"""
    )
    page.reload()
    assert page.evaluate("localStorage.getItem('small-wins-checklist:2001-01-01')") is None
    assert page.evaluate("sessionStorage.getItem('small-wins-checklist:2001-01-01')") is None


def test_without_javascript_the_boxes_work_and_the_page_prints_on_one_page(browser, checklist_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(checklist_url)
    box = page.get_by_role("checkbox", name="Stayed present, Sunday", exact=True)
    box.check()
    assert box.is_checked()
    assert not page.get_by_role("button", name="Clear this week").is_visible()
    assert not page.get_by_role("checkbox", name=KEEP).is_visible()
    assert page.get_by_text("Nothing you tick here leaves this device.").is_visible()
    page.goto(checklist_url.removesuffix("checklist/"))
    page.go_back()
    assert not box.is_checked(), "the browser must not bring ticks back (autocomplete=off)"
    page.emulate_media(media="print")
    assert pdf_page_count(page.pdf(format="Letter")) == 1
    context.close()


def test_a_checklist_with_many_more_wins_still_prints_on_one_page(
    make_site, build_site, serve, page
):
    output = build_site(make_site({"articles/wins.md": many_wins(22)}))
    assert "checklist--roomy" not in (output / "checklist/index.html").read_text()
    page.goto(serve(output) + "/checklist/")
    page.emulate_media(media="print")
    for paper in ("A4", "Letter"):
        pdf = page.pdf(format=paper)
        assert pdf_page_count(pdf) == 1, paper
        assert (
            "A longer label for small win 22" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
        )


def test_todays_column_is_marked_for_everyone(page, checklist_url):
    page.clock.set_fixed_time("2026-11-25T10:00:00")  # a Wednesday
    page.goto(checklist_url)
    marked = page.locator("thead th[aria-current=date]")
    assert marked.count() == 1
    assert marked.get_attribute("data-day") == "wednesday"
