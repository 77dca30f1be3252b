"""make devserver: serves the site, rebuilds it when a file changes and, in a real
Chromium, reloads the open page under the site's strict Content-Security-Policy;
a save that breaks the build shows its findings over the last good page."""

from __future__ import annotations

import functools
import importlib.util
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
# A rebuild of a fixture site takes a fraction of a second; a loaded machine is slower.
WAIT_MS = 20_000
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


def article(body: str, date: str = "2025-01-02", title: str = "Hello") -> str:
    return f"---\ntitle: {title}\ndate: {date}\ncategory: Coping\nsummary: Hi.\n---\n{body}\n"


def save(path: Path, text: str) -> None:
    time.sleep(0.02)  # a new modification time even on coarse clocks
    path.write_text(text, encoding="utf-8")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Devserver:
    url: str
    content: Path
    output: Path
    process: subprocess.Popen
    lines: list[str] = field(default_factory=list)

    @property
    def log(self) -> str:
        return "".join(self.lines)


@pytest.fixture
def devserver(make_site, fixture_settings, tmp_path):
    """`make devserver` on a fixture site, serving once its first build is done."""
    content = make_site()
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts/devserver.py"), "--settings",
         str(fixture_settings(content)), "--output", str(tmp_path / "output"),
         "--port", str(port)],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    server = Devserver(f"http://127.0.0.1:{port}/", content, tmp_path / "output", process)
    reader = threading.Thread(target=lambda: server.lines.extend(process.stdout), daemon=True)
    reader.start()
    deadline = time.monotonic() + 60
    while "Serving on" not in server.log:
        assert process.poll() is None and time.monotonic() < deadline, server.log
        time.sleep(0.05)
    yield server
    process.terminate()
    process.wait(timeout=10)
    reader.join(timeout=10)
    assert "Traceback" not in server.log


def fetch_until(url: str, expected: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode()
            if expected in body:
                return body
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} never contained {expected!r}; last body: {body[:300]!r}")


def test_devserver_rebuilds_after_a_change_and_survives_a_bad_save(devserver):
    article_file = devserver.content / "articles/hello.md"
    url = devserver.url + "hello/"
    fetch_until(url, "Hello.")
    save(article_file, article("Broken.", date="nope"))
    deadline = time.monotonic() + 60
    while "Build failed" not in devserver.log:
        assert time.monotonic() < deadline, devserver.log
        time.sleep(0.05)
    fetch_until(url, "Hello.")  # the failed build left the served site alone
    save(article_file, article("Edited."))
    fetch_until(url, "Edited.")
    assert "hello.md:3: error: date" in devserver.log
    # Written after the pages of the last build, once the browser has them.
    deadline = time.monotonic() + 60
    while devserver.log.rfind("Search index written") < devserver.log.rfind("Rebuilt"):
        assert time.monotonic() < deadline, devserver.log
        time.sleep(0.1)
    fetch_until(devserver.url + "pagefind/pagefind-entry.json", '"version"')
    fetch_until(devserver.url + "pagefind/ahead.json", ".pf_meta")


