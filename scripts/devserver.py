"""Development server: serves the built site, rebuilds it when a source file
changes, and reloads the browser. A failed build is reported here and, over the
last good page, in the browser; the server keeps running and the next good save
recovers.

Reloading works under the site's Content-Security-Policy (script-src 'self',
nothing inline): each page is served with the devserver's own external script and
stylesheet (scripts/devserver.js and .css) added before `</head>`, and the script
listens on a WebSocket on the same address. Only served pages get them: the built
files never contain them.

Rebuilds are fast because this process stays alive between them: Pelican runs
in it, each unchanged Markdown file is read only once, and when an edit leaves
a file's metadata as it was (the usual edit: its text), only that file's page
and the pages that list or gather content (home, categories, tags, checklist...)
are written again, not every other article. The checklist's PDFs are made again
only when the page they are printed from changed. Any other change (new, deleted
or retitled files, templates) rewrites every page in this process. A change to
the settings or to a plugin is built by a fresh `scripts/build.py` process,
and from then on every rebuild is, until the server is restarted (Python
cannot reload a plugin's code safely).
"""

from __future__ import annotations

import argparse
import importlib
import json
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
from markdown_reader.document import split_document  # noqa: E402
from markdown_reader.errors import ContentError  # noqa: E402
from pelican import Pelican, signals  # noqa: E402
from pelican.settings import read_settings  # noqa: E402
from pelican.writers import Writer  # noqa: E402
from tornado import web, websocket  # noqa: E402
from tornado.ioloop import IOLoop, PeriodicCallback  # noqa: E402

MARKDOWN = (".md", ".markdown", ".mkd", ".mdown")
# How often to look for saved files: half of it, on average, is added to every
# save's wait; one look at a thousand files costs about 8 ms.
POLL_MS = 100
HEAD_END = b"</head>"
# The browser's side, served at /_devserver/<name>.
CLIENT_FILES = ("devserver.js", "devserver.css")
# Served where nothing is built yet (the first build failed): the script on it
# shows the errors and reloads once the site builds.
NOT_BUILT = (
    b'<!doctype html><html lang="en"><head><meta charset="utf-8">'
    b"<title>Not built yet</title></head><body><main><h1>Not built yet</h1>"
    b"<p>This address has no page: the site has not been built, or it has no such page."
    b"</p></main></body></html>"
)
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


class PrintoutReuse:
    """The checklist's PDFs (plugins/small_wins) of the last build, given again
    while the HTML they are printed from is the same. WeasyPrint takes seconds,
    most of a rebuild, and only an edit of the wins or the templates changes that
    HTML; a stylesheet's change renames it (asset_url), so it shows there too."""

    def __init__(self) -> None:
        self.last: tuple[tuple, object] | None = None  # (what it was made from, the printout)

    def make(self, printout, render_html, base_url, fetcher, date):
        """printout.make_printout, with the same arguments, from the same module."""
        pages = {density: render_html(density) for density in printout.DENSITIES}
        source = (tuple(pages.values()), base_url, date)
        if self.last is None or self.last[0] != source:
            self.last = (source, self.made_by(printout)(pages.__getitem__, base_url, fetcher, date))
        return self.last[1]

    @staticmethod
    def made_by(printout):
        return getattr(printout.make_printout, "original", printout.make_printout)

    def install(self, _pelican) -> None:
        """Once the plugins are loaded: the plugin imports make_printout when it
        writes the checklist, so it gets this one."""
        if "small_wins" not in sys.modules:
            return
        printout = importlib.import_module("small_wins.printout")

        def make_printout(*args):
            return self.make(printout, *args)

        make_printout.original = self.made_by(printout)
        printout.make_printout = make_printout

    @classmethod
    def uninstall(cls) -> None:
        if printout := sys.modules.get("small_wins.printout"):
            printout.make_printout = cls.made_by(printout)


class BuildAborted(Exception):
    """Raised before anything is written when reading the content found errors."""


def use_selective_writer(_pelican):
    return SelectiveWriter


def report_blocks(text: str) -> list[str]:
    """A build's report as its findings: each starts at the start of a line,
    its hint is indented below it."""
    blocks: list[str] = []
    for line in text.splitlines():
        if line.strip() and (line[0].isspace() and blocks):
            blocks[-1] += "\n" + line
        elif line.strip():
            blocks.append(line)
    return blocks


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
        self.report: list[str] = []  # the last build's findings, as printed
        self.templates = MemoryBytecodeCache()
        self.printouts = PrintoutReuse()
        self.stale_code = False  # settings or plugins changed since this process started
        self._changed: set[str] = set()  # the files changed since the last build
        # Content objects of unchanged files, by generator, kept between builds
        # as Pelican's own content cache keeps them on disk (without pickling).
        self.kept_content: dict[str, dict] = {}

    # --- what changed -------------------------------------------------------

    def take_snapshot(self) -> Snapshot:
        snapshot = {}
        for root in self.watched:
            if root.is_file():
                status = root.stat()
                snapshot[str(root)] = (status.st_mtime_ns, status.st_size)
            for parent, folders, names in os.walk(root):
                folders[:] = [name for name in folders if name != "__pycache__"]
                for name in names:
                    path = os.path.join(parent, name)
                    try:
                        status = os.stat(path)
                    except FileNotFoundError:  # deleted since the folder was listed
                        continue
                    snapshot[path] = (status.st_mtime_ns, status.st_size)
        return snapshot

    def changed_files(self, snapshot: Snapshot | None = None) -> tuple[set[str], Snapshot]:
        snapshot = self.take_snapshot() if snapshot is None else snapshot
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

    def build(self, snapshot: Snapshot | None = None) -> bool:
        """Build what changed since the last build (as of `snapshot`, taken now
        if not given); True when it succeeded."""
        changed, snapshot = self.changed_files(snapshot)
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
        result = subprocess.run(command, stderr=subprocess.PIPE, text=True)
        print(result.stderr, end="", file=sys.stderr, flush=True)
        self.report = report_blocks(result.stderr)
        return result.returncode == 0

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
            (signals.initialized, self.printouts.install),
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
            self.printouts.uninstall()
        findings = sorted(set(self.collector.findings))
        self.report = [str(finding) for finding in findings]
        for line in self.report:
            print(line, file=sys.stderr, flush=True)
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


