"""Each mistake a careless editor makes fails the build (`make html`) with one message
in the project's words: the file from the repository root, the line, the rule and a
hint; never a traceback, an exception's name, an absolute path or the staging folder."""

from __future__ import annotations

import pytest

from checks.accounting import check_accounting
from checks.runner import ROOT, parse_build_messages

HEADER = "---\ntitle: {title}\ndate: 2025-01-02\ncategory: Coping\nsummary: Hi.\n---\n"
NO_CATEGORY = "---\ntitle: Tea\ndate: 2025-01-02\nsummary: Hi.\n---\nBody.\n"
CASES = {
    "markdown in content/": (
        {"stray.md": HEADER.format(title="Stray") + "[x](../nowhere/)\n"},
        ("content/stray.md", 1, "content-unread"), "articles go in content/articles/",
    ),
    "yaml in another folder": (
        {"notes/helpline.yaml": "name: A helpline\n"},
        ("content/notes/helpline.yaml", 1, "content-unread"), "content/resources/",
    ),
    "another markdown extension": (
        {"articles/tea.mdwn": HEADER.format(title="Tea")},
        ("content/articles/tea.mdwn", 1, "content-unread"), "rename it to tea.md",
    ),
    "an ending in capital letters": (
        {"articles/walk.MD": HEADER.format(title="Walk")},
        ("content/articles/walk.MD", 1, "content-unread"), "rename it to walk.md",
    ),
    "no category": (
        {"articles/tea.md": NO_CATEGORY},
        ("content/articles/tea.md", 1, "front-matter-required"), "categories",
    ),
    "unknown category": (
        {"articles/tea.md": HEADER.format(title="Tea").replace("Coping", "Copign")},
        ("content/articles/tea.md", 4, "front-matter-category"), "use one of: Coping",
    ),
    "a number for a category": (
        {"articles/tea.md": HEADER.format(title="Tea").replace("Coping", "2024")},
        ("content/articles/tea.md", 4, "front-matter-category"), "use one of: Coping",
    ),
    "two articles with one title": (
        {"articles/a.md": HEADER.format(title="Getting up"),
         "articles/b.md": HEADER.format(title="Getting up")},
        ("content/articles/b.md", 2, "duplicate-url"), "slug",
    ),
    "an empty alt text": (
        {"articles/tea.md": HEADER.format(title="Tea") + "Tea.\n\n![]({static}/images/tea.svg)\n",
         "images/tea.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"/>'},
        ("content/articles/tea.md", 9, "image-alt"), "describe what the image shows",
    ),
    "an empty category file": (
        {"categories/empty.md": ""},
        [("content/categories/empty.md", 1, "front-matter-required")] * 2, "add a line",
    ),
    "a header line that is not a field": (
        {"articles/tea.md": "Title: Tea\nDate: 2025-01-02\njust words\n\nBody.\n"},
        ("content/articles/tea.md", 3, "front-matter"), "blank line",
    ),
    "a comment inside a title": (
        {"articles/tea.md": HEADER.format(title="Win #3")},
        ("content/articles/tea.md", 2, "front-matter"), 'title: "Win #3"',
    ),
    "a repeated key": (
        {"articles/tea.md": HEADER.format(title="Tea").replace("summary:", "title: B\nsummary:")},
        ("content/articles/tea.md", 5, "front-matter"), "keep one of the two lines",
    ),
    "front matter never closed": (
        {"articles/tea.md": "---\ntitle: Tea\ndate: 2025-01-02\n\nBody.\n"},
        ("content/articles/tea.md", 1, "front-matter"), "add a line with only '---'",
    ),
}  # fmt: skip


@pytest.mark.parametrize(("files", "place", "hint"), CASES.values(), ids=CASES.keys())
def test_each_mistake_fails_the_build_in_plain_words(make_site, run_pelican, files, place, hint):
    content = make_site(files)
    result = run_pelican(content)
    findings = parse_build_messages(result.stderr)
    errors = [f for f in findings if f.level == "error"]
    expected = place if isinstance(place, list) else [place]  # an empty file misses two fields
    assert [(f.path, f.line, f.rule) for f in errors] == expected, result.stderr
    assert hint in errors[0].hint
    assert result.returncode == 1
    for words in ("Traceback", "Error:", str(content.parent), ".output-building"):
        assert words not in result.stderr + result.stdout


def test_two_files_of_one_address_are_both_named_the_same_every_time(make_site, run_pelican):
    content = make_site({
        "articles/a.md": HEADER.format(title="Getting up"),
        "articles/b.md": HEADER.format(title="Getting up"),
    })  # fmt: skip
    first, second = run_pelican(content).stderr, run_pelican(content).stderr
    assert "content/articles/b.md:2:" in first and "as content/articles/a.md" in first
    assert first == second


def test_every_file_of_the_real_content_is_read_or_published():
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    assert check_accounting(ROOT, settings) == []
    assert len(list((ROOT / "content").rglob("*.*"))) > 20
