"""scripts/build.py: all errors at once, no traceback, output replaced only on success."""

import pytest


@pytest.fixture
def good_build(make_site, run_pelican, tmp_path):
    content = make_site()
    result = run_pelican(content)
    assert result.returncode == 0, result.stderr
    return content, tmp_path / "output"


def test_a_failed_build_leaves_the_previous_output_exactly_as_it_was(good_build, run_pelican):
    content, output = good_build
    before = {path: path.read_bytes() for path in output.rglob("*") if path.is_file()}
    (content / "articles/hello.md").write_text("---\ntitle: Hello\ndate: soon\n---\nChanged.\n")
    (content / "articles/other.md").write_text("---\ntitle: [\n---\n")
    result = run_pelican(content)
    assert result.returncode == 1
    after = {path: path.read_bytes() for path in output.rglob("*") if path.is_file()}
    assert after == before
    assert not list(output.parent.glob(".output-building-*"))


def test_the_next_build_writes_over_the_spare_and_keeps_nothing_stale(
    make_site, run_pelican, tmp_path
):
    output, spare = tmp_path / "output", tmp_path / ".output-spare"
    gone_soon = "---\ntitle: Gone soon\ndate: 2025-01-02\ncategory: Coping\n---\nHi.\n"
    content = make_site({"articles/gone-soon.md": gone_soon})
    assert run_pelican(content).returncode == 0
    first_home = (output / "index.html").stat().st_ino
    assert run_pelican(content).returncode == 0
    assert spare.is_dir() and (spare / "index.html").stat().st_ino == first_home
    (content / "articles/gone-soon.md").unlink()
    result = run_pelican(content)
    assert result.returncode == 0, result.stderr
    # the spare became the output: the same files, written over
    assert (output / "index.html").stat().st_ino == first_home
    assert not (output / "gone-soon").exists()
    assert "gone-soon" not in (output / "sitemap.xml").read_text()
    assert not list(output.rglob(".build-started"))
    fresh = tmp_path / "fresh"
    (tmp_path / "output").rename(tmp_path / "kept")
    spare.rename(tmp_path / "old-spare")
    assert run_pelican(content).returncode == 0
    output.rename(fresh)
    assert files_of(fresh) == files_of(tmp_path / "kept")  # as a build from nothing


def files_of(folder):
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_all_errors_are_listed_together_sorted_with_a_summary(good_build, run_pelican):
    content, _ = good_build
    (content / "articles/b.md").write_text("---\ntitle: B\ndate: soon\ncategory: Coping\n---\n")
    (content / "articles/a.md").write_text("---\ntitle: [\n---\n")
    result = run_pelican(content)
    lines = result.stderr.splitlines()
    assert "Traceback" not in result.stdout + result.stderr
    assert (
        lines[0].startswith("articles/a.md:2: error: front matter") or "a.md:2: error" in lines[0]
    )
    assert "b.md:3: error: date:" in result.stderr
    assert "2 error(s), 0 warning(s)" in result.stderr


def test_an_unknown_template_is_named_with_its_line_without_traceback(
    good_build, run_pelican, tmp_path
):
    content, _ = good_build
    (content / "articles/hello.md").write_text(
        "---\ntitle: Hello\ndate: 2025-01-01\ncategory: Coping\nsummary: Hi.\n"
        "template: missing\n---\nHi\n"
    )
    result = run_pelican(content)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "content/articles/hello.md:6: error: no template 'missing' in the theme"
        " [front-matter-template]" in result.stderr
    )
    assert "PelicanTemplateNotFound" not in result.stderr


@pytest.mark.parametrize("target", [".", "content", "..", "content/sub", "/tmp"])
def test_the_build_refuses_to_replace_sources_or_leave_the_project(make_site, run_pelican, target):
    content = make_site()
    result = run_pelican(content, "--output", target)
    assert result.returncode == 2
    assert "refusing to build into" in result.stderr
    assert content.joinpath("articles/hello.md").exists()
