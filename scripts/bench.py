"""Benchmark: build a synthetic corpus with this project and with plain Pelican
(Python-Markdown, the `simple` theme, no plugins) in one run; print the median
seconds of several builds, their ratio and each build's peak memory.

    make bench BENCHOPTS="--pages 1000 --runs 5"
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench"
CATEGORIES = ["Daily basics", "Getting support", "Boundaries", "Coping", "Self-compassion"]
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
        parts += [f"## Section {section + 1}: {sentence(rng)[:40]}", "", paragraph(rng), ""]
        if rng.random() < 0.5:
            parts += [f"- {sentence(rng)}" for _ in range(rng.randint(2, 5))] + [""]
        if rng.random() < 0.15:
            parts += ["| Day | Win |", "|-----|-----|"]
            parts += [f"| {day} | {sentence(rng)[:30]} |" for day in ("Mon", "Tue", "Wed")]
            parts += [""]
    return "\n".join(parts)


def write_corpus(pages: int) -> Path:
    content = WORK / f"corpus-{pages}"
    if content.exists():
        return content
    rng = random.Random(pages)
    (content / "articles").mkdir(parents=True)
    (content / "categories").mkdir()
    for index in range(pages):
        (content / "articles" / f"win-{index:05d}.md").write_text(article(index, rng))
    for name in CATEGORIES:
        slug = name.lower().replace(" ", "-")
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


def timed(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (MiB) of one build."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"build failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss // 1024


def measure(command: list[str], runs: int) -> tuple[float, int]:
    results = [timed(command) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, nargs="+", default=[1000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    print("plain: Pelican, Python-Markdown, simple theme. reader: the same with our reader.")
    print("site: this project (reader, plugins, theme). Ratios are against plain.")
    print(
        f"{'pages':>6} {'plain s':>8} {'reader s':>8} {'ratio':>6} {'site s':>8} {'ratio':>6}"
        f" {'plain MiB':>9} {'site MiB':>9}"
    )
    for pages in args.pages:
        content = write_corpus(pages)
        ours, plain, reader_only = settings_files(content)
        output = WORK / "output"
        shutil.rmtree(output, ignore_errors=True)
        plain_cmd = [
            sys.executable,
            "-m",
            "pelican",
            str(content),
            "-s",
            str(plain),
            "-o",
            str(output),
            "--delete-output-directory",
            "-q",
        ]
        our_cmd = [
            sys.executable,
            "scripts/build.py",
            "--settings",
            str(ours),
            "--output",
            str(output),
        ]
        reader_cmd = [*plain_cmd[:4], "-s", str(reader_only), *plain_cmd[6:]]
        plain_s, plain_mib = measure(plain_cmd, args.runs)
        reader_s, _ = measure(reader_cmd, args.runs)
        our_s, our_mib = measure(our_cmd, args.runs)
        print(
            f"{pages:>6} {plain_s:>8.2f} {reader_s:>8.2f} {reader_s / plain_s:>6.2f}"
            f" {our_s:>8.2f} {our_s / plain_s:>6.2f} {plain_mib:>9} {our_mib:>9}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
