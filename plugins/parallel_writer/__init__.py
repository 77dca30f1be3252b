"""The pages of the articles generator rendered and written on two cores.

Pelican writes one page after another on one core. This writer holds back every
page the articles generator writes (articles, home, archives, tags, categories)
until that generator has finished, then writes them from both ends of the list:
a forked copy of this process from the last, this process from the first, until
the two meet (see both_ends.py). On a site of many articles, writing takes about
half as long, and the output is the same.

Setting: PARALLEL_WRITER (default True). The devserver turns it off: it writes
only the pages an edit changed.
"""

from __future__ import annotations

from pelican import signals
from pelican.writers import Writer

from .both_ends import run_from_both_ends

Job = tuple[str, object, dict, dict]  # name, template, context, keyword arguments


class ParallelWriter(Writer):
    """Pelican's writer, except that pages wait for `write_held_back`."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.holding = True
        self.held_back: list[Job] = []

    def write_file(self, name, template, context, *args, **kwargs):
        if self.holding and not args:
            self.held_back.append((name, template, context, kwargs))
            return None
        return super().write_file(name, template, context, *args, **kwargs)

    def write_held_back(self) -> None:
        jobs, self.held_back, self.holding = self.held_back, [], False
        names = [name for name, *_ in jobs]
        if len(set(names)) < len(names):
            # Pelican reports a page written twice only when one process writes both.
            for job in jobs:
                self._write(job)
            return
        # The copy's pages, reported here as Pelican reports every page it writes
        # (the sitemap lists them).
        for (_, _, context, kwargs), paths in run_from_both_ends(jobs, self._write):
            for path in paths:
                signals.content_written.send(path, context={**context, **kwargs})

    def _write(self, job: Job) -> list[str]:
        """Write one held-back call's pages; returns their paths."""
        written = []

        def note(path, context=None) -> None:
            written.append(path)

        signals.content_written.connect(note)
        try:
            name, template, context, kwargs = job
            super().write_file(name, template, context, **kwargs)
        finally:
            signals.content_written.disconnect(note)
        return written


def parallel_writer(pelican):
    return ParallelWriter if pelican.settings.get("PARALLEL_WRITER", True) else None


def write_held_back(generator, writer) -> None:
    if isinstance(writer, ParallelWriter):
        writer.write_held_back()


def register() -> None:
    signals.get_writer.connect(parallel_writer)
    signals.article_writer_finalized.connect(write_held_back)
