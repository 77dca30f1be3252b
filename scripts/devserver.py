"""Development server: serves the built site, rebuilds it when a source file
changes, and reloads the browser. A failed build is reported here and the
server keeps running; the next good save recovers.

Rebuilds are fast because this process stays alive between them: Pelican runs
in it, each unchanged Markdown file is read only once, and when an edit leaves
a file's metadata as it was (the usual edit: its text), only that file's page
and the pages that list or gather content (home, categories, tags, checklist...)
are written again, not every other article. Any other change (new, deleted or
retitled files, templates) rewrites every page in this process. A change to
the settings or to a plugin is built by a fresh `scripts/build.py` process,
and from then on every rebuild is, until the server is restarted (Python
cannot reload a plugin's code safely).
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "plugins")]

from build import Collector  # noqa: E402  (scripts/build.py, beside this file)
from jinja2 import BytecodeCache  # noqa: E402
from livereload import Server  # noqa: E402
from livereload.watcher import Watcher  # noqa: E402
from markdown_reader.document import split_document  # noqa: E402
from markdown_reader.errors import ContentError  # noqa: E402
from pelican import Pelican, signals  # noqa: E402
from pelican.settings import read_settings  # noqa: E402
from pelican.writers import Writer  # noqa: E402
from tornado.ioloop import PeriodicCallback  # noqa: E402

MARKDOWN = (".md", ".markdown", ".mkd", ".mdown")
# How often to look for saved files: livereload's own 0.8 s is most of the wait.
POLL_MS = 150
Snapshot = dict[str, tuple[int, int]]


class SelectiveWriter(Writer):
    """Pelican's writer, except that the pages named in `skip` are left as they
    are on disk. Each is still reported as written, as Pelican reports a page,
    so that plugins listing every page (the sitemap) see the whole site."""

    skip: frozenset[str] = frozenset()

    def write_file(self, name, template, context, *args, **kwargs):
        if name not in SelectiveWriter.skip:
            return super().write_file(name, template, context, *args, **kwargs)
        path = os.path.join(self.output_path, name)
        signals.content_written.send(path, context={**context, **kwargs})
        return None


class QuickWatcher(Watcher):
    """livereload's polling watcher, polling every POLL_MS."""

    def start(self, callback) -> bool:
        PeriodicCallback(callback, POLL_MS).start()
        return True


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept between builds; Jinja compiles a template again
    when its source changed."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class BuildAborted(Exception):
    """Raised before anything is written when reading the content found errors."""


def use_selective_writer(_pelican):
    return SelectiveWriter


