"""Front matter: each mistake is reported at its file and line, with a fix."""

import pytest

ARTICLE = "---\ntitle: {title}\ndate: {date}\ncategory: {category}\nsummary: Hi.\n---\nText.\n"


def article(title="Tea", date="2025-01-02", category="Coping"):
    return ARTICLE.format(title=title, date=date, category=category)


def test_a_misspelt_field_is_named_with_the_field_it_probably_meant(check, places):
    typo = ARTICLE.replace("summary:", "sumary:").format(
        title="Tea", date="2025-01-02", category="Coping"
    )
    report = check({"articles/tea.md": typo}, build=False)
    assert places(report) == [("content/articles/tea.md", 5, "front-matter-key")]
    assert "did you mean 'summary'?" in report.findings[0].message


def test_a_misspelt_title_is_one_finding_even_though_the_build_stops_at_it(check, places):
    report = check({"pages/about.md": "---\ntitel: About us\n---\nWho we are.\n"})
    assert places(report) == [("content/pages/about.md", 2, "front-matter-key")]
    assert "did you mean 'title'?" in report.findings[0].message
    assert not report.built


def test_a_missing_required_field_points_at_the_file(check, places):
    report = check({"categories/calm.md": "---\ntitle: Calm\n---\nIntro.\n"}, build=False)
    assert places(report) == [("content/categories/calm.md", 1, "front-matter-required")]
    assert "'summary'" in report.findings[0].message


def test_an_unknown_category_suggests_the_closest_known_one(check, places):
    report = check({"articles/tea.md": article(category="Copin")}, build=False)
    assert places(report) == [("content/articles/tea.md", 4, "front-matter-category")]
    assert "did you mean 'Coping'?" in report.findings[0].message


def test_a_category_may_be_named_by_title_or_by_slug(check, places):
    report = check({"articles/tea.md": article(category="coping")}, build=False)
    assert places(report) == []


def test_an_impossible_date_is_an_error_at_its_line(check, places):
    report = check({"articles/tea.md": article(date="2025-13-45")}, build=False)
    assert places(report) == [("content/articles/tea.md", 3, "front-matter-date")]


def test_two_pages_with_one_address_are_reported_at_the_second(check, places):
    report = check({"articles/tea.md": article(title="Hello")}, build=False)
    assert places(report) == [("content/articles/tea.md", 2, "duplicate-url")]
    assert "content/articles/hello.md" in report.findings[0].message


def test_an_address_is_compared_as_the_file_system_reads_it(check, places):
    tea = article().replace("summary:", "save_as: hello//index.html\nsummary:")
    report = check({"articles/tea.md": tea}, build=False)
    assert places(report) == [("content/articles/tea.md", 5, "duplicate-url")]
    assert "same address /hello/ as content/articles/hello.md" in report.findings[0].message


def test_an_address_too_long_for_a_file_is_reported_at_its_slug(check, places):
    page = f"---\ntitle: Rest\nslug: {'rest-' * 25}now\n---\nText.\n"
    report = check({"pages/rest.md": page}, build=False)
    assert places(report) == [("content/pages/rest.md", 3, "url-too-long")]
    assert "give the page a shorter slug" in report.findings[0].hint


def test_a_page_at_an_address_of_the_site_is_reported_once_at_its_title(check, places):
    report = check({"pages/search.md": "---\ntitle: Search\n---\nFind a page.\n"})
    assert places(report) == [("content/pages/search.md", 2, "reserved-url")]
    assert "address /search/ is kept for the site's search page" in report.findings[0].message
    assert not report.built


def test_a_file_name_without_html_is_reported_at_its_line(check, places):
    page = "---\ntitle: Walking\nsave_as: walking/\n---\nOne step.\n"
    report = check({"pages/walking.md": page}, build=False)
    assert places(report) == [("content/pages/walking.md", 3, "save-as-page")]
    assert report.findings[0].hint.startswith("write 'save_as: walking/index.html'")


def test_a_draft_may_share_the_address_of_the_page_it_will_replace(check, places):
    draft = article(title="Hello").replace("summary:", "status: draft\nsummary:")
    assert places(check({"articles/tea.md": draft}, build=False)) == []


def test_front_matter_that_is_not_yaml_is_reported_at_its_line(check, places):
    report = check({"articles/tea.md": "---\ntitle: Tea\ndate: [2025\n---\n"}, build=False)
    assert places(report) == [("content/articles/tea.md", 3, "front-matter")]


def test_text_left_from_a_template_is_unfinished(check, places):
    report = check({"articles/tea.md": article() + "\nTODO: write the page.\n"}, build=False)
    assert places(report) == [("content/articles/tea.md", 9, "unfinished")]


def test_a_file_in_another_kind_s_folder_is_told_where_it_belongs(check, places):
    files = {
        "categories/tea.md": article(),  # an article saved with the category pages
        "articles/rest.md": "---\ntitle: Rest\nsummary: Resting.\norder: 7\n---\nIntro.\n",
        "pages/walk.md": "---\ntitle: Walk\ncategory: Coping\nsummary: Walking.\n---\nText.\n",
        "categories/faq.md": "---\ntitle: Questions\nslug: faq\n---\nAsked often.\n",
        "articles/who.md": "---\ntitle: Who we are\nsummary: Us.\n---\nWe are.\n",
    }
    report = check(files, build=False)
    assert places(report) == [
        ("content/articles/rest.md", 4, "front-matter-folder"),
        ("content/articles/who.md", 2, "front-matter-folder"),
        ("content/categories/faq.md", 3, "front-matter-folder"),
        ("content/categories/tea.md", 4, "front-matter-folder"),
        ("content/pages/walk.md", 3, "front-matter-folder"),
    ]
    said = {f.path.removeprefix("content/"): (f.message, f.hint) for f in report.findings}
    assert said["categories/tea.md"] == (
        "wrong folder: it has a category, so it is an article, but it is in content/categories/",
        "move it to content/articles/",
    )
    assert said["articles/rest.md"][1] == "move it to content/categories/"
    assert said["pages/walk.md"][1] == "move it to content/articles/"
    assert said["categories/faq.md"][1] == "move it to content/pages/"
    assert said["articles/who.md"][1] == (
        "move it to content/pages/, or, for an article, add a date and a category"
    )


def test_a_date_that_is_not_iso_is_refused_with_what_it_may_mean(check, places):
    report = check({"articles/tea.md": article(date="02/12/2026")}, build=False)
    assert places(report) == [("content/articles/tea.md", 3, "front-matter-date")]
    assert "write 2026-12-02 if you meant 2 December 2026" in report.findings[0].message


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        (
            "true",
            "replace the 'draft' line with 'status: draft' (to publish the page, delete that line)",
        ),
        ("false", "delete the 'draft' line: a page without a status is published"),
    ],
)
def test_a_draft_field_is_told_to_use_status_not_date(check, places, value, hint):
    flagged = article().replace("summary:", f"draft: {value}\nsummary:")
    report = check({"articles/tea.md": flagged}, build=False)
    assert places(report) == [("content/articles/tea.md", 5, "front-matter-key")]
    finding = report.findings[0]
    assert finding.message == "unknown field 'draft': a draft is marked with 'status: draft'"
    assert finding.hint == hint
