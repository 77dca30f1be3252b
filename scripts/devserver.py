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
are written again, not every other article; and not even those when the edited
article has a summary and its wins read as before. The checklist's PDFs are made again
only when what they are printed from changed (the plugin's cache), the resource directory is read
again only when one of its files did, and the search index (seconds of Pagefind)
is written after the open pages have reloaded. Any other change (new, deleted or
retitled files, templates) rewrites every page in this process. A change to the
settings or to a plugin is built by a fresh `scripts/build.py` process, and from
then on every rebuild is, until the server is restarted (Python cannot reload a
plugin's code safely).
"""

from __future__ import annotations

import argparse
import collections
import importlib
import inspect
import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "plugins")]

from build import Collector, finding_for  # noqa: E402  (scripts/build.py, beside this file)
from jinja2 import BytecodeCache  # noqa: E402
from markdown_reader.document import split_document  # noqa: E402
from markdown_reader.errors import ContentError  # noqa: E402
from parallel_writer import ParallelWriter, written_over  # noqa: E402
from pelican import Pelican, signals  # noqa: E402
from pelican.settings import read_settings  # noqa: E402
from pelican.utils import sanitised_join  # noqa: E402
from tornado import web, websocket  # noqa: E402
from tornado.ioloop import IOLoop  # noqa: E402
from watchfiles import watch  # noqa: E402

MARKDOWN = (".md", ".markdown", ".mkd", ".mdown")
# How often to look for saved files when no save was announced (see SaveAlarm).
# Looking takes at most a tenth of the time (a thousand files, 8 ms).
POLL_S = 0.05
POLL_SHARE = 10
POLL_LOOKS = 5  # the looks that pace the next one


# How long the alarm waits, once a file is saved, for more saves to ring for them
# together: an editor saving a file writes it and may rename it, a moment apart.
ALARM_STEP_MS = 5


class SaveAlarm:
    """Rings as soon as a watched file is saved: the kernel says so (inotify, through
    watchfiles, Pelican's own watcher), where a look would come up to a poll later
    (0.2 s on a site of 5,000 pages, which looks less often). The looks go on as
    before: on a file system that announces nothing (a network share), they alone
    find the saves."""

    def __init__(self, paths: list[Path], ring: Callable[[], None]) -> None:
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._watch, args=(paths, ring), daemon=True)
        self.thread.start()

    def _watch(self, paths: list[Path], ring: Callable[[], None]) -> None:
        changes = watch(*paths, step=ALARM_STEP_MS, stop_event=self.stopped, raise_interrupt=False)
        try:
            for _ in changes:
                ring()
        except (OSError, RuntimeError):  # no announcements here: the looks find the saves
            return

    def stop(self) -> None:
        self.stopped.set()


class PollPace:
    """How long to wait before looking for saved files again, so that looking takes
    at most a tenth of the time: judged by the quickest of the last few looks, as one
    slowed by the search index written beside it (five times slower on a large site)
    would hold every save after it back by as much."""

    def __init__(self) -> None:
        self.looks: collections.deque[float] = collections.deque(maxlen=POLL_LOOKS)

    def wait_after(self, looked: float) -> float:
        self.looks.append(looked)
        return max(POLL_S, POLL_SHARE * min(self.looks))


# After a build, how long the open pages have to reload before the deferred steps start.
DEFERRED_AFTER_S = 0.5
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


class SelectiveWriter(ParallelWriter):
    """The build's writer, on one core, except that the pages named in `skip` (and,
    when `only` is set, every page it does not name) are left as they are on disk.
    Pelican's writer still goes through them (pagination, and reporting each page
    as written, so that plugins listing every page, the sitemap, see the whole
    site), with a template that renders nothing and a file that writes nowhere.
    The others are written over in place (plugins/parallel_writer): opening a page
    to write it anew costs more than rendering it."""

    skip: frozenset[str] = frozenset()
    only: frozenset[str] | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.holding = False
        self.as_written: set[str] = set()  # the paths of the pages left as they are

    def write_file(self, name, template, context, *args, **kwargs):
        only = SelectiveWriter.only
        if name in SelectiveWriter.skip or (only is not None and name not in only):
            template = AsWritten(template, self)
        return super().write_file(name, template, context, *args, **kwargs)

    def _open_w(self, filename, encoding, override=False):
        opened = super()._open_w(filename, encoding, override)  # Pelican's rules first
        return written_over(os.devnull, encoding) if filename in self.as_written else opened


class AsWritten:
    """A page's template, when the page on disk is what it would render: nothing is
    rendered. A page missing from disk is rendered as usual."""

    def __init__(self, template, writer: SelectiveWriter) -> None:
        self.template = template
        self.writer = writer

    def render(self, context) -> str:
        path = sanitised_join(self.writer.output_path, context["output_file"])
        if not os.path.isfile(path):
            return self.template.render(context)
        self.writer.as_written.add(path)
        return ""


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


class PluginPatch:
    """One of a plugin's functions, replaced in its module for the length of a
    build: the plugin looks the function up there each time it calls it."""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name
        self.original = None

    def install(self, _pelican) -> None:
        """Once the plugins are loaded; nothing when the site does not use this one."""
        if self.module.partition(".")[0] not in sys.modules:
            return
        module = importlib.import_module(self.module)
        self.original = getattr(module, self.name)
        setattr(module, self.name, self.replacement(module, self.original))

    def uninstall(self) -> None:
        if self.original is not None:
            setattr(sys.modules[self.module], self.name, self.original)
            self.original = None

    def replacement(self, module, original):
        raise NotImplementedError


class Reuse(PluginPatch):
    """A costly function's last result, given again while what the result is made
    from is the same: `source(module, arguments)` says what that is, from its
    arguments by name. An argument it does not know of is compared as it is (a
    new parameter of the plugin's can cost the reuse, never give a stale result)."""

    def __init__(self, module: str, name: str, source) -> None:
        super().__init__(module, name)
        self.source = source
        self.last: tuple[object, object] | None = None  # (what it was made from, the result)

    def replacement(self, module, original):
        signature = inspect.signature(original)

        def reused(*args, **kwargs):
            source = self.source(module, dict(signature.bind(*args, **kwargs).arguments))
            if self.last is None or self.last[0] != source:
                self.last = (source, original(*args, **kwargs))
            return self.last[1]

        return reused


class Deferred(PluginPatch):
    """A slow last step of the build whose work nothing else in the build reads,
    run once the browser has the new page: in a thread, one call at a time, a
    later build's call taking the place of one not started yet. `result(*args)`
    is what the build gets back at once; `done` is printed when the step is."""

    def __init__(self, module: str, name: str, result, done: str) -> None:
        super().__init__(module, name)
        self.result, self.done = result, done
        self.lock = threading.Lock()
        self.pending: tuple | None = None  # (function, args, kwargs) of the last call not run
        self.running = False

    def replacement(self, module, original):
        def deferred(*args, **kwargs):
            with self.lock:
                self.pending = (original, args, kwargs)
            return self.result(*args, **kwargs)

        return deferred

    def start(self) -> None:
        with self.lock:
            if self.running or self.pending is None:
                return
            self.running = True
        threading.Thread(target=self._work, daemon=True).start()

    def _work(self) -> None:
        if sys.platform == "linux":
            # This thread, and what it starts (Pagefind), yield the processor to the
            # next build and to the browser (on Linux, a thread's own priority).
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
        while True:
            with self.lock:
                if self.pending is None:
                    self.running = False
                    return
                (function, args, kwargs), self.pending = self.pending, None
            started = time.perf_counter()
            try:
                function(*args, **kwargs)
            except Exception as error:  # the pages are served: say so and go on
                print(f"error: {self.module}: {error}", file=sys.stderr, flush=True)
            else:
                print(f"{self.done} in {time.perf_counter() - started:.2f} s.", flush=True)


def resources_source(_generator, arguments: dict) -> dict:
    """The support resources (plugins/resource_directory) are read from their
    folder's YAML files, for these categories (the slugs: their pages are new
    objects in each build)."""
    folder = arguments["folder"]
    files = sorted(os.scandir(folder), key=lambda file: file.name) if os.path.isdir(folder) else []
    state = [(file.name, file.stat().st_mtime_ns, file.stat().st_size) for file in files]
    # `read` reads a file as the plugin's own reader does (from its cache, a new
    # object each build): which one is used changes nothing.
    same = {name: value for name, value in arguments.items() if name != "read"}
    return {**same, "categories": list(arguments["categories"]), "files": state}


def search_bundle(site, *_args, **_kwargs) -> Path:
    """Where the search index (plugins/site_search) is written: Pagefind over
    every page takes seconds, and no page needs the index to be shown."""
    return Path(site) / sys.modules["site_search.index"].BUNDLE


class BuildAborted(Exception):
    """Raised before anything is written when reading the content found errors."""


def report_blocks(text: str) -> list[str]:
    """A build's report as its findings: each starts at the start of a line,
    its hint is indented below it."""
    blocks: list[str] = []
    for line in filter(str.strip, text.splitlines()):
        if line[0].isspace() and blocks:
            blocks[-1] += "\n" + line
        else:
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
        self.articles: set[str] = set()  # the source files of the articles
        self.wins_shown: tuple | None = None  # what the last good build's pages showed of them
        self._wins_shown: tuple | None = None  # the same, of the build under way
        self._context: dict = {}
        self._same_files = False  # the build under way: only text edited
        self.collector = Collector()
        self.report: list[str] = []  # the last build's findings, as printed
        self.templates = MemoryBytecodeCache()
        # What a text edit seldom changes: the YAML files of the resource directory.
        # (The checklist's PDFs are kept by the plugin's own cache, on disk.)
        self.reused = [
            Reuse("resource_directory.generator", "load_directory", resources_source),
        ]
        self.deferred = [
            Deferred("site_search", "write_index", search_bundle, done="Search index written")
        ]
        self.defer = False  # True: deferred steps wait for start_deferred()
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

    def listed_as_before(self, changed: set[str]) -> bool:
        """Whether the pages that list content show the edited articles as before,
        as far as their metadata tells: they show an article's title, address, date
        and summary, which an edit of the text keeps. They also show the wins, which
        are compared once read (`_choose_writer`)."""
        return all(
            path in self.articles
            and isinstance(self.metadata[path], dict)
            and "summary" in self.metadata[path]
            for path in changed
        )

    @staticmethod
    def _metadata(path: str) -> object:
        """A Markdown file's metadata."""
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
            ok = self.build_in_process(keep=changed, listings=not self.listed_as_before(changed))
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

    def build_in_process(self, keep: set[str] | None, listings: bool = True) -> bool:
        """Run Pelican here. With `keep`, the pages of all other content files are
        not written again: their text did not change and neither did any title,
        date or category that they show. Without `listings`, neither are the pages
        that list content (home, categories, tags, archives, checklist, search)."""
        # Only text edited: every file is where it was, and its page too.
        self._same_files = keep is not None
        kept = keep if keep is not None else self.pages_of.keys()
        SelectiveWriter.skip = frozenset(
            page for source, page in self.pages_of.items() if source not in kept
        )
        SelectiveWriter.only = None if listings else frozenset(self.pages_of[s] for s in kept)
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
            # Into the same folder each time: a static file is copied when it changed.
            "STATIC_CHECK_IF_MODIFIED": True,
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
            *((signals.initialized, patch.install) for patch in self.patches()),
            (signals.get_writer, self._choose_writer),
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
            self.collector.findings.append(finding_for(error))
        finally:
            root.removeHandler(self.collector)
            for signal, handler in hooks:
                signal.disconnect(handler)
            for patch in self.patches():
                patch.uninstall()
        findings = sorted(set(self.collector.findings))
        self.report = [str(finding) for finding in findings]
        for line in self.report:
            print(line, file=sys.stderr, flush=True)
        ok = not any(finding.level == "error" for finding in findings)
        if ok:
            self.wins_shown = self._wins_shown
        return ok

    def patches(self) -> list[PluginPatch]:
        return [*self.reused, *(self.deferred if self.defer else [])]

    def start_deferred(self) -> None:
        for step in self.deferred:
            step.start()

    def _list_pages(self, generators) -> None:
        self.pages_of = {}
        self.articles = {
            article.source_path
            for generator in generators
            for article in getattr(generator, "articles", None) or []
        }
        for generator in generators:
            for name in ("articles", "translations", "drafts", "drafts_translations",
                         "hidden_articles", "hidden_translations", "pages",
                         "hidden_pages", "draft_pages"):  # fmt: skip
                for item in getattr(generator, name, None) or []:
                    self.pages_of[item.source_path] = item.save_as

    def _choose_writer(self, _pelican):
        """The selective writer, once every generator has read its content: the
        pages that list content are written again when the wins they show changed
        (Pelican asks for its writer after the last generator has finished)."""
        checklist = self._context.get("small_wins")
        self._wins_shown = checklist.shown() if checklist is not None else None
        if self._wins_shown != self.wins_shown:
            SelectiveWriter.only = None
        return SelectiveWriter

    def _reuse_content(self, generator) -> None:
        generator._cache = self.kept_content.setdefault(type(generator).__name__, {})
        generator.save_cache = lambda: None  # kept in memory, never pickled

    def _before_writing(self, generators) -> None:
        """Nothing is written when reading failed: the served site stays as it was."""
        if any(finding.level == "error" for finding in self.collector.findings):
            raise BuildAborted
        self._context = generators[0].context
        if not (self._same_files and self.pages_of):  # else the same files, at the same places
            self._list_pages(generators)
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
        builder.defer = True
        self.builds = 0
        self.failed = False
        self.sockets: set[LiveSocket] = set()
        self.seen: Snapshot = {}  # the files as of the last look, built or not
        self.pace = PollPace()
        self.loop: IOLoop | None = None  # the server's, once it has looked
        self.next_look = None
        self.alarm = SaveAlarm(builder.watched, self.look_now)

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
        """Build when a watched file changed since the last look; look again soon."""
        started = time.perf_counter()
        snapshot = self.builder.take_snapshot()
        looked = time.perf_counter() - started
        try:
            if snapshot != self.seen:
                self.seen = snapshot
                self.rebuild(snapshot)
        finally:
            self.loop = IOLoop.current()
            self.next_look = self.loop.call_later(self.pace.wait_after(looked), self.look)

    def look_now(self) -> None:
        """From the alarm's thread: the next look, at once."""
        if self.loop is not None:
            self.loop.add_callback(self._look_early)

    def _look_early(self) -> None:
        self.loop.remove_timeout(self.next_look)
        self.look()

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
        # The open pages reload first; the deferred steps would slow them down.
        IOLoop.current().call_later(DEFERRED_AFTER_S, self.builder.start_deferred)


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
    """The built site, as it is now: a page is never cached (it carries its build),
    any other file is asked for again each time, and a missing page is answered
    by the site's 404 page."""

    def is_page(self) -> bool:
        return self.absolute_path.endswith(".html")

    def should_return_304(self) -> bool:
        return not self.is_page() and super().should_return_304()

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "no-store" if self.is_page() else "no-cache")

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
        (rf"/_devserver/({client})", SiteHandler, {"path": str(ROOT / "scripts")}),
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
    print(f"Serving on http://{args.host}:{args.port}/ (Ctrl-C stops)", flush=True)
    try:
        IOLoop.current().start()
    except KeyboardInterrupt:
        print("Stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
