"""Two builds of the same commit are byte-identical, whatever the clock, the
time zone or Python's hash seed of the machine that builds them."""

from __future__ import annotations

import datetime
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pelican.plugins.sitemap import sitemap
from pelican.utils import SafeDatetime
from reproducible import sitemap_date
from reproducible.dates import EPOCH, source_date

ROOT = Path(__file__).resolve().parents[2]
# Different on purpose: anything read from the clock, the local time zone or
# the iteration order of a set would make the two builds differ.
FIRST = {"PYTHONHASHSEED": "1", "TZ": "UTC"}
SECOND = {"PYTHONHASHSEED": "2", "TZ": "Pacific/Kiritimati"}


def files_of(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


@pytest.mark.parametrize("settings", ["pelicanconf.py", "publishconf.py"])
def test_two_builds_of_the_real_site_are_byte_identical(settings, project_folder, build_script):
    outputs = []
    for name, environ in (("first", FIRST), ("second", SECOND)):
        output = project_folder / name
        result = build_script("--settings", settings, "--output", str(output), **environ)
        assert result.returncode == 0, result.stderr
        outputs.append(files_of(output))
    first, second = outputs
    assert len(first) > 10
    assert sorted(first) == sorted(second), "the two builds wrote different files"
    differing = [name for name in first if first[name] != second[name]]
    assert differing == [], f"differ between two builds: {differing}"


@pytest.fixture(scope="session")
def german_locale(tmp_path_factory) -> dict[str, str]:
    """The environment of a machine set to German, with the locale compiled here."""
    folder = tmp_path_factory.mktemp("locales")
    command = ["localedef", "-i", "de_DE", "-f", "UTF-8", str(folder / "de_DE.UTF-8")]
    result = subprocess.run(command, capture_output=True, text=True)
    if not (folder / "de_DE.UTF-8").is_dir():
        pytest.fail(f"could not compile a German locale (Debian's locales package): {result}")
    return {"LOCPATH": str(folder), "LC_ALL": "de_DE.UTF-8"}


def test_dates_are_in_english_whatever_the_language_of_the_machine(
    make_site, fixture_settings, tmp_path, german_locale
):
    settings = fixture_settings(make_site())
    outputs = []
    for name, environ in (("english", {"LC_ALL": "C.UTF-8"}), ("german", german_locale)):
        output = tmp_path / name
        result = subprocess.run(
            [sys.executable, str(ROOT / "scripts/build.py"), "--settings", str(settings),
             "--output", str(output)],
            capture_output=True, text=True, cwd=tmp_path, env={**os.environ, **environ},
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        outputs.append(files_of(output))
    assert "2 January 2025" in outputs[1]["hello/index.html"].decode()
    assert outputs[0] == outputs[1]


def test_an_empty_category_feed_is_dated_from_the_content(make_site, build_site, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    content = make_site({"categories/boundaries.md": "---\ntitle: Boundaries\n---\nNo articles.\n"})
    output = build_site(content, CATEGORY_FEED_ATOM="feeds/{slug}.atom.xml")
    feed = (output / "feeds/boundaries.atom.xml").read_text()
    assert "<updated>2025-01-02T00:00:00+00:00</updated>" in feed  # hello.md's date


def test_source_date_epoch_dates_an_empty_feed(make_site, build_site, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    content = make_site({"categories/boundaries.md": "---\ntitle: Boundaries\n---\nNo articles.\n"})
    output = build_site(content, CATEGORY_FEED_ATOM="feeds/{slug}.atom.xml")
    feed = (output / "feeds/boundaries.atom.xml").read_text()
    assert "<updated>2023-11-14T22:13:20+00:00</updated>" in feed


def test_source_date_prefers_source_date_epoch_then_the_newest_content_date():
    newest = datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC)
    older = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    assert source_date({}, [older, None, newest]) == newest
    assert source_date({}, []) == EPOCH
    assert source_date({"SOURCE_DATE_EPOCH": "86400"}, [newest]) == EPOCH + datetime.timedelta(1)
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        source_date({"SOURCE_DATE_EPOCH": "yesterday"}, [])


def test_pages_without_a_date_are_dated_from_the_content_in_the_sitemap(
    make_site, build_site, monkeypatch
):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    sitemap = (build_site(make_site()) / "sitemap.xml").read_text()
    assert "<loc>/</loc>" in sitemap
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)) == {"2025-01-02T00:00:00+00:00"}


def plugins_own_format_date():
    """The sitemap plugin's own function, from a fresh copy of its module: the
    imported one's is replaced once a site is built."""
    spec = importlib.util.spec_from_file_location("plugins_own_sitemap", sitemap.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.format_date


@pytest.mark.parametrize(
    "date",
    [
        SafeDatetime(2025, 3, 4, 5, 6, 7),
        SafeDatetime(2025, 3, 4, 5, 6, 7, tzinfo=datetime.timezone(datetime.timedelta(hours=-5))),
        SafeDatetime(
            2025,
            12,
            31,
            23,
            59,
            59,
            tzinfo=datetime.timezone(datetime.timedelta(hours=5, minutes=30)),
        ),
        datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC),
    ],
)
def test_the_sitemap_dates_its_pages_as_the_sitemap_plugin_does(date):
    assert sitemap_date(date) == plugins_own_format_date()(date)


def test_the_built_sitemap_is_dated_by_the_faster_function(make_site, build_site):
    output = build_site(make_site())
    assert sitemap.format_date is sitemap_date
    assert "<lastmod>2025-01-02T00:00:00" in (output / "sitemap.xml").read_text()
