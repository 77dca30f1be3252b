"""The site served for real: Debian's nginx with deploy/nginx/small-wins.conf
over the real site. Headers, precompressed responses, the 404 page, and every
page in Chromium with no CSP violation and no console error."""

from __future__ import annotations

import gzip
import http.client
import re
import ssl
from urllib.parse import urlsplit

import brotli
import pytest
from asset_pipeline.headers import (
    CACHE_FIVE_MINUTES,
    CACHE_IMMUTABLE,
    CACHE_NONE,
    security_headers,
)
from playwright.sync_api import expect
from resource_directory import OPEN_DATA

from pelicanconf import CONTENT_SECURITY_POLICY
from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.performance.conftest import RECORD_CSP_VIOLATIONS

pytestmark = pytest.mark.browser


def fetch(base: str, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    address = urlsplit(base)
    if address.scheme == "https":
        # The certificate is the test run's own: encrypted, not checked.
        unchecked = ssl._create_unverified_context()
        connection = http.client.HTTPSConnection(address.netloc, timeout=10, context=unchecked)
    else:
        connection = http.client.HTTPConnection(address.netloc, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def bundle_path(site) -> str:
    (bundle,) = (site / "theme/css").glob("site.*.css")
    return "/" + bundle.relative_to(site).as_posix()


def test_every_response_carries_the_security_headers_of_the_settings(nginx, nginx_site):
    expected = security_headers(CONTENT_SECURITY_POLICY)
    assert "'unsafe-inline'" not in expected["Content-Security-Policy"]
    assert "'unsafe-eval'" not in expected["Content-Security-Policy"]
    for path in ["/", "/small-wins-nobody-talks-about/", bundle_path(nginx_site), "/missing/"]:
        _, headers, _ = fetch(nginx, path)
        for name, value in expected.items():
            assert headers.get(name.lower()) == value, f"{path}: {name}"
        assert "server" not in headers or not re.search(r"\d", headers["server"])


def test_plain_http_sends_every_address_to_https(nginx_server):
    for path in ["/", "/checklist/?week=1", "/missing/"]:
        status, headers, body = fetch(nginx_server.plain_http, path)
        assert status == 301
        assert headers["location"] == f"https://127.0.0.1{path}"
        assert b"<main" not in body


def test_https_tells_browsers_to_keep_to_https_for_a_year(nginx):
    _, headers, _ = fetch(nginx, "/")
    assert headers["strict-transport-security"] == "max-age=31536000"


def test_the_headers_file_for_static_hosts_matches_the_settings(nginx_site):
    text = (nginx_site / "_headers").read_text()
    for name, value in security_headers(CONTENT_SECURITY_POLICY).items():
        assert f"\n  {name}: {value}\n" in text
    assert f"{bundle_path(nginx_site)}\n  Cache-Control: {CACHE_IMMUTABLE}" in text
    for path in OPEN_DATA:
        assert f"\n{path}\n  Access-Control-Allow-Origin: *\n" in text


OPEN_DATA_FILES = ["/resources/hsds/services.json", "/resources/hsds/datapackage.json",
                   "/resources/resources.json", "/resources/resources.csv"]  # fmt: skip


def test_the_open_data_and_nothing_else_may_be_read_by_any_website(nginx):
    for path in OPEN_DATA_FILES:
        status, headers, _ = fetch(nginx, path)
        assert (status, headers.get("access-control-allow-origin")) == (200, "*"), path
        assert headers["content-security-policy"].endswith("frame-ancestors 'none'"), path
    for path in ["/", "/resources/", "/search/", "/missing.json"]:
        assert "access-control-allow-origin" not in fetch(nginx, path)[1], path


def test_an_hsds_tool_on_another_site_reads_the_services_in_a_browser(
    browser, nginx, serve, tmp_path
):
    """As a web app of another origin does: fetch() in its page, where the browser
    enforces CORS. The site's pages stay closed to it."""
    (tmp_path / "index.html").write_text("<!doctype html><title>Another site</title>")
    context = browser.new_context(ignore_https_errors=True)  # the run's own certificate
    page = context.new_page()
    try:
        page.goto(serve(tmp_path) + "/")
        read = "url => fetch(url).then(r => r.json()).then(d => d.contents.length, e => -1)"
        assert page.evaluate(read, nginx + "/resources/hsds/services.json") > 0
        closed = "url => fetch(url).then(r => r.status, e => 'refused')"
        assert page.evaluate(closed, nginx + "/") == "refused"
    finally:
        context.close()


def test_fingerprinted_files_are_cached_for_a_year_and_pages_revalidated(nginx, nginx_site):
    _, headers, _ = fetch(nginx, bundle_path(nginx_site))
    assert headers["cache-control"] == CACHE_IMMUTABLE
    _, headers, _ = fetch(nginx, "/")
    assert headers["cache-control"] == "no-cache"
    _, headers, _ = fetch(nginx, "/theme/css/site.css")  # the unbundled source: no fingerprint
    assert headers["cache-control"] == "no-cache"
    for path in ["/search/", "/search/?q=overdose"]:  # without scripts, words in the address
        assert fetch(nginx, path)[1]["cache-control"] == CACHE_NONE, path
    assert f"\n/search/*\n  Cache-Control: {CACHE_NONE}\n" in (nginx_site / "_headers").read_text()


def search_metadata_path(site) -> str:
    (meta,) = (site / "pagefind").glob("*.pf_meta")
    return "/" + meta.relative_to(site).as_posix()


def test_the_search_metadata_is_cached_for_a_year_and_pagefinds_fixed_names_for_minutes(
    nginx, nginx_site
):
    meta = search_metadata_path(nginx_site)
    assert fetch(nginx, meta)[1]["cache-control"] == CACHE_IMMUTABLE
    headers_file = (nginx_site / "_headers").read_text()
    assert f"\n{meta}\n  Cache-Control: {CACHE_IMMUTABLE}\n" in headers_file
    chunk = next((nginx_site / "pagefind/index").glob("*.pf_index")).name
    for path in ["pagefind.js", "pagefind-entry.json", "wasm.en.pagefind", f"index/{chunk}"]:
        assert fetch(nginx, f"/pagefind/{path}")[1]["cache-control"] == CACHE_FIVE_MINUTES, path
    for path in ["pagefind.js", "pagefind-entry.json", "wasm.en.pagefind", "index/*"]:
        assert f"\n/pagefind/{path}\n  Cache-Control: {CACHE_FIVE_MINUTES}\n" in headers_file
    fragment = next((nginx_site / "pagefind/fragment").glob("*.pf_fragment")).name
    assert fetch(nginx, f"/pagefind/fragment/{fragment}")[1]["cache-control"] == "no-cache"
    assert fetch(nginx, "/pagefind/ahead.json")[1]["cache-control"] == "no-cache"


def test_typing_in_the_header_fetches_what_the_search_page_will_need(
    browser, nginx_server, nginx_site
):
    """In a browser that trusts the site's certificate, as a reader's does (a browser
    caches nothing that came over a connection it does not trust): the search page,
    its script and Pagefind's files that a first search needs (this site's index is
    one chunk), fetched while the reader types, come from memory and the cache on
    Enter: only the passages of the results are asked for then. The words typed are
    not sent, and the rules that fetch the page are allowed by the policy."""
    trusting = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, nginx_server.chromium_trust_flag]
    )
    try:
        context = trusting.new_context()
        context.add_init_script(RECORD_CSP_VIOLATIONS)
        page = context.new_page()
        page.goto(nginx_server.https + "/")
        asked = []
        page.on("request", lambda request: asked.append(request.url))
        page.get_by_role("search", name="Site").get_by_label("Search the site").press_sequentially(
            "shower"
        )
        ahead = (
            r"/[.]pf_meta$|wasm[.]en[.]pagefind$|[.]pf_index$|entry[.]json[?]ts=|"
            r"pagefind\/pagefind[.]js$/"
        )
        fetched_ahead = (
            "performance.getEntriesByType('resource')"
            f".filter(e => {ahead}.test(e.name) && e.responseEnd).length"
        )
        # Polled from here: a function polled in the page would need 'unsafe-eval'.
        for _ in range(200):
            if page.evaluate(fetched_ahead) == 5:
                break
            page.wait_for_timeout(50)
        assert page.evaluate(fetched_ahead) == 5, asked
        prefetched = page.locator("a[data-search-ahead]")
        expect(prefetched).to_have_attribute("aria-hidden", "true")
        expect(prefetched).to_have_attribute("tabindex", "-1")
        assert page.evaluate("window.__cspViolations") == []
        assert asked and not [url for url in asked if "shower" in url], asked
        page.keyboard.press("Enter")
        expect(page.locator("[data-search-results] li").first).to_be_visible()
        from_network = page.evaluate(
            "performance.getEntriesByType('resource')"
            ".filter(e => e.transferSize > 0).map(e => new URL(e.name).pathname)"
        )
        assert from_network, "no passage of a result was fetched"
        assert all(path.startswith("/pagefind/fragment/") for path in from_network), from_network
        delivery = "performance.getEntriesByType('navigation')[0].deliveryType"
        assert page.evaluate(delivery) == "navigational-prefetch"
        assert page.evaluate("window.__cspViolations") == []
    finally:
        trusting.close()


