"""Fixtures for the performance, privacy and server tests: the real site served
by Debian's nginx with the shipped config, and one walk of every page in Chromium
that records what each page requested and complained about."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field

import pytest
from asset_pipeline.pipeline import precompress_site

from scripts.nginx_sample import NginxFailed, served, world_readable_copy
from tests.performance.site_pages import BUDGET_REPORT, page_paths

# Records every security-policy violation a page reports, before any script of its own runs.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`);
});
"""


def pytest_terminal_summary(terminalreporter) -> None:
    """Each page's bytes, printed after the run whether the budget test passed or not."""
    if BUDGET_REPORT:
        terminalreporter.section("page budget (gzip bytes: HTML + CSS + JS)")
        for line in BUDGET_REPORT:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def nginx_site(real_site):
    """The real site with the .gz and .br copies `make publish` adds, readable by nginx."""
    site = world_readable_copy(real_site)
    precompress_site(site)
    for path in site.rglob("*.[gb][zr]"):
        path.chmod(0o644)
    yield site
    shutil.rmtree(site.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def nginx(nginx_server) -> str:
    """The base URL of the real site over HTTPS (with a certificate of the run's own)."""
    return nginx_server.https


@pytest.fixture(scope="session")
def nginx_server(nginx_site):
    """Debian's nginx serving the real site with deploy/nginx/small-wins.conf."""
    try:
        with served(nginx_site) as ports:
            yield ports
    except NginxFailed as failure:
        pytest.fail(str(failure))


@dataclass
class Visit:
    url: str
    status: int | None = None
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)


@dataclass
class Walk:
    origin: str
    visits: dict[str, Visit]
    cookies: list[dict]


def record_console_error(visit: Visit, message) -> None:
    if message.type != "error":
        return
    url = message.location.get("url", "")
    if visit.status == 404 and url == visit.url and "404" in message.text:
        return  # Chromium reports the missing page's own status, which is expected
    visit.console_errors.append(f"{message.text} ({url})")


@pytest.fixture(scope="session")
def walk(browser, nginx, nginx_site) -> Walk:
    """Every page of the real site, and one missing address (the 404 page), opened
    in Chromium from nginx, each recording its requests, console errors and
    content-security-policy violations."""
    context = browser.new_context(ignore_https_errors=True)  # the run's own certificate
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    page = context.new_page()
    visits: dict[str, Visit] = {}
    current: list[Visit] = []
    page.on("request", lambda request: current[-1].requests.append(request.url))
    page.on("console", lambda message: record_console_error(current[-1], message))
    page.on("pageerror", lambda error: current[-1].console_errors.append(str(error)))
    for path in [*page_paths(nginx_site), "/no-such-page/deeper/"]:
        if path == "/404.html":
            continue  # shown at a missing address instead
        visit = Visit(nginx + path, status=404 if path.startswith("/no-such-page/") else None)
        current.append(visit)
        response = page.goto(visit.url, wait_until="load")
        visit.status = response.status if response else None
        visit.csp_violations = page.evaluate("window.__cspViolations")
        visits[path] = visit
    cookies = context.cookies()
    context.close()
    return Walk(nginx, visits, cookies)
