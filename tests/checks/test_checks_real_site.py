"""The real content and its built site pass every check with zero errors."""

from checks.runner import ROOT, run


def test_the_real_content_and_site_have_no_errors(real_site):
    report = run(ROOT / "pelicanconf.py", real_site, build_first=False)
    errors = [str(finding) for finding in report.findings if finding.level == "error"]
    assert errors == []
    assert len(report.findings) == report.warnings
    pages = {grade.path for grade in report.grades}
    assert "content/articles/small-wins-nobody-talks-about.md" in pages
    assert len(list(real_site.rglob("*.html"))) > 10  # the built pages were really checked


def test_the_seed_article_is_graded_and_within_the_default_limit(real_site):
    report = run(ROOT / "pelicanconf.py", real_site, build_first=False)
    [seed] = [g for g in report.grades if g.path.endswith("small-wins-nobody-talks-about.md")]
    assert seed.words > 800
    assert seed.grade is not None and seed.grade <= 9
