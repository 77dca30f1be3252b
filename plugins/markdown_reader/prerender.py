"""Render the Markdown bodies of a large site on a second core.

Pelican reads files one after another in one process, and rendering Markdown is
about half of that work. Before a generator reads its files, `Prerenderer` hands
them to worker processes in the generator's own order, last file first, while
Pelican reads from the first file on: each file is rendered once, by whichever
side reaches it first, and the two sides meet in the middle.

A worker's HTML is used only for the exact body that the reader has just read,
so an edit made during the build can never serve stale HTML. Anything the
worker cannot read or parse is simply left to the reader, which reports it.
"""

from __future__ import annotations

import os
import signal
from typing import TYPE_CHECKING

from .document import split_document
from .errors import ContentError
from .render import beyond_html, render_parsed

if TYPE_CHECKING:
    from concurrent.futures import Future

# Below this many files a second process costs more than it saves.
MIN_FILES = 100
# Files per task: small enough that little is rendered twice where the sides meet.
CHUNK = 16


def spare_cores() -> int:
    """Cores this process may use besides its own."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return cores - 1


def leave_interrupts_to_the_build() -> None:
    """Ctrl-C reaches every process of the terminal's group: the build reports it
    once and cleans up; a worker would print a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def render_files(paths: list[str], allow_html: bool) -> dict[str, tuple[str, str, int]]:
    """{path: (body, html, words)} for each file that reads and parses cleanly, and
    whose headings' attributes are all HTML: the others' are the reader's to check
    against what the plugins read, with its own tokens."""
    rendered = {}
    for path in paths:
        try:
            with open(path, encoding="utf-8") as file:
                body = split_document(file.read(), path).body
        except (OSError, UnicodeDecodeError, ContentError):
            continue
        html, words, tokens = render_parsed(body, allow_html)
        if not beyond_html(tokens):
            rendered[path] = (body, html, words)
    return rendered


class Prerenderer:
    """Renders files in worker processes; `take` returns a file's HTML when ready."""

    def __init__(self, allow_html: bool, workers: int) -> None:
        # Imported only for a site large enough to have a worker: a tenth of the
        # start of a small site's build.
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.allow_html = allow_html
        # fork: the workers start at once with the parser (and any rule another
        # plugin added to it) already built.
        context = multiprocessing.get_context("fork")
        self._executor = ProcessPoolExecutor(
            workers, mp_context=context, initializer=leave_interrupts_to_the_build
        )
        self._futures: dict[str, Future] = {}

    def add(self, paths: list[str]) -> None:
        """Render `paths`, which the reader will ask for in this order."""
        chunks = [paths[start : start + CHUNK] for start in range(0, len(paths), CHUNK)]
        for chunk in reversed(chunks):
            future = self._executor.submit(render_files, chunk, self.allow_html)
            self._futures.update(dict.fromkeys(chunk, future))

    def take(self, path: str, body: str, allow_html: bool) -> tuple[str, int] | None:
        """The worker's HTML of `body` and its words, or None when the caller
        should render it.

        Never waits: a chunk the workers have not finished is the caller's to
        render, and one they have not started is withdrawn from them."""
        future = self._futures.pop(path, None)
        if future is None or allow_html != self.allow_html:
            return None
        if not future.done():
            future.cancel()
            return None
        if future.cancelled() or future.exception() is not None:
            return None
        rendered_body, *rendered = future.result().get(path, (None, None, 0))
        return tuple(rendered) if rendered_body == body else None

    def close(self) -> None:
        """Stop the workers; returns when they are gone (at most one chunk later),
        so that no thread of theirs is running when the build forks."""
        self._futures.clear()
        self._executor.shutdown(wait=True, cancel_futures=True)


def worth_it(paths: list[str]) -> bool:
    """Whether a second process would save time on these files."""
    if len(paths) < MIN_FILES or spare_cores() < 1:
        return False
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()
