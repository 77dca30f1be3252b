"""Reading the wins marked on headings, and every mistake an editor can make with them."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
import small_wins
from markdown_reader.document import split_document
from small_wins.wins import (
    EXAMPLE,
    MAX_LABEL,
    WEEKDAYS,
    build_checklist,
    check_site,
    might_mark_wins,
    on_category_page,
    read_marks,
)

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "content/articles/small-wins-nobody-talks-about.md"
CATEGORIES = ["understanding-recovery", "daily-basics", "getting-support", "boundaries"]
CATEGORIES += ["coping", "self-compassion"]
HEADER = "---\ntitle: Wins\ndate: 2025-01-02\ncategory: Coping\n---\n"  # the body starts on line 6


def marks(body: str, path: str = "content/articles/wins.md", categories=("coping",)):
    return read_marks(HEADER + body, path, categories, "wins/")


def only_error(body: str):
    found = marks(body)
    assert len(found.errors) == 1, found.errors
    return found.errors[0]


def test_the_article_marks_its_ten_wins_in_reading_order():
    text = ARTICLE.read_text(encoding="utf-8")
    found = read_marks(text, "article.md", CATEGORIES, "small-wins-nobody-talks-about/")
    assert found.errors == []
    assert [win.label for win in found.wins] == [
        "Got out of bed", "Asked for help", "Ate something", "Said no to something draining",
        "Took my medication", "Had a hard day and kept going", "Noticed a trigger early",
        "Was honest in therapy", "Stayed present", "Let myself feel proud",
    ]  # fmt: skip
    by_label = {win.label: win for win in found.wins}
    assert by_label["Got out of bed"].category == "daily-basics"
    assert by_label["Said no to something draining"].category == "boundaries"
    assert by_label["Let myself feel proud"].category == "self-compassion"
    assert by_label["Got out of bed"].url == (
        "small-wins-nobody-talks-about/#getting-out-of-bed-when-everything-feels-heavy"
    )
    assert by_label["Got out of bed"].line == 18
    assert all(len(win.label) <= MAX_LABEL for win in found.wins)
    assert [kind.text for kind in found.kind_lines] == ["You got up. That counts."]


def test_every_reminder_and_the_kind_line_are_the_articles_own_words():
    text = ARTICLE.read_text(encoding="utf-8")
    body = split_document(text, "article.md").body
    prose = "\n".join(line for line in body.split("\n") if not line.startswith("#"))
    found = read_marks(text, "article.md", CATEGORIES)
    for win in found.wins:
        assert win.reminder and win.reminder in prose, win.label
    assert found.kind_lines[0].text in prose


def test_the_reminder_is_the_first_sentence_unless_one_is_chosen():
    found = marks(
        '## Breathing {win="Took a breath" category=coping}\n\n'
        "I breathed slowly, on purpose. It helped.\n\n"
        '## Walking {win="Went for a walk" category=coping reminder="A short walk counts."}\n\n'
        "I walked to the shop. A short walk counts.\n"
    )
    assert found.errors == []
    assert [win.reminder for win in found.wins] == [
        "I breathed slowly, on purpose.",
        "A short walk counts.",
    ]
    assert [win.line for win in found.wins] == [6, 10]


def test_a_chosen_sentence_matches_with_straight_quotes_and_keeps_the_articles():
    found = marks(
        '## Resting {win="Rested" category=coping reminder="It\'s allowed."}\n\n'
        "Rest is not lazy. It’s allowed.\n"
    )
    assert found.errors == []
    assert found.wins[0].reminder == "It’s allowed."


def test_headings_without_win_attributes_are_not_wins():
    found = marks("## Just a heading {#anchor .note}\n\nText.\n\n## Plain\n\nMore.\n")
    assert found.wins == [] and found.errors == []
    assert not might_mark_wins(HEADER + "## Window {#w}\n\nWinter text {curly}.\n")
    assert might_mark_wins(HEADER + '## Rest {win="Rested" category=coping}\n')


@pytest.mark.parametrize(
    ("heading", "message", "hint"),
    [
        ('## Rest {win="" category=coping}', "this win has no label", "add a short label"),
        ("## Rest {category=coping}", "this win has no label", "at most 40 characters"),
        (
            '## Rest {win="' + "x" * 41 + '" category=coping}',
            "is 41 characters long, more than 40",
            "shorten it",
        ),
        ('## Rest {win="Rested"}', "win 'Rested' has no category", "category=<slug>"),
        (
            '## Rest {win="Rested" category=sleep}',
            "win 'Rested' names an unknown category 'sleep'",
            "content/categories/ without .md: coping",
        ),
        (
            '## Rest {win="Rested" category=coping reminder="Never said."}',
            "the reminder 'Never said.' is not in the text under this heading",
            "word for word",
        ),
        (
            '## Rest {win="Rested" category=coping kind-line="Well done."}',
            "the kind-line 'Well done.' is not in the text under this heading",
            "word for word",
        ),
        ("## Rest {win}", "the attributes of this heading could not be read", "double quotes"),
        ("## Rest {win='Rested' category=coping}", "could not be read", "double quotes"),
        ('## Rest {win="Rested" category=coping', "is not closed with '}'", "end the line with"),
        ('## Rest win="Rested" category=coping}', "has no '{' before it", "put '{' before"),
        ("## Rest category=coping", "has no '{' before it", EXAMPLE),
        (
            '## Rest {win="Rested" category=coping} today',
            "is followed by more text ('today')",
            "move that text before the '{'",
        ),
        (
            '## Rest {#rest} win="Rested" category=coping}',
            "has no '{' before it, so it is shown as text and left off the checklist",
            f"as in: ## Getting out of bed {EXAMPLE}",
        ),
    ],
)
def test_each_mistake_names_the_heading_line_and_the_fix(heading, message, hint):
    error = only_error(f"Intro.\n\n{heading}\n\nRest is allowed.\n")
    assert (error.path, error.line, error.rule) == ("content/articles/wins.md", 8, "small-wins")
    assert message in error.message
    assert hint in error.hint


def test_a_win_with_nothing_under_it_needs_a_chosen_reminder():
    error = only_error('## Rest {win="Rested" category=coping}\n\n## Next\n\nText.\n')
    assert error.line == 6
    assert "no text under its heading" in error.message
    assert 'reminder="..."' in error.hint


def test_every_heading_marking_a_win_on_a_category_page_is_an_error():
    body = (
        '## Rest {win="Rested" category=coping kind-line="Rest."}\n\nRest.\n\n'
        '## Walk {win="Walked" category=sleep}\n\nWalk.\n\n'
        '## Eat {win="Ate" category=coping\n\nEat.\n\n## Plain\n\nText.\n'
    )
    path = "content/categories/coping.md"
    site = check_site([on_category_page(marks(body, path), path)])
    assert site.wins == [] and site.kind_lines == []
    assert [(e.path, e.line, e.rule) for e in site.errors] == [
        (path, 6, "small-wins"), (path, 10, "small-wins"), (path, 14, "small-wins"),
    ]  # fmt: skip
    assert {e.message for e in site.errors} == {
        "a win on a category page is left off the checklist: wins belong in articles"
    }


def test_two_wins_with_the_same_label_in_two_files_point_at_each_other():
    first = marks('## A {win="Rested" category=coping}\n\nRest.\n', "content/articles/a.md")
    second = marks('## B {win="rested!" category=coping}\n\nRest.\n', "content/articles/b.md")
    site = check_site([first, second])
    assert [(e.path, e.line) for e in site.errors] == [("content/articles/b.md", 6)]
    assert "two wins are labelled 'rested!'" in site.errors[0].message
    assert "content/articles/a.md:6" in site.errors[0].message


def test_only_one_kind_line_is_allowed():
    body = (
        '## A {win="Rested" category=coping kind-line="Rest."}\n\nRest.\n\n'
        '## B {win="Walked" category=coping kind-line="Walk."}\n\nWalk.\n'
    )
    site = check_site([marks(body)])
    assert [(e.line, e.message.split(" (")[0]) for e in site.errors] == [(10, "a second kind-line")]


def test_the_week_starts_on_the_day_the_settings_name():
    site = [marks('## A {win="Rested" category=coping}\n\nRest.\n')]
    assert build_checklist(site, ["coping"], "monday", "checklist/").days == WEEKDAYS
    sunday = build_checklist(site, ["coping"], "Sunday", "checklist/")
    assert sunday.days[0] == "Sunday" and sunday.days[-1] == "Saturday"
    wrong = build_checklist(site, ["coping"], "friday", "checklist/")
    assert "CHECKLIST_WEEK_START is 'friday'" in wrong.errors[0].message


def test_wins_are_grouped_in_the_order_of_the_category_pages():
    body = (
        '## A {win="Rested" category=coping}\n\nRest.\n\n'
        '## B {win="Ate" category=basics}\n\nFood.\n\n'
        '## C {win="Walked" category=coping}\n\nWalk.\n'
    )
    found = marks(body, categories=["basics", "coping"])
    checklist = build_checklist([found], ["basics", "coping", "empty"], "monday", "checklist/")
    assert {slug: [w.label for w in wins] for slug, wins in checklist.groups.items()} == {
        "basics": ["Ate"],
        "coping": ["Rested", "Walked"],
    }
    assert [win.key for win in checklist.wins] == ["ate", "rested", "walked"]


def test_box_names_keep_letters_of_any_script():
    found = marks(
        '## A {win="Café au calme" category=coping}\n\nCalme.\n\n'
        '## B {win="休息した" category=coping}\n\n休息。\n'
    )
    assert [win.key for win in found.wins] == ["café-au-calme", "休息した"]


def test_a_body_rendered_by_a_worker_is_parsed_for_its_wins(tmp_path):
    # A worker process renders a large site's bodies and keeps their tokens.
    text = HEADER + '## Rest {win="Rested" category=coping}\n\nA reminder.\n'
    source = tmp_path / "article.md"
    source.write_text("not what the reader read")
    small_wins.keep_parse(str(source), document=split_document(text, "article.md"), tokens=None)
    content = SimpleNamespace(source_path=str(source), url="rest/")
    marks = small_wins.marks_of(content, CATEGORIES)
    assert [(win.label, win.url) for win in marks.wins] == [("Rested", "rest/#rest")]
    small_wins.keep_parse(
        str(source), document=split_document(HEADER + "No wins.\n", "a"), tokens=None
    )
    assert small_wins.marks_of(content, CATEGORIES) is None
