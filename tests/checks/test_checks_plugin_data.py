"""Wins and support resources: their plugins' mistakes at their file and line."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "---\ntitle: Tea\ndate: 2025-01-02\ncategory: Coping\nsummary: Hi.\n---\n\n"


def test_a_win_with_an_unknown_category_points_at_its_heading(check, places):
    body = '## Made tea {win="Made tea" category=copin}\n\nI made a cup of tea.\n'
    report = check({"articles/tea.md": ARTICLE + body}, build=False)
    assert places(report) == [("content/articles/tea.md", 8, "small-wins")]


def test_a_win_on_a_category_page_points_at_its_heading(check, places):
    page = "---\ntitle: Coping\nsummary: Getting through.\n---\n\n"
    body = '## Made tea {win="Made tea" category=coping}\n\nI made a cup of tea.\n'
    report = check({"categories/coping.md": page + body}, build=False)
    assert places(report) == [("content/categories/coping.md", 6, "small-wins")]
    assert "wins belong in articles" in report.findings[0].message


def test_a_resource_mistake_points_at_its_line(check, places):
    lines = (ROOT / "content/resources/samaritans.yaml").read_text(encoding="utf-8").split("\n")
    kind_line = next(n for n, line in enumerate(lines, start=1) if line.startswith("kind:"))
    lines[kind_line - 1] = "kind: hotline"
    lines = [("categories: [coping]" if line.startswith("categories:") else line) for line in lines]
    report = check({"resources/line.yaml": "\n".join(lines)}, build=False)
    assert places(report) == [("content/resources/line.yaml", kind_line, "resource")]


def test_a_broken_resource_is_reported_once_although_the_build_stops_at_it(check, places):
    report = check({"resources/line.yaml": "name: A line\n"})
    found = places(report)
    assert found and all(place[0] == "content/resources/line.yaml" for place in found)
    assert not report.built
    messages = [f.message for f in report.findings if f.path == "content/resources/line.yaml"]
    assert len(messages) == len(set(messages)) == len(found)


def test_a_tab_in_a_resource_file_says_to_use_spaces_at_its_line(check, places):
    lines = (ROOT / "content/resources/samaritans.yaml").read_text(encoding="utf-8").split("\n")
    tel = next(n for n, line in enumerate(lines, start=1) if line.strip().startswith("tel:"))
    lines[tel - 1] = "\t" + lines[tel - 1].lstrip()
    report = check({"resources/line.yaml": "\n".join(lines)}, build=False)
    assert places(report) == [("content/resources/line.yaml", tel, "resource")]
    assert "indented with a tab" in report.findings[0].message
    assert "spaces, not a tab" in report.findings[0].hint
