"""`make regenerate` (scripts/regenerate.py): the devserver's builder, with output/
replaced whole after each good build and left as it was after a broken one."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

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
        wait_for(lines, "Wrote output/ with its search index", 1, process)
        assert (output / "pagefind/pagefind.js").is_file(), "the index follows the pages"
        # Swapped in whole, twice (the pages, then the index): the output swapped out
        # takes the work folder's place and is brought up to the new one.
        work_page = output.with_name(f".{output.name}-regenerate") / "hello/index.html"
        assert "A new line." in text_of(work_page), "the work folder is behind the output"

        article.write_text("---\ntitle: Hello\ndate: 2025-99-02\n---\nBroken.\n")
        wait_for(lines, "Build failed", 1, process)
        assert "A new line." in page.read_text(encoding="utf-8")
        assert any("articles/hello.md" in line for line in lines), "".join(lines)
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert process.returncode == 0
    assert not any("Cannot load plugin" in line or "Traceback" in line for line in lines), lines


def load_regenerate():
    spec = importlib.util.spec_from_file_location("regenerate", ROOT / "scripts/regenerate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_the_spare_is_made_to_hold_exactly_the_new_output(tmp_path):
    copy_changed = load_regenerate().copy_changed
    new, spare = tmp_path / "new", tmp_path / "spare"
    files = {
        "index.html": "new home", "kept/index.html": "as before", "became/a-folder/x": "x",
        "folder-became": "a file", "new/deep/page.html": "new page",
    }  # fmt: skip
    for name, text in files.items():
        (new / name).parent.mkdir(parents=True, exist_ok=True)
        (new / name).write_text(text)
    for name, text in {
        "index.html": "old home", "gone.html": "gone", "gone-folder/page.html": "gone",
        "became": "a file", "folder-became/x": "x",
    }.items():  # fmt: skip
        (spare / name).parent.mkdir(parents=True, exist_ok=True)
        (spare / name).write_text(text)
    shutil.copytree(new / "kept", spare / "kept", copy_function=shutil.copy2)
    copy_changed(new, spare)
    assert tree(spare) == tree(new)
    assert not (spare / "gone-folder").exists()


def write_tree(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)


def test_a_build_swapped_in_leaves_the_work_folder_holding_it(tmp_path):
    regenerate = load_regenerate()
    work, output = tmp_path / ".output-regenerate", tmp_path / "output"
    write_tree(work, {"index.html": "new", "new.html": "new"})
    write_tree(output, {"index.html": "old", "gone.html": "old"})
    new = tree(work)
    swapped = regenerate.SwappedIn(work, output)
    assert tree(output) == new
    assert swapped.catch_up()
    assert tree(work) == new


def test_an_output_replaced_by_another_build_meanwhile_is_not_copied(tmp_path):
    regenerate = load_regenerate()
    work, output, other = tmp_path / ".output-regenerate", tmp_path / "output", tmp_path / "o"
    write_tree(work, {"index.html": "ours"})
    write_tree(output, {"index.html": "before"})
    write_tree(other, {"index.html": "make html"})
    swapped = regenerate.SwappedIn(work, output)
    regenerate.swap_in(other, output)  # `make html`, between the swap and the copy
    assert not swapped.catch_up()
    assert not work.exists(), "the work folder would hold another build's pages"
    assert tree(output) == {"index.html": b"make html"}
