"""The directory's pages of a built site, read without a browser."""

from __future__ import annotations

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser


def directory_pages(site: Path) -> dict[str, LexborHTMLParser]:
    """Each page under /resources/, by its address (resources/gb/ …)."""
    return {
        path.parent.relative_to(site).as_posix() + "/": LexborHTMLParser(
            path.read_text(encoding="utf-8")
        )
        for path in sorted((site / "resources").rglob("index.html"))
    }


def directory_cards(site: Path) -> dict[str, tuple[str, object]]:
    """Each service's card, by slug, with its address: the page of its first country
    (the index for a service of every country, or when the index lists everything)."""
    pages = directory_pages(site)
    cards: dict[str, tuple[str, object]] = {}
    for address, page in pages.items():
        for card in page.css("article.resource"):
            countries = card.attributes["data-countries"].split()
            home = f"resources/{countries[0].lower()}/" if countries else "resources/"
            if address == home or len(pages) == 1:
                cards.setdefault(card.attributes["id"], (address, card))
    return cards
