"""The asset pipeline over a built output folder (see assets.py for each step)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from markdown_reader.errors import ContentError

from . import assets
from .headers import headers_file


@dataclass(frozen=True)
class Options:
    static_dir: str = "theme"  # THEME_STATIC_DIR: where the theme's static files land
    stylesheets: tuple[str, ...] = ()  # STYLESHEETS, in cascade order
    content_security_policy: str = ""
    own_origin: str = ""  # SITEURL when absolute: links there are not external
    minify: bool = False
    precompress: bool = False
    settings_path: str = "pelicanconf.py"  # named in errors about STYLESHEETS


@dataclass
class Result:
    bundle: str = ""
    renamed: dict[str, str] = field(default_factory=dict)
    pages: int = 0
    compressed: int = 0


def process_site(output: Path, options: Options, pages: Iterable[Path] | None = None) -> Result:
    """Bundle and fingerprint the theme's assets, rewrite the pages to use them
    (`pages`, or else every page in `output`: a devserver rebuild writes only
    some), write `_headers`, and for publication minify and precompress."""
    result = Result()
    static = output / options.static_dir
    if options.stylesheets:
        result.bundle = _write_bundle(static / "css", options)
    result.renamed = _fingerprint_scripts(static / "js")
    for page in output.rglob("*.html") if pages is None else pages:
        html = page.read_text(encoding="utf-8")
        new = assets.rewrite_page(
            html,
            static_url=options.static_dir,
            bundled=list(options.stylesheets),
            bundle=result.bundle,
            renamed=result.renamed,
            own_origin=options.own_origin,
        )
        if options.minify:
            new = assets.minify_page(new)
        if new != html:
            page.write_text(new, encoding="utf-8")
        result.pages += 1
    immutable = [
        "/" + path.relative_to(output).as_posix()
        for path in static.rglob("*")
        if assets.is_fingerprinted(path.name)
    ]
    (output / "_headers").write_text(
        headers_file(options.content_security_policy, immutable), encoding="utf-8"
    )
    if options.precompress:
        result.compressed = precompress_site(output)
    return result


def precompress_site(output: Path) -> int:
    """Write .gz and .br copies of every text file in `output`; returns how many."""
    written = 0
    for folder, _, names in os.walk(output):
        for name in names:
            if not name.endswith((".gz", ".br")):
                written += len(assets.precompress(Path(folder, name)))
    return written


def _write_bundle(css: Path, options: Options) -> str:
    sources = []
    for name in options.stylesheets:
        path = css / name
        if not path.is_file():
            raise ContentError(
                options.settings_path, 1,
                f"STYLESHEETS lists {name!r} but the theme has no css/{name}",
                hint="add the file to theme/static/css/ or remove it from STYLESHEETS",
                rule="assets",
            )  # fmt: skip
        sources.append((name, path.read_text(encoding="utf-8")))
    bundle = assets.bundle_stylesheets(sources)
    if options.minify:
        bundle = assets.minify_css(bundle)
    data = bundle.encode("utf-8")
    name = assets.fingerprinted_name(assets.BUNDLE_NAME, data)
    (css / name).write_bytes(data)
    return name


def _fingerprint_scripts(js: Path) -> dict[str, str]:
    renamed = {}
    if not js.is_dir():
        return renamed
    for path in sorted(js.glob("*.js")):
        if assets.is_fingerprinted(path.name):
            continue
        data = path.read_bytes()
        name = assets.fingerprinted_name(path.name, data)
        (js / name).write_bytes(data)
        renamed[f"js/{path.name}"] = f"js/{name}"
    return renamed
