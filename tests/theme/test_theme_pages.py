"""The theme's promises, read from every built page of the real site: crisis
help, the quick exit and the skip link first, one h1, titles, descriptions,
Open Graph, canonical links, footer pages, the 404 page, sitemap and robots.txt."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import textstat
from resource_directory.schema import load_directory
from selectolax.lexbor import LexborHTMLParser

from checks.readability import plain_text
from pelicanconf import CRISIS_HELP_COUNTRY, EXIT_URL, SITENAME

ROOT = Path(__file__).resolve().parents[2]


def built_pages(site: Path) -> dict[str, LexborHTMLParser]:
    return {
        path.relative_to(site).as_posix(): LexborHTMLParser(path.read_text(encoding="utf-8"))
        for path in sorted(site.rglob("*.html"))
    }


@pytest.fixture(scope="module")
def pages(real_site):
    found = built_pages(real_site)
    assert len(found) >= 10
    return found


def failures(pages, check) -> list[str]:
    return [f"{name}: {problem}" for name, html in pages.items() if (problem := check(html))]


def test_every_page_opens_with_the_skip_link_then_the_quick_exit(pages):
    def check(html):
        focusable = html.css("body a[href], body button, body input, body select, body textarea")
        first, second = focusable[0], focusable[1]
        if first.attributes.get("href") != "#main" or not html.css_first("main#main"):
            return "the first link is not a skip link to main"
        if second.attributes.get("href") != EXIT_URL:
            return f"the second link goes to {second.attributes.get('href')}, not {EXIT_URL}"

    assert not failures(pages, check)


def main_crisis_lines() -> dict[str, set[str]]:
    """Each served country's main crisis lines, as the directory's files give them:
    the phone and text links the band must offer."""
    content = ROOT / "content"
    categories = [path.stem for path in (content / "categories").glob("*.md")]
    directory = load_directory(content / "resources", categories, datetime.date.today(), 10**6)
    lines: dict[str, set[str]] = {}
    for resource in directory.resources:
        for code in resource.main_crisis_line_for:
            links = lines.setdefault(code, set())
            links |= {contact.href for contact in (resource.phone, resource.sms) if contact}
    return lines


def test_every_page_carries_every_countrys_crisis_lines_and_shows_the_default(pages):
    expected = main_crisis_lines()
    assert {"US", "CA", "GB", "IE", "AU", "NZ"} <= expected.keys()

    def check(html):
        band = html.css_first("aside.help-now .crisis-help")
        if band is None:
            return "no crisis band"
        found = {
            country.attributes["data-country"]: {a.attributes["href"] for a in country.css("a")}
            for country in band.css("[data-country]")
        }
        if found != expected:
            return f"crisis lines {found}, expected {expected}"
        chosen = band.css("[data-chosen]")
        if [node.attributes["data-country"] for node in chosen] != [CRISIS_HELP_COUNTRY]:
            return "the default country's lines are not the ones shown"
        change = band.css_first("[data-crisis-band-change]")
        if change is None or not change.attributes["href"].endswith("resources/#crisis-lines"):
            return "no link to every other country's lines"

    assert not failures(pages, check)


def test_every_page_has_one_h1_and_a_descriptive_title(pages):
    def check(html):
        if len(html.css("h1")) != 1:
            return f"{len(html.css('h1'))} h1 elements"
        title = html.css_first("title").text()
        if not (title.endswith(f" — {SITENAME}") or title.startswith(f"{SITENAME}: ")):
            return f"title {title!r}"

    assert not failures(pages, check)


def test_every_page_has_a_description_and_open_graph_tags(pages):
    def check(html):
        for selector in (
            'meta[name="description"]',
            'meta[property="og:title"]',
            'meta[property="og:description"]',
            'meta[property="og:type"]',
        ):
            node = html.css_first(selector)
            if node is None or not node.attributes.get("content", "").strip():
                return f"missing or empty {selector}"

    assert not failures(pages, check)


def test_only_a_published_page_names_its_canonical_address_and_absolute(pages, published_site):
    """`make html` has no SITEURL: a relative canonical address would be wrong."""
    assert not [name for name, html in pages.items() if html.css('link[rel="canonical"]')]
    for path in sorted(published_site.folder.rglob("*.html")):
        name = path.relative_to(published_site.folder).as_posix()
        html = LexborHTMLParser(path.read_text(encoding="utf-8"))
        canonical = html.css_first('link[rel="canonical"]')
        if name == "404.html":
            assert canonical is None
            assert html.css_first('meta[name="robots"]').attributes["content"] == "noindex"
        else:
            address = name.removesuffix("index.html")
            assert canonical.attributes["href"] == f"{published_site.url}/{address}", name


def test_every_footer_links_the_accessibility_statement_and_privacy_page(pages, real_site):
    def check(html):
        hrefs = [a.attributes.get("href", "") for a in html.css("footer a")]
        for slug in ("accessibility/", "privacy/", "leave-quickly/"):
            if not any(href.endswith(slug) for href in hrefs):
                return f"footer has no link to {slug}"

    assert not failures(pages, check)
    for slug in ("accessibility", "privacy", "leave-quickly"):
        assert (real_site / slug / "index.html").exists()


def test_every_page_loads_the_quick_exit_script_from_the_site_itself(pages, real_site):
    bundles = list((real_site / "theme/js").glob("site.*.js"))
    assert len(bundles) == 1 and "exit-this-page" in bundles[0].read_text(), bundles
    exit_bundle = re.compile(rf"^[./]*/theme/js/{re.escape(bundles[0].name)}$")

    def check(html):
        sources = [script.attributes.get("src") or "" for script in html.css("script")]
        if not any(exit_bundle.search(src) for src in sources):
            return "the bundle with exit-this-page.js is not loaded"
        inline = [
            script
            for script in html.css("script:not([src])")
            if script.attributes.get("type") != "application/ld+json"
        ]
        if inline or html.css("[style]"):
            return "inline script or style (the CSP blocks them)"

    assert not failures(pages, check)


def test_every_internal_link_leads_to_a_built_page(pages, real_site):
    def check_page(name, html):
        folder = (real_site / name).parent
        for anchor in html.css("a[href]"):
            href = anchor.attributes["href"]
            if re.match(r"^(#|[a-z]+:)", href) or href.startswith("/"):
                continue
            target = (folder / href.split("#")[0]).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                yield f"{name}: {href}"

    broken = [
        link
        for name, html in pages.items()
        if name != "404.html"  # rooted links, tested below
        for link in check_page(name, html)
    ]
    assert not broken, "\n".join(broken)


def test_the_contents_of_the_article_link_to_its_sections(pages):
    article = pages["small-wins-nobody-talks-about/index.html"]
    links = [a.attributes["href"] for a in article.css("nav.contents a")]
    ids = ["#" + heading.attributes["id"] for heading in article.css("article h2")]
    assert links == ids and len(links) == 11


def test_the_404_page_links_only_to_addresses_that_work_at_any_depth(real_site):
    html = LexborHTMLParser((real_site / "404.html").read_text(encoding="utf-8"))
    addresses = [node.attributes.get("href") for node in html.css("[href]")]
    addresses += [node.attributes.get("src") for node in html.css("[src]")]
    relative = [url for url in addresses if not re.match(r"^(/|#|[a-z]+:)", url)]
    assert not relative
    assert "Page not found" in html.css_first("h1").text()


def test_sitemap_lists_every_page_but_the_404_and_robots_txt_allows_all(pages, real_site):
    sitemap = (real_site / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>/?([^<]*)</loc>", sitemap))
    expected = {name.removesuffix("index.html") for name in pages if name != "404.html"}
    assert listed == expected
    robots = (real_site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *\nAllow: /\n" in robots


def test_the_sites_own_pages_read_at_grade_8_or_below():
    """The pages about the site itself (content/pages/), graded as `make check` grades."""
    pages = sorted((ROOT / "content/pages").glob("*.md"))
    assert len(pages) >= 4
    grades = {}
    for page in pages:
        body = page.read_text(encoding="utf-8").split("---", 2)[2]
        grades[page.name] = round(textstat.flesch_kincaid_grade(plain_text(body)), 1)
    assert all(grade <= 8 for grade in grades.values()), grades


def test_the_accessibility_statement_gives_a_way_to_report_and_its_review_date(real_site):
    text = LexborHTMLParser((real_site / "accessibility/index.html").read_text()).body.text()
    assert "Tell us about a problem" in text
    assert re.search(r"last reviewed this statement on \d{1,2} [A-Z][a-z]+ \d{4}", text)
