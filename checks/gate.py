"""The checks of the built pages that `scripts/build.py` runs on every build, on the
new site before it replaces the output: the same rules as `make check`, so that
`make html` never publishes a page that `make check` rejects."""

from __future__ import annotations

from pathlib import Path

from .findings import Finding
from .links import LinkRules
from .markup import check_markup
from .page_furniture import check_page_furniture
from .site import BuiltSite
from .sources import load_sources

# Pelican's own words for what these checks report with the file and line.
COVERED_BY_CHECKS = ("Unable to find", "Empty alt attribute")
# How the build says that it built the pages, checked them and kept the output:
# `make check` then knows that the pages were checked.
REJECTED = "Build failed (errors in the new pages)"


def check_new_pages(
    staging: Path, output: Path, project: Path, settings: dict
) -> tuple[int, list[Finding]]:
    """The number of pages built into `staging` to replace `output`, and what is
    wrong with them."""
    site = BuiltSite.load(staging, project, lambda: load_sources(project, settings), output)
    findings = once_per_template(check_pages(site, settings))
    return len(site.pages), findings


def check_pages(site: BuiltSite, settings: dict) -> list[Finding]:
    site_url = settings.get("SITEURL", "") if not settings.get("RELATIVE_URLS") else ""
    links = LinkRules(site, site_url)
    findings = []
    for page in site.pages.values():
        findings += links.check(page) + check_markup(site, page) + check_page_furniture(page)
        page.forget_tree()  # a parsed page takes many times its size: one at a time
    return findings


def once_per_template(findings: list[Finding]) -> list[Finding]:
    """A mistake in a template shows on every page: say it once, with how many pages."""
    groups: dict[str, list[Finding]] = {}
    for finding in sorted(findings):
        groups.setdefault(finding.group or str(id(finding)), []).append(finding)
    collapsed = []
    for members in groups.values():
        first = members[0]
        others = len({member.path for member in members}) - 1
        if others:
            message = f"{first.message} (and on {others} more page(s))"
            first = Finding(**{**first.__dict__, "message": message})
        collapsed.append(first)
    return collapsed
