"""Every built page is valid HTML per the W3C Nu HTML checker (vnu)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"


def test_every_page_is_valid_html(real_site):
    java = shutil.which("java")
    if java is None:
        pytest.fail("java not found: run `make test` (it installs default-jre-headless)")
    if not VNU_JAR.exists():
        pytest.fail(f"{VNU_JAR.relative_to(ROOT)} not found: run `make test` (it runs npm ci)")
    pages = sorted(str(path) for path in real_site.rglob("*.html"))
    assert len(pages) >= 10
    # One call for every file: the checker's start-up costs more than the checking.
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *pages],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{message.get('url', '').removeprefix(f'file:{real_site}/')}:"
        f"{message.get('lastLine', '?')}: {message['message']}"
        for message in messages
    ]
    assert not errors, f"{len(errors)} error(s):\n" + "\n".join(errors[:40])
    assert result.returncode == 0, result.stderr
