"""What the checklist's printout is made from, without WeasyPrint (which takes
most of a second to load, and a build whose PDFs are in the cache never needs it):
the densities it is laid out at and the site's own files, by their addresses."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import unquote

# Roomy first: a calm page with space to write; denser only when the wins need it.
DENSITIES = ("roomy", "compact", "tight")


class SiteFiles:
    """The page's stylesheets, fonts and images in the site's own folders, and
    nothing else: building a PDF must never reach the network."""

    def __init__(self, routes: Sequence[tuple[str, Path]]) -> None:
        # Compared with unquoted addresses: a file URI spells a space or an accent
        # in the checkout's path as %20 or %C3%A9.
        self.routes = [(unquote(prefix), Path(folder).resolve()) for prefix, folder in routes]

    def path_of(self, url: str) -> Path | None:
        address = unquote(url.split("#", 1)[0].split("?", 1)[0])
        for prefix, folder in self.routes:
            if not address.startswith(prefix):
                continue
            path = (folder / address[len(prefix) :]).resolve()
            if path.is_relative_to(folder) and path.is_file():
                return path
        return None


def site_files(settings: Mapping, output: Path) -> SiteFiles:
    """The theme's static files are copied after the pages are written, so they are
    read from the theme itself; anything else from the output folder."""
    theme = Path(settings["THEME"])
    static_dir = settings.get("THEME_STATIC_DIR", "theme")
    roots = [output.as_uri() + "/"]
    if settings.get("SITEURL", "").startswith(("http://", "https://")):
        roots.append(settings["SITEURL"].rstrip("/") + "/")
    routes = []
    for root in roots:
        routes += [
            (f"{root}{static_dir}/", theme / path) for path in settings["THEME_STATIC_PATHS"]
        ]
        routes.append((root, output))
    return SiteFiles(routes)


def human_size(size: int) -> str:
    """A file size as a link text shows it: '34 KB'."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{round(size / 1000)} KB"
    return f"{size / 1_000_000:.1f} MB"
