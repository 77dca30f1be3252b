"""Start a new content file from a template: `make new-page`, `make new-category`,
`make new-resource` (or `python -m checks.scaffold KIND --title ...`).

The file is written with the title, category and date filled in and TODO where the
editor's own words go; `make check` lists each TODO left, at its line.
Exit codes: 0 written, 2 a wrong title or category, or the file exists already.
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import json
import sys
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

import yaml  # noqa: E402
from pelican.settings import read_settings  # noqa: E402
from pelican.utils import slugify  # noqa: E402

from .sources import CATEGORY, Source, display, load_sources  # noqa: E402

TEMPLATES = Path(__file__).with_name("templates")
KINDS = ("page", "category", "resource")
# What each kind takes, as an editor types it.
USAGE = {
    "page": 'make new-page TITLE="Going for a walk" [CATEGORY=daily-basics]\n'
    "  TITLE     the page's title, in sentence case\n"
    "  CATEGORY  for an article: the category it is listed under (without one: a "
    "standalone page)",
    "category": 'make new-category TITLE="Rest and sleep"\n'
    "  TITLE     the category's title, in sentence case",
    "resource": 'make new-resource TITLE="Samaritans" CATEGORY=getting-support '
    "[SOURCE=https://…]\n"
    "  TITLE     the service's own name\n"
    "  CATEGORY  the category it is listed under\n"
    "  SOURCE    the official page its facts come from",
}


class ScaffoldError(Exception):
    """Something the editor typed cannot make a file: the message says what to type."""


def yaml_text(text: str) -> str:
    """A value for a YAML line: as typed when YAML reads it back unchanged, quoted if not
    (a title such as "Yes: really" or "2025" must stay text)."""
    try:
        plain = yaml.safe_load(f"key: {text}") == {"key": text}
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def find_category(name: str, categories: list[Source]) -> Source:
    """A category by its slug or title, in any case; a close guess when it is misspelt."""
    names = {}
    for category in categories:
        names[category.path.stem.lower()] = category
        names[str(category.metadata.get("title", "")).lower()] = category
    found = names.get(name.strip().lower())
    if found is not None:
        return found
    guess = difflib.get_close_matches(name.strip().lower(), list(names), n=1, cutoff=0.5)
    known = ", ".join(sorted(category.path.stem for category in categories)) or "none yet"
    did_you_mean = f" Did you mean '{names[guess[0]].path.stem}'?" if guess else ""
    raise ScaffoldError(f"there is no category '{name}'.{did_you_mean} Categories: {known}")


def plan(
    kind: str, title: str, category: str | None, source: str | None, content: Path,
    categories: list[Source], settings: dict, today: datetime.date,
) -> tuple[Path, str]:  # fmt: skip
    """The file to write and its text."""
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError('give a title, e.g. TITLE="Going for a walk"')
    slug = slugify(title, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
    values = {"title": yaml_text(title), "date": today.isoformat()}
    if kind == "page" and category:
        values["category"] = yaml_text(str(find_category(category, categories).metadata["title"]))
        name, folder = "article.md", settings["ARTICLE_PATHS"][0]
    elif kind == "page":
        name, folder = "page.md", settings["PAGE_PATHS"][0]
    elif kind == "category":
        orders = [c.metadata.get("order") for c in categories]
        values["order"] = max([o for o in orders if isinstance(o, int)], default=0) + 1
        name, folder = "category.md", settings.get("CATEGORY_PAGES_PATH", "categories")
    else:
        if not category:
            raise ScaffoldError("give the resource's category, e.g. CATEGORY=getting-support")
        from resource_directory.schema import KINDS as RESOURCE_KINDS

        values["category"] = find_category(category, categories).path.stem
        values["kinds"] = ", ".join(RESOURCE_KINDS)
        values["source"] = yaml_text(source) if source else "TODO https://the-official-page"
        name, folder = "resource.yaml", settings.get("RESOURCES_PATH", "resources")
    target = content / folder / f"{slug}{Path(name).suffix}"
    text = Template((TEMPLATES / name).read_text(encoding="utf-8")).substitute(values)
    return target, text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checks.scaffold", description=__doc__)
    parser.add_argument("kind", choices=KINDS)
    parser.add_argument("--title", default="")
    parser.add_argument("--category", help="a category's slug or title (a page then goes "
                        "in articles/ and is listed on that category's page)")  # fmt: skip
    parser.add_argument("--source", help="for a resource: the official page of the service")
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    args = parser.parse_args(argv)
    missing = [
        name
        for name, value in (("TITLE", args.title), ("CATEGORY", args.category))
        if not (value or "").strip() and (name == "TITLE" or args.kind == "resource")
    ]
    if missing:
        print(f"error: give {' and '.join(missing)}\nusage: {USAGE[args.kind]}", file=sys.stderr)
        return 2
    settings = read_settings(str(args.settings))
    project = args.settings.resolve().parent
    sources = load_sources(project, settings)
    categories = [source for source in sources if source.kind == CATEGORY]
    try:
        target, text = plan(
            args.kind, args.title, args.category, args.source, Path(settings["PATH"]),
            categories, settings, datetime.date.today(),
        )  # fmt: skip
        if target.exists():
            raise ScaffoldError(f"{display(target, project)} exists already: choose another title")
    except ScaffoldError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"Wrote {display(target, project)}: replace each TODO, then run `make check`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
