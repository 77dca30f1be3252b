"""The asset pipeline's steps on text and bytes, and over a small output folder."""

from __future__ import annotations

import gzip
import re

import brotli
import pytest
from asset_pipeline import assets
from asset_pipeline.headers import CACHE_IMMUTABLE, headers_file, security_headers
from asset_pipeline.pipeline import Options, finish_site, name_assets
from markdown_reader.errors import ContentError

PAGE = """<head>
  <link rel="stylesheet" href="../theme/css/site.0123456789.css">
</head>
<p>small wins</p>
"""


def test_fingerprints_change_with_the_content_only():
    first = assets.fingerprinted_name("site.css", b"body{}")
    assert first == assets.fingerprinted_name("site.css", b"body{}")
    assert first != assets.fingerprinted_name("site.css", b"body{color:red}")
    assert assets.is_fingerprinted(first) and not assets.is_fingerprinted("site.css")


def make_theme_static(tmp_path):
    static = tmp_path / "theme-static"
    (static / "css").mkdir(parents=True)
    (static / "js").mkdir()
    (static / "css/site.css").write_text("body { margin: 0; }\n")
    (static / "css/checklist.css").write_text(".grid { display: grid; }\n")
    (static / "js/exit.js").write_text("document.title;\n" * 30)
    return static


def test_assets_are_named_after_their_content_before_any_page_is_written(tmp_path):
    static = make_theme_static(tmp_path)
    named = name_assets(static, Options(stylesheets=("site.css", "checklist.css")))
    bundle_url = named.url("css/site.css")
    script_url = named.url("js/exit.js")
    assert re.fullmatch(r"theme/css/site\.[0-9a-f]{10}\.css", bundle_url)
    assert re.fullmatch(r"theme/js/exit\.[0-9a-f]{10}\.js", script_url)
    output = tmp_path / "output"
    named.write(output)
    bundle = (output / bundle_url).read_bytes()
    assert bundle.index(b"margin") < bundle.index(b"grid")  # cascade order kept
    assert (output / script_url).read_bytes() == (static / "js/exit.js").read_bytes()
    (static / "js/exit.js").write_text("document.title = 'changed';\n")
    assert name_assets(static, Options()).url("js/exit.js") != script_url


def test_asking_for_an_asset_the_theme_lacks_names_those_it_has(tmp_path):
    named = name_assets(make_theme_static(tmp_path), Options(stylesheets=("site.css",)))
    with pytest.raises(ValueError, match=r"'js/gone.js'.*css/site.css, js/exit.js"):
        named.url("js/gone.js")


def test_the_bundle_keeps_the_cascade_order_and_minifies():
    bundle = assets.bundle([("a.css", "p { color: red; }"), ("b.css", "h1 { color: blue; }")])
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


def test_a_publication_build_is_minified_and_precompressed(tmp_path):
    static = make_theme_static(tmp_path)
    options = Options(stylesheets=("site.css", "checklist.css"), minify=True, precompress=True)
    named = name_assets(static, options)
    output = tmp_path / "output"
    named.write(output)
    (output / "about").mkdir()
    (output / "about/index.html").write_text(PAGE + "<p>text</p>\n" * 40)
    assert finish_site(output, options) > 0
    assert (output / named.url("css/site.css")).read_text() == "body{margin:0}.grid{display:grid}"
    page = (output / "about/index.html").read_text()
    assert "\n  <link" not in page and "<p>text</p><p>text</p>" in page
    assert (output / "about/index.html.br").exists() and (output / "about/index.html.gz").exists()
    headers = (output / "_headers").read_text()
    assert f"/{named.url('js/exit.js')}\n  Cache-Control: {CACHE_IMMUTABLE}" in headers


def test_a_missing_stylesheet_is_a_clear_error(tmp_path):
    with pytest.raises(ContentError, match="STYLESHEETS lists 'gone.css'"):
        name_assets(make_theme_static(tmp_path), Options(stylesheets=("site.css", "gone.css")))


def test_every_pages_scripts_are_one_bundle_minified_for_publication(tmp_path):
    static = make_theme_static(tmp_path)
    (static / "js/menu.js").write_text(
        '/* Why. */\n(function () {\n  "use strict";\n  go();\n})();\n'
    )
    options = Options(scripts=("menu.js", "exit.js"))
    named = name_assets(static, options)
    assert re.fullmatch(r"theme/js/site\.[0-9a-f]{10}\.js", named.url("js/site.js"))
    with pytest.raises(ValueError):
        named.url("js/menu.js")  # only in the bundle
    bundle = named.files["js/site.js"][1].decode()
    assert bundle.index("go()") < bundle.index("document.title")
    minified = name_assets(static, Options(scripts=options.scripts, minify=True))
    small = minified.files["js/site.js"][1].decode()
    assert "Why" not in small and '"use strict";go();' in small
    assert len(small) < len(bundle)
