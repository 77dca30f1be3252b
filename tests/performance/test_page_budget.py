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
    sheets = [node.attributes["href"] for node in tree.css(SCREEN_SHEETS)]
    scripts = [node.attributes["src"] for node in tree.css("script[src]")]
    return sheets + scripts


# A sheet for print alone (the checklist's font) is fetched after the page is shown and
# never delays it: it is reported beside the page's bytes, not counted in them.
SCREEN_SHEETS = 'link[rel="stylesheet"]:not([media="print"])'
PRINT_SHEETS = 'link[rel="stylesheet"][media="print"]'


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
        for node in tree.css(PRINT_SHEETS):
            sheet = local_file(real_site, path, node.attributes["href"])
            detail += f"; print only: {sheet.name} {gzipped_size(sheet.read_bytes())}"
        BUDGET_REPORT.append(f"{total:>6} {path} ({detail})")
        if total > BUDGET:
            over.append(f"{path}: {total} bytes > {BUDGET} ({detail})")
    assert len(BUDGET_REPORT) > 10, "the real site should have more pages than this"
    assert not over, "over the 14 KB budget:\n" + "\n".join(over)


def test_only_one_stylesheet_blocks_rendering_and_scripts_are_deferred(real_site):
    problems = []
    for path in page_paths(real_site):
        tree = LexborHTMLParser(page_file(real_site, path).read_text())
        sheets = [node.attributes["href"] for node in tree.css(SCREEN_SHEETS)]
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


def test_no_web_fonts_on_screen_and_every_image_has_its_size(real_site):
    """Fonts only for print: in a sheet that pages link with media="print" alone."""
    problems = []
    print_only = set()
    for path in page_paths(real_site):
        tree = LexborHTMLParser(page_file(real_site, path).read_text())
        print_only |= {
            local_file(real_site, path, node.attributes["href"]) for node in tree.css(PRINT_SHEETS)
        }
    used = set()
    for stylesheet in real_site.rglob("*.css"):
        text = stylesheet.read_text()
        if stylesheet not in print_only:
            if "@font-face" in text:
                problems.append(f"{stylesheet.name}: @font-face (no web fonts on screen)")
            continue
        for reference in re.findall(r"url\(\"?([^\")]+)", text):
            used.add(posixpath.normpath(posixpath.join(str(stylesheet.parent), reference)))
    fonts = [p for p in real_site.rglob("*") if p.suffix in {".woff", ".woff2", ".ttf", ".otf"}]
    problems += [f"font file {p.name}, for no print sheet" for p in fonts if str(p) not in used]
    for path in page_paths(real_site):
        tree = LexborHTMLParser(page_file(real_site, path).read_text())
        for image in tree.css("img"):
            if not {"width", "height"} <= image.attributes.keys():
                problems.append(
                    f"{path}: <img src={image.attributes.get('src')}> without width and height"
                )
    assert not problems, "\n".join(problems)
