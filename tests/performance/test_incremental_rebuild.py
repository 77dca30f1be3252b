"""The devserver's fast rebuilds write exactly what a full build writes."""

from __future__ import annotations

import importlib.util
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_devserver():
    spec = importlib.util.spec_from_file_location("devserver", ROOT / "scripts/devserver.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def article(title: str, day: int, body: str) -> str:
    header = f"title: {title}\ndate: 2025-01-{day:02d}\ncategory: Coping\nsummary: S."
    return f"---\n{header}\n---\n{body}\n"


def site_files(output: Path) -> dict[str, bytes]:
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in sorted(output.rglob("*"))
        if path.is_file()
    }


def edit(path: Path, text: str) -> None:
    time.sleep(0.02)  # a new modification time even on coarse clocks
    path.write_text(text)


def test_rebuilds_after_edits_match_a_full_build(make_site, fixture_settings, build_site, tmp_path):
    content = make_site(
        {f"articles/win-{day}.md": article(f"Win {day}", day, f"Day {day}.") for day in (1, 2, 3)}
    )
    devserver = load_devserver()
    builder = devserver.Builder(fixture_settings(content), tmp_path / "served")
    assert builder.build()
    page_two = (tmp_path / "served/win-2/index.html").read_bytes()

    # an edit of the text only: that page is written again, its neighbours are not
    edit(content / "articles/win-1.md", article("Win 1", 1, "Day one, *edited*."))
    assert builder.build()
    assert devserver.SelectiveWriter.skip, "the text edit should not rewrite every page"
    # nor the pages listing it: they show its title and summary, which are as they were
    assert devserver.SelectiveWriter.only == {"win-1/index.html"}
    assert (tmp_path / "served/win-2/index.html").read_bytes() == page_two
    served = site_files(tmp_path / "served")
    assert "Day one, <em>edited</em>." in served["win-1/index.html"].decode()
    assert served == site_files(build_site(content))

    # the text of an article marking wins: the checklist and category pages show them
    wins = '## Rest {win="Rested" category=coping}\n\nA reminder.\n'
    edit(content / "articles/win-3.md", article("Win 3", 3, wins))
    assert builder.build()
    edit(content / "articles/win-3.md", article("Win 3", 3, wins.replace("A reminder", "Rest")))
    assert builder.build()
    assert devserver.SelectiveWriter.skip and devserver.SelectiveWriter.only is None
    assert site_files(tmp_path / "served") == site_files(build_site(content))
    # ...and are left alone by an edit that keeps its wins as they were, if moved down
    rested = "An opening line.\n\n" + wins.replace("A reminder", "Rest") + "\nMore text.\n"
    edit(content / "articles/win-3.md", article("Win 3", 3, rested))
    assert builder.build()
    assert devserver.SelectiveWriter.only == {"win-3/index.html"}
    assert site_files(tmp_path / "served") == site_files(build_site(content))

    # a new title shows on the neighbours' pages too
    edit(content / "articles/win-1.md", article("First win", 1, "Day one."))
    assert builder.build()
    assert not devserver.SelectiveWriter.skip
    served = site_files(tmp_path / "served")
    assert served == site_files(build_site(content))


def test_a_broken_edit_writes_nothing_and_the_next_good_save_recovers(
    make_site, fixture_settings, tmp_path
):
    content = make_site()
    builder = load_devserver().Builder(fixture_settings(content), tmp_path / "served")
    assert builder.build()
    before = site_files(tmp_path / "served")
    edit(content / "articles/hello.md", "---\ntitle: Hello\ndate: nope\ncategory: Coping\n---\nX\n")
    assert not builder.build()
    assert site_files(tmp_path / "served") == before
    edit(content / "articles/hello.md", article("Hello", 2, "Recovered."))
    (tmp_path / "served/sitemap.xml").unlink()
    assert builder.build()
    assert "Recovered." in (tmp_path / "served/hello/index.html").read_text()
    assert "/hello/" in (tmp_path / "served/sitemap.xml").read_text()


def test_an_edit_to_an_address_of_the_site_is_reported_at_its_line(
    make_site, fixture_settings, tmp_path, capsys
):
    content = make_site()
    builder = load_devserver().Builder(fixture_settings(content), tmp_path / "served")
    assert builder.build()
    before = site_files(tmp_path / "served")
    edit(content / "articles/hello.md", article("Search", 2, "Found."))
    assert not builder.build()
    assert site_files(tmp_path / "served") == before
    said = capsys.readouterr().err
    assert said.startswith(f"{content / 'articles/hello.md'}:2: error: address /search/ is kept")


def test_a_save_rings_the_alarm_without_waiting_for_a_look(tmp_path):
    devserver = load_devserver()
    rang = threading.Event()
    alarm = devserver.SaveAlarm([tmp_path], rang.set)
    deadline = time.monotonic() + 30
    try:
        while not rang.wait(0.2):  # the watch starts in the alarm's thread: save again
            (tmp_path / "page.md").write_text(f"Saved at {time.monotonic()}.")
            assert time.monotonic() < deadline, "no ring for a save"
    finally:
        alarm.stop()


def test_an_alarm_with_nothing_to_watch_leaves_the_looks_to_find_saves(tmp_path):
    alarm = load_devserver().SaveAlarm([tmp_path / "missing"], lambda: None)
    alarm.thread.join(timeout=30)
    assert not alarm.thread.is_alive(), "the alarm should give up, not wait for the folder"


def test_a_slow_look_does_not_hold_the_next_saves_back():
    pace = load_devserver().PollPace()
    assert pace.wait_after(0.001) == 0.05, "never more often than every 0.05 s"
    assert pace.wait_after(0.02) == 0.05
    assert pace.wait_after(0.09) == 0.05, "a look slowed by the search index"
    for _ in range(5):
        wait = pace.wait_after(0.02)
    assert wait == 0.2, "a tenth of the time, once every recent look is slower"
