"""Asset pipeline: one fingerprinted stylesheet, fingerprinted scripts and a
`_headers` file in every build; minified pages and precompressed copies for
publication.

Templates get `asset_url("css/site.css")` and `asset_url("js/site.js")` (the
bundles) and `asset_url("js/<name>.js")`, paths below SITEURL, and the test `is external`
for links that need `rel="noopener noreferrer"`.

Settings: STYLESHEETS and SCRIPTS (each bundled in this order), CONTENT_SECURITY_POLICY,
PAGE_CONTENT_SECURITY_POLICIES (a page's own policy in `_headers`, by path),
OPEN_DATA_PATHS (files any website may read, in `_headers`),
ASSETS_MINIFY and ASSETS_PRECOMPRESS (both False unless set, as publishconf.py does).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from markdown_reader.render import is_external
from pelican import signals

from .assets import minified_pages_cache
from .pipeline import Assets, Options, finish_site, name_assets

# The running build's assets: named before rendering, written after it.
_named: Assets | None = None


def _options(settings) -> Options:
    return Options(
        static_dir=settings.get("THEME_STATIC_DIR", "theme"),
        stylesheets=tuple(settings.get("STYLESHEETS", ())),
        scripts=tuple(settings.get("SCRIPTS", ())),
        content_security_policy=settings.get("CONTENT_SECURITY_POLICY", ""),
        page_policies=tuple(settings.get("PAGE_CONTENT_SECURITY_POLICIES", {}).items()),
        open_data_paths=tuple(settings.get("OPEN_DATA_PATHS", ())),
        unstored_paths=tuple(settings.get("UNSTORED_PATHS", ())),
        minify=settings.get("ASSETS_MINIFY", False),
        precompress=settings.get("ASSETS_PRECOMPRESS", False),
        cache=compressed_cache(settings),
        minified=minified_pages_cache(Path(settings.get("CACHE_PATH", "cache"), "minified")),
    )


def compressed_cache(settings) -> Path:
    """Where compressed copies are kept between builds, by the hash of their file."""
    return Path(settings.get("CACHE_PATH", "cache"), "compressed")


def name_theme_assets(pelican) -> None:
    global _named
    settings = pelican.settings
    _named = name_assets(Path(settings["THEME"]) / "static", _options(settings))
    settings["JINJA_GLOBALS"] = {**settings["JINJA_GLOBALS"], "asset_url": _named.url}
    settings["JINJA_TESTS"] = {**settings["JINJA_TESTS"], "external": is_external}


def write_theme_assets(generators) -> None:
    """Before any page is written: the checklist's PDFs load the stylesheet."""
    if _named is not None:
        _named.write(Path(generators[0].output_path))


def finish_output(pelican) -> None:
    spare = pelican.settings.get("SPARE_CHANGE_TIMES", {})
    finish_site(Path(pelican.output_path), _options(pelican.settings), unwritten(spare))


def unwritten(change_times: dict[str, int]) -> frozenset[str]:
    """The files of the spare output (SPARE_CHANGE_TIMES, set by scripts/build.py)
    that this build has not written: their change time is as it was (no clock is
    compared)."""
    stale = set()
    for path, changed in change_times.items():
        with contextlib.suppress(FileNotFoundError):
            if os.lstat(path).st_ctime_ns == changed:
                stale.add(path)
    return frozenset(stale)


def register() -> None:
    signals.initialized.connect(name_theme_assets)
    signals.all_generators_finalized.connect(write_theme_assets)
    signals.finalized.connect(finish_output)
