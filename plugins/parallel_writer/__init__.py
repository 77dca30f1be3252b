"""Article pages rendered and written on two cores.

Pelican writes one page after another on one core. This writer holds back each
article's page; when the articles generator moves on to its other pages (home,
archives, tags, categories), a forked copy of this process starts writing the
held-back pages from the last, and once those other pages are written, this
process writes them from the first until the two meet (see both_ends.py). On a
site of many articles, writing takes about half as long.

Setting: PARALLEL_WRITER (default True). The devserver turns it off: it writes
only the pages an edit changed.
"""

from __future__ import annotations

from pelican import signals
from pelican.utils import sanitised_join
from pelican.writers import Writer

from .both_ends import BothEnds

Job = tuple[str, object, dict, dict]  # name, template, context, keyword arguments


class ParallelWriter(Writer):
    """Pelican's writer, except that article pages wait for `start_held_back`
    and `finish_held_back`."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.holding = True
        self.held_back: list[Job] = []
        self.split: BothEnds[Job] | None = None

    def write_file(self, name, template, context, *args, **kwargs):
        if self.holding and "article" in kwargs and not args and not kwargs.get("paginated"):
            self.held_back.append((name, template, context, kwargs))
            return None
        self.start_held_back()  # the other pages are written while the copy writes articles
        return super().write_file(name, template, context, *args, **kwargs)

    def start_held_back(self) -> None:
        if self.holding and self.held_back:
            self.holding = False
            self.split = BothEnds(self.held_back, self._write)
            self.split.start()

    def finish_held_back(self) -> None:
        self.start_held_back()
        if self.split is None:
            return
        split, self.split = self.split, None
        # The copy's pages, reported here as Pelican reports every page it writes
        # (the sitemap lists them).
        for name, _, context, kwargs in split.finish():
            path = sanitised_join(self.output_path, name)
            signals.content_written.send(path, context={**context, **kwargs})

    def _write(self, job: Job) -> None:
        name, template, context, kwargs = job
        super().write_file(name, template, context, **kwargs)


def parallel_writer(pelican):
    return ParallelWriter if pelican.settings.get("PARALLEL_WRITER", True) else None


def finish_held_back(generator, writer) -> None:
    if isinstance(writer, ParallelWriter):
        writer.finish_held_back()


def register() -> None:
    signals.get_writer.connect(parallel_writer)
    signals.article_writer_finalized.connect(finish_held_back)
