"""An XSS corpus built into a fixture site: script tags, event handlers,
javascript: and data: URLs, SVG, entities, and attribute injection through front
matter, win labels and resource fields. The built pages must carry no inline
handler, no script URL and no foreign script, and Chromium, with the page's
Content-Security-Policy switched off so that escaping alone is tested, must run
none of the payloads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from markdown_reader.render import render
from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED_ORIGIN = "https://smallwins.example.org"
# Each payload, if it ran, would open a dialog and set a flag.
RUN = "alert(1);window.xssRan=1"
URL_PAYLOAD = quote(f'"><img src=x onerror="{RUN}">')

ARTICLE = f"""\
---
title: "<script>{RUN}</script> & <img src=x onerror='{RUN}'> \\" onmouseover='{RUN}'"
date: 2025-03-04
category: Coping
tags: ["<svg onload={RUN}>", "\\" autofocus onfocus={RUN} x=\\""]
summary: "*Hi* <img src=x onerror={RUN}> [x](javascript:{RUN}) </script><script>{RUN}</script>"
slug: hostile
---
<script>{RUN}</script>

<img src=x onerror="{RUN}"> <svg onload="{RUN}"><script>{RUN}</script></svg>

<a href="javascript:{RUN}">raw link</a> <iframe srcdoc="<script>{RUN}</script>"></iframe>

<details open ontoggle="{RUN}"><summary>x</summary></details> <!-- <img src=x onerror={RUN}> -->

