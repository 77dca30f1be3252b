"""The real site: the seed article verbatim, and one page per category."""

import html
import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests/data/seed-article.txt"
ARTICLE = "small-wins-nobody-talks-about/index.html"


def seed_paragraphs() -> list[str]:
    lines = SEED.read_text(encoding="utf-8").split("\n")[3:]  # the title, then a repeat of it
    text = "\n".join(lines).replace("Leave a Comment", "")
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def test_every_paragraph_and_heading_of_the_seed_is_published_verbatim(real_site):
    article = LexborHTMLParser((real_site / ARTICLE).read_text(encoding="utf-8"))
    body = article.css_first("article")
    published = [normalise(node.text()) for node in body.css("p, h2")]
    for paragraph in seed_paragraphs():
        assert normalise(paragraph) in published, paragraph
    assert normalise(article.css_first("h1").text()) == normalise(SEED.read_text().split("\n")[0])


def test_each_section_of_the_article_is_an_h2_with_a_readable_id(real_site):
    article = LexborHTMLParser((real_site / ARTICLE).read_text(encoding="utf-8"))
    headings = article.css("article h2")
    assert len(headings) == 11
    assert headings[0].attributes["id"] == "getting-out-of-bed-when-everything-feels-heavy"
    assert len({heading.attributes["id"] for heading in headings}) == 11


def test_each_category_has_a_page_with_its_introduction(real_site):
    for source in sorted((ROOT / "content/categories").glob("*.md")):
        intro = source.read_text(encoding="utf-8").split("---", 2)[2].split("\n\n")[0]
        page = real_site / "category" / source.stem / "index.html"
        assert page.exists(), source.name
        text = normalise(LexborHTMLParser(page.read_text(encoding="utf-8")).body.text())
        assert normalise(intro) in text
