"""`make regenerate`: rebuild the site whenever a source file changes, without serving.

The devserver's builder (scripts/devserver.py) does the work, in this one process, as
cheaply as each change allows, in a folder of its own next to the output
(`.output-regenerate`). After each good build that folder is swapped in whole, in one
step, and the output before takes its place; then, while nothing is being built, the
files that changed are copied into it from the new output, for the next build to
write over. A failed build, Ctrl-C or a stop signal leaves `output/` a whole site.
Should another build (`make html`) replace the output before the copy, the next
build starts from nothing.

After the first build, the search index (seconds of Pagefind on a large site) is
written once the new pages are out, and swapped in the same way, as the devserver
writes it after the open page has reloaded.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "plugins")]

from build import output_lock, swap_in  # noqa: E402  (scripts/build.py, beside this file)
from devserver import Builder, PollPace, SaveAlarm  # noqa: E402


def work_folder(output: Path) -> Path:
    return output.with_name(f".{output.name}-regenerate")


def copy_changed(source: Path, target: Path) -> None:
    """Make `target` hold exactly `source`'s files, copying only those whose size or
    modification time differ (copies keep the time: the next look sees them as equal).
    Each folder is listed once on each side: a large site has a folder per page."""
    os.makedirs(target, exist_ok=True)
    with os.scandir(target) as entries:
        there = {entry.name: entry for entry in entries}
    with os.scandir(source) as entries:
        for entry in entries:
            old = there.pop(entry.name, None)
            copy = os.path.join(target, entry.name)
            if entry.is_dir():
                if old is not None and not old.is_dir(follow_symlinks=False):
                    os.unlink(copy)
                copy_changed(Path(entry.path), Path(copy))
                continue
            if old is not None and old.is_dir(follow_symlinks=False):
                shutil.rmtree(copy)
                old = None
            status = entry.stat()
            if old is None or (old.stat().st_size, old.stat().st_mtime_ns) != (
                status.st_size, status.st_mtime_ns,
            ):  # fmt: skip
                shutil.copy2(entry.path, copy)
    for old in there.values():  # gone from the source
        if old.is_dir(follow_symlinks=False):
            shutil.rmtree(old.path)
        else:
            os.unlink(old.path)


class SwappedIn:
    """The work folder's build swapped in as the output; the output before, now in
    the work folder, is then brought up to it."""

    def __init__(self, work: Path, output: Path) -> None:
        self.work, self.output = work, output
        # Held until the copy: while it is open, no other folder can have its inode.
        self.held = os.open(work, os.O_RDONLY | os.O_DIRECTORY)
        try:
            swap_in(work, output, old_to=work)
        except BaseException:
            os.close(self.held)
            raise

    def catch_up(self) -> bool:
        """False when another build has replaced the output meanwhile: the work
        folder then holds some other build, which is removed."""
        try:
            with output_lock(self.output):
                now, ours = os.stat(self.output), os.fstat(self.held)
                if (now.st_dev, now.st_ino) == (ours.st_dev, ours.st_ino):
                    copy_changed(self.output, self.work)
                    return True
        finally:
            os.close(self.held)
        shutil.rmtree(self.work, ignore_errors=True)
        return False


def write_deferred(builder: Builder) -> None:
    """The steps the build left for later, done now: nothing else writes to the
    builder's folder meanwhile, so the output is never copied from it half-written."""
    builder.start_deferred()
    while any(step.running for step in builder.deferred):
        time.sleep(0.01)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    parser.add_argument("--output", type=Path, default=Path("output"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=sys.stdout)
    logging.getLogger().handlers[0].setLevel(logging.CRITICAL)  # findings are printed once
    output = args.output.resolve()
    # From nothing: a run stopped while writing leaves its folder part old, part new.
    shutil.rmtree(work_folder(output), ignore_errors=True)
    builder = Builder(args.settings.resolve(), work_folder(output))
    seen: dict = {}
    pace = PollPace()
    saved = threading.Event()
    SaveAlarm(builder.watched, saved.set)
    print("Rebuilding on every change (Ctrl-C stops).", flush=True)
    while True:
        started = time.perf_counter()
        saved.clear()  # a save from now on ends the next wait at once
        snapshot = builder.take_snapshot()
        looked = time.perf_counter() - started
        if snapshot != seen:
            seen = snapshot
            if builder.build(snapshot):
                swapped = SwappedIn(builder.output, output)
                took = time.perf_counter() - started
                print(f"Wrote {output.name}/ in {took:.2f} s.", flush=True)
                caught_up = swapped.catch_up()
                if caught_up and builder.defer:
                    write_deferred(builder)
                    caught_up = SwappedIn(builder.output, output).catch_up()
                    print(f"Wrote {output.name}/ with its search index.", flush=True)
                if not caught_up:
                    print(f"{output.name}/ was replaced by another build: the next build"
                          " starts from nothing.", flush=True)  # fmt: skip
                    builder = Builder(args.settings.resolve(), work_folder(output))
                builder.defer = caught_up
            else:
                print(f"Build failed: {output.name}/ was left as it was.", flush=True)
        saved.wait(pace.wait_after(looked))


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stopped like Ctrl-C
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("Stopped.")
        sys.exit(0)
