"""Articles newest first and, of one date, by slug: the order Pelican gave them while
it looked for translations, on every machine whatever order the files are listed in."""

from datetime import UTC, datetime
from types import SimpleNamespace

from pelican.utils import order_content

from pelicanconf import ARTICLE_ORDER_BY


def test_articles_are_newest_first_then_by_slug():
    def article(day: int, slug: str):
        return SimpleNamespace(date=datetime(2025, 1, day, tzinfo=UTC), slug=slug)

    listed = [article(1, "apple"), article(3, "zebra"), article(3, "mango"), article(2, "kiwi")]
    ordered = order_content(listed, ARTICLE_ORDER_BY)
    assert [a.slug for a in ordered] == ["mango", "zebra", "kiwi", "apple"]
