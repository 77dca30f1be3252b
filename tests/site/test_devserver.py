"""make devserver: serves the site and rebuilds it when a file changes."""

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch_until(url: str, expected: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode()
            if expected in body:
                return body
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never contained {expected!r}; last body: {body[:300]!r}")


def test_devserver_rebuilds_after_a_change_and_survives_a_bad_save(
    make_site, fixture_settings, tmp_path
):
    content = make_site()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts/devserver.py"), "--settings",
         str(fixture_settings(content)), "--output", str(tmp_path / "output"),
         "--port", str(port)],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    article = content / "articles/hello.md"
    url = f"http://127.0.0.1:{port}/hello/"
    try:
        fetch_until(url, "Hello.")
        article.write_text("---\ntitle: Hello\ndate: nope\ncategory: Coping\n---\nBroken.\n")
        time.sleep(2)
        fetch_until(url, "Hello.")  # the failed build left the served site alone
        article.write_text("---\ntitle: Hello\ndate: 2025-01-02\ncategory: Coping\n---\nEdited.\n")
        fetch_until(url, "Edited.")
    finally:
        server.terminate()
        log = server.communicate(timeout=10)[0]
    assert "hello.md:3: error: date" in log
    assert "Traceback" not in log
