"""Every file under the content folder is read as content, copied as a static file, or
reported here: Pelican leaves a file it has no place for out without a word, so a page
saved in the wrong place would never be built, checked or seen."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from .findings import ERROR, Finding
from .sources import CATEGORY_SUFFIX, DATA, MARKDOWN, display

# Other names editors and tools give Markdown files: refused by name, never ignored.
MARKDOWN_LIKE = {".mdwn", ".mkdn", ".mdtext", ".mdtxt", ".mdx", ".mmd", ".rmd", ".txt", ".text"}
# Endings (none, too) that say nothing of what a file holds: its folder tells.
PLAIN_TEXT = {".txt", ".text", ""}
RULE = "content-unread"


def check_accounting(project: Path, settings: dict) -> list[Finding]:
    content = Path(settings["PATH"])
    if not content.is_dir():
        return []
    findings = []
    for path in sorted(content.rglob("*")):
        relative = PurePosixPath(path.relative_to(content).as_posix())
        # Hidden files are the system's or an editor's (.DS_Store, a swap file).
        if path.is_dir() or any(part.startswith(".") for part in relative.parts):
            continue
        why = unread(relative, settings)
        if why:
            message, hint = why
            findings.append(Finding(display(path, project), 1, 1, ERROR, message, RULE, hint))
    return findings


def folders(settings: dict) -> dict[str, str]:
    """Each content folder, with what it holds."""
    return {
        **{folder: "articles" for folder in settings.get("ARTICLE_PATHS", [])},
        **{folder: "standalone pages" for folder in settings.get("PAGE_PATHS", [])},
        settings.get("CATEGORY_PAGES_PATH", "categories"): "category pages",
        settings.get("RESOURCES_PATH", "resources"): "resources",
    }


def unread(relative: PurePosixPath, settings: dict) -> tuple[str, str] | None:
    """Why nothing reads the file at `relative` (inside the content folder), and
    where it belongs; None when something reads or copies it."""
    top = relative.parts[0] if len(relative.parts) > 1 else ""
    if any(relative.is_relative_to(folder) for folder in settings.get("STATIC_PATHS", [])):
        return None
    suffix = relative.suffix
    kind = folders(settings).get(top)
    category_folder = settings.get("CATEGORY_PAGES_PATH", "categories")
    resource_folder = settings.get("RESOURCES_PATH", "resources")
    markdown_places = (
        f"articles go in content/{settings['ARTICLE_PATHS'][0]}/, standalone pages in "
        f"content/{settings['PAGE_PATHS'][0]}/, category pages in content/{category_folder}/"
    )
    if kind in ("articles", "standalone pages") and suffix in MARKDOWN:
        return None
    if kind == "category pages" and len(relative.parts) == 2 and suffix == CATEGORY_SUFFIX:
        return None
    if kind == "resources" and len(relative.parts) == 2 and suffix in DATA:
        return None
    if renamed := readable_name(relative, kind):
        why, name = renamed
        hint = f"rename it to {name}"
        if elsewhere := unread(relative.with_name(name), settings):
            hint += f", then {elsewhere[1]}"
        return f"'{relative.name}' is not read: {why}", hint
    here = "content/" if relative.parent.name == "" else f"content/{relative.parent}/"
    if suffix in MARKDOWN:
        return f"nothing reads a Markdown file in {here}", f"move it: {markdown_places}"
    if suffix in DATA:
        return f"nothing reads a YAML file in {here}", (
            f"move it to content/{resource_folder}/, where each service has a file of its own"
        )
    static = " or ".join(f"content/{folder}/" for folder in settings.get("STATIC_PATHS", []))
    return f"nothing reads or publishes a file in {here}", (
        f"images and other files that pages link to go in {static}; {markdown_places}"
    )


def readable_name(relative: PurePosixPath, kind: str | None) -> tuple[str, str] | None:
    """A name the site reads for a Markdown or YAML file whose name it does not read,
    and why it does not; None for another file, or one in the wrong folder only."""
    suffix, stem = relative.suffix, relative.stem
    lowered = suffix.lower()
    if suffix != lowered and (lowered in MARKDOWN or lowered in DATA):
        why = f"its ending {suffix} has capital letters, and the site reads only lowercase endings"
        return why, stem + (".md" if lowered in MARKDOWN else lowered)
    if kind == "category pages" and suffix in MARKDOWN and suffix != CATEGORY_SUFFIX:
        return "only .md files are read as Markdown", stem + CATEGORY_SUFFIX
    if lowered not in MARKDOWN_LIKE and (suffix or kind is None):
        return None
    inner = PurePosixPath(stem).suffix.lower()
    if inner in MARKDOWN or inner in DATA:  # walk.md.txt: the ending under the last says what it is
        stem, wanted = PurePosixPath(stem).stem, ".md" if inner in MARKDOWN else inner
    elif kind == "resources" and lowered in PLAIN_TEXT:
        wanted = ".yaml"
    else:
        wanted = ".md"
    if not suffix:
        why = f"its name does not end in {wanted}"
    elif wanted == ".md":
        why = "only .md files are read as Markdown"
    else:
        why = "only .yaml files are read as support resources"
    return why, stem + wanted