class Builder:
    """Builds the site into `output`, again and again, as cheaply as each change allows."""

    def __init__(self, settings_file: Path, output: Path) -> None:
        self.settings_file = settings_file
        self.output = output.resolve()
        self.settings = read_settings(str(settings_file))
        self.content = Path(self.settings["PATH"]).resolve()
        self.code_paths = [Path(path).resolve() for path in self.settings["PLUGIN_PATHS"]]
        self.code_paths += list(settings_file.parent.glob("*conf.py"))
        self.watched = [self.content, Path(self.settings["THEME"]).resolve(), *self.code_paths]
        self.snapshot: Snapshot = {}
        self.metadata: dict[str, object] = {}  # Markdown file -> its metadata at the last build
        self.pages_of: dict[str, str] = {}  # content source file -> the page it is written to
        self.collector = Collector()
        self.templates = MemoryBytecodeCache()
        self.stale_code = False  # settings or plugins changed since this process started
        self._changed: set[str] = set()  # the files changed since the last build
        # Content objects of unchanged files, by generator, kept between builds
        # as Pelican's own content cache keeps them on disk (without pickling).
        self.kept_content: dict[str, dict] = {}

    # --- what changed -------------------------------------------------------

    def take_snapshot(self) -> Snapshot:
        snapshot = {}
        for root in self.watched:
            files = [root] if root.is_file() else root.rglob("*")
            for path in files:
                if path.is_file() and "__pycache__" not in path.parts:
                    status = path.stat()
                    snapshot[str(path)] = (status.st_mtime_ns, status.st_size)
        return snapshot

    def changed_files(self) -> tuple[set[str], Snapshot]:
        snapshot = self.take_snapshot()
        changed = {
            path
            for path in snapshot.keys() | self.snapshot.keys()
            if snapshot.get(path) != self.snapshot.get(path)
        }
        return changed, snapshot

    def only_text_edits(self, changed: set[str]) -> bool:
        """Whether every change is an edit of a known Markdown file's body."""
        for path in changed:
            if not path.endswith(MARKDOWN) or path not in self.metadata:
                return False
            if self._metadata(path) != self.metadata[path]:
                return False
        return True

    @staticmethod
    def _metadata(path: str) -> object:
        try:
            return split_document(Path(path).read_text(encoding="utf-8"), path).metadata
        except (OSError, UnicodeDecodeError, ContentError) as error:
            return error  # never equal to good metadata: the build will report it

    # --- building -----------------------------------------------------------

    def build(self) -> bool:
        """Build what changed since the last build; True when it succeeded."""
        changed, snapshot = self.changed_files()
        if self.snapshot and not changed:
            return True
        code_changed = any(
            Path(path).is_relative_to(code) for path in changed for code in self.code_paths
        )
        self.stale_code = self.stale_code or (bool(self.snapshot) and code_changed)
        self._changed = changed
        if self.stale_code:
            ok = self.build_in_subprocess()
        elif self.snapshot and self.only_text_edits(changed):
            ok = self.build_in_process(keep=changed)
        else:
            ok = self.build_in_process(keep=None)
        if ok:  # after a failure, the next build looks again at everything changed since
            self.snapshot = snapshot
        return ok

    def build_in_subprocess(self) -> bool:
        print("Settings or plugins changed: building in a new process.", flush=True)
        command = [
            sys.executable, str(Path(__file__).with_name("build.py")),
            "--settings", str(self.settings_file), "--output", str(self.output),
        ]  # fmt: skip
        return subprocess.run(command).returncode == 0

    def build_in_process(self, keep: set[str] | None) -> bool:
        """Run Pelican here. With `keep`, the pages of all other content files are
        not written again: their text did not change and neither did any title,
        date or category that they show."""
        kept = keep if keep is not None else self.pages_of.keys()
        SelectiveWriter.skip = frozenset(
            page for source, page in self.pages_of.items() if source not in kept
        )
        if keep is None:
            # A title, slug or file changed: a kept page could link to it by its old name.
            self.kept_content.clear()
        settings = {
            **self.settings,
            "OUTPUT_PATH": str(self.output),
            "MARKDOWN_IT_KEEP_READS": True,
            "CACHE_CONTENT": True,
            "CONTENT_CACHING_LAYER": "generator",
            "PARALLEL_WRITER": False,  # its own writer writes only what changed
            "LOAD_CONTENT_CACHE": False,
            "JINJA_ENVIRONMENT": {
                **self.settings["JINJA_ENVIRONMENT"],
                "bytecode_cache": self.templates,
            },
        }
        self.collector = Collector()
        root = logging.getLogger()
        root.addHandler(self.collector)
        # Connected for this build only: other builds in this process stay plain.
        hooks = [
            (signals.get_writer, use_selective_writer),
            (signals.all_generators_finalized, self._before_writing),
            (signals.article_generator_init, self._reuse_content),
            (signals.page_generator_init, self._reuse_content),
        ]
        for signal, handler in hooks:
            signal.connect(handler)
        try:
            Pelican(settings).run()
        except BuildAborted:
            pass
        except Exception as error:  # reported like any other finding
            self.collector.emit(logging.makeLogRecord({"msg": str(error), "levelno": 40}))
        finally:
            root.removeHandler(self.collector)
            for signal, handler in hooks:
                signal.disconnect(handler)
        findings = sorted(set(self.collector.findings))
        for finding in findings:
            print(finding, file=sys.stderr, flush=True)
        return not any(finding.level == "error" for finding in findings)

    def _reuse_content(self, generator) -> None:
        generator._cache = self.kept_content.setdefault(type(generator).__name__, {})
        generator.save_cache = lambda: None  # kept in memory, never pickled

    def _before_writing(self, generators) -> None:
        """Nothing is written when reading failed: the served site stays as it was."""
        if any(finding.level == "error" for finding in self.collector.findings):
            raise BuildAborted
        self.pages_of = {}
        for generator in generators:
            for name in ("articles", "translations", "drafts", "drafts_translations",
                         "hidden_articles", "hidden_translations", "pages",
                         "hidden_pages", "draft_pages"):  # fmt: skip
                for item in getattr(generator, name, None) or []:
                    self.pages_of[item.source_path] = item.save_as
        if not self.metadata:
            self._changed = set(self.take_snapshot())
        for path in self._changed:
            if not path.endswith(MARKDOWN) or not Path(path).is_relative_to(self.content):
                continue
            if Path(path).exists():
                self.metadata[path] = self._metadata(path)
            else:
                self.metadata.pop(path, None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    parser.add_argument("--output", type=Path, default=Path("output"))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=sys.stdout)
    logging.getLogger().handlers[0].setLevel(logging.CRITICAL)  # findings are printed once
    builder = Builder(args.settings.resolve(), args.output)

    def rebuild() -> None:
        started = time.perf_counter()
        if builder.build():
            took = time.perf_counter() - started
            url = f"http://{args.host}:{args.port}/"
            print(f"Rebuilt in {took:.2f} s. Serving on {url}", flush=True)
        else:
            print("Build failed: fix the error above and save again. Still serving.", flush=True)

    rebuild()
    builder.output.mkdir(parents=True, exist_ok=True)
    server = Server(watcher=QuickWatcher())
    for path in builder.watched:
        server.watch(str(path), rebuild)
    server.serve(host=args.host, port=args.port, root=str(builder.output), open_url_delay=None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
