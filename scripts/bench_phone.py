"""The benchmark's phone: the shipped site as `make publish` builds it, served by the
sample nginx (deploy/nginx/small-wins.conf: HTTP/2, compressed copies, a certificate
of the run's own), opened in Chromium with a phone's connection and processor: the
"Fast 4G" and "Slow 4G" of DevTools (the figures of Puppeteer's
PredefinedNetworkConditions) and a processor 4 times slower (as Lighthouse's mobile
runs). Every visit starts with nothing in the browser's cache, as a reader's first."""

from __future__ import annotations

import contextlib
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from nginx_sample import served, world_readable_copy

ROOT = Path(__file__).resolve().parents[1]
CONNECTIONS = {
    "fast 4G": {"latency": 60 * 2.75, "download": 9e6, "upload": 1.5e6},
    "slow 4G": {"latency": 150 * 3.75, "download": 1.6e6, "upload": 750e3},
}
CPU_SLOWDOWN = 4
PAGES = {"home page": "/", "article": "/small-wins-nobody-talks-about/"}
QUERY = "shower"  # a word of the article
# Seconds between keys: 36 words a minute, the mean of 37,000 people typing on their
# phones (Palin et al., "How do people type on mobile devices?", MobileHCI 2019).
KEY_DELAY = 60 / (36 * 5)
FIRST_PAINT = """new Promise((resolve) => new PerformanceObserver((list) => {
    const paint = list.getEntriesByName("first-contentful-paint")[0];
    if (paint) resolve(paint.startTime);
}).observe({type: "paint", buffered: true}))"""
# When the search page's list gets its first result, in the clock of time.time().
RECORD_FIRST_RESULT = """
new MutationObserver((changes, observer) => {
  if (document.querySelector("[data-search-results] li")) {
    window.__firstResult = performance.timeOrigin + performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


def published_site(work: Path) -> tuple[Path, str]:
    """The shipped site built by `make publish`'s settings, and its address."""
    output = work / "phone-output"
    command = [sys.executable, "scripts/build.py", "--settings", "publishconf.py"]
    built = subprocess.run([*command, "--output", str(output)], cwd=ROOT, capture_output=True)
    if built.returncode:
        sys.exit(f"the published site did not build:\n{built.stdout.decode()[-2000:]}")
    sys.path.insert(0, str(ROOT))
    from pelican.settings import read_settings

    return output, read_settings(str(ROOT / "publishconf.py"))["SITEURL"]


def phone_figures(work: Path, runs: int) -> list[str]:
    """Median seconds, per connection: each page's first paint, and from pressing
    Enter in the home page's search field to the first result on /search/."""
    from playwright.sync_api import sync_playwright

    output, site_url = published_site(work)
    copy = world_readable_copy(output)
    host = urlsplit(site_url).hostname
    lines = []
    try:
        with served(copy) as ports, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                args=[
                    "--no-sandbox", "--disable-gpu", ports.chromium_trust_flag,
                    f"--host-resolver-rules=MAP {host}:443 127.0.0.1:{ports.https_port}",
                ],
            )  # fmt: skip
            for name, connection in CONNECTIONS.items():
                figures = {page: [] for page in [*PAGES, "search"]}
                for _ in range(runs):
                    for page_name, path in PAGES.items():
                        with phone(browser, connection) as page:
                            page.goto(site_url + path, wait_until="load")
                            figures[page_name].append(page.evaluate(FIRST_PAINT) / 1000)
                    figures["search"].append(search_time(browser, connection, site_url))
                medians = {page: statistics.median(times) for page, times in figures.items()}
                lines.append(
                    f"  {name}: first paint: home page {medians['home page']:.2f} s, article"
                    f" {medians['article']:.2f} s; search, Enter to the first result"
                    f" {medians['search']:.2f} s"
                )
            browser.close()
    finally:
        shutil.rmtree(copy.parent, ignore_errors=True)
    return lines


def search_time(browser, connection: dict, site_url: str) -> float:
    """Seconds from Enter in the home page's search field to the first result. The
    home page has loaded (its stylesheet and scripts are in the cache, as for a
    reader who came to it); the reader then types the words at a phone's pace on
    the phone's connection, and what the site fetches meanwhile counts as it
    does for a reader."""
    with phone(browser) as page:
        page.add_init_script(RECORD_FIRST_RESULT)
        page.goto(site_url + "/", wait_until="load")
        throttle(page, connection)
        page.locator("input[name=q]").press_sequentially(QUERY, delay=KEY_DELAY * 1000)
        pressed = time.time()
        page.keyboard.press("Enter")
        page.locator("[data-search-results] li").first.wait_for(timeout=60_000)
        return page.evaluate("window.__firstResult") / 1000 - pressed


@contextlib.contextmanager
def phone(browser, connection: dict | None = None):
    """A page in a new browser context (nothing cached) of a phone's size, on
    `connection` with a phone's processor if given (else once `throttle`d)."""
    context = browser.new_context(viewport={"width": 360, "height": 640})
    try:
        page = context.new_page()
        if connection:
            throttle(page, connection)
        yield page
    finally:
        context.close()


def throttle(page, connection: dict) -> None:
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": connection["latency"],
            "downloadThroughput": connection["download"] / 8 * 0.9,
            "uploadThroughput": connection["upload"] / 8 * 0.9,
        },
    )
    session.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
