"""A page deleted from the content leaves the site at the next build, however the
builds follow each other: `make html` then `make publish`, publish after publish.
The build writes over its previous output, so whatever it did not write must go,
with its compressed copies and its line in `_headers`."""

from __future__ import annotations

from pathlib import Path

import pytest

PRIVACY = {"pages/privacy.md": "---\ntitle: Privacy\n---\nWe keep nothing.\n"}
OLD_STYLESHEET = "theme/css/site.0123456789.css"  # an earlier build's fingerprinted name


@pytest.fixture
def publish_settings(fixture_settings, tmp_path):
    """Builds with a fixture site's settings, as `make html` or as `make publish`
    (minified, precompressed: what once kept stale files)."""

    def write(content: Path, publish: bool) -> Path:
        settings = fixture_settings(content)
        if publish:
            settings.write_text(
                settings.read_text() + "ASSETS_MINIFY = True\nASSETS_PRECOMPRESS = True\n"
                f"CACHE_PATH = {str(tmp_path / 'cache')!r}\n"
            )
        return settings

    return write


def build(build_script, settings: Path, output: Path) -> None:
    result = build_script("--settings", str(settings), "--output", str(output))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("first", ["html", "publish"])
def test_a_deleted_page_is_gone_after_the_next_publish(
    first, make_site, publish_settings, build_script, tmp_path
):
    output = tmp_path / "output"
    content = make_site(PRIVACY)
    build(build_script, publish_settings(content, first == "publish"), output)
    assert (output / "privacy/index.html").exists()
    # What an earlier theme left in the output: a stylesheet no page links any more.
    spare = output.with_name(".output-spare")
    (output / OLD_STYLESHEET).write_text("body{}")
    (content / "pages/privacy.md").unlink()
    for _ in range(2):  # the second publish writes over the first's output
        build(build_script, publish_settings(content, True), output)
        left = sorted(str(path.relative_to(output)) for path in output.rglob("privacy*"))
        assert left == []
        assert not list(output.rglob("site.0123456789.css*"))
        assert "site.0123456789" not in (output / "_headers").read_text()
        assert (output / "hello/index.html.gz").exists()  # the pass did run
    assert spare.exists()  # the builds did write over a spare
