"""Fixtures for the reliability tests: build folders inside the project (the build
refuses to write anywhere else) and running scripts/build.py with a chosen environment."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project_folder():
    """A fresh folder inside the project, ignored by git, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix=".test-site-", dir=ROOT))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def build_script():
    """Run scripts/build.py from the project root with extra environment variables."""

    def run(*args: str, **environ: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, str(ROOT / "scripts/build.py"), *args],
            capture_output=True, text=True, cwd=ROOT, timeout=300,
            env={**os.environ, **environ},
        )  # fmt: skip

    return run


# Attributes whose value the browser follows as a URL.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "xlink:href", "srcset"}
# Images the Markdown renderer may inline and the empty URL of the theme's "no
# favicon" link; every other data: URL can carry script.
SAFE_DATA_URL = re.compile(r"^data:(image/(png|gif|jpeg|webp);|,$)")
ACTIVE_ELEMENTS = {"iframe", "object", "embed", "svg", "math", "base", "frame", "style"}
# What the theme may write in a page but Markdown must never produce.
THEME_ELEMENTS = {"script", "meta", "link", "form"}


def script_vectors(html: str, page: bool = False, origin: str = "") -> list[str]:
    """Everything in `html` that could run script: inline handlers, script URLs,
    active elements, inline scripts. A `page` may have its head's meta and link
    tags, forms (their action is checked), JSON-LD data and external scripts of its
    own site: relative, or from `origin` (a published site's absolute URLs)."""
    found = []
    for node in LexborHTMLParser(html).root.traverse():
        tag = node.tag
        if tag in ACTIVE_ELEMENTS or (not page and tag in THEME_ELEMENTS):
            found.append(f"<{tag}> element")
        if tag == "script" and page:
            kind = node.attributes.get("type") or ""
            src = node.attributes.get("src") or ""
            if kind == "application/ld+json":
                json.loads(node.text())  # data that broke out of its string would not parse
            elif not src or (":" in src.split("/")[0] and not own(src, origin)):
                found.append(f"inline or foreign script: {node.html[:80]}")
        for name, value in node.attributes.items():
            name = name.lower()
            if name.startswith("on"):
                found.append(f"<{tag} {name}=...> handler")
            elif name == "style":
                found.append(f"<{tag} style=...> attribute")
            elif name in URL_ATTRIBUTES and value:
                url = re.sub(r"[\x00-\x20]", "", value).lower()
                if url.startswith(("javascript:", "vbscript:")) or (
                    url.startswith("data:") and not SAFE_DATA_URL.match(url)
                ):
                    found.append(f"<{tag} {name}={value[:60]!r}>")
    return found


def own(url: str, origin: str) -> bool:
    return bool(origin) and url.startswith(f"{origin}/")


@pytest.fixture(scope="session")
def scan_for_script():
    return script_vectors
