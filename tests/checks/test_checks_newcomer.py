"""The newcomer's pull request from the issue: a page with a typo in its front
matter, a broken link and an image without alt text gives exactly three findings,
each at its line; fixed from the messages alone, the checks pass."""

import subprocess
import sys

from checks.runner import ROOT

PAGE = """\
---
title: Volunteering
sumary: Giving a little time can be a small win too.
---
Helping others can help you feel connected. Read the
[coping page](../category/copin/) for ideas.

![]({static}/images/volunteers.svg)
"""
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"/>'
FIXED = (
    PAGE.replace("sumary:", "summary:")
    .replace("../category/copin/", "../category/coping/")
    .replace("![]", "![Two people planting a tree]")
)


def test_three_precise_findings_then_green(editor_site, fixture_settings, tmp_path):
    content = editor_site({"pages/volunteering.md": PAGE, "images/volunteers.svg": SVG})
    command = [
        sys.executable, "-m", "checks", "--settings", str(fixture_settings(content)),
        "--output", str(tmp_path / "output"),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)
    findings = [line for line in result.stdout.splitlines() if line.startswith("content/")]
    assert findings == [
        "content/pages/volunteering.md:3:1: error: unknown field 'sumary': "
        "did you mean 'summary'? [front-matter-key]",
        "content/pages/volunteering.md:6:1: error: link to '../category/copin/' leads to no "
        "page of the site [link-broken]",
        "content/pages/volunteering.md:8:1: error: image 'volunteers.svg' has no alt text "
        "[image-alt]",
    ]
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "[build]" not in result.stdout  # the build's own words for the same mistakes

    (content / "pages/volunteering.md").write_text(FIXED)
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert not [line for line in result.stdout.splitlines() if line.startswith("content/")]
    assert result.returncode == 0, result.stdout
