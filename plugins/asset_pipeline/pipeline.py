"""The asset pipeline in two steps (see assets.py for each operation):
`name_assets` before any page is rendered, from the theme's sources, and
`finish_site` over the built output folder."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from markdown_reader.errors import ContentError

from . import assets
from .headers import headers_file


@dataclass(frozen=True)
class Options:
    static_dir: str = "theme"  # THEME_STATIC_DIR: where the theme's static files land
    stylesheets: tuple[str, ...] = ()  # STYLESHEETS, in cascade order
    scripts: tuple[str, ...] = ()  # SCRIPTS: every page's scripts, bundled in this order
    content_security_policy: str = ""
    # PAGE_CONTENT_SECURITY_POLICIES: {"/search/": policy}, a page's own policy
    page_policies: tuple[tuple[str, str], ...] = ()
    open_data_paths: tuple[str, ...] = ()  # OPEN_DATA_PATHS: readable by any website
    unstored_paths: tuple[str, ...] = ()  # UNSTORED_PATHS: kept in no browser's cache
    minify: bool = False
    precompress: bool = False
    settings_path: str = "pelicanconf.py"  # named in errors about STYLESHEETS
    cache: Path | None = None  # where compressed copies are kept between builds
    minified: Path | None = None  # where minified pages are kept between builds


@dataclass(frozen=True)
class Assets:
    """The theme's stylesheet bundle and scripts under their fingerprinted names."""

    static_dir: str
    # By the name templates ask for: {"js/x.js": ("js/x.<hash>.js", content)}.
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)

    def url(self, name: str) -> str:
        """Where a page links an asset, below SITEURL: `css/site.css` is the bundle
        of STYLESHEETS, `js/site.js` the bundle of SCRIPTS, `js/<name>.js` another
        script of the theme."""
        if name not in self.files:
            known = ", ".join(self.files)
            raise ValueError(f"asset_url({name!r}): the theme has no such asset (it has {known})")
        return f"{self.static_dir}/{self.files[name][0]}"

    def write(self, output: Path) -> None:
        for target, content in self.files.values():
            path = output / self.static_dir / target
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)


def name_assets(theme_static: Path, options: Options) -> Assets:
    """Bundle the stylesheets and every page's scripts and name every file after
    its content, reading the theme's own static folder: pages link the names
    before the files are copied."""
    files = {}
    if options.stylesheets:
        css = _bundle(theme_static / "css", options.stylesheets, "STYLESHEETS", options)
        files[f"css/{assets.BUNDLE_NAME}"] = _named("css", assets.BUNDLE_NAME, css)
    if options.scripts:
        js = _bundle(theme_static / "js", options.scripts, "SCRIPTS", options)
        files[f"js/{assets.SCRIPT_BUNDLE_NAME}"] = _named("js", assets.SCRIPT_BUNDLE_NAME, js)
    for path in sorted((theme_static / "js").glob("*.js")):
        if path.name not in options.scripts and not assets.is_fingerprinted(path.name):
            script = path.read_text(encoding="utf-8")
            if options.minify:
                script = assets.minify_js(script)
            files[f"js/{path.name}"] = _named("js", path.name, script.encode("utf-8"))
    return Assets(options.static_dir, files)


def _named(folder: str, name: str, content: bytes) -> tuple[str, bytes]:
    return f"{folder}/{assets.fingerprinted_name(name, content)}", content


def finish_site(output: Path, options: Options, stale: frozenset[str] = frozenset()) -> int:
    """Write `_headers` into a built site; for publication, minify its pages and
    precompress its text files. Returns how many compressed copies were written.

    `stale`: files an earlier build left that this one did not write (the build
    removes them afterwards). They are left untouched: rewritten, they would look
    written by this build and stay online."""
    static = output / options.static_dir
    immutable = [
        "/" + path.relative_to(output).as_posix()
        for path in static.rglob("*")
        if assets.is_fingerprinted(path.name) and str(path) not in stale
    ]
    (output / "_headers").write_text(
        headers_file(
            options.content_security_policy,
            immutable,
            dict(options.page_policies),
            options.open_data_paths,
            options.unstored_paths,
        ),
        encoding="utf-8",
    )
    if options.minify:
        for page in output.rglob("*.html"):
            if str(page) in stale:
                continue
            html = page.read_text(encoding="utf-8")
            page.write_text(assets.minify_page_once(html, options.minified), encoding="utf-8")
    return precompress_site(output, options.cache, stale) if options.precompress else 0


def precompress_site(
    output: Path, cache: Path | None = None, stale: frozenset[str] = frozenset()
) -> int:
    """Write .gz and .br copies of every text file in `output` but the `stale` ones,
    on every core (the compressors let go of Python's lock while they work); returns
    how many."""
    paths = [
        Path(folder, name)
        for folder, _, names in os.walk(output)
        for name in names
        if not name.endswith((".gz", ".br")) and os.path.join(folder, name) not in stale
    ]
    with ThreadPoolExecutor(os.cpu_count()) as pool:
        return sum(map(len, pool.map(lambda path: assets.precompress(path, cache), paths)))


def _bundle(folder: Path, names: tuple[str, ...], setting: str, options: Options) -> bytes:
    sources = []
    for name in names:
        path = folder / name
        if not path.is_file():
            raise ContentError(
                options.settings_path, 1,
                f"{setting} lists {name!r} but the theme has no {folder.name}/{name}",
                hint=f"add the file to theme/static/{folder.name}/ or remove it from {setting}",
                rule="assets",
            )  # fmt: skip
        sources.append((name, path.read_text(encoding="utf-8")))
    bundle = assets.bundle(sources)
    if options.minify:
        bundle = assets.minify_css(bundle) if folder.name == "css" else assets.minify_js(bundle)
    return bundle.encode("utf-8")
