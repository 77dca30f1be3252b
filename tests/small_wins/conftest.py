"""A full sheet for the printout tests: a fixture site with 22 wins in two categories,
its week starting on Sunday and a public address, built by Pelican in a process of its
own, so that each build can be given its own fonts."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import MINIMAL_SITE, ROOT, write_files

SITEURL = "https://smallwins.example.org"
# Everyday wins of different lengths, so some reminders wrap on paper.
WINS = [
    ("daily-basics", "Got out of bed"), ("daily-basics", "Ate something"),
    ("daily-basics", "Drank a glass of water"), ("daily-basics", "Had a shower"),
    ("daily-basics", "Opened the curtains"), ("daily-basics", "Went outside for a minute"),
    ("daily-basics", "Went to bed at a kind hour"), ("daily-basics", "Took my medication"),
    ("daily-basics", "Made a simple meal"), ("daily-basics", "Changed my clothes"),
    ("daily-basics", "Washed one dish"), ("coping", "Asked for help"),
    ("coping", "Said no to something draining"), ("coping", "Had a hard day and kept going"),
    ("coping", "Noticed a trigger early"), ("coping", "Stayed present"),
    ("coping", "Took three slow breaths"), ("coping", "Texted a friend back"),
    ("coping", "Let myself rest without guilt"), ("coping", "Named a feeling"),
    ("coping", "Went to an appointment"), ("coping", "Let myself feel proud"),
]  # fmt: skip
LABELS = [label for _, label in WINS]


def sheet_content() -> dict[str, str]:
    sections = "".join(
        f'## Section {number} {{win="{label}" category={category}}}\n\n'
        f"Doing this on a hard day is worth a tick{', and it counts' * (number % 3)}. More.\n\n"
        for number, (category, label) in enumerate(WINS, start=1)
    )
    return {
        **MINIMAL_SITE,
        "categories/daily-basics.md": (
            "---\ntitle: Daily basics\nsummary: The basics.\norder: 1\n---\nIntro.\n"
        ),
        "articles/wins.md": (
            f"---\ntitle: Wins\ndate: 2025-01-02\ncategory: Coping\n---\nIntro.\n\n{sections}"
        ),
    }


@pytest.fixture(scope="session")
def build_sheet(tmp_path_factory):
    """Build the 22-win site with `env` added to this environment; its output folder."""

    def build(name: str, env: dict[str, str] | None = None):
        folder = tmp_path_factory.mktemp(name)
        write_files(folder / "content", sheet_content())
        settings = folder / "sheetconf.py"
        settings.write_text(
            f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
            f"PATH = {str(folder / 'content')!r}\nTHEME = {str(ROOT / 'theme')!r}\n"
            f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
            f"SITEURL = {SITEURL!r}\nCHECKLIST_WEEK_START = 'sunday'\n"
        )
        command = [
            sys.executable, "-m", "pelican", "--settings", str(settings),
            "--output", str(folder / "output"), "--quiet", "--fatal", "errors",
        ]  # fmt: skip
        result = subprocess.run(
            command, capture_output=True, text=True, cwd=folder, timeout=300,
            env={
                **os.environ, "PYTHONPATH": str(ROOT / "plugins"),
                "SOURCE_DATE_EPOCH": "1764547200", **(env or {}),
            },
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
        return folder / "output"

    return build


@pytest.fixture(scope="session")
def sheet(build_sheet):
    """The 22-win site built with this machine's own fonts."""
    return build_sheet("sheet")
