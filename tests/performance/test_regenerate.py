"""`make regenerate` (scripts/regenerate.py): the devserver's builder, with output/
replaced whole after each good build and left as it was after a broken one."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

from tests.conftest import ROOT


def wait_for(lines: list[str], words: str, count: int, process) -> None:
    deadline = time.monotonic() + 120
    while sum(words in line for line in lines) < count:
        assert process.poll() is None, "".join(lines)
        assert time.monotonic() < deadline, f"no {words!r} in:\n" + "".join(lines)
        time.sleep(0.05)


def text_of(path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:  # its folder is being swapped
        return ""


def test_regenerate_replaces_the_output_whole_after_each_good_build(
    make_site, fixture_settings, tmp_path
):
    content = make_site()
    output = tmp_path / "output"
    command = [
        sys.executable, str(ROOT / "scripts/regenerate.py"),
        "--settings", str(fixture_settings(content)), "--output", str(output),
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True).start()
    try:
        wait_for(lines, "Wrote output/", 1, process)
        page = output / "hello/index.html"
        assert "Hello." in page.read_text(encoding="utf-8")
        article = content / "articles/hello.md"
        article.write_text(article.read_text() + "\nA new line.\n")
        wait_for(lines, "Wrote output/", 2, process)
        assert "A new line." in page.read_text(encoding="utf-8")
        wait_for(lines, "Search index written", 1, process)
        assert (output / "pagefind/pagefind.js").is_file(), "the index follows the pages"
        # Swapped in whole, twice (the pages, then the index): the folder swapped out
        # is kept beside it as the next build's spare (once the second swap is done).
        # Written in place, there is none.
        spare_page = output.with_name(f".{output.name}-spare") / "hello/index.html"
        deadline = time.monotonic() + 30
        while "A new line." not in text_of(spare_page):
            assert time.monotonic() < deadline, "no spare output with the edit"
            time.sleep(0.05)

        article.write_text("---\ntitle: Hello\ndate: 2025-99-02\n---\nBroken.\n")
        wait_for(lines, "Build failed", 1, process)
        assert "A new line." in page.read_text(encoding="utf-8")
        assert any("articles/hello.md" in line for line in lines), "".join(lines)
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert process.returncode == 0
    assert not any("Cannot load plugin" in line or "Traceback" in line for line in lines), lines
