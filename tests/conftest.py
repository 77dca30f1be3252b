"""Fixtures shared by every test: tiny fixture sites built in tmp_path,
the real site built once, a local HTTP server and a real Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = ROOT / "pelicanconf.py"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip

# The smallest valid site: one category page and one article in it.
MINIMAL_SITE = {
    "categories/coping.md": "---\ntitle: Coping\nsummary: Getting through.\n---\nIntro.\n",
    "articles/hello.md": (
        "---\ntitle: Hello\ndate: 2025-01-02\ncategory: Coping\nsummary: Hi.\n---\nHello.\n"
    ),
}


def write_files(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture
def make_site(tmp_path):
    """Write a fixture site's content: MINIMAL_SITE plus `files` (None removes one)."""

    def make(files: dict[str, str | None] | None = None) -> Path:
        content = tmp_path / "content"
        merged = {**MINIMAL_SITE, **(files or {})}
        write_files(content, {name: text for name, text in merged.items() if text is not None})
        return content

    return make


@pytest.fixture
def build_site(tmp_path):
    """Build a fixture site in this process and return its output folder."""

    def build(content: Path, **override) -> Path:
        output = tmp_path / "output"
        settings = read_settings(
            str(SETTINGS),
            override={
                "PATH": str(content),
                "OUTPUT_PATH": str(output),
                "CACHE_PATH": str(tmp_path / "cache"),
                **override,
            },  # fmt: skip
        )
        Pelican(settings).run()
        return output

    return build


@pytest.fixture
def fixture_settings(tmp_path):
    """A settings file for a fixture site: the real settings with its own content."""

    def write(content: Path) -> Path:
        settings = tmp_path / "fixtureconf.py"
        settings.write_text(
            f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
            f"PATH = {str(content)!r}\nTHEME = {str(ROOT / 'theme')!r}\n"
            f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
            f"CACHE_PATH = {str(tmp_path / 'cache')!r}\n"
        )
        return settings

    return write


@pytest.fixture
def run_pelican(tmp_path, fixture_settings):
    """Build a fixture site as an editor would, in a separate process."""

    def run(content: Path, *extra: str) -> subprocess.CompletedProcess:
        settings = fixture_settings(content)
        command = [
            sys.executable, str(ROOT / "scripts/build.py"), "--settings", str(settings),
            "--output", str(tmp_path / "output"), *extra,
        ]  # fmt: skip
        return subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, timeout=120)

    return run


@pytest.fixture(scope="session")
def real_site():
    """The real content built once with the real settings."""
    # Inside the project (the build refuses to write elsewhere), unique per test run.
    output = Path(tempfile.mkdtemp(prefix=".test-site-", dir=ROOT)) / "output"
    result = subprocess.run(
        [sys.executable, "scripts/build.py", "--output", str(output)],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    yield output
    shutil.rmtree(output.parent, ignore_errors=True)


@dataclass(frozen=True)
class Published:
    folder: Path
    url: str  # its SITEURL, where `serve(folder, port)` serves it
    port: int


@pytest.fixture(scope="session")
def published_site():
    """The real content built as `make publish` builds it (minified, .gz and .br),
    with SITEURL on a free local port, so that a local server can show it as readers
    get it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    output = Path(tempfile.mkdtemp(prefix=".test-site-", dir=ROOT)) / "output"
    result = subprocess.run(
        [sys.executable, "scripts/build.py", "--settings", "publishconf.py",
         "--output", str(output)],
        capture_output=True, text=True, cwd=ROOT, timeout=300, env={**os.environ, "SITEURL": url},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    yield Published(output, url, port)
    shutil.rmtree(output.parent, ignore_errors=True)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def serve():
    """Serve a folder on 127.0.0.1 (on `port`, or any free one) and return its base
    URL; stopped after the session."""
    servers = []

    def start(root: Path, port: int = 0) -> str:
        handler = functools.partial(_QuietHandler, directory=str(root))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def wide_tab(browser):
    """A 1280 x 900 tab whose quick exit's neutral site is answered locally (tests
    make no outside request); closed after the test."""
    context = exit_answered_locally(browser.new_context(viewport={"width": 1280, "height": 900}))
    yield context.new_page()
    context.close()


def exit_answered_locally(context):
    from pelicanconf import EXIT_URL

    context.route(f"{EXIT_URL}**", lambda route: route.fulfill(body="<title>Neutral</title>"))
    return context


@pytest.fixture(scope="session")
def browser():
    """A real Chromium (Debian's package), driven by Playwright. Never skipped:
    a missing browser fails with the command that installs it."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium not found: run `make test` (it installs Debian's chromium package)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser tab with its own storage, closed after the test."""
    context = browser.new_context()
    yield context.new_page()
    context.close()
