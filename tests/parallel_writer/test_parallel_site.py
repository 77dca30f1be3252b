"""A site of many articles is written on two cores, and nothing shows it: the
same files, the same sitemap, the same warnings as when written on one."""

from __future__ import annotations

import datetime
import logging
import os
from pathlib import Path

import pytest
from parallel_writer import both_ends
from pelican.log import LimitFilter


def many_articles(count: int) -> dict[str, str]:
    """Articles one day apart; the oldest (written in the second half) links to
    a file that does not exist, and only its own page shows that link."""
    articles = {}
    for index in range(count):
        date = datetime.date(2024, 1, 1) + datetime.timedelta(days=index)
        link = "{filename}/gone.md" if index == 0 else "https://example.org/"
        articles[f"articles/win-{index:03d}.md"] = (
            f"---\ntitle: Win {index}\ndate: {date}\ncategory: Coping\nsummary: Step {index}.\n"
            f"---\n## Step {index}\n\nSee [the next step]({link}).\n"
        )
    return articles


def files_of(output: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(output)): path.read_bytes()
        for path in sorted(output.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def fresh_log_limits():
    """Pelican drops a warning it has given once in this process: each build of a
    test must start with none given."""

    def clear() -> None:
        LimitFilter._raised_messages.clear()
        LimitFilter._group_count.clear()

    clear()
    yield clear
    clear()


def warnings_of(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.levelno == logging.WARNING]


def test_two_cores_write_and_warn_exactly_as_one(
    make_site, build_site, tmp_path, monkeypatch, caplog, fresh_log_limits
):
    monkeypatch.setattr(both_ends, "spare_cores", lambda: 1)
    count = both_ends.MIN_JOBS + 20
    content = make_site(many_articles(count))
    parallel = files_of(build_site(content))
    parallel_warnings = warnings_of(caplog)
    os.rename(tmp_path / "output", tmp_path / "output-parallel")
    caplog.clear()
    fresh_log_limits()
    single = files_of(build_site(content, PARALLEL_WRITER=False))
    assert parallel.keys() == single.keys()
    assert [name for name in parallel if parallel[name] != single[name]] == []
    assert parallel["sitemap.xml"].count(b"<loc>") > count
    # the broken link, met by the second process, is reported here as it is by one core
    [broken] = parallel_warnings
    assert broken.getMessage() == "Unable to find '/gone.md', skipping url replacement."
    assert broken.process != os.getpid()
    assert [record.getMessage() for record in warnings_of(caplog)] == [broken.getMessage()]
