"""Asset pipeline: one fingerprinted stylesheet, fingerprinted scripts, safe
external links and a `_headers` file in every build; minified pages and
precompressed copies for publication.

Settings: STYLESHEETS (bundled in this order), CONTENT_SECURITY_POLICY,
ASSETS_MINIFY and ASSETS_PRECOMPRESS (both False unless set, as publishconf.py does).
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from .pipeline import Options, process_site

# The pages the running build wrote (Pelican's writer reports each one).
_written_pages: list[Path] = []
# When each page was last processed, for builds that leave some pages alone.
_processed: dict[Path, int] = {}


def forget_pages(_pelican) -> None:
    _written_pages.clear()


def note_page(path, context=None) -> None:
    if str(path).endswith(".html"):
        _written_pages.append(Path(path))


def process_output(pelican) -> None:
    settings = pelican.settings
    site_url = settings.get("SITEURL", "")
    options = Options(
        static_dir=settings.get("THEME_STATIC_DIR", "theme"),
        stylesheets=tuple(settings.get("STYLESHEETS", ())),
        content_security_policy=settings.get("CONTENT_SECURITY_POLICY", ""),
        own_origin=site_url if "://" in site_url else "",
        minify=settings.get("ASSETS_MINIFY", False),
        precompress=settings.get("ASSETS_PRECOMPRESS", False),
    )
    pages = [page for page in dict.fromkeys(_written_pages) if _changed_since_processed(page)]
    process_site(Path(pelican.output_path), options, pages=pages)
    for page in pages:
        _processed[page] = page.stat().st_mtime_ns


def _changed_since_processed(page: Path) -> bool:
    """False for a page left untouched since an earlier build in this process
    processed it (the devserver reports pages it did not write again)."""
    processed = _processed.get(page)
    return processed is None or processed != page.stat().st_mtime_ns


def register() -> None:
    signals.initialized.connect(forget_pages)
    signals.content_written.connect(note_page)
    signals.finalized.connect(process_output)
