"""Helpers the performance tests share: a built site's pages and their files."""

from __future__ import annotations

import re
from pathlib import Path

# Filled by the budget test, printed by conftest after the run.
BUDGET_REPORT: list[str] = []


def page_paths(site: Path) -> list[str]:
    """Every page of a built site as the address a reader visits ('/', '/resources/')."""
    paths = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    return ["/" + re.sub(r"(^|/)index\.html$", r"\1", path) for path in paths]


def page_file(site: Path, path: str) -> Path:
    """The built file of the page at `path`."""
    relative = path.lstrip("/")
    return site / (relative + "index.html" if path.endswith("/") else relative)
