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
    process_site(Path(pelican.output_path), options)


def register() -> None:
    signals.finalized.connect(process_output)
