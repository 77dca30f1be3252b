"""Nobody learns that someone read this site: every page, opened in Chromium from
the real server, requests nothing from another origin and sets no cookie, and
every link to another site sends no referrer and gives it no handle on the page."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from tests.performance.site_pages import page_file, page_paths

pytestmark = pytest.mark.browser


def test_no_page_requests_anything_from_another_origin(walk):
    assert len(walk.visits) > 10
    foreign = [
        f"{path}: {url}"
        for path, visit in walk.visits.items()
        for url in visit.requests
        if not url.startswith(walk.origin + "/")
    ]
    assert not foreign, "requests to other origins:\n" + "\n".join(foreign)
    # the walk did record the page's own requests: the page and its stylesheet
    home = walk.visits["/"].requests
    assert home[0] == walk.origin + "/" and any(".css" in url for url in home)


def test_no_page_sets_a_cookie(walk):
    assert walk.cookies == []


def test_links_to_other_sites_carry_noopener_noreferrer(real_site):
    missing, external = [], 0
    for path in page_paths(real_site):
        tree = LexborHTMLParser(page_file(real_site, path).read_text())
        for link in tree.css("a[href]"):
            href = link.attributes["href"] or ""
            if not href.startswith(("http://", "https://", "//")):
                continue
            external += 1
            rel = (link.attributes.get("rel") or "").split()
            if not {"noopener", "noreferrer"} <= set(rel):
                missing.append(f"{path}: {href} rel={rel}")
    assert external > 0, "the site links to other sites (the quick exit at least)"
    assert not missing, "\n".join(missing)
