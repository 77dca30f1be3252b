"""Each article's and page's address, worked out once, and none of them one the
site keeps for itself.

Pelican formats `content.url` from the URL settings every time a template asks,
and the templates ask a dozen times per page (lists, canonical link, pager,
sitemap). Once every generator has finished, nothing changes an address any
more: it is kept through Pelican's own `override_url`. Not the file name: Pelican
takes an `override_save_as` for a page meant to replace another one's file, and
would then let an article named "Tags" silently take the place of /tags/.

At that point too, an article or page whose address is one of the site's own
(`site_addresses`) or another one's stops the build at the line of its front
matter that gives the address. Pelican would stop at the second file written to
one address, in its own words, or let a page whose front matter names its file
silently replace the other; and nothing would stop a page written into a folder
the site fills itself: an article titled "Pagefind" would be deleted with the old
search index.

A draft is written only where the settings put drafts: with DRAFT_SAVE_AS (or its
page and language variants) empty, as for publication, nowhere, even when its
front matter names its file (Pelican would write it there, for anyone to read).
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from markdown_reader.document import split_document
from markdown_reader.errors import ContentError, display_path
from pelican import signals

CONTENT_LISTS = ("articles", "translations", "pages", "hidden_pages")  # drafts are apart
DIRECT_PAGES = {
    "index": "home page",
    "categories": "list of categories",
    "tags": "list of tags",
    "archives": "archives",
    "404": "page for addresses that lead nowhere",
}
# Each generator's lists of drafts, with the setting that names their files.
DRAFT_LISTS = {
    "drafts": "DRAFT_SAVE_AS",
    "drafts_translations": "DRAFT_LANG_SAVE_AS",
    "draft_pages": "DRAFT_PAGE_SAVE_AS",
    "draft_translations": "DRAFT_PAGE_LANG_SAVE_AS",
}
# The fields that decide a content's address, the one that decides first first.
ADDRESS_FIELDS = ("save_as", "slug", "title")
# Short enough to read out or share in a message, and far below the 255 bytes a file
# system allows a file or folder name (a long title's slug stopped the build with
# "File name too long", naming no line).
MAX_ADDRESS = 100


def fix_urls(contents) -> None:
    for content in contents:
        content.override_url = content.url


def site_addresses(settings: dict) -> dict[str, str]:
    """What the site writes itself, in an editor's words, by where: a folder
    ("tags/", for a page written as tags/index.html) holds the site's files alone;
    a file ("index.html") is one page."""
    plugins = settings.get("PLUGINS") or []
    pages = {}
    for name in settings.get("DIRECT_TEMPLATES", []):
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        pages[save_as] = DIRECT_PAGES.get(name, f"{name} page")
    for save_as in settings.get("TEMPLATE_PAGES", {}).values():
        pages[save_as] = "page made from a template"
    if "small_wins" in plugins:
        from small_wins import SAVE_AS

        pages[settings.get("CHECKLIST_SAVE_AS", SAVE_AS)] = "weekly checklist and its PDFs"
    if "site_search" in plugins:
        from site_search import BUNDLE, SAVE_AS

        pages[settings.get("SEARCH_SAVE_AS", SAVE_AS)] = "search page"
        pages[f"{BUNDLE}/"] = "search index"
    if "resource_directory" in plugins:
        from resource_directory.pages import INDEX_URL

        pages[INDEX_URL] = "directory of support resources"
    for key, words in (("CATEGORY_SAVE_AS", "categories' pages"), ("TAG_SAVE_AS", "tags' pages")):
        folder = str(settings.get(key, "")).partition("{")[0]
        if folder.endswith("/"):
            pages[folder] = words
    pages[f"{settings.get('THEME_STATIC_DIR', 'theme')}/"] = "styles, fonts and scripts"
    pages |= {
        f"{path.strip('/')}/": f"files copied from content/{path.strip('/')}/"
        for path in settings.get("STATIC_PATHS", [])
    }
    return {name.removesuffix("index.html") or name: words for name, words in pages.items() if name}


def output_file(save_as: str) -> str:
    """The file of the output a `save_as` is written to: the file system reads
    'walking//index.html' as walking/index.html, and so must every check of an
    address ('..' and './' never get this far: the Markdown reader refuses them)."""
    return posixpath.normpath(save_as)


def taken_by_site(save_as: str, addresses: dict[str, str]) -> str | None:
    """What the site keeps at `save_as` (a file of the output), if anything."""
    parts = save_as.split("/")
    for end in range(1, len(parts)):
        words = addresses.get("/".join(parts[:end]) + "/")
        if words:
            return words
    return addresses.get(save_as)


def address_taken(path: str, line: int, save_as: str, words: str) -> ContentError:
    return ContentError(
        path, line, f"address {address_of(save_as)} is kept for the site's {words}",
        hint=ANOTHER_ADDRESS, rule="reserved-url",
    )  # fmt: skip


def address_shared(path: str, line: int, save_as: str, other: str) -> ContentError:
    return ContentError(
        path, line, f"same address {address_of(save_as)} as {other}",
        hint=ANOTHER_ADDRESS, rule="duplicate-url",
    )  # fmt: skip


ANOTHER_ADDRESS = "give this page another title, or a 'slug: ...' line with an address of its own"


def names_no_page(save_as: str) -> bool:
    """Whether a `save_as` names a file other than a page (an empty one is Pelican's
    "write no file"): browsers would offer it as a download, and the page's links,
    made from its slug, would lead elsewhere."""
    return bool(save_as) and not save_as.endswith(".html")


def saved_as_no_page(path: str, line: int, save_as: str) -> ContentError:
    folder = save_as.rstrip("/")
    return ContentError(
        path, line, f"save_as '{save_as}' names no page: a page's file ends in .html",
        hint=f"write 'save_as: {folder}/index.html' for the address /{folder}/, "
        "or leave the line out",
        rule="save-as-page",
    )  # fmt: skip


def too_long(save_as: str) -> bool:
    return len(address_of(save_as)) > MAX_ADDRESS


def address_too_long(path: str, line: int, save_as: str, named: str) -> ContentError:
    """`named`: the save_as of the front matter, if any, which then gives the address."""
    address = address_of(save_as)
    field = "save_as" if named else "slug"
    words = posixpath.basename(address.rstrip("/")).removesuffix(".html").split("-")
    short = "-".join(words[:4])[:40].strip("-")
    example = f"{short}/index.html" if named else short
    return ContentError(
        path, line, f"address {address[:40]}… is {len(address)} characters long, more than the "
        f"{MAX_ADDRESS} a page's address may have",
        hint=f"give the page a shorter {field}: a few words of its title, for example "
        f"'{field}: {example}'", rule="url-too-long",
    )  # fmt: skip


def address_of(save_as: str) -> str:
    return "/" + save_as.removesuffix("index.html")


def address_line(source_path: str) -> int:
    """The line of the field that gives the file its address."""
    text = Path(source_path).read_text(encoding="utf-8")
    lines = split_document(text, display_path(source_path)).metadata_lines
    return next((lines[key] for key in ADDRESS_FIELDS if key in lines), 1)


def check_addresses(contents, addresses: dict[str, str], files: dict[str, str]) -> None:
    """Each content's file: from its fixed address, the file a server answers it
    with, or the one its front matter names (Pelican's `save_as` would be worked
    out again for every page of every build). `files`: the source of each file so
    far. Pelican lets a file named in the front matter replace another page's."""
    for content in contents:
        url = content.url
        save_as = output_file(
            getattr(content, "override_save_as", None)
            or (url + "index.html" if url.endswith("/") or not url else url)
        )
        source = content.source_path
        if names_no_page(named := getattr(content, "override_save_as", None) or ""):
            raise saved_as_no_page(display_path(source), address_line(source), named)
        if too_long(save_as):
            raise address_too_long(display_path(source), address_line(source), save_as, named)
        if words := taken_by_site(save_as, addresses):
            raise address_taken(display_path(source), address_line(source), save_as, words)
        if (other := files.setdefault(save_as, source)) != source:
            first, second = sorted((source, other))  # as make check says it, every time
            line = address_line(second)
            raise address_shared(display_path(second), line, save_as, display_path(first))


def fix_site_urls(generators) -> None:
    addresses = site_addresses(generators[0].settings) if generators else {}
    files: dict[str, str] = {}
    for generator in generators:
        for name in CONTENT_LISTS:
            contents = getattr(generator, name, [])
            fix_urls(contents)
            check_addresses(contents, addresses, files)
        for name, setting in DRAFT_LISTS.items():
            drafts = getattr(generator, name, [])
            fix_urls(drafts)
            if not generator.settings.get(setting):
                for draft in drafts:
                    draft.override_save_as = ""  # Pelican's writer writes no file for ""


def register() -> None:
    signals.all_generators_finalized.connect(fix_site_urls)