@pytest.mark.parametrize(
    ("encoding", "decompress"), [("gzip", gzip.decompress), ("br", brotli.decompress)]
)
def test_precompressed_copies_are_sent_to_browsers_that_accept_them(
    nginx, nginx_site, encoding, decompress
):
    for path, file in [("/", "index.html"), (bundle_path(nginx_site), bundle_path(nginx_site))]:
        status, headers, body = fetch(nginx, path, **{"Accept-Encoding": encoding})
        assert status == 200
        assert headers.get("content-encoding") == encoding, path
        assert "Accept-Encoding" in headers.get("vary", "")
        assert decompress(body) == (nginx_site / file.lstrip("/")).read_bytes()
    status, headers, body = fetch(nginx, "/")
    assert "content-encoding" not in headers and body == (nginx_site / "index.html").read_bytes()


def test_a_missing_address_gets_the_404_page_with_a_404_status(nginx, nginx_site):
    for path in ["/no-such-page/", "/_headers"]:
        status, headers, body = fetch(nginx, path)
        assert status == 404, path
        assert body == (nginx_site / "404.html").read_bytes()
        assert headers["content-type"].startswith("text/html")


def test_search_finds_the_article_as_served_with_the_sites_headers(browser, nginx):
    """A web worker runs under the policy of its own response: Pagefind's worker,
    served with the site's policy (no 'wasm-unsafe-eval'), could not start its
    WebAssembly, and every search, on nginx as on Netlify, waited for ever."""
    context = browser.new_context(ignore_https_errors=True)  # the run's own certificate
    page = context.new_page()
    said = []
    page.on("console", lambda message: said.append(f"{message.type}: {message.text}"))
    try:
        page.goto(nginx + "/search/?q=shower")
        first = page.locator("[data-search-results] li a").first
        expect(first).to_have_attribute("href", re.compile("/small-wins-nobody-talks-about/"))
        expect(page.locator("[data-search-count]")).to_contain_text("for “shower”")
    finally:
        context.close()
    assert not [line for line in said if line.startswith(("error", "warning"))], said


def test_every_page_loads_without_csp_violations_or_console_errors(walk):
    problems = []
    for path, visit in walk.visits.items():
        expected = 404 if path.startswith("/no-such-page/") else 200
        if visit.status != expected:
            problems.append(f"{path}: status {visit.status}, expected {expected}")
        problems += [f"{path}: CSP: {violation}" for violation in visit.csp_violations]
        problems += [f"{path}: console: {error}" for error in visit.console_errors]
    assert not problems, "\n".join(problems)
    # the 404 page at a deep address still gets its stylesheet
    assert any(".css" in url for url in walk.visits["/no-such-page/deeper/"].requests)
