"""Resource files read in an earlier build are taken from CACHE_PATH/resources/
(kept.py) only while the file, the categories and the day are as they were; a
damaged cache is as none, and a reading from the cache is the reading itself."""

from __future__ import annotations

import datetime
import textwrap

import resource_directory.kept
from resource_directory import schema
from resource_directory.kept import KeptReadings
from resource_directory.schema import load_directory

from tests.resource_directory.test_resource_schema import CATEGORIES, GOOD, TODAY


def directory(folder, cache, today=TODAY, categories=CATEGORIES):
    readings = KeptReadings(cache, folder)
    loaded = load_directory(folder, categories, today, 365, readings.read)
    readings.save()
    return loaded


def resource_folder(tmp_path, text: str = GOOD):
    folder = tmp_path / "resources"
    folder.mkdir(exist_ok=True)
    (folder / "example-line.yaml").write_text(textwrap.dedent(text))
    return folder


def counted_reads(monkeypatch) -> list:
    """Each file read from here on: the arguments of each read_resource call."""
    reads = []
    real = resource_directory.kept.read_resource
    monkeypatch.setattr(
        resource_directory.kept, "read_resource", lambda *a: reads.append(a) or real(*a)
    )
    return reads


def test_a_kept_reading_is_the_reading(tmp_path):
    folder, cache = resource_folder(tmp_path), tmp_path / "cache"
    fresh = load_directory(folder, CATEGORIES, TODAY, 365)
    assert directory(folder, cache) == fresh
    assert list(cache.glob("*.pickle")), "kept for the next build"
    assert directory(folder, cache) == fresh


def test_nothing_is_read_again_while_the_file_and_the_day_are_as_they_were(tmp_path, monkeypatch):
    folder, cache = resource_folder(tmp_path), tmp_path / "cache"
    directory(folder, cache)
    reads = counted_reads(monkeypatch)
    directory(folder, cache)
    assert reads == []
    (folder / "example-line.yaml").write_text(
        textwrap.dedent(GOOD.replace("Example Line", "Other Line"))
    )
    assert directory(folder, cache).resources[0].name == "Other Line"
    directory(folder, cache, today=TODAY + datetime.timedelta(days=1))
    directory(folder, cache, categories=["coping"])
    assert len(reads) == 3


def test_an_error_is_kept_with_its_line_and_hint(tmp_path):
    folder, cache = (
        resource_folder(tmp_path, GOOD.replace("kind: crisis line", "kind: hotline")),
        tmp_path / "cache",
    )
    fresh = load_directory(folder, CATEGORIES, TODAY, 365)
    assert fresh.errors
    directory(folder, cache)
    kept = directory(folder, cache)
    assert [str(error) for error in kept.errors] == [str(error) for error in fresh.errors]


def test_two_folders_of_resources_keep_their_own_readings(tmp_path, monkeypatch):
    folder, cache = resource_folder(tmp_path), tmp_path / "cache"
    other = tmp_path / "other"
    other.mkdir()
    (other / "example-line.yaml").write_text((folder / "example-line.yaml").read_text())
    directory(folder, cache)
    directory(other, cache)
    reads = counted_reads(monkeypatch)
    directory(folder, cache)
    assert reads == []


def test_a_damaged_cache_is_as_none(tmp_path):
    folder, cache = resource_folder(tmp_path), tmp_path / "cache"
    fresh = directory(folder, cache)
    (pickled,) = cache.glob("*.pickle")
    for damage in (pickled.read_bytes()[:40], b"not a pickle", b"\x80\x05N."):  # cut, foreign, None
        pickled.write_bytes(damage)
        assert directory(folder, cache) == fresh


def test_the_names_of_countries_regions_and_languages_are_kept(tmp_path, monkeypatch):
    folder, cache = resource_folder(tmp_path), tmp_path / "cache"
    shown = directory(folder, cache).resources[0]
    names = (shown.country_names, shown.region_names, shown.language_names)
    monkeypatch.setattr(schema, "NAMES", {})  # a new build's process
    monkeypatch.setattr(resource_directory.kept, "NAMES", schema.NAMES)
    monkeypatch.setattr(schema, "pycountry", None)  # its tables are not loaded again
    kept = directory(folder, cache).resources[0]
    assert (kept.country_names, kept.region_names, kept.language_names) == names