@pytest.mark.browser
def test_the_open_page_reloads_itself_and_shows_a_broken_build_over_the_last_good_page(
    devserver, page
):
    problems: list[str] = []  # a blocked script or connection is reported on the console
    page.on("console", lambda message: problems.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    article_file = devserver.content / "articles/hello.md"
    page.goto(devserver.url + "hello/")
    main = page.locator("main")
    expect(main).to_contain_text("Hello.")
    loads: list[str] = []  # navigations of the page, reported before its new text shows
    page.on("framenavigated", lambda frame: loads.append(frame.url))

    save(article_file, article("Edited by hand."))
    expect(main).to_contain_text("Edited by hand.", timeout=WAIT_MS)
    assert loads == [devserver.url + "hello/"], "the page should have reloaded itself once"
    assert "_devserver" in page.content()
    assert "_devserver" not in (devserver.output / "hello/index.html").read_text()

    save(article_file, article("Broken.", date="nope"))
    dialog = page.get_by_role("alertdialog", name="The site did not build")
    expect(dialog).to_be_visible(timeout=WAIT_MS)
    expect(dialog).to_contain_text("articles/hello.md:3: error: date")
    expect(main).to_contain_text("Edited by hand.")  # the last good page, under it
    assert page.evaluate("document.activeElement.closest('dialog') !== null")
    page.evaluate(AXE_SCRIPT)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        audit = page.evaluate("(options) => axe.run('.devserver-errors', options)", AXE_OPTIONS)
        found = [(v["id"], node["target"]) for v in audit["violations"] for node in v["nodes"]]
        assert found == [], scheme

    save(article_file, article("Fixed."))
    expect(main).to_contain_text("Fixed.", timeout=WAIT_MS)
    expect(dialog).to_have_count(0)
    assert problems == []


def test_a_normal_build_has_no_trace_of_the_devserver(make_site, run_pelican, tmp_path):
    result = run_pelican(make_site())
    assert result.returncode == 0, result.stderr
    built = [path for path in (tmp_path / "output").rglob("*") if path.is_file()]
    assert any(path.name == "index.html" for path in built)
    for path in built:
        data = path.read_bytes()
        assert b"_devserver" not in data and b"livereload" not in data, path


def load_devserver():
    spec = importlib.util.spec_from_file_location("devserver", ROOT / "scripts/devserver.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def wins_article(label: str, intro: str) -> str:
    """The win's reminder on the checklist is the first sentence of its section."""
    heading = f'## Breathing {{win="{label}" category=coping}}'
    return article(f"{intro}\n\n{heading}\n\nIn, then out.\n", title="Wins")


def site_files(output: Path) -> dict[str, bytes]:
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in sorted(output.rglob("*"))
        if path.is_file()
    }


def test_a_text_edit_reuses_the_checklist_pdfs_and_the_resources_and_their_edits_remake_them(
    make_site, fixture_settings, build_site, tmp_path, monkeypatch
):
    """WeasyPrint and the resources' YAML are most of a rebuild: an edit of text the
    checklist does not show keeps both, and the site is still what a full build makes."""
    import resource_directory.generator
    import small_wins.printout

    # Counted in a file: the PDFs may be made in a forked copy of the build.
    counts = tmp_path / "calls"
    counts.write_text("")
    for module, name in [(small_wins.printout, "make_printout"),
                         (resource_directory.generator, "load_directory")]:  # fmt: skip
        original = getattr(module, name)

        @functools.wraps(original)
        def counted(*args, name=name, original=original):
            with counts.open("a") as calls:
                calls.write(f"{name}\n")
            return original(*args)

        monkeypatch.setattr(module, name, counted)

    def calls() -> dict[str, int]:
        made = counts.read_text().splitlines()
        return {name: made.count(name) for name in ("make_printout", "load_directory")}

    # The main crisis line of the settings' country, in the fixture site's one category.
    resource = (ROOT / "content/resources/988-suicide-and-crisis-lifeline.yaml").read_text()
    resource = resource.replace("getting-support, ", "")
    content = make_site({"articles/wins.md": wins_article("Took a breath", "Intro."),
                         "resources/lifeline.yaml": resource})  # fmt: skip
    served = tmp_path / "served"
    builder = load_devserver().Builder(fixture_settings(content), served)
    assert builder.build()
    assert calls() == {"make_printout": 1, "load_directory": 1}
    pdf = (served / "checklist/checklist-a4.pdf").read_bytes()

    save(content / "articles/wins.md", wins_article("Took a breath", "Other words."))
    assert builder.build()
    assert "Other words." in (served / "wins/index.html").read_text()
    assert calls() == {"make_printout": 1, "load_directory": 1}
    assert (served / "checklist/checklist-a4.pdf").read_bytes() == pdf

    save(
        content / "resources/lifeline.yaml",
        resource.replace("summary: >-", "summary: >-\n  Edited."),
    )
    save(content / "articles/wins.md", wins_article("Breathed slowly", "Other words."))
    assert builder.build()
    assert calls() == {"make_printout": 2, "load_directory": 2}
    assert "Edited. Call, text" in (served / "resources/index.html").read_text()
    rebuilt, full = site_files(served), site_files(build_site(content))
    assert "pagefind/pagefind-entry.json" in rebuilt
    assert rebuilt == full
