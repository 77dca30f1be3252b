"""Fixtures for the reliability tests: build folders inside the project (the build
refuses to write anywhere else) and running scripts/build.py with a chosen environment."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

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
