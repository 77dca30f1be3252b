"""Category pages written in Markdown.

Each `content/<CATEGORY_PAGES_PATH>/<name>.md` (title, summary, optional order,
an introduction as its body) describes one category. Its introduction is shown
above what belongs to the category, and every described category gets a page,
even before any article is filed under it.

Templates get `category_pages`: {category slug: Page}, in the editors' order,
`category_links`: [(url, name)] in the same order, and
each article its neighbours in its category: `older_in_category`, `newer_in_category`.
"""

from __future__ import annotations

import logging
import os

from pelican import signals
from pelican.contents import Page
from pelican.urlwrappers import Category

logger = logging.getLogger(__name__)


def sort_key(page) -> tuple[float, str]:
    try:
        order = float(getattr(page, "order", "inf"))
    except ValueError:
        order = float("inf")
    return order, page.title.lower()


def read_category_pages(generator) -> dict[str, Page]:
    folder = generator.settings.get("CATEGORY_PAGES_PATH", "categories")
    root = os.path.join(generator.path, folder)
    if not os.path.isdir(root):
        return {}
    pages = [
        generator.readers.read_file(
            base_path=generator.path,
            path=os.path.join(folder, name),
            content_class=Page,
            context=generator.context,
        )
        for name in sorted(os.listdir(root))
        if name.endswith(".md")
    ]
    pages.sort(key=sort_key)
    return {Category(page.title, generator.settings).slug: page for page in pages}


def link_neighbours(articles) -> None:
    """Give each article of one category its older and newer neighbour, once per
    build (a template looking them up would cost the square of the article count).
    `articles` is newest first, as Pelican lists a category."""
    for index, article in enumerate(articles):
        article.older_in_category = articles[index + 1] if index + 1 < len(articles) else None
        article.newer_in_category = articles[index - 1] if index > 0 else None


def add_category_pages(generator) -> None:
    pages = read_category_pages(generator)
    present = {category.slug for category, _ in generator.categories}
    for slug, page in pages.items():
        if slug not in present:
            generator.categories.append((Category(page.title, generator.settings), []))
    for category, articles in generator.categories:
        link_neighbours(articles)
        if category.slug not in pages:
            logger.error(
                "%s: category '%s' has no page: add content/%s/%s.md with a title and summary",
                articles[0].relative_source_path if articles else "content",
                category.name,
                generator.settings.get("CATEGORY_PAGES_PATH", "categories"),
                category.slug,
            )
    order = list(pages)
    generator.categories.sort(
        key=lambda item: order.index(item[0].slug) if item[0].slug in order else len(order)
    )
    generator.context["category_pages"] = pages
    # Every page's navigation lists the categories: their addresses, worked out once.
    generator.context["category_links"] = [
        (category.url, category.name) for category, _ in generator.categories
    ]


def register() -> None:
    signals.article_generator_finalized.connect(add_category_pages)
