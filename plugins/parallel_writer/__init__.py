"""The pages of the articles generator rendered and written on two cores, and
every file written over in place.

Pelican writes one page after another on one core. This writer holds back every
page the articles generator writes (articles, home, archives, tags, categories)
until that generator has finished, then writes them from both ends of the list:
a forked copy of this process from the last, this process from the first, until
the two meet (see both_ends.py). On a site of many articles, writing takes about
half as long, and the output is the same.

A file that exists (the build writes over its spare output) is written over in
place and then cut to length, not emptied first: emptying frees its blocks, which
on a file system that discards freed blocks costs several times the write.

Setting: PARALLEL_WRITER (default True). The devserver turns it off: it writes
only the pages an edit changed.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager

from pelican import signals
from pelican.writers import FileOverwriteFailedError, Writer

from .both_ends import run_from_both_ends

Job = tuple[str, object, dict, dict]  # name, template, context, keyword arguments

logger = logging.getLogger(__name__)


class ParallelWriter(Writer):
    """Pelican's writer, except that pages wait for `write_held_back`."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.holding = True
        self.held_back: list[Job | None] = []
        self._held_by_name: dict[str, int] = {}

    def write_file(self, name, template, context, *args, **kwargs):
        if not self.holding or args:
            return super().write_file(name, template, context, *args, **kwargs)
        earlier = self._held_by_name.get(name)
        if earlier is not None:
            # A page written more than once: from now on each write happens at
            # once, in order, so that Pelican's rules apply where it expects them.
            if (job := self.held_back[earlier]) is not None:
                self.held_back[earlier] = None
                self._write(job)
            return super().write_file(name, template, context, **kwargs)
        self._held_by_name[name] = len(self.held_back)
        self.held_back.append((name, template, context, kwargs))
        return None

    def write_held_back(self) -> None:
        jobs = [job for job in self.held_back if job is not None]
        self.held_back, self._held_by_name, self.holding = [], {}, False
        # The copy's pages, reported here as Pelican reports every page it writes
        # (the sitemap lists them).
        for (_, _, context, kwargs), written in run_from_both_ends(jobs, self._write):
            for path, name in written:
                page_context = {**context, **kwargs, "output_file": name}
                signals.content_written.send(path, context=page_context)

    def _open_w(self, filename, encoding, override=False):
        """Pelican's rules for a file written twice, then the file opened to be
        written over in place."""
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)'
                )
            logger.info('Skipping "%s", not overwriting', filename)
            filename = os.devnull
        elif filename in self._written_files:
            if override:
                logger.info('Overwriting "%s"', filename)
            else:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" as Pelican has already written to it '
                    "previously (set `override=True` if intended)"
                )
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return written_over(filename, encoding)

    def _write(self, job: Job) -> list[tuple[str, str]]:
        """Write one held-back call's pages; returns their paths and names in the
        output (one call writes several pages of a paginated list)."""
        written = []

        def note(path, context) -> None:
            written.append((path, context["output_file"]))

        signals.content_written.connect(note)
        try:
            name, template, context, kwargs = job
            super().write_file(name, template, context, **kwargs)
        finally:
            signals.content_written.disconnect(note)
        return written


@contextmanager
def written_over(path: str, encoding: str) -> Iterator:
    """A text file to write, written over from its start if it exists and cut to
    the length written when closed."""
    if path == os.devnull:
        with open(path, "w", encoding=encoding) as file:
            yield file
        return
    try:
        file = open(path, "r+", encoding=encoding)  # noqa: SIM115  (closed below)
    except FileNotFoundError:
        file = open(path, "w", encoding=encoding)  # noqa: SIM115
    with file:
        yield file
        file.truncate()


def parallel_writer(pelican):
    return ParallelWriter if pelican.settings.get("PARALLEL_WRITER", True) else None


def write_held_back(generator, writer) -> None:
    if isinstance(writer, ParallelWriter):
        writer.write_held_back()


def register() -> None:
    signals.get_writer.connect(parallel_writer)
    signals.article_writer_finalized.connect(write_held_back)
