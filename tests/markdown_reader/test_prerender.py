"""Rendering many files on a second core gives exactly what the reader renders."""

from __future__ import annotations

import time
from pathlib import Path

from markdown_reader import prerender
from markdown_reader.render import render_counting_words


def wait_until_done(prerenderer) -> None:
    deadline = time.monotonic() + 30
    while not all(future.done() for future in prerenderer._futures.values()):
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_workers_render_what_the_reader_would_and_never_stale_html(tmp_path):
    paths = []
    for index in range(40):
        path = tmp_path / f"page-{index}.md"
        path.write_text(f"---\ntitle: Page {index}\n---\n## Win {index}\n\nSome *text*.\n")
        paths.append(str(path))
    broken = tmp_path / "broken.md"
    broken.write_text("---\ntitle: [unclosed\n---\nBody\n")
    marked = tmp_path / "marked.md"  # attributes for a plugin: the reader checks them
    marked.write_text('---\ntitle: Marked\n---\n## Rest {win="Rested" lang=en}\n')
    prerenderer = prerender.Prerenderer(allow_html=False, workers=1)
    try:
        prerenderer.add([*paths, str(broken), str(marked)])
        wait_until_done(prerenderer)
        body = "## Win 3\n\nSome *text*.\n"
        assert prerenderer.take(paths[3], body, False) == render_counting_words(body)
        # an edit made after the worker read the file: the reader renders it itself
        assert prerenderer.take(paths[4], "## Edited\n", False) is None
        # another HTML setting than the workers used
        assert prerenderer.take(paths[5], "## Win 5\n\nSome *text*.\n", True) is None
        assert prerenderer.take(str(broken), "Body\n", False) is None
        assert prerenderer.take(str(marked), '## Rest {win="Rested" lang=en}\n', False) is None
        assert prerenderer.take(str(tmp_path / "never-added.md"), "x", False) is None
    finally:
        prerenderer.close()


def test_only_sites_with_many_files_use_a_second_process(monkeypatch):
    monkeypatch.setattr(prerender, "spare_cores", lambda: 1)
    assert prerender.worth_it(["x.md"] * prerender.MIN_FILES)
    assert not prerender.worth_it(["x.md"] * (prerender.MIN_FILES - 1))
    monkeypatch.setattr(prerender, "spare_cores", lambda: 0)
    assert not prerender.worth_it(["x.md"] * 1000)


def test_a_large_site_gets_its_bodies_from_the_workers(make_site, build_site, monkeypatch):
    files = {
        f"articles/win-{index:03d}.md": (
            f"---\ntitle: Win {index}\ndate: 2025-01-02\ncategory: Coping\n---\n"
            f"## Step {index}\n\nA [link](https://example.org/{index}) and *words*.\n"
        )
        for index in range(prerender.MIN_FILES + 20)
    }
    content = make_site(files)
    monkeypatch.setattr(prerender, "spare_cores", lambda: 1)
    taken = []
    original_take = prerender.Prerenderer.take
    monkeypatch.setattr(
        prerender.Prerenderer,
        "take",
        lambda self, *args: taken.append(original_take(self, *args)) or taken[-1],
    )
    with_workers = build_site(content)
    html = (with_workers / "win-7/index.html").read_text()
    assert '<h2 id="step-7">Step 7</h2>' in html
    assert any(result is not None for result in taken), "no body came from a worker"
    assert len(taken) > len(files)  # every article, and the other files the reader read


def test_kept_reads_are_read_again_only_when_the_file_changes(tmp_path):
    from markdown_reader.kept_reads import KeptReads

    path = tmp_path / "page.md"
    path.write_text("one")
    reads = []

    def read(name):
        reads.append(name)
        return Path(name).read_text(), {"title": "T"}

    kept, settings = KeptReads(), {}
    assert kept.get(str(path), settings, read) == ("one", {"title": "T"})
    assert kept.get(str(path), settings, read)[0] == "one" and len(reads) == 1
    assert kept.has(str(path), settings)
    assert not kept.has(str(path), {"MARKDOWN_IT_ALLOW_HTML": True})
    path.write_text("two!")
    assert not kept.has(str(path), settings)
    assert kept.get(str(path), settings, read)[0] == "two!" and len(reads) == 2
