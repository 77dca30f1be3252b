"""The theme on small fixture sites: contents only for long articles, reading
time, the last-reviewed date, previous/next within a category, and the head
of a published build (absolute canonical addresses, feed, sitemap)."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser
from table_of_contents.sections import Section, section_headings


def article(title: str, date: str, body: str = "Text.\n", extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {date}\ncategory: Coping\n{extra}---\n{body}"


def sections(count: int) -> str:
    return "".join(f"## Part {number}\n\nWords.\n\n" for number in range(1, count + 1))


def read(output, path: str) -> LexborHTMLParser:
    return LexborHTMLParser((output / path).read_text(encoding="utf-8"))


def test_section_headings_are_the_h2s_with_an_id_as_plain_text():
    html = (
        '<h2 id="a">One &amp; <em>two</em></h2><h3 id="b">Sub</h3>'
        "<h2>No id</h2><p>x</p><h2 id='c'>\n  Three\n</h2>"
    )
    assert section_headings(html) == [Section("a", "One & two"), Section("c", "Three")]
    assert section_headings("<p>No headings</p>") == []


def test_contents_appear_from_four_sections_and_link_each(make_site, build_site):
    content = make_site(
        {
            "articles/long.md": article("Long", "2025-01-03", sections(4)),
            "articles/short.md": article("Short", "2025-01-04", sections(3)),
        }
    )
    output = build_site(content)
    long_page = read(output, "long/index.html")
    assert [a.attributes["href"] for a in long_page.css("nav.contents a")] == [
        "#part-1",
        "#part-2",
        "#part-3",
        "#part-4",
    ]
    assert read(output, "short/index.html").css_first("nav.contents") is None


def test_article_meta_shows_published_reviewed_and_reading_time(make_site, build_site):
    words = "word " * 401
    content = make_site(
        {"articles/hello.md": article("Hello", "2025-01-02", words, "modified: 2025-03-04\n")}
    )
    meta = read(build_site(content), "hello/index.html").css(".article-meta li")
    assert [" ".join(item.text().split()) for item in meta] == [
        "Published 2 January 2025",
        "Last reviewed 4 March 2025",
        "3 minute read",
    ]
    assert meta[1].css_first("time").attributes["datetime"] == "2025-03-04"


def test_previous_and_next_stay_within_the_category(make_site, build_site):
    content = make_site(
        {
            "articles/first.md": article("First", "2025-01-01"),
            "articles/second.md": article("Second", "2025-01-05"),
            "articles/third.md": article("Third", "2025-01-09"),
            "categories/boundaries.md": "---\ntitle: Boundaries\nsummary: No.\n---\nIntro.\n",
            "articles/elsewhere.md": article("Elsewhere", "2025-01-06").replace(
                "Coping", "Boundaries"
            ),
        }
    )
    output = build_site(content)
    pager = read(output, "second/index.html").css_first("nav.pager")
    links = {a.attributes["rel"]: a.attributes["href"] for a in pager.css("a")}
    assert links == {"prev": "../hello/", "next": "../third/"}
    assert read(output, "elsewhere/index.html").css_first("nav.pager") is None


def test_a_published_build_has_absolute_canonical_addresses_a_feed_and_a_sitemap(
    make_site, build_site
):
    site = "https://smallwins.example.org"
    output = build_site(
        make_site(),
        SITEURL=site,
        RELATIVE_URLS=False,
        FEED_DOMAIN=site,
        FEED_ALL_ATOM="feeds/all.atom.xml",
    )
    page = read(output, "hello/index.html")
    assert page.css_first('link[rel="canonical"]').attributes["href"] == f"{site}/hello/"
    assert page.css_first('meta[property="og:url"]').attributes["content"] == f"{site}/hello/"
    feed = page.css_first('link[type="application/atom+xml"]').attributes["href"]
    assert feed == f"{site}/feeds/all.atom.xml"
    assert (output / "feeds/all.atom.xml").exists()
    assert f"Sitemap: {site}/sitemap.xml" in (output / "robots.txt").read_text()
    assert f"<loc>{site}/hello/</loc>" in (output / "sitemap.xml").read_text()
    not_found = read(output, "404.html")
    assert not_found.css_first('link[rel="stylesheet"]').attributes["href"].startswith(site)
