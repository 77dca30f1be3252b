"""Benchmark: build a synthetic corpus with this project and with plain Pelican
(Python-Markdown, the `simple` theme, no plugins) in one run; print the median wall
and CPU seconds of several full builds and of rebuilds after editing one file, their
ratios, peak memory, the shipped site's own build beside plain Pelican's of the same
content, the devserver's time from a save to the new page and, in a real Chromium,
from a save to the open page of the shipped site showing the edit; the directory at
scale: the shipped site plus 1,000 and 10,000 synthetic HSDS services (`--scale`,
about nine minutes on two cores), against the shipped site's build plus plain
Pelican building the same entries as pages; with `--search-pages`, what the search
index adds to a build (the same build with an index that writes nothing beside it),
the index on its own and what a first query loads; and the published site on a
throttled phone (scripts/bench_phone.py): each page's first paint and a first search.

    make bench                                   # 100, 1,000 and 5,000 pages
    make bench BENCHOPTS="--pages 1000 --runs 5 --latency-pages 0 --edit-runs 0"
    make bench BENCHOPTS="--pages --latency-pages 0 --edit-runs 0 --search-pages 1000"
    make bench BENCHOPTS="--pages --latency-pages 0 --edit-runs 0 --scale 1000"
    make bench BENCHOPTS="--scale"                # without the directory at scale
"""

from __future__ import annotations

import argparse
import compileall
import functools
import gzip
import http.server
import json
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bench_phone import phone_figures

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench"
# The shipped site's categories (their files are copied), then four more: ten in all.
SHIPPED_CATEGORIES = ["Daily basics", "Getting support", "Boundaries", "Coping", "Self-compassion"]
SHIPPED_CATEGORIES += ["Understanding recovery"]
CATEGORIES = [*SHIPPED_CATEGORIES, "Sleep", "Movement", "Connection", "Work and study"]
# Raised whenever write_corpus writes something else: a corpus is written once.
CORPUS_VERSION = 2
# The shipped article whose wins make the checklist and its PDFs.
SEED_ARTICLE = "articles/small-wins-nobody-talks-about.md"
WORDS = [
    "small",
    "steps",
    "count",
    "rest",
    "eat",
    "walk",
    "call",
    "friend",
    "notice",
    "breathe",
    "feel",
    "proud",
    "today",
    "morning",
    "evening",
    "kind",
    "gentle",
    "honest",
    "help",
    "routine",
    "sleep",
    "water",
    "light",
    "slow",
    "time",
]


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 18))
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    text = " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))
    return text.replace(" notice ", " [notice](https://example.org/notice) ", 1)


def article(index: int, rng: random.Random) -> str:
    parts = [
        "---",
        f"title: Small win number {index}",
        f"date: 2024-{index % 12 + 1:02d}-{index % 28 + 1:02d}",
        f"category: {CATEGORIES[index % len(CATEGORIES)]}",
        f"tags: [{WORDS[index % len(WORDS)]}, {WORDS[(index * 7) % len(WORDS)]}]",
        f"summary: {sentence(rng)}",
        "---",
        "",
    ]
    for section in range(rng.randint(3, 5)):
        parts += [f"## Section {section + 1}: {sentence(rng)[:40]}", ""]
        parts += [paragraph(rng), "", paragraph(rng), ""]
        if rng.random() < 0.5:
            parts += [f"- {sentence(rng)}" for _ in range(rng.randint(2, 5))] + [""]
        if rng.random() < 0.15:
            parts += ["| Day | Win |", "|-----|-----|"]
            parts += [f"| {day} | {sentence(rng)[:30]} |" for day in ("Mon", "Tue", "Wed")]
            parts += [""]
    return "\n".join(parts)