# --- serving ------------------------------------------------------------------


class Live:
    """What the open pages are told: the current good build, and the findings
    of a failed build since. A page reloads when its build is not the current one."""

    def __init__(self, builder: Builder) -> None:
        self.builder = builder
        self.builds = 0
        self.failed = False
        self.sockets: set[LiveSocket] = set()
        self.seen: Snapshot = {}  # the files as of the last look, built or not

    @property
    def build_id(self) -> str:
        # With the process id: a page served by an earlier server reloads too.
        return f"{os.getpid()}-{self.builds}"

    def message(self) -> str:
        errors = self.builder.report if self.failed else []
        return json.dumps({"build": self.build_id, "errors": errors})

    def tags(self) -> bytes:
        return (
            '<link rel="stylesheet" href="/_devserver/devserver.css">'
            f'<script src="/_devserver/devserver.js" data-build="{self.build_id}" defer></script>'
        ).encode()

    def look(self) -> None:
        """Build when a watched file changed since the last look."""
        snapshot = self.builder.take_snapshot()
        if snapshot != self.seen:
            self.seen = snapshot
            self.rebuild(snapshot)

    def rebuild(self, snapshot: Snapshot | None = None) -> None:
        started = time.perf_counter()
        self.failed = not self.builder.build(snapshot)
        if self.failed:
            print("Build failed: fix the error above and save again. Still serving.", flush=True)
        else:
            self.builds += 1
            took = time.perf_counter() - started
            print(f"Rebuilt in {took:.2f} s.", flush=True)
        for socket in list(self.sockets):
            socket.write_message(self.message())


class LiveSocket(websocket.WebSocketHandler):
    """Each open page's connection: told the state when it connects and after each build."""

    def initialize(self, live: Live) -> None:
        self.live = live

    def open(self) -> None:
        self.live.sockets.add(self)
        self.write_message(self.live.message())

    def on_close(self) -> None:
        self.live.sockets.discard(self)


class SiteHandler(web.StaticFileHandler):
    """The built site, as it is now: never cached (each page carries its build),
    and a missing page answered by the site's 404 page."""

    def should_return_304(self) -> bool:
        return False

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "no-store")

    def write_error(self, status_code: int, **kwargs) -> None:
        if status_code != 404:
            return super().write_error(status_code, **kwargs)
        page = Path(self.root, "404.html")
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.finish(page.read_bytes() if page.is_file() else NOT_BUILT)


def application(live: Live) -> web.Application:
    class AddLiveTags(web.OutputTransform):
        """Adds the devserver's script and stylesheet to every HTML page served."""

        def transform_first_chunk(self, status_code, headers, chunk, finishing):
            if "text/html" in headers.get("Content-Type", "") and HEAD_END in chunk:
                tags = live.tags()
                chunk = chunk.replace(HEAD_END, tags + HEAD_END, 1)
                if "Content-Length" in headers:
                    headers["Content-Length"] = str(int(headers["Content-Length"]) + len(tags))
            return status_code, headers, chunk

    client = "|".join(name.replace(".", r"\.") for name in CLIENT_FILES)
    handlers = [
        (r"/_devserver/socket", LiveSocket, {"live": live}),
        (rf"/_devserver/({client})", web.StaticFileHandler, {"path": str(ROOT / "scripts")}),
        (
            r"/(.*)",
            SiteHandler,
            {"path": str(live.builder.output), "default_filename": "index.html"},
        ),
    ]
    return web.Application(handlers, transforms=[AddLiveTags])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    parser.add_argument("--output", type=Path, default=Path("output"))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=sys.stdout)
    logging.getLogger().handlers[0].setLevel(logging.CRITICAL)  # findings are printed once
    live = Live(Builder(args.settings.resolve(), args.output))
    live.look()
    live.builder.output.mkdir(parents=True, exist_ok=True)
    application(live).listen(args.port, address=args.host)
    PeriodicCallback(live.look, POLL_MS).start()
    print(f"Serving on http://{args.host}:{args.port}/ (Ctrl-C stops)", flush=True)
    try:
        IOLoop.current().start()
    except KeyboardInterrupt:
        print("Stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
