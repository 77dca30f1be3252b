"""Every page of the real site opens in one network round trip: its HTML plus the
CSS and JavaScript it loads, each gzip-compressed as a server sends it, fit in
14 KB. Nothing else may block the first paint."""

from __future__ import annotations

import gzip
import posixpath
import re

from selectolax.lexbor import LexborHTMLParser

from tests.performance.site_pages import BUDGET_REPORT, page_file, page_paths

BUDGET = 14 * 1024


def gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def local_file(site, page_path: str, reference: str):
    """The built file a page's relative or site-absolute reference points at."""
    base = page_path if page_path.endswith("/") else posixpath.dirname(page_path) + "/"
    return site / posixpath.normpath(posixpath.join(base, reference)).lstrip("/")


def render_assets(tree) -> list[str]:
    sheets = [node.attributes["href"] for node in tree.css('link[rel="stylesheet"]')]
    scripts = [node.attributes["src"] for node in tree.css("script[src]")]
    return sheets + scripts


def test_every_page_with_its_css_and_js_fits_in_14_kb_gzipped(real_site):
    over = []
    BUDGET_REPORT.clear()
    for path in page_paths(real_site):
        html = page_file(real_site, path).read_bytes()
        tree = LexborHTMLParser(html.decode())
        parts = {"html": gzipped_size(html)}
        for reference in render_assets(tree):
            asset = local_file(real_site, path, reference)
            assert asset.is_file(), f"{path} loads {reference}, which is not in the site"
            parts[asset.name] = gzipped_size(asset.read_bytes())
        total = sum(parts.values())
        detail = ", ".join(f"{name} {size}" for name, size in parts.items())
        BUDGET_REPORT.append(f"{total:>6} {path} ({detail})")
        if total > BUDGET:
            over.append(f"{path}: {total} bytes > {BUDGET} ({detail})")
    assert len(BUDGET_REPORT) > 10, "the real site should have more pages than this"
    assert not over, "over the 14 KB budget:\n" + "\n".join(over)


def test_only_one_stylesheet_blocks_rendering_and_scripts_are_deferred(real_site):
    problems = []
    for path in page_paths(real_site):
        tree = LexborHTMLParser(page_file(real_site, path).read_text())
        sheets = [node.attributes["href"] for node in tree.css('link[rel="stylesheet"]')]
        if len(sheets) != 1 or not re.search(r"/site\.[0-9a-f]{10}\.css$", sheets[0]):
            problems.append(f"{path}: stylesheets {sheets}, expected one site.<hash>.css")
        for script in tree.css("script"):
            attributes = script.attributes
            if attributes.get("type") == "application/ld+json":
                continue
            if "src" not in attributes:
                problems.append(f"{path}: inline script")
            elif "defer" not in attributes and "async" not in attributes:
                problems.append(f"{path}: {attributes['src']} blocks rendering (no defer)")
            elif not re.search(r"\.[0-9a-f]{10}\.js$", attributes["src"]):
                problems.append(f"{path}: {attributes['src']} has no fingerprint")
    assert not problems, "\n".join(problems)


def test_no_web_fonts_and_every_image_has_its_size(real_site):
    problems = []
    for stylesheet in real_site.rglob("*.css"):
        if "@font-face" in stylesheet.read_text():
            problems.append(f"{stylesheet.name}: @font-face (no web fonts)")
    fonts = [
        p.name for p in real_site.rglob("*") if p.suffix in {".woff", ".woff2", ".ttf", ".otf"}
    ]
    problems += [f"font file {name}" for name in fonts]
    for path in page_paths(real_site):
        tree = LexborHTMLParser(page_file(real_site, path).read_text())
        for image in tree.css("img"):
            if not {"width", "height"} <= image.attributes.keys():
                problems.append(
                    f"{path}: <img src={image.attributes.get('src')}> without width and height"
                )
    assert not problems, "\n".join(problems)