[plain](javascript:{RUN}) [upper](JAVASCRIPT:{RUN}) [entity](&#106;avascript:{RUN})
[vb](vbscript:msgbox(1)) <javascript:{RUN}>
[file]({{filename}}javascript:{RUN}) [index]({{index}}javascript:?%0A{RUN})
[tag]({{tag}}JavaScript:{RUN}) [author](|author|javascript:{RUN})
[html data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
![svg image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+)
![script image](javascript:{RUN}) [reference][r]

[r]: javascript:{RUN}

&lt;script&gt;{RUN}&lt;/script&gt; &#60;img src=x onerror={RUN}&#62; `<script>{RUN}</script>`

*emphasis*{{title="\\"><img src=x onerror={RUN}>" onclick="{RUN}"}}

## Attributes {{#x" onclick="{RUN} data-x="\\" onmouseover={RUN}" .c}}

## Feeling safe for a moment {{win="<img src=x onerror=alert(1)>" category=coping}}

<b onclick="{RUN}">I noticed</b> that I felt safe for a moment.

| <b onmouseover="{RUN}">cell</b> | [x](javascript:{RUN}) |
|---|---|
| a | b |

## <script>{RUN}</script> in a heading

## &lt;img src=x onerror={RUN}&gt; in a heading

Term <i onclick="{RUN}">x</i>
: Definition [^n]

[^n]: A footnote <img src=x onerror={RUN}>.
"""

HOSTILE_CATEGORY = f"""\
---
title: "Hostile <img src=x onerror={RUN}>"
summary: "<script>{RUN}</script> [x](javascript:{RUN})"
---
Intro <svg onload="{RUN}"></svg> [x](javascript:{RUN}).
"""

HOSTILE_PAGE = f"""\
---
title: "</title><script>{RUN}</script>"
slug: about-hostile
summary: "\\"><script>{RUN}</script>"
---
A page <img src=x onerror="{RUN}">.
"""

RESOURCE = f"""\
name: "Helpline <script>{RUN}</script></script><!--"
summary: "Talk to someone. <img src=x onerror={RUN}> </script><script>{RUN}</script>"
kind: crisis line
categories: [coping]
website: "https://help.example.org/\\"><script>{RUN}</script>"
contact:
  phone:
    display: "0800 1111 <img src=x onerror={RUN}>"
    tel: "08001111"
    note: "<b onmouseover={RUN}>Always</b>"
  website: "https://help.example.org/\\"><script>{RUN}</script>"
hours: 24/7
countries: [GB]
cost: free
cost_note: "\\" onfocus=\\"{RUN}\\" autofocus=\\""
source:
  - https://help.example.org/about
last_verified: 2026-11-01
"""

# Links a browser would not run but that lead nowhere: the build refuses them (the
# page checks' link-broken rule), so they are built on their own.
REFUSED_LINKS = f"""\
---
title: Hostile links
date: 2025-03-05
category: Coping
summary: Links that lead nowhere.
---
[tab](java&#9;script:{RUN}) [escaped]({{filename}}java%09script:{RUN})
"""

CORPUS = {
    "articles/hostile.md": ARTICLE,
    "categories/hostile.md": HOSTILE_CATEGORY,
    "pages/about-hostile.md": HOSTILE_PAGE,
    "resources/helpline.yaml": RESOURCE,
}


def run_build(content: Path, fixture_settings, tmp_path, settings_module: str):
    settings = fixture_settings(content)
    text = settings.read_text().replace("from pelicanconf import", f"from {settings_module} import")
    settings.write_text(text)
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts/build.py"), "--settings", str(settings),
         "--output", str(tmp_path / "output")],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )  # fmt: skip


def build_corpus(make_site, fixture_settings, tmp_path, settings_module: str) -> Path:
    result = run_build(make_site(CORPUS), fixture_settings, tmp_path, settings_module)
    assert result.returncode == 0, result.stderr
    output = tmp_path / "output"
    for expected in ("hostile/index.html", "about-hostile/index.html", "resources/index.html"):
        assert (output / expected).exists(), expected
    return output


@pytest.fixture
def corpus_site(make_site, fixture_settings, tmp_path) -> Path:
    return build_corpus(make_site, fixture_settings, tmp_path, "pelicanconf")


@pytest.fixture
def published_corpus_site(make_site, fixture_settings, tmp_path, monkeypatch) -> Path:
    """Minified pages, absolute URLs, Atom feeds: what `make publish` writes."""
    monkeypatch.setenv("SITEURL", PUBLISHED_ORIGIN)
    return build_corpus(make_site, fixture_settings, tmp_path, "publishconf")


def test_links_leading_nowhere_are_refused_and_never_published(
    make_site, fixture_settings, tmp_path, scan_for_script
):
    content = make_site({"articles/hostile-links.md": REFUSED_LINKS})
    result = run_build(content, fixture_settings, tmp_path, "publishconf")
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 2, result.stderr
    assert all(
        line.startswith("content/articles/hostile-links.md:7:") and "[link-broken]" in line
        for line in errors
    ), errors
    assert not (tmp_path / "output").exists()
    assert not list(tmp_path.glob(".output-*"))  # nor in a folder a server might show
    body = REFUSED_LINKS.split("---\n", 2)[2]
    assert scan_for_script(render(body)) == []  # and the reader made them harmless anyway


def built_pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


@pytest.mark.parametrize(
    "site, origin", [("corpus_site", ""), ("published_corpus_site", PUBLISHED_ORIGIN)]
)
def test_no_built_page_carries_a_handler_or_a_script_url(site, origin, request, scan_for_script):
    output = request.getfixturevalue(site)
    pages = built_pages(output)
    assert len(pages) > 8
    found = {
        str(page.relative_to(output)): vectors
        for page in pages
        if (vectors := scan_for_script(page.read_text(encoding="utf-8"), True, origin))
    }
    assert found == {}
    html_in_feeds = 0
    for xml in output.rglob("*.xml"):  # feeds and the sitemap: well formed, and safe HTML
        for element in ElementTree.parse(xml).iter():
            urls = [element.get("href") or "", element.text if element.tag.endswith("loc") else ""]
            assert not any(url.strip().lower().startswith("javascript:") for url in urls)
            if element.get("type") == "html":
                html_in_feeds += 1
                assert scan_for_script(element.text or "") == [], (xml.name, element.tag)
    assert html_in_feeds > 0 or not origin  # the published site has feeds


def test_the_payloads_are_shown_as_text(corpus_site):
    def text_of(path: str) -> str:
        html = (corpus_site / path).read_text(encoding="utf-8")
        return LexborHTMLParser(html).body.text()

    article = LexborHTMLParser((corpus_site / "hostile/index.html").read_text(encoding="utf-8"))
    assert article.css_first("h1").text().startswith(f"<script>{RUN}</script> & <img")
    assert f"<script>{RUN}</script>" in article.body.text()
    contents = [link.text() for link in article.css("nav.contents a")]  # from the headings
    assert f"<script>{RUN}</script> in a heading" in contents
    assert "<img src=x onerror=alert(1)>" in text_of("checklist/index.html")
    assert f"Helpline <script>{RUN}</script>" in text_of("resources/index.html")


def payloads_that_ran(browser, base: str, paths: list[str]) -> dict[str, list[str]]:
    """Load each page with its CSP switched off, trigger every element's handlers,
    and report the dialogs opened and whether the payload's flag was set."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    ran = {}
    try:
        for path in paths:
            dialogs.clear()
            page.goto(f"{base}/{path}", wait_until="load")
            # Hover, focus, toggle: handlers that need a reader to trigger them.
            page.evaluate(
                """() => { for (const el of document.querySelectorAll('body *'))
                    for (const type of ['mouseover', 'focus', 'toggle', 'load', 'error'])
                        el.dispatchEvent(new Event(type)); }"""
            )
            page.wait_for_timeout(50)
            flag = page.evaluate("() => window.xssRan === 1")
            if dialogs or flag:
                ran[path] = [*dialogs, *(["window.xssRan set"] if flag else [])]
    finally:
        context.close()
    return ran


@pytest.mark.browser
def test_no_payload_runs_in_chromium(corpus_site, serve, browser):
    paths = [page.relative_to(corpus_site).as_posix() for page in built_pages(corpus_site)]
    # The address is input too: the resource filters read the query, any script may read the hash.
    query = "&".join(f"{name}={URL_PAYLOAD}" for name in ("country", "kind", "category", "open"))
    paths += [f"resources/index.html?{query}", f"checklist/index.html#{URL_PAYLOAD}"]
    assert payloads_that_ran(browser, serve(corpus_site), paths) == {}


@pytest.mark.browser
def test_the_browser_check_sees_a_payload_that_runs(tmp_path, serve, browser):
    (tmp_path / "planted.html").write_text(f'<p><img src="x" onerror="{RUN}"></p>')
    (tmp_path / "handler.html").write_text('<b onmouseover="window.xssRan=1">x</b>')
    ran = payloads_that_ran(browser, serve(tmp_path), ["planted.html", "handler.html"])
    assert sorted(ran) == ["handler.html", "planted.html"]
    assert "1" in ran["planted.html"]  # the alert's message
    assert all("window.xssRan set" in found for found in ran.values())


def test_the_static_scan_sees_every_kind_of_vector(scan_for_script):
    found = scan_for_script(
        '<a href=" JaVaScRiPt:x">a</a><img src="data:image/svg+xml,<svg>"><b onclick="x">b</b>'
        '<script>x</script><svg></svg><p style="color:red">c</p>'
    )
    assert len(found) == 6, found
