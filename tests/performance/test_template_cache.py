"""Compiled templates are kept in CACHE_PATH/templates/ between builds
(scripts/build.py), and used only for the template source and the environment's
options they were compiled from: a changed template or option is compiled again,
a damaged entry too, and builds from a cold and a warm cache are the same."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import MINIMAL_SITE, ROOT, write_files


@pytest.fixture
def build(tmp_path):
    """Build a fixture site with its own copy of the theme into a new folder; returns
    its pages' bytes. `settings`: lines added to the settings file."""
    write_files(tmp_path / "content", MINIMAL_SITE)
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    builds = []

    def run(settings: str = "", cache: str = "cache") -> dict[str, bytes]:
        conf = tmp_path / f"conf{len(builds)}.py"
        conf.write_text(
            f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
            f"PATH = {str(tmp_path / 'content')!r}\nTHEME = {str(tmp_path / 'theme')!r}\n"
            f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
            f"CACHE_PATH = {str(tmp_path / cache)!r}\n{settings}"
        )
        output = tmp_path / f"output-{len(builds)}"
        builds.append(output)
        command = [sys.executable, str(ROOT / "scripts/build.py"), "--settings", str(conf)]
        ran = subprocess.run(
            [*command, "--output", str(output)], capture_output=True, text=True, cwd=tmp_path
        )
        assert ran.returncode == 0, ran.stdout + ran.stderr
        return {p.relative_to(output).as_posix(): p.read_bytes() for p in output.rglob("*.html")}

    return run


def cached_templates(tmp_path):
    return [path for path in (tmp_path / "cache" / "templates").rglob("*") if path.is_file()]


def test_a_warm_build_is_the_cold_build(build, tmp_path):
    cold = build()
    assert cached_templates(tmp_path), "the compiled templates are kept"
    assert build() == cold


def test_a_changed_template_is_compiled_again(build, tmp_path):
    build()
    footer = tmp_path / "theme/templates/partials/footer.html"
    footer.write_text(footer.read_text().replace("</footer>", "<p>Edited footer.</p></footer>", 1))
    assert b"Edited footer." in build()["index.html"]


def test_a_damaged_entry_is_compiled_again(build, tmp_path):
    cold = build()
    for number, path in enumerate(cached_templates(tmp_path)):
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] if number % 2 else b"not a template")
    assert build() == cold


def test_an_environment_option_is_part_of_the_key(build, tmp_path):
    trimmed = build()
    option = 'JINJA_ENVIRONMENT = {**JINJA_ENVIRONMENT, "trim_blocks": False}\n'
    untrimmed = build(option)
    assert untrimmed != trimmed
    assert untrimmed == build(option, cache="cold-cache")
