"""Lighthouse (the pinned npm package, with Debian's Chromium) gives the key pages of
the published site 100 in performance, accessibility, best practices and SEO, as
a phone on a slow network would load them. Offline: the site is served locally.
About 12 s a page, so each key page is audited once."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, ROOT

pytestmark = pytest.mark.browser

LIGHTHOUSE = ROOT / "node_modules/.bin/lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
KEY_PAGES = (
    "",
    "small-wins-nobody-talks-about/",
    "category/coping/",
    "checklist/",
    "resources/",
    "resources/us/",
)


@pytest.fixture(scope="module")
def site_url(published_site, serve):
    return serve(published_site.folder, published_site.port)


def lighthouse(url: str, report: Path) -> dict:
    if not LIGHTHOUSE.exists():
        pytest.fail("Lighthouse not found: run `make test` (it installs package.json's packages)")
    command = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]  # fmt: skip
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=120,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(report.read_text(encoding="utf-8"))


def shortfalls(result: dict) -> list[str]:
    """Each category under 100, with the audits that cost it points."""
    lines = []
    for name in CATEGORIES:
        category = result["categories"][name]
        if category["score"] == 1:
            continue
        lines.append(f"{name}: {round(category['score'] * 100)}")
        for ref in category["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                lines.append(f"  {audit['id']} {audit['score']} {audit.get('displayValue', '')}")
    return lines


@pytest.mark.parametrize("path", KEY_PAGES)
def test_a_key_page_scores_100_four_times(site_url, tmp_path, path):
    problems = shortfalls(lighthouse(f"{site_url}/{path}", tmp_path / "report.json"))
    assert not problems, f"/{path}:\n" + "\n".join(problems)
