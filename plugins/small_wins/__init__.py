"""Small wins: the wins marked on headings in the Markdown become a weekly checklist.

- Templates get `small_wins` (a Checklist: wins grouped by category, the kind line,
  the days of the week), so category pages can list their wins.
- `/checklist/` is written from theme/templates/checklist.html, with
  `checklist-a4.pdf` and `checklist-letter.pdf` beside it, made from the same page.

Settings: CHECKLIST_WEEK_START ("monday" or "sunday"), CHECKLIST_URL, CHECKLIST_SAVE_AS.
The printed sheet ends with the checklist's address when SITEURL is a full address
(`make publish`); a build for this machine alone (`make html`) has none to print.
A site without wins gets a page that says so, and no PDFs (WeasyPrint is never run).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from markdown_reader.errors import ContentError, display_path
from pelican import signals
from pelican.utils import get_relative_path, path_to_url
from reproducible.dates import source_date

from .wins import Checklist, build_checklist, might_mark_wins, read_marks

logger = logging.getLogger(__name__)
# The theme's stylesheet with the printout's fonts (checklist.html links it for print).
FONT_SHEET = "css/print-font.css"


def collect_wins(generators) -> None:
    context = generators[0].context
    settings = generators[0].settings
    categories = list(context.get("category_pages", {}))
    articles = sorted(context.get("articles", []), key=lambda a: (a.date, a.source_path))
    contents = articles + sorted(context.get("pages", []), key=lambda page: page.source_path)
    marks = []
    for content in contents:
        text = Path(content.source_path).read_text(encoding="utf-8")
        if might_mark_wins(text):
            path = display_path(content.source_path)
            marks.append(read_marks(text, path, categories, content.url))
    checklist = build_checklist(
        marks, categories, settings.get("CHECKLIST_WEEK_START", "monday"),
        settings.get("CHECKLIST_URL", "checklist/"),
    )  # fmt: skip
    for error in checklist.errors:
        logger.error("%s", error, exc_info=error)
    if checklist.errors:
        raise checklist.errors[0]
    urls = checklist.article_urls
    dates = [getattr(content, "date", None) for content in contents if content.url in urls]
    context["small_wins"] = checklist
    context["small_wins_date"] = source_date(os.environ, dates)


def write_checklist(generator, writer) -> None:
    checklist: Checklist | None = generator.context.get("small_wins")
    if checklist is None:
        return
    settings = generator.settings
    save_as = settings.get("CHECKLIST_SAVE_AS", "checklist/index.html")
    template = generator.get_template("checklist")
    relative = settings.get("RELATIVE_URLS", False)
    page = {
        "url": checklist.url, "printout": False, "checklist_density": "roomy",
        "checklist_address": public_address(settings.get("SITEURL", ""), checklist.url),
    }  # fmt: skip
    if checklist.groups:
        # Imported here: loading WeasyPrint alone takes most of a second, which a
        # site without wins (the thousand-page benchmark) should not pay.
        from .printout import human_size, make_printout, site_fetcher

        output = Path(generator.output_path)
        siteurl = path_to_url(get_relative_path(save_as)) if relative else settings["SITEURL"]

        def render_html(density: str) -> str:
            printed = {**page, "SITEURL": siteurl, "output_file": save_as, "printout": True}
            return template.render({**generator.context, **printed, "checklist_density": density})

        static_dir = settings.get("THEME_STATIC_DIR", "theme")
        printout = make_printout(
            render_html, (output / save_as).as_uri(), site_fetcher(settings, output),
            generator.context["small_wins_date"], (output / static_dir / FONT_SHEET).as_uri(),
        )  # fmt: skip
        if printout is None:
            last = checklist.wins[-1]
            raise ContentError(
                last.path, last.line,
                f"the checklist has {len(checklist.wins)} wins and no longer fits on one page",
                hint="remove or merge wins (each win= heading is a row of the printout)",
                rule="small-wins",
            )  # fmt: skip
        folder = (output / save_as).parent
        folder.mkdir(parents=True, exist_ok=True)
        downloads = []
        for paper, pdf in printout.pdfs.items():
            name = f"checklist-{paper}.pdf"
            (folder / name).write_bytes(pdf)
            downloads.append({"paper": paper, "name": name, "size": human_size(len(pdf))})
        page.update(checklist_density=printout.density, checklist_downloads=downloads)
    writer.write_file(save_as, template, generator.context, relative_urls=relative, **page)


def public_address(siteurl: str, url: str) -> str | None:
    """The page's address as a reader would type it from paper, without "https://"."""
    scheme, _, rest = siteurl.partition("://")
    if scheme not in ("http", "https") or not rest:
        return None
    return f"{rest.rstrip('/')}/{url}"


def register() -> None:
    signals.all_generators_finalized.connect(collect_wins)
    signals.article_writer_finalized.connect(write_checklist)
