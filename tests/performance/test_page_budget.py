"""Every page of the real site opens in one network round trip: its HTML plus the
CSS and JavaScript it loads, each gzip-compressed as a server sends it, fit in
14 KB. Nothing else may block the first paint.

The budget is measured on the published build (`make publish`), the bytes readers
are sent: there pages, stylesheets and scripts are minified, while `make html`
keeps them readable for editors and developers, comments and all. What blocks
rendering is checked on the `make html` build, whose markup is the same."""

from __future__ import annotations

import gzip
import posixpath
import re

from asset_pipeline.assets import minify_js
from selectolax.lexbor import LexborHTMLParser

from tests.performance.site_pages import BUDGET_REPORT, page_file, page_paths

BUDGET = 14 * 1024


def gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def local_file(site, page_path: str, reference: str, site_url: str = ""):
    """The built file a page's relative, site-absolute or absolute reference points at."""
    reference = reference.removeprefix(site_url) if site_url else reference
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


def test_every_page_with_its_css_and_js_fits_in_14_kb_gzipped(published_site):
    site, url = published_site.folder, published_site.url
    over = []
    BUDGET_REPORT.clear()
    for path in page_paths(site):
        html = page_file(site, path).read_bytes()
        tree = LexborHTMLParser(html.decode())
        parts = {"html": gzipped_size(html)}
        for reference in render_assets(tree):
            asset = local_file(site, path, reference, url)
            assert asset.is_file(), f"{path} loads {reference}, which is not in the site"
            parts[asset.name] = gzipped_size(asset.read_bytes())
        total = sum(parts.values())
        detail = ", ".join(f"{name} {size}" for name, size in parts.items())
        for node in tree.css(PRINT_SHEETS):
            sheet = local_file(site, path, node.attributes["href"], url)
            detail += f"; print only: {sheet.name} {gzipped_size(sheet.read_bytes())}"
        BUDGET_REPORT.append(f"{total:>6} {path} ({detail})")
        if total > BUDGET:
            over.append(f"{path}: {total} bytes > {BUDGET} ({detail})")
    assert len(BUDGET_REPORT) > 10, "the real site should have more pages than this"
    assert not over, "over the 14 KB budget:\n" + "\n".join(over)


def test_one_stylesheet_then_one_line_of_script_block_rendering_the_rest_is_deferred(real_site):
    """scripts-run.js marks the page before the first paint, so that the styles
    draw the folded menu at once: it must stay one line."""
    problems = []
    marker = minify_js(next((real_site / "theme/js").glob("scripts-run.*.js")).read_text())
    assert len(marker) <= 80, f"scripts-run.js should be one short line, not {marker!r}"
    for path in page_paths(real_site):
        tree = LexborHTMLParser(page_file(real_site, path).read_text())
        sheets = [node.attributes["href"] for node in tree.css(SCREEN_SHEETS)]
        if len(sheets) != 1 or not re.search(r"/site\.[0-9a-f]{10}\.css$", sheets[0]):
            problems.append(f"{path}: stylesheets {sheets}, expected one site.<hash>.css")
        blocking = []
        for script in tree.css("script"):
            attributes = script.attributes
            if attributes.get("type") == "application/ld+json":
                continue
            if "src" not in attributes:
                problems.append(f"{path}: inline script")
            elif not re.search(r"\.[0-9a-f]{10}\.js$", attributes["src"]):
                problems.append(f"{path}: {attributes['src']} has no fingerprint")
            elif "defer" not in attributes and "async" not in attributes:
                blocking.append(attributes["src"])
        if len(blocking) != 1 or "/scripts-run." not in blocking[0]:
            problems.append(f"{path}: {blocking} block rendering, expected scripts-run.js alone")
        head = page_file(real_site, path).read_text().split("</head>")[0]
        if sheets and blocking and head.find(sheets[0]) > head.find(blocking[0]):
            problems.append(f"{path}: scripts-run.js is before the stylesheet, which waits for it")
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
