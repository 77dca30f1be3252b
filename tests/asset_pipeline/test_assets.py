"""The asset pipeline's steps on text and bytes, and over a small output folder."""

from __future__ import annotations

import gzip

import brotli
import pytest
from asset_pipeline import assets
from asset_pipeline.headers import CACHE_IMMUTABLE, headers_file, security_headers
from asset_pipeline.pipeline import Options, process_site
from markdown_reader.errors import ContentError

PAGE = """<head>
  <link rel="stylesheet" href="../theme/css/site.css">
  <link rel="stylesheet" href="../theme/css/checklist.css">
  <link rel="stylesheet" href="../theme/css/print-only.css">
  <script src="../theme/js/exit.js" defer></script>
</head>
<a href="https://example.org/help">help</a>
<a href="https://www.bbc.co.uk/weather" rel="nofollow noreferrer" class="exit">exit</a>
<a href="/resources/">ours</a> <a href="tel:988">call</a>
"""


def rewrite(html: str, **options) -> str:
    return assets.rewrite_page(
        html,
        static_url="theme",
        bundled=["site.css", "checklist.css"],
        bundle="site.0123456789.css",
        renamed={"js/exit.js": "js/exit.abcdefabcd.js"},
        **options,
    )


def test_fingerprints_change_with_the_content_only():
    first = assets.fingerprinted_name("site.css", b"body{}")
    assert first == assets.fingerprinted_name("site.css", b"body{}")
    assert first != assets.fingerprinted_name("site.css", b"body{color:red}")
    assert assets.is_fingerprinted(first) and not assets.is_fingerprinted("site.css")


def test_pages_link_one_bundle_in_place_of_the_bundled_stylesheets():
    html = rewrite(PAGE)
    assert html.count('rel="stylesheet"') == 2
    assert '<link rel="stylesheet" href="../theme/css/site.0123456789.css">' in html
    assert "print-only.css" in html  # not in STYLESHEETS: left alone
    assert "checklist.css" not in html
    assert 'src="../theme/js/exit.abcdefabcd.js"' in html


def test_links_to_other_sites_get_noopener_noreferrer_and_keep_their_rel():
    html = rewrite(PAGE)
    assert '<a href="https://example.org/help" rel="noopener noreferrer">' in html
    assert 'rel="nofollow noreferrer noopener" class="exit"' in html
    assert '<a href="/resources/">' in html and '<a href="tel:988">' in html
    assert rewrite(html) == html  # a second pass changes nothing


def test_links_to_the_sites_own_absolute_address_are_not_external():
    html = rewrite(
        '<a href="https://smallwins.example.org/about/">x</a>',
        own_origin="https://smallwins.example.org",
    )
    assert "rel=" not in html


def test_the_bundle_keeps_the_cascade_order_and_minifies():
    bundle = assets.bundle_stylesheets(
        [("a.css", "p { color: red; }"), ("b.css", "h1 { color: blue; }")]
    )
    assert bundle.index("red") < bundle.index("blue")
    assert assets.minify_css(bundle) == "p{color:red}h1{color:#00f}"


def test_precompressed_copies_decompress_to_the_file_and_are_reproducible(tmp_path):
    page = tmp_path / "index.html"
    page.write_text("<p>small wins</p>\n" * 100)
    written = assets.precompress(page)
    assert [path.name for path in written] == ["index.html.gz", "index.html.br"]
    assert gzip.decompress(written[0].read_bytes()) == page.read_bytes()
    assert brotli.decompress(written[1].read_bytes()) == page.read_bytes()
    first = written[0].read_bytes()
    assets.precompress(page)
    assert written[0].read_bytes() == first
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG" * 200)
    assert assets.precompress(image) == []


def test_headers_file_lists_security_headers_and_immutable_files():
    text = headers_file("default-src 'self'", ["/theme/css/site.0123456789.css"])
    assert text.startswith(
        "/*\n  Content-Security-Policy: default-src 'self'; frame-ancestors 'none'\n"
    )
    assert "  Referrer-Policy: no-referrer\n" in text
    assert f"/theme/css/site.0123456789.css\n  Cache-Control: {CACHE_IMMUTABLE}\n" in text
    assert security_headers("x")["X-Content-Type-Options"] == "nosniff"


def make_output(tmp_path):
    output = tmp_path / "output"
    (output / "theme/css").mkdir(parents=True)
    (output / "theme/js").mkdir()
    (output / "theme/css/site.css").write_text("body { margin: 0; }\n")
    (output / "theme/css/checklist.css").write_text(".grid { display: grid; }\n")
    (output / "theme/js/exit.js").write_text("document.title;\n" * 30)
    (output / "about").mkdir()
    (output / "about/index.html").write_text(PAGE + "<p>text</p>\n" * 40)
    return output


def test_a_publication_build_is_bundled_minified_and_precompressed(tmp_path):
    output = make_output(tmp_path)
    options = Options(stylesheets=("site.css", "checklist.css"), minify=True, precompress=True)
    result = process_site(output, options)
    bundle = output / "theme/css" / result.bundle
    assert bundle.read_text() == "body{margin:0}.grid{display:grid}"
    page = (output / "about/index.html").read_text()
    assert f"../theme/css/{result.bundle}" in page and "\n  <link" not in page
    assert (output / "about/index.html.br").exists() and (output / "about/index.html.gz").exists()
    assert result.renamed["js/exit.js"] in (output / "_headers").read_text()


def test_a_missing_stylesheet_is_a_clear_error(tmp_path):
    output = make_output(tmp_path)
    with pytest.raises(ContentError, match="STYLESHEETS lists 'gone.css'"):
        process_site(output, Options(stylesheets=("site.css", "gone.css")))
