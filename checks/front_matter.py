"""Front matter: required fields per kind of file, known keys (with a "did you
mean"), known categories, one address per page and none of the site's own (dates
are the reader's: only YYYY-MM-DD is read)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

import fixed_urls
from markdown_reader.errors import ContentError
from pelican.urlwrappers import Category

from .findings import ERROR, Finding
from .sources import ARTICLE, CATEGORY, PAGE, Source

COMMON_KEYS = {
    "title", "slug", "summary", "lang", "status", "template", "save_as", "url",
    "translation", "author", "authors", "tags", "date", "modified",
}  # fmt: skip
KNOWN_KEYS = {
    ARTICLE: COMMON_KEYS | {"category"},
    PAGE: COMMON_KEYS,
    CATEGORY: {"title", "summary", "order", "lang"},
}
REQUIRED_KEYS = {
    ARTICLE: ("title", "date", "category", "summary"),
    PAGE: ("title",),
    CATEGORY: ("title", "summary"),
}
HINTS = {
    "title": "add a line 'title: ...' with the page's title, in sentence case",
    "date": "add a line 'date: YYYY-MM-DD', for example 'date: 2025-03-14'",
    "category": "add a line 'category: ...' naming one of the categories in content/categories/",
    "summary": "add a line 'summary: ...' with one plain sentence saying what the page is about",
}
STATUSES = ("published", "draft", "hidden")


def check_front_matter(sources: list[Source], settings: dict) -> list[Finding]:
    categories = {s.path.stem: s for s in sources if s.kind == CATEGORY}
    findings: list[Finding] = []
    for source in sources:
        if source.error is not None:
            error = source.error
            where = (source.name, error.line, 1, ERROR)
            findings.append(Finding(*where, error.message, error.rule, error.hint))
        elif source.kind in KNOWN_KEYS:
            misplaced = check_folder(source, settings)
            findings += [misplaced] if misplaced else check_keys(source)
            findings += check_values(source, categories, settings)
    findings += check_unique_addresses(sources)
    findings += check_site_addresses(sources, settings)
    return findings


def kind_by_fields(source: Source) -> tuple[str, str] | None:
    """The kind of file the fields say this is, when it is not the kind its folder
    holds, and the field that says so."""
    keys = set(source.metadata)
    if source.kind != ARTICLE:
        telling = "category" if "category" in keys else "date" if source.kind == CATEGORY else ""
        if telling in keys:
            return ARTICLE, telling
    if source.kind != CATEGORY and "order" in keys and not keys & {"date", "category"}:
        return CATEGORY, "order"
    unknown = keys - KNOWN_KEYS[source.kind]
    if source.kind == CATEGORY and unknown and unknown <= KNOWN_KEYS[PAGE]:
        return PAGE, sorted(unknown, key=source.key_line)[0]
    if source.kind == ARTICLE and "title" in keys and not keys & {"date", "category"}:
        return PAGE, "title"
    return None


def check_folder(source: Source, settings: dict) -> Finding | None:
    """A file in the wrong folder: an article saved in categories/ becomes a category."""
    found = kind_by_fields(source)
    if found is None:
        return None
    kind, telling = found
    content = Path(settings["PATH"])
    here = source.path.parent.relative_to(content).as_posix()
    folder = folder_of(kind, settings)
    why = {
        ARTICLE: f"it has a {telling}, so it is an article",
        CATEGORY: "it has an order, so it is a category page",
        PAGE: f"it has a {telling} but no date or category, so it is a standalone page"
        if source.kind == ARTICLE
        else f"it has a {telling}, which a category page does not have, so it is a page",
    }[kind]  # fmt: skip
    hint = f"move it to content/{folder}/"
    if source.kind == ARTICLE and kind == PAGE:
        hint += ", or, for an article, add a date and a category"
    return Finding(
        source.name, source.key_line(telling), 1, ERROR,
        f"wrong folder: {why}, but it is in content/{here}/", "front-matter-folder", hint,
    )  # fmt: skip


def folder_of(kind: str, settings: dict) -> str:
    if kind == ARTICLE:
        return settings["ARTICLE_PATHS"][0]
    if kind == PAGE:
        return settings["PAGE_PATHS"][0]
    return settings.get("CATEGORY_PAGES_PATH", "categories")


def check_keys(source: Source) -> Iterable[Finding]:
    known = KNOWN_KEYS[source.kind]
    required = REQUIRED_KEYS[source.kind]
    present = {key for key, value in source.metadata.items() if value not in ("", None)}
    missing = [key for key in required if key not in present]
    for key in source.metadata:
        if key in known:
            continue
        guess = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
        if key.lower() == "draft" and "status" in known:
            # Other site builders' `draft: true`, closest in spelling to 'date'.
            message = f"unknown field '{key}': a draft is marked with 'status: draft'"
            hint = draft_hint(key, source.metadata[key])
        elif guess:
            message = f"unknown field '{key}': did you mean '{guess[0]}'?"
            hint = f"rename '{key}' to '{guess[0]}'"
            if guess[0] in missing:
                missing.remove(guess[0])  # one finding for one typo
        else:
            message = f"unknown field '{key}'"
            hint = f"the fields of this kind of file are: {', '.join(sorted(known))}"
        line = source.key_line(key)
        yield Finding(source.name, line, 1, ERROR, message, "front-matter-key", hint)
    for key in missing:
        what = "an empty" if key in source.metadata else "no"
        yield Finding(
            source.name, source.key_line(key), 1, ERROR,
            f"{what} '{key}': every {source.kind} file needs one", "front-matter-required",
            HINTS.get(key, f"add a line '{key}: ...'"),
        )  # fmt: skip


def draft_hint(key: str, value: object) -> str:
    if str(value).strip().lower() in ("false", "no", "off", "0"):
        return f"delete the '{key}' line: a page without a status is published"
    return f"replace the '{key}' line with 'status: draft' (to publish the page, delete that line)"


def check_values(
    source: Source, categories: dict[str, Source], settings: dict
) -> Iterable[Finding]:
    metadata = source.metadata  # dates were checked as the file was read
    status = metadata.get("status")
    if status not in (None, "") and str(status).lower() not in STATUSES:
        yield Finding(
            source.name, source.key_line("status"), 1, ERROR, f"unknown status '{status}'",
            "front-matter-status", f"write one of: {', '.join(STATUSES)}",
        )  # fmt: skip
    template = metadata.get("template")
    if template not in (None, ""):
        finding = check_template(source, str(template), settings)
        if finding:
            yield finding
    category = metadata.get("category")
    if source.kind == ARTICLE and isinstance(category, str) and category.strip():
        finding = check_category(source, category, categories, settings)
        if finding:
            yield finding


def check_template(source: Source, name: str, settings: dict) -> Finding | None:
    folder = Path(settings.get("THEME", "theme")) / "templates"
    names = sorted(path.stem for path in folder.glob("*.html"))
    if not names or name in names:
        return None
    return Finding(
        source.name, source.key_line("template"), 1, ERROR,
        f"no template '{name}' in the theme", "front-matter-template",
        f"write one of: {', '.join(names)}; or leave the line out for the usual layout",
    )  # fmt: skip


def check_category(
    source: Source, name: str, categories: dict[str, Source], settings: dict
) -> Finding | None:
    known = {stem: page.metadata.get("title", stem) for stem, page in categories.items()}
    slugs = set(known) | {page.slug for page in categories.values() if page.slug}
    if Category(name, settings).slug in slugs:
        return None
    titles = [str(title) for title in known.values()]
    guess = difflib.get_close_matches(name.lower(), [t.lower() for t in titles], n=1, cutoff=0.5)
    suggestion = next((t for t in titles if guess and t.lower() == guess[0]), None)
    message = f"unknown category '{name}'"
    if suggestion:
        message += f": did you mean '{suggestion}'?"
    return Finding(
        source.name, source.key_line("category"), 1, ERROR, message, "front-matter-category",
        f"use one of: {', '.join(sorted(titles))}; or add the category with `make new-category`",
    )  # fmt: skip


def check_unique_addresses(sources: list[Source]) -> Iterable[Finding]:
    first_at: dict[str, Source] = {}
    for source in sources:
        if not source.save_as:
            continue
        other = first_at.setdefault(source.save_as, source)
        if other is not source:
            shared = fixed_urls.address_shared
            yield as_finding(shared(source.name, address_line(source), source.save_as, other.name))


def check_site_addresses(sources: list[Source], settings: dict) -> Iterable[Finding]:
    """The build's own rule (plugins/fixed_urls), for every file at once."""
    addresses = fixed_urls.site_addresses(settings)
    for source in sources:
        if source.kind == CATEGORY or not source.save_as:
            continue  # a category's page is one of the site's own
        named = str(source.metadata.get("save_as") or "")
        if fixed_urls.names_no_page(named):
            yield as_finding(fixed_urls.saved_as_no_page(source.name, address_line(source), named))
        elif fixed_urls.too_long(source.save_as):
            too_long = fixed_urls.address_too_long
            yield as_finding(too_long(source.name, address_line(source), source.save_as, named))
        elif words := fixed_urls.taken_by_site(source.save_as, addresses):
            taken = fixed_urls.address_taken
            yield as_finding(taken(source.name, address_line(source), source.save_as, words))


def address_line(source: Source) -> int:
    fields = fixed_urls.ADDRESS_FIELDS
    return source.key_line(next((key for key in fields if key in source.metadata), "title"))


def as_finding(error: ContentError) -> Finding:
    return Finding(error.path, error.line, 1, ERROR, error.message, error.rule, error.hint)