def write_corpus(pages: int) -> Path:
    """`pages` articles of about 600 words in ten categories: the shipped article with
    wins (so the checklist and its PDFs are made) and synthetic ones, with the shipped
    site's category pages and support resources."""
    content = WORK / f"corpus-{CORPUS_VERSION}-{pages}"
    if content.exists():
        return content
    rng = random.Random(pages)
    (content / "articles").mkdir(parents=True)
    (content / "categories").mkdir()
    shutil.copy(ROOT / "content" / SEED_ARTICLE, content / SEED_ARTICLE)
    shutil.copytree(ROOT / "content/resources", content / "resources")
    for index in range(pages - 1):
        (content / "articles" / f"win-{index:05d}.md").write_text(article(index, rng))
    for name in CATEGORIES:
        slug = name.lower().replace(" ", "-")
        shipped = ROOT / "content/categories" / f"{slug}.md"
        if name in SHIPPED_CATEGORIES:
            shutil.copy(shipped, content / "categories")
        else:
            (content / "categories" / f"{slug}.md").write_text(
                f"---\ntitle: {name}\nsummary: About {name.lower()}.\n---\n{paragraph(rng)}\n"
            )
    return content


def settings_files(content: Path) -> tuple[Path, Path, Path]:
    ours = WORK / "ourconf.py"
    ours.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(content)!r}\nTHEME = {str(ROOT / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
    )
    publish = WORK / "ourpublishconf.py"
    publish.write_text(
        ours.read_text().replace("from pelicanconf import *", "from publishconf import *")
    )
    plain = WORK / "plainconf.py"
    plain.write_text(
        f"PATH = {str(content)!r}\nARTICLE_PATHS = ['articles']\nTHEME = 'simple'\n"
        "TIMEZONE = 'UTC'\nPLUGINS = []\nRELATIVE_URLS = True\nSITENAME = 'Bench'\n"
    )
    reader_only = WORK / "readerconf.py"
    reader_only.write_text(
        plain.read_text()
        + f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\nPLUGINS = ['markdown_reader']\n"
    )
    return ours, plain, reader_only


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # user and system seconds of the build and every process it started
    mib: int  # peak memory of the whole process tree: its processes' PSS, summed


def tree_pss_kib(pid: int) -> int:
    """The proportional set size of a process and all its descendants (pages shared
    by forked workers counted once, split between them), whichever of a process's
    threads started them (the search index's thread starts Pagefind)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError):  # ended meanwhile
            continue
    return total


def timed(command: list[str]) -> Run:
    """One build, measured. Memory is sampled every 0.05 s from /proc, so a peak
    shorter than that can be missed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            peak[0] = max(peak[0], tree_pss_kib(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, _ = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"build failed: {' '.join(command)}")
    # The children's totals include the grandchildren each of them waited for.
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(elapsed, cpu, peak[0] // 1024)


def measure(commands: list[list[str]], runs: int) -> list[Run]:
    """Median seconds and peak MiB of each command. The commands take turns, so
    that other work on the machine slows each of them alike."""
    results: list[list[Run]] = [[] for _ in commands]
    for _ in range(runs):
        for command, times in zip(commands, results, strict=True):
            times.append(timed(command))
    return [
        Run(
            statistics.median(run.wall for run in times),
            statistics.median(run.cpu for run in times),
            int(statistics.median(run.mib for run in times)),
        )
        for times in results
    ]


class EditedFile:
    """One article of the corpus (by default one in the middle), edited in its text;
    restored afterwards."""

    def __init__(self, content: Path, name: str = "") -> None:
        articles = sorted((content / "articles").glob("*.md"))
        self.path = content / name if name else articles[len(articles) // 2]
        self.original = self.path.read_text()
        self.edits = 0

    def edit(self) -> str:
        self.edits += 1
        marker = f"Edited for the benchmark, edit {self.edits} at {time.time_ns()}."
        time.sleep(0.01)  # a new modification time on any clock
        self.path.write_text(f"{self.original}\n{marker}\n")
        return marker

    def restore(self) -> None:
        self.path.write_text(self.original)


def plain_rebuild(content: Path, plain: Path, runs: int) -> float:
    """Plain Pelican with its content cache: one warm-up build, then a build after each edit."""
    cached = WORK / "plaincacheconf.py"
    cached.write_text(
        plain.read_text() + "CACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\n"
        f"CACHE_PATH = {str(WORK / f'cache-{content.name}')!r}\n"
    )
    command = [sys.executable, "-m", "pelican", str(content), "-s", str(cached)]
    command += ["-o", str(WORK / "output-cached"), "-q"]
    edited = EditedFile(content)
    try:
        timed(command)
        times = []
        for _ in range(runs):
            edited.edit()
            times.append(timed(command).wall)
    finally:
        edited.restore()
    return statistics.median(times)


def site_rebuild(content: Path, ours: Path, runs: int) -> tuple[float, float, int]:
    """The devserver's in-process rebuild, in a child process: seconds after editing
    an article, seconds after editing the article with wins, peak MiB."""
    command = [sys.executable, __file__, "--rebuild-child", str(ours), str(content), str(runs)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"rebuild benchmark failed:\n{result.stdout}{result.stderr}")
    seconds, wins_seconds, mib = result.stdout.split()[-3:]
    return float(seconds), float(wins_seconds), int(mib)


def rebuild_child(ours: Path, content: Path, runs: int) -> int:
    """Build once with the devserver's Builder, then time a rebuild after each edit
    of an article, then of the article with wins (until the new pages are written;
    the search index follows, as in the devserver)."""
    import logging

    sys.path.insert(0, str(ROOT / "scripts"))
    from devserver import Builder

    logging.basicConfig(level=logging.CRITICAL)
    builder = Builder(ours, WORK / "output-devserver")
    if not builder.build():
        return 1
    # As the devserver does: the search index is written once the page is out.
    builder.defer = True
    medians = []
    for edited in (EditedFile(content), EditedFile(content, SEED_ARTICLE)):
        times = []
        try:
            for _ in range(runs):
                edited.edit()
                start = time.perf_counter()
                if not builder.build() or builder.stale_code:
                    print("the rebuild failed or found changed plugins", file=sys.stderr)
                    return 1
                times.append(time.perf_counter() - start)
        finally:
            edited.restore()
        medians.append(statistics.median(times))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{medians[0]:.3f} {medians[1]:.3f} {peak}")
    return 0


def start_devserver(ours: Path, output: Path) -> tuple[subprocess.Popen, int]:
    """The devserver on a free port, once it says it is serving (its output is the
    caller's to read from then on, and to stop)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "scripts/devserver.py", "--settings", str(ours)]
    command += ["--output", str(output), "--port", str(port)]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    for line in server.stdout:
        if "Serving on" in line:
            return server, port
    server.wait(timeout=30)
    sys.exit("the devserver stopped before serving")


def devserver_latency(content: Path, ours: Path, runs: int) -> float:
    """Seconds from saving a file to the devserver serving the new page."""
    server, port = start_devserver(ours, WORK / "output-latency")
    edited = EditedFile(content)
    index = int(edited.path.stem.split("-")[1])
    url = f"http://127.0.0.1:{port}/small-win-number-{index}/"
    try:
        threading.Thread(target=server.stdout.read, daemon=True).start()  # keep the pipe open
        times = []
        for _ in range(runs):
            marker = edited.edit()
            start = time.perf_counter()
            while marker not in fetch(url):
                if time.perf_counter() - start > 120:
                    sys.exit("the devserver never served the edit")
                time.sleep(0.01)
            times.append(time.perf_counter() - start)
            time.sleep(1)
    finally:
        edited.restore()
        server.terminate()
        server.wait(timeout=30)
    return statistics.median(times)


def regenerate_latency(content: Path, ours: Path, runs: int) -> float:
    """Seconds from saving a file to `make regenerate`'s output holding the new page
    (each save waits for the output with the search index of the one before)."""
    output = WORK / "output-regenerate"
    command = [sys.executable, "scripts/regenerate.py", "--settings", str(ours)]
    command += ["--output", str(output)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True).start()

    def wait_for(words: str, count: int) -> None:
        deadline = time.perf_counter() + 120
        while sum(words in line for line in lines) < count:
            if process.poll() is not None or time.perf_counter() > deadline:
                sys.exit("make regenerate stopped or never wrote:\n" + "".join(lines))
            time.sleep(0.01)

    edited = EditedFile(content)
    page = output / f"small-win-number-{int(edited.path.stem.split('-')[1])}" / "index.html"
    try:
        wait_for("Wrote", 1)
        times = []
        for run in range(runs):
            marker = edited.edit()
            start = time.perf_counter()
            while marker not in (page.read_text() if page.is_file() else ""):
                if time.perf_counter() - start > 120:
                    sys.exit("make regenerate never wrote the edit")
                time.sleep(0.005)
            times.append(time.perf_counter() - start)
            wait_for("with its search index", run + 1)
    finally:
        edited.restore()
        process.terminate()
        process.wait(timeout=30)
    return statistics.median(times)


# Pages of the shipped site an editor changes, each with the file that makes it:
# the article with wins also feeds /checklist/ and its PDFs.
EDITED_PAGES = {
    "article with wins": (
        "articles/small-wins-nobody-talks-about.md",
        "small-wins-nobody-talks-about/",
    ),
    "category": ("categories/coping.md", "category/coping/"),
    "page": ("pages/about.md", "about/"),
}


# When the page open in Chromium first painted its text, in milliseconds since the
# epoch (once it has: its text can be there a frame before it is painted).
FIRST_PAINT = """new Promise((resolve) => new PerformanceObserver((list) => {
    const paint = list.getEntriesByName("first-contentful-paint")[0];
    if (paint) resolve(performance.timeOrigin + paint.startTime);
}).observe({type: "paint", buffered: true}))"""


def browser_edits(runs: int) -> dict[str, float]:
    """Median seconds from saving a Markdown file of (a copy of) the shipped site
    to the page open in Chromium painting the new text, reloaded by the devserver:
    the browser's own paint time, not when Playwright notices it. Each save waits
    for the search index of the one before, as an editor reading the page would
    (the devserver writes it once the page has reloaded)."""
    from playwright.sync_api import sync_playwright

    content = WORK / "shipped-content"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(ROOT / "content", content)
    ours, _, _ = settings_files(content)
    server, port = start_devserver(ours, WORK / "output-shipped")
    medians = {}
    lines: list[str] = []
    try:
        threading.Thread(target=lambda: lines.extend(server.stdout), daemon=True).start()

        def wait_for_index(done_before: int) -> None:
            deadline = time.perf_counter() + 120
            while sum("Search index written" in line for line in lines) == done_before:
                if time.perf_counter() > deadline:
                    sys.exit("the devserver never wrote the search index")
                time.sleep(0.05)

        wait_for_index(0)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu"],
            )
            page = browser.new_page()
            for name, (source, address) in EDITED_PAGES.items():
                path = content / source  # in a copy of the content: never put back
                original = path.read_text(encoding="utf-8")
                page.goto(f"http://127.0.0.1:{port}/{address}")
                times = []
                for edit in range(runs):
                    marker = f"Edited for the benchmark, edit {edit + 1} at {time.time_ns()}."
                    indexed = sum("Search index written" in line for line in lines)
                    saved = time.time()
                    path.write_text(f"{original}\n{marker}\n", encoding="utf-8")
                    page.get_by_text(marker).wait_for(timeout=120_000)
                    times.append(page.evaluate(FIRST_PAINT) / 1000 - saved)
                    wait_for_index(indexed)
                medians[name] = statistics.median(times)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    return medians


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode()
    except OSError:
        return ""


def build_commands(content: Path, ours: Path, plain: Path, reader_only: Path, tag: str):
    """Plain Pelican, Pelican with our reader, and this project, each into its own
    output folder and each writing over its previous build's files there (ours
    removes whatever it did not write; plain Pelican leaves them: a deleted page
    would stay, which a synthetic corpus never has)."""
    plain_cmd = [sys.executable, "-m", "pelican", str(content), "-s", str(plain)]
    plain_cmd += ["-o", str(WORK / f"output-plain-{tag}"), "-q"]
    reader_cmd = [*plain_cmd[:4], "-s", str(reader_only), "-o", str(WORK / f"output-reader-{tag}")]
    reader_cmd.append("-q")
    our_cmd = [sys.executable, "scripts/build.py", "--settings", str(ours)]
    our_cmd += ["--output", str(WORK / f"output-{tag}")]
    return plain_cmd, reader_cmd, our_cmd


def shipped_site(runs: int) -> tuple[Run, Run]:
    """The site as it ships (its own content: wins and their PDFs, the directory,
    the search) against plain Pelican building the same Markdown."""
    content = WORK / "shipped-build"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(ROOT / "content", content)
    ours, plain, reader_only = settings_files(content)
    plain_cmd, _, our_cmd = build_commands(content, ours, plain, reader_only, "shipped")
    for command in (plain_cmd, our_cmd):  # as after an editor's first build
        timed(command)
    plain_run, our_run = measure([plain_cmd, our_cmd], runs)
    return plain_run, our_run


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
                executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                args=["--no-sandbox"],
            )
            page = browser.new_page()
            page.on("requestfinished", lambda request: loaded.add(urlsplit(request.url).path))
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/search/?q={query}")
            expect(page.locator("[data-search-results] li").first).to_be_visible(timeout=30000)
            browser.close()
    finally:
        server.shutdown()
    return sum((site / path.lstrip("/")).stat().st_size for path in loaded if "/pagefind/" in path)


# Settings that build the same site with an index that writes nothing (the search
# page and its links stay): a build's cost without Pagefind.
WITHOUT_INDEX = """
exec(open({ours!r}).read())
import site_search

def no_index(site, pages, records, kept=None):
    (site / "pagefind").mkdir(exist_ok=True)
    return site / "pagefind"

site_search.write_index = no_index
"""


def search_figures(pages: int, runs: int) -> str:
    """The search index's share of a full build: the build with and without it,
    taking turns; the index's size, and what a first query loads."""
    content = write_corpus(pages)
    ours, _, _ = settings_files(content)
    without = WORK / "ourconf-without-index.py"
    without.write_text(WITHOUT_INDEX.format(ours=str(ours)))
    output = WORK / f"search-{pages}" / "output"
    commands = [
        [sys.executable, "scripts/build.py", "--settings", str(settings), "--output", str(folder)]
        for settings, folder in ((ours, output), (without, WORK / f"search-{pages}" / "without"))
    ]
    for command in commands:  # caches warm, each over its last output
        timed(command)
    indexed, unindexed = measure(commands, runs)
    bundle = output / "pagefind"
    mib = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file()) / 2**20
    # "recovery" is a word of every synthetic article: the most index chunks to load.
    kib = first_query_bytes(output, "recovery") / 1024
    alone = index_alone(output, runs)
    return (
        f"| {pages:,} | {indexed.wall:.2f} ({indexed.cpu:.2f}) "
        f"| {unindexed.wall:.2f} ({unindexed.cpu:.2f}) "
        f"| {indexed.wall / unindexed.wall - 1:.0%} / {indexed.cpu / unindexed.cpu - 1:.0%} "
        f"| {alone[0]:.2f} / {alone[1]:.2f} | {mib:.1f} | {kib:.0f} |"
    )


def index_alone(site: Path, runs: int) -> tuple[float, float]:
    """Median seconds of the index of a built site's pages on its own: with nothing
    kept, and from a bundle kept from the run before (as a build does)."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from site_search.index import write_index

    skipped = ("index.html", "404.html", "archives/", "categories/", "tag", "search/", "pagefind/")
    names = [p.relative_to(site).as_posix() for p in site.rglob("*.html")]
    names = [name for name in names if not name.startswith(skipped)]
    kept = WORK / "search-kept"
    shutil.rmtree(kept, ignore_errors=True)
    medians = []
    for folder in (None, kept):
        seconds = []
        for _ in range(runs):
            start = time.perf_counter()
            write_index(site, names, [], folder)
            seconds.append(time.perf_counter() - start)
        medians.append(statistics.median(seconds))
    return medians[0], medians[1]


# --- the directory at scale -----------------------------------------------------------------

PAGE_BUDGET = 14 * 1024  # gzip bytes of a page's HTML a phone gets in the first round trip
PAGE_LIMIT = 100 * 1024  # gzip bytes no page may pass


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


@dataclass(frozen=True)
class SiteFigures:
    files: int
    mib: float
    pages: int  # HTML pages
    directory_pages: int  # pages under /resources/
    heaviest: tuple[str, int, int]  # path, bytes, gzip bytes: the largest page gzipped
    heaviest_directory: tuple[str, int, int]
    over_budget: int  # directory pages over PAGE_BUDGET gzip (HTML alone)
    over_limit: list[str]  # pages over PAGE_LIMIT gzip
    most_listed: int  # the most service cards on one directory page


def site_figures(site: Path) -> SiteFigures:
    files = [path for path in site.rglob("*") if path.is_file()]
    pages = []
    for path in site.rglob("*.html"):
        pages.append((path.relative_to(site).as_posix(), path.stat().st_size, gzipped(path)))
    directory = [page for page in pages if page[0].startswith("resources/")]
    most = max(
        (site / name).read_text(encoding="utf-8").count('<article class="resource')
        for name, _, _ in directory
    )
    return SiteFigures(
        files=len(files),
        mib=sum(path.stat().st_size for path in files) / 2**20,
        pages=len(pages),
        directory_pages=len(directory),
        heaviest=max(pages, key=lambda page: page[2]),
        heaviest_directory=max(directory, key=lambda page: page[2]),
        over_budget=sum(page[2] > PAGE_BUDGET for page in directory),
        over_limit=[name for name, _, size in pages if size > PAGE_LIMIT],
        most_listed=most,
    )


def plain_entries(feed: Path, folder: Path) -> Path:
    """The same services as plain Pelican pages: one Markdown article each with what
    its card says, in a category per kind and a tag per region (the baseline of the
    directory's cost: what a generic static site pays for the same entries)."""
    content = folder / "plain-content"
    shutil.rmtree(content, ignore_errors=True)
    (content / "articles").mkdir(parents=True)
    pages = sorted(feed.glob("page-*.json"), key=lambda path: int(path.stem.split("-")[1]))
    feed_services = [item for page in pages for item in json.loads(page.read_text())["contents"]]
    for number, service in enumerate(feed_services):
        areas = [area["description"] for area in service["service_areas"]]
        phone = service["phones"][0]["number"]
        schedule = service["schedules"][0]
        (content / "articles" / f"service-{number:05d}.md").write_text(
            f"Title: {service['name']}\nDate: {service['assured_date']}\n"
            f"Category: {service['attributes'][0]['taxonomy_term']['name']}\n"
            f"Tags: {areas[-1]}\nSummary: {service['description']}\n\n"
            f"{service['description']}\n\n- Phone: [{phone}](tel:{phone})\n"
            f"- Open: {schedule['byday']} {schedule['opens_at']} to {schedule['closes_at']}\n"
            f"- Serves: {', '.join(areas)}\n"
            f"- Languages: {', '.join(lang['code'] for lang in service['languages'])}\n"
            f"- Website: <{service['url']}>\n"
            f"- Source: <{service['metadata'][0]['replacement_value']}>\n",
            encoding="utf-8",
        )
    return content


def directory_scale(count: int, runs: int, shipped: Run) -> str:
    """The shipped site with `count` synthetic HSDS services imported, built (warm,
    as after a first build) against the shipped site's build plus plain Pelican
    building the same entries as pages: the requirement's "within 2x"."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from synthetic_hsds import synthetic_content

    folder = WORK / f"scale-{count}"
    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    content = synthetic_content(count, folder)
    imported = time.perf_counter() - start
    ours = folder / "ourconf.py"
    ours.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(content)!r}\nTHEME = {str(ROOT / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
    )
    plain_content = plain_entries(folder / "feed", folder)
    plain = folder / "plainconf.py"
    plain.write_text(
        f"PATH = {str(plain_content)!r}\nARTICLE_PATHS = ['articles']\nTHEME = 'simple'\n"
        "TIMEZONE = 'UTC'\nPLUGINS = []\nRELATIVE_URLS = True\nSITENAME = 'Bench'\n"
    )
    output = folder / "output"
    our_cmd = [sys.executable, "scripts/build.py", "--settings", str(ours), "--output", str(output)]
    plain_cmd = [sys.executable, "-m", "pelican", str(plain_content), "-s", str(plain)]
    plain_cmd += ["-o", str(folder / "output-plain"), "-q"]
    for command in (plain_cmd, our_cmd):  # as after a first build
        timed(command)
    plain_run, our_run = measure([plain_cmd, our_cmd], runs)
    figures = site_figures(output)
    baseline = shipped.wall + plain_run.wall
    cpu_baseline = shipped.cpu + plain_run.cpu
    name, raw, packed = figures.heaviest
    dir_name, dir_raw, dir_packed = figures.heaviest_directory
    return (
        f"| {count:,} | {imported:.1f} | {our_run.wall:.1f} | {our_run.cpu:.1f} | {our_run.mib} "
        f"| {plain_run.wall:.1f} | {plain_run.cpu:.1f} "
        f"| {our_run.wall / baseline:.2f} | {our_run.cpu / cpu_baseline:.2f} "
        f"| {figures.files:,} | {figures.mib:.1f} | /{name} {raw / 1024:.0f} / {packed / 1024:.1f} "
        f"| {figures.directory_pages:,} | /{dir_name} {dir_raw / 1024:.0f} / "
        f"{dir_packed / 1024:.1f} | {figures.most_listed} | {figures.over_budget} "
        f"| {', '.join('/' + page for page in figures.over_limit) or 'none'} |"
    )


def print_scale(sizes: list[int], runs: int, shipped: Run | None) -> None:
    if shipped is None:
        _, shipped = shipped_site(runs)
    print(
        f"The directory at scale: the shipped site plus N synthetic HSDS services in 50 "
        f"regions (scripts/synthetic_hsds.py, imported by scripts/import_hsds.py). Medians of "
        f"{runs} warm builds. Ratio: the site's build / (the shipped site's build, "
        f"{shipped.wall:.2f} s wall, {shipped.cpu:.2f} s cpu, + plain Pelican building the "
        "same N entries as pages); the target is at most 2. Sizes: KiB raw / gzip (level 9) "
        "of the make html build."
    )
    print(
        "| services | import s | build s | cpu s | MiB | plain s | plain cpu s | ratio "
        "| cpu ratio | files | output MiB | heaviest page | directory pages "
        "| heaviest directory page | most cards on one | over 14 KB | over 100 KB |"
    )
    print("|---" * 17 + "|")
    for count in sizes:
        print(directory_scale(count, runs, shipped), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, nargs="*", default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--latency-pages", type=int, nargs="*", default=[1000],
        help="corpus sizes for the devserver and make regenerate (0: skip)",
    )  # fmt: skip
    parser.add_argument(
        "--edit-runs", type=int, default=5, help="saves per page of the shipped site (0: skip)"
    )
    parser.add_argument("--no-shipped", action="store_true", help="skip the shipped site")
    parser.add_argument(
        "--phone-runs", type=int, default=5,
        help="visits per page of the published site on a throttled phone (0: skip)",
    )  # fmt: skip
    parser.add_argument(
        "--search-pages", type=int, nargs="*", default=[], help="corpus sizes for the search"
    )
    parser.add_argument(
        "--scale", type=int, nargs="*", default=[1000, 10000],
        help="synthetic HSDS services added to the shipped site, e.g. 1000 10000 (none: skip)",
    )  # fmt: skip
    parser.add_argument("--scale-runs", type=int, default=1, help="builds per scale (median)")
    parser.add_argument("--rebuild-child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rebuild_child:
        ours, content, runs = args.rebuild_child
        return rebuild_child(Path(ours), Path(content), int(runs))
    # Run from bytecode, as Pelican runs from its installed package's.
    for folder in ("plugins", "scripts"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    print(f"{os.cpu_count()} cores. Medians of {args.runs} runs, the builds taking turns.")
    print("plain: Pelican, Python-Markdown, simple theme. reader: the same with our reader.")
    print("site: this project (reader, plugins, theme). Each writes over its last output.")
    print("cpu: user and system seconds of the build's whole process tree. Ratios: to plain.")
    print("MiB: the peak of the whole process tree's memory (PSS summed over its processes).")
    print("rebuild: after editing one article's text; plain uses Pelican's content cache,")
    print("site the devserver's in-process rebuild; wins edit: of the article with wins.")
    if args.pages:
        print(
            f"{'pages':>6} {'plain s':>8} {'cpu':>6} {'reader s':>8} {'ratio':>6} {'site s':>7}"
            f" {'ratio':>6} {'cpu':>6} {'ratio':>6} {'plain MiB':>9} {'site MiB':>8}"
            f" {'plain rebuild s':>15} {'site rebuild s':>14} {'wins edit':>10}"
            f" {'devserver MiB':>13}"
        )
    for pages in args.pages:
        content = write_corpus(pages)
        ours, plain, reader_only = settings_files(content)
        commands = list(build_commands(content, ours, plain, reader_only, str(pages)))
        for command in commands:  # each writes over a build of its own, caches warm
            timed(command)
        plain_run, reader_run, our_run = measure(commands, args.runs)
        plain_rebuild_s = plain_rebuild(content, plain, args.runs)
        site_rebuild_s, wins_rebuild_s, devserver_mib = site_rebuild(content, ours, args.runs)
        publish_cmd = [*commands[2][:3], str(WORK / "ourpublishconf.py")]
        publish_cmd += ["--output", str(WORK / f"output-{pages}-publish")]
        timed(publish_cmd)  # its compressed copies cached, as after a first publish
        (publish_run,) = measure([publish_cmd], args.runs)
        print(
            f"{pages:>6} {plain_run.wall:>8.2f} {plain_run.cpu:>6.2f} {reader_run.wall:>8.2f}"
            f" {reader_run.wall / plain_run.wall:>6.2f} {our_run.wall:>7.2f}"
            f" {our_run.wall / plain_run.wall:>6.2f} {our_run.cpu:>6.2f}"
            f" {our_run.cpu / plain_run.cpu:>6.2f} {plain_run.mib:>9} {our_run.mib:>8}"
            f" {plain_rebuild_s:>15.2f} {site_rebuild_s:>14.2f} {wins_rebuild_s:>10.2f}"
            f" {devserver_mib:>13}",
            flush=True,
        )
        print(
            f"{'':>6} make publish: {publish_run.wall:.2f} s ({publish_run.cpu:.2f} s cpu),"
            f" {publish_run.wall / our_run.wall:.2f}x the site's build above.",
            flush=True,
        )
    shipped = None
    if not args.no_shipped:
        plain_run, our_run = shipped = shipped_site(args.runs)
        print(
            f"The shipped site (warm caches): plain {plain_run.wall:.2f} s ({plain_run.cpu:.2f}"
            f" s cpu), site {our_run.wall:.2f} s ({our_run.cpu:.2f} s cpu):"
            f" {our_run.wall / plain_run.wall:.2f}x wall, {our_run.cpu / plain_run.cpu:.2f}x cpu.",
            flush=True,
        )
    for pages in filter(None, args.latency_pages):
        content = write_corpus(pages)
        ours, _, _ = settings_files(content)
        latency = devserver_latency(content, ours, args.runs)
        print(f"devserver, {pages} pages: {latency:.2f} s from saving a file")
        print("to the new page being served (median; the browser reloads right after).")
        latency = regenerate_latency(content, ours, args.runs)
        print(f"make regenerate, {pages} pages: {latency:.2f} s from saving a")
        print("file to output/ holding the new page (median; the search index follows).")
    if args.edit_runs:
        print("The shipped site in Chromium: from a save to the open page painting the edit")
        print(f"(the devserver reloads it; median of {args.edit_runs} saves):")
        for name, seconds in browser_edits(args.edit_runs).items():
            print(f"  {name:<18} {seconds:.2f} s", flush=True)
    if args.phone_runs:
        print("The published site on a phone (nginx's sample, 4 times slower processor, nothing")
        print(f"cached; median of {args.phone_runs} visits):")
        for line in phone_figures(WORK, args.phone_runs):
            print(line, flush=True)
    if args.scale:
        print_scale(args.scale, args.scale_runs, shipped[1] if shipped else None)
    if args.search_pages:
        print(
            "| pages | build s (cpu) | without the index s (cpu) | index adds: wall / cpu "
            "| index alone: nothing kept / kept s | index MiB | first query KiB |"
        )
        print("|---|---|---|---|---|---|---|")
        for pages in args.search_pages:
            print(search_figures(pages, args.runs), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
