"""Readability: every page's grade is reported; a warning above the set grade."""

ARTICLE = "---\ntitle: Tea\ndate: 2025-01-02\ncategory: Coping\nsummary: Hi.\n---\n"
HARD = (
    "Notwithstanding considerable methodological heterogeneity, contemporary "
    "epidemiological investigations consistently demonstrate that psychosocial "
    "interventions substantially ameliorate longitudinal functional outcomes, "
    "particularly amongst individuals experiencing comorbid presentations.\n"
)
EASY = (
    "When you feel tired, making a warm drink and sitting down for a few minutes can help "
    "you notice how far you have come this week. That is a win.\n"
)


def test_a_hard_page_gets_a_warning_with_its_grade_and_still_passes(check, places):
    report = check({"articles/tea.md": ARTICLE + HARD}, build=False)
    assert places(report, "warning") == [("content/articles/tea.md", 1, "readability")]
    assert "above 9" in report.findings[0].message
    assert report.errors == 0


def test_every_page_has_a_grade_in_the_report(check):
    report = check({"articles/tea.md": ARTICLE + EASY}, build=False)
    grades = {grade.path: grade.grade for grade in report.grades}
    assert set(grades) == {"content/articles/tea.md", "content/articles/hello.md",
                           "content/categories/coping.md"}  # fmt: skip
    assert 0 < grades["content/articles/tea.md"] < 9
    assert grades["content/articles/hello.md"] is None  # one word: too short to grade


def test_the_grade_limit_is_configurable(check, places):
    report = check({"articles/tea.md": ARTICLE + EASY}, build=False, max_grade=3)
    assert places(report, "warning") == [("content/articles/tea.md", 1, "readability")]
