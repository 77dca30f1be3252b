"""The site search's share of a build: `make bench`'s synthetic corpus built with
this project, then its Pagefind index written again on its own (seconds, share of
the build, size on disk) and the bytes a first query loads in Chromium.

    .venv/bin/python scripts/bench_search.py --pages 1000 5000
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "scripts"))

from site_search.index import write_index  # noqa: E402

from bench import WORK, settings_files, write_corpus  # noqa: E402

QUERY = "recovery"  # a word of every synthetic article: the most index chunks to load
SKIPPED = {"index.html", "404.html", "archives/index.html", "categories/index.html"}


def indexed_pages(site: Path) -> list[str]:
    names = (path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    return [n for n in names if n not in SKIPPED and not n.startswith(("tag", "search/"))]


def first_query_bytes(site: Path, query: str) -> int:
    """Bytes on disk of every file /search/?q=… loads from /pagefind/ before its results."""
    from playwright.sync_api import expect, sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    loaded: set[str] = set()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox"]
            )
            page = browser.new_page()
            page.on("requestfinished", lambda request: loaded.add(urlsplit(request.url).path))
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/search/?q={query}")
            expect(page.locator("[data-search-results] li").first).to_be_visible(timeout=30000)
            browser.close()
    finally:
        server.shutdown()
    return sum((site / path.lstrip("/")).stat().st_size for path in loaded if "/pagefind/" in path)


def search_figures(pages: int, runs: int) -> dict[str, float]:
    content = write_corpus(pages)
    ours, _, _ = settings_files(content)
    output = WORK / f"search-{pages}" / "output"
    start = time.perf_counter()
    command = [sys.executable, "scripts/build.py", "--settings", str(ours), "--output", str(output)]
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    build = time.perf_counter() - start
    names = indexed_pages(output)
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        bundle = write_index(output, names, [])
        seconds.append(time.perf_counter() - start)
    index = statistics.median(seconds)
    return {
        "pages": pages,
        "build_s": build,
        "index_s": index,
        "share": index / (build - index),
        "index_mib": sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file()) / 2**20,
        "first_query_kib": first_query_bytes(output, QUERY) / 1024,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("| pages | build s | index s | index / rest of build | index MiB | first query KiB |")
    print("|---|---|---|---|---|---|")
    for pages in args.pages:
        f = search_figures(pages, args.runs)
        print(
            f"| {f['pages']:,} | {f['build_s']:.2f} | {f['index_s']:.2f} | {f['share']:.0%} "
            f"| {f['index_mib']:.1f} | {f['first_query_kib']:.0f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
