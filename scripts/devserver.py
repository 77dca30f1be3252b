"""Development server: serves the built site, rebuilds it when a source file
changes, and reloads the browser. A failed build is reported here and the
server keeps running; the next good save recovers."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from livereload import Server
from pelican.settings import read_settings


def watched_paths(settings_file: Path) -> list[str]:
    settings = read_settings(str(settings_file))
    paths = [settings["PATH"], settings["THEME"], *settings["PLUGIN_PATHS"]]
    paths += [str(path) for path in settings_file.parent.glob("*conf.py")]
    return sorted(set(paths))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    parser.add_argument("--output", type=Path, default=Path("output"))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    settings_file = args.settings.resolve()
    command = [
        sys.executable, str(Path(__file__).with_name("build.py")),
        "--settings", str(settings_file), "--output", str(args.output),
    ]  # fmt: skip

    def build() -> None:
        if subprocess.run(command).returncode:
            print("Build failed: fix the error above and save again. Still serving.", flush=True)
        else:
            print(f"Rebuilt. Serving on http://{args.host}:{args.port}/", flush=True)

    build()
    args.output.mkdir(parents=True, exist_ok=True)
    server = Server()
    for path in watched_paths(settings_file):
        server.watch(path, build, delay=0.2)
    server.serve(host=args.host, port=args.port, root=str(args.output), open_url_delay=None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
