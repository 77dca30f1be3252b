"""Drafts: the editor's own builds write them to drafts/ for a preview; the site
built for publication has none, wherever a draft's front matter would put it."""

import subprocess
import sys

import pytest

from tests.conftest import ROOT

ARTICLE = "---\ntitle: {title}\ndate: 2025-01-02\ncategory: Coping\nsummary: Hi.\n"
PAGE = "---\ntitle: {title}\n"
UNSENT = "status: draft\n{more}---\nNot for readers yet.\n"
DRAFTS = {
    "articles/letter.md": ARTICLE.format(title="Letter") + UNSENT.format(more=""),
    "articles/walk.md": ARTICLE.format(title="Walk")
    + UNSENT.format(more="save_as: walking/index.html\n"),
    "pages/plans.md": PAGE.format(title="Plans") + UNSENT.format(more=""),
    "pages/later.md": PAGE.format(title="Later") + UNSENT.format(more="url: later/\n"),
}


@pytest.fixture
def build_drafts(make_site, fixture_settings, tmp_path):
    """Build a site of drafts with the settings of `make html` or `make publish`."""

    def build(settings_module: str):
        settings = fixture_settings(make_site(DRAFTS))
        text = settings.read_text().replace(
            "from pelicanconf import", f"from {settings_module} import"
        )
        settings.write_text(text)
        output = tmp_path / f"output-{settings_module}"
        command = [
            sys.executable, str(ROOT / "scripts/build.py"), "--settings", str(settings),
            "--output", str(output),
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, timeout=120)
        assert result.returncode == 0, result.stderr
        return output

    return build


def holding_drafts(output):
    return sorted(
        path.relative_to(output).as_posix()
        for path in output.rglob("*.html")
        if "Not for readers yet" in path.read_text(encoding="utf-8")
    )


def test_the_published_site_has_no_draft(build_drafts):
    output = build_drafts("publishconf")
    assert holding_drafts(output) == []
    assert not (output / "drafts").exists()


def test_the_editors_build_shows_each_draft_for_a_preview(build_drafts):
    assert holding_drafts(build_drafts("pelicanconf")) == [
        "drafts/letter.html", "drafts/pages/later.html", "drafts/pages/plans.html",
        "walking/index.html",
    ]  # fmt: skip
