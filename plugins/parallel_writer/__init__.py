"""Article pages rendered and written on two cores.

Pelican writes one page after another on one core. This writer holds back each
article's page until the articles generator has written everything else, then
writes half of them in this process and half in a forked copy of it (see
halves.py): on a site of many articles, writing them takes about half as long.

Setting: PARALLEL_WRITER (default True). The devserver turns it off: it writes
only the pages an edit changed.
"""

from __future__ import annotations

from pelican import signals
from pelican.utils import sanitised_join
from pelican.writers import Writer

from .halves import run_in_halves


class ParallelWriter(Writer):
    """Pelican's writer, except that article pages wait for `write_held_back`."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.held_back: list[tuple[str, object, dict, dict]] = []

    def write_file(self, name, template, context, *args, **kwargs):
        if "article" in kwargs and not args and not kwargs.get("paginated"):
            self.held_back.append((name, template, context, kwargs))
            return None
        return super().write_file(name, template, context, *args, **kwargs)

    def write_held_back(self) -> None:
        jobs, self.held_back = self.held_back, []
        written_elsewhere = run_in_halves(jobs, self._write)
        # Reported here as Pelican reports every page it writes (the sitemap lists them).
        for name, _, context, kwargs in written_elsewhere:
            path = sanitised_join(self.output_path, name)
            signals.content_written.send(path, context={**context, **kwargs})

    def _write(self, job: tuple[str, object, dict, dict]) -> None:
        name, template, context, kwargs = job
        super().write_file(name, template, context, **kwargs)


def parallel_writer(pelican):
    return ParallelWriter if pelican.settings.get("PARALLEL_WRITER", True) else None


def write_held_back(generator, writer) -> None:
    if isinstance(writer, ParallelWriter):
        writer.write_held_back()


def register() -> None:
    signals.get_writer.connect(parallel_writer)
    signals.article_writer_finalized.connect(write_held_back)
