"""`make publish`'s minified pages come from the cache only for the same page and
the same minifier; a damaged entry is minified again."""

from __future__ import annotations

import pytest
from asset_pipeline import assets
from asset_pipeline.assets import minified_pages_cache, minify_page, minify_page_once

PAGE = "<!doctype html><html lang=en><head><title>T</title></head><body>\n  <p>Small   wins.</p>\n"


def minified_again(html: str) -> str:
    raise AssertionError("minified again")


def test_a_kept_page_is_the_minified_page_and_is_not_minified_again(tmp_path, monkeypatch):
    cache = minified_pages_cache(tmp_path / "minified")
    expected = minify_page(PAGE)
    assert minify_page_once(PAGE, cache) == expected
    monkeypatch.setattr(assets, "minify_page", minified_again)
    assert minify_page_once(PAGE, cache) == expected
    with pytest.raises(AssertionError, match="minified again"):
        minify_page_once(PAGE.replace("Small", "Tiny"), cache)


def test_a_damaged_entry_is_minified_again(tmp_path):
    cache = minified_pages_cache(tmp_path / "minified")
    minify_page_once(PAGE, cache)
    (kept,) = cache.iterdir()
    for damage in (kept.read_bytes()[:-5], b"no hash line", b"\xff\xfe\n<p>"):
        kept.write_bytes(damage)
        assert minify_page_once(PAGE, cache) == minify_page(PAGE)
    assert kept.read_bytes().partition(b"\n")[2].decode() == minify_page(PAGE), "made whole"


def test_the_minifiers_version_and_options_name_the_folder(tmp_path, monkeypatch):
    first = minified_pages_cache(tmp_path)
    monkeypatch.setattr(assets, "PAGE_OPTIONS", {**assets.PAGE_OPTIONS, "keep_comments": True})
    assert minified_pages_cache(tmp_path) != first
    monkeypatch.undo()
    monkeypatch.setattr(assets.importlib.metadata, "version", lambda name: "99.0")
    assert minified_pages_cache(tmp_path) != first
