"""A wide Markdown table on a phone: it scrolls in its own region, which the
keyboard reaches, and the page itself never scrolls sideways."""

from __future__ import annotations

import pytest

from tests.theme.test_theme_browser import axe_in_both_schemes

pytestmark = pytest.mark.browser

COLUMNS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ARTICLE = (
    "---\ntitle: Sleep\ndate: 2025-01-02\ncategory: Coping\nsummary: Hi.\n---\n"
    "A week of nights.\n\n## Hours of sleep\n\n"
    f"| {' | '.join(COLUMNS)} |\n|{'---|' * len(COLUMNS)}\n| {' | '.join(['seven hours'] * 7)} |\n"
)


def test_a_wide_table_scrolls_on_its_own_and_the_keyboard_reaches_it(
    make_site, build_site, browser, serve
):
    origin = serve(build_site(make_site({"articles/sleep.md": ARTICLE})))
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(origin + "/sleep/")
    region = page.get_by_role("region", name="Hours of sleep")
    assert region.evaluate("node => node.scrollWidth > node.clientWidth"), "the table scrolls"
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    for _ in range(40):
        page.keyboard.press("Tab")
        if region.evaluate("node => node === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the table's region")
    violations = axe_in_both_schemes(page, "/sleep/")
    assert not violations, "\n".join(violations)
    context.close()
