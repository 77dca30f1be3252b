"""The real site's checklist in a real Chromium: printing gives one page on A4 and
Letter, the PDFs hold every win, axe finds nothing, and ticks are kept on this
device only, from the keyboard, across a reload."""

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
    box = page.locator("input[type=checkbox]").first.bounding_box()
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


def test_axe_finds_no_violation_on_the_checklist(page, checklist_url):
    page.goto(checklist_url)
    page.evaluate(AXE_SCRIPT)
    violations = page.evaluate("(options) => axe.run(document, options)", AXE_OPTIONS)
    found = [
        f"{v['id']}: {node['target']}" for v in violations["violations"] for node in v["nodes"]
    ]
    assert found == []


def test_a_box_ticked_with_the_keyboard_survives_a_reload_and_can_be_cleared(page, checklist_url):
    page.goto(checklist_url)
    box = page.get_by_role("checkbox", name="Got out of bed, Monday", exact=True)
    box.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('name')") == "got-out-of-bed"
    page.keyboard.press("Space")
    assert box.is_checked()
    page.reload()
    box = page.get_by_role("checkbox", name="Got out of bed, Monday", exact=True)
    assert box.is_checked()
    other = page.get_by_role("checkbox", name="Got out of bed, Tuesday", exact=True)
    assert not other.is_checked()
    stored = page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
    assert "got-out-of-bed:monday" in stored
    clear = page.get_by_role("button", name="Clear this week")
    clear.focus()
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.keyboard.press("Enter")
    assert box.is_checked()  # asked first, and kept when the answer is no
    page.once("dialog", lambda dialog: dialog.accept())
    page.keyboard.press("Enter")
    assert not box.is_checked()
    assert page.get_by_role("status").filter(has_text="cleared").count() == 1
    page.reload()
    assert not page.get_by_role("checkbox", name="Got out of bed, Monday", exact=True).is_checked()


def test_an_earlier_weeks_ticks_are_forgotten(page, checklist_url):
    page.goto(checklist_url)
    page.evaluate("localStorage.setItem('small-wins-checklist:2001-01-01', '[\"x:monday\"]')")
    page.reload()
    assert page.evaluate("localStorage.getItem('small-wins-checklist:2001-01-01')") is None


def test_without_javascript_the_boxes_work_and_the_page_prints_on_one_page(browser, checklist_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(checklist_url)
    box = page.get_by_role("checkbox", name="Stayed present, Sunday", exact=True)
    box.check()
    assert box.is_checked()
    assert not page.get_by_role("button", name="Clear this week").is_visible()
    assert page.get_by_text("Nothing you tick here leaves this device.").is_visible()
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
