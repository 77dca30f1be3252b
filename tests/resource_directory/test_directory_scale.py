"""The directory at scale: the real site with 700 synthetic HSDS services in
50 regions (scripts/synthetic_hsds.py, brought in by the real importer), built as
`make publish` builds it. /resources/ is then an index of countries, regions and
numbered pages, each within the 14 KB first-round-trip budget and listing at most a
page of services; every service is on exactly one page, reachable from the index,
and is the address the rest of the site (search, spreadsheet, JSON-LD) uses for it.
Timings are the benchmark's (`make bench`), never asserted here."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from resource_directory.pages import PAGE_SIZE
from selectolax.lexbor import LexborHTMLParser

from scripts.synthetic_hsds import REGIONS, service_list, synthetic_content
from tests.performance.test_page_budget import BUDGET, gzipped_size, local_file, render_assets
from tests.resource_directory.hsds_spec import page_validator, problems

ROOT = Path(__file__).resolve().parents[2]
# 14 a region: each region's list is two pages (the most this machine builds in a minute).
SERVICES = 700
SITE_URL = "https://smallwins.example.org"
PAGE_LIMIT = 100 * 1024
# Each filter of a directory page, and the attribute of a card it reads.
FILTERED = {"kind": "data-kind", "category": "data-categories", "language": "data-languages"}


def test_the_synthetic_feed_is_strict_hsds_3_in_fifty_regions():
    feed = service_list(100, seed=1)
    assert problems(page_validator("service.json"), feed) == []
    assert len(REGIONS) == 50
    areas = Counter(
        s["service_areas"][1]["description"] for s in service_list(SERVICES)["contents"]
    )
    assert set(areas) == set(REGIONS) and set(areas.values()) == {SERVICES // 50}


@pytest.fixture(scope="module")
def scaled_site(tmp_path_factory):
    """(published site, slugs of the synthetic services)."""
    folder = tmp_path_factory.mktemp("directory-scale")
    shipped = {path.stem for path in (ROOT / "content/resources").glob("*.yaml")}
    content = synthetic_content(SERVICES, folder)
    synthetic = {path.stem for path in (content / "resources").glob("*.yaml")} - shipped
    assert len(synthetic) == SERVICES
    # The build writes only below its settings' folder.
    settings = folder / "scaleconf.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom publishconf import *\n"
        f"PATH = {str(content)!r}\nTHEME = {str(ROOT / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\nCACHE_PATH = {str(folder / 'cache')!r}\n"
    )
    output = folder / "output"
    result = subprocess.run(
        [sys.executable, "scripts/build.py", "--settings", str(settings), "--output", str(output)],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
        env={**os.environ, "SITEURL": SITE_URL},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return output, synthetic


def directory(site: Path) -> dict[str, LexborHTMLParser]:
    """Each page under /resources/ by its address (/resources/us/us-ca/2/ …)."""
    return {
        "/" + path.parent.relative_to(site).as_posix() + "/": LexborHTMLParser(
            path.read_text(encoding="utf-8")
        )
        for path in sorted((site / "resources").rglob("index.html"))
    }


def test_every_directory_page_fits_the_budget_and_no_page_passes_100_kb(scaled_site):
    site, _ = scaled_site
    pages = directory(site)
    assert len(pages) > SERVICES // PAGE_SIZE, "so many services should make many pages"
    over = []
    for address, tree in pages.items():
        html = (site / address.lstrip("/") / "index.html").read_bytes()
        parts = {"html": gzipped_size(html)}
        for reference in render_assets(tree):
            parts[reference] = gzipped_size(local_file(site, address, reference, SITE_URL)
                                            .read_bytes())  # fmt: skip
        if sum(parts.values()) > BUDGET:
            over.append(f"{address}: {sum(parts.values())} bytes > {BUDGET} ({parts})")
    assert not over, "over the 14 KB budget:\n" + "\n".join(over)
    heavy = [f"{path.relative_to(site)}: {size} bytes gzip"
             for path in site.rglob("*.html") if (size := gzipped_size(path.read_bytes()))
             > PAGE_LIMIT]  # fmt: skip
    assert not heavy, "pages over 100 KB gzip:\n" + "\n".join(heavy)


def test_each_service_is_on_one_page_of_at_most_a_page_length_grouped_by_kind(scaled_site):
    site, synthetic = scaled_site
    listed: Counter[str] = Counter()
    for address, tree in directory(site).items():
        cards = tree.css("article.resource")
        assert len(cards) <= PAGE_SIZE, f"{address} lists {len(cards)} services"
        listed.update(card.attributes["id"] for card in cards)
        # Then by kind: each group's cards are of its kind, each kind in one group.
        groups = tree.css("section[data-resource-group]")
        kinds = [group.attributes["aria-labelledby"].removeprefix("resources-") for group in groups]
        assert len(kinds) == len(set(kinds)), f"{address}: a kind in two groups"
        for group, kind in zip(groups, kinds, strict=True):
            assert {card.attributes["data-kind"] for card in group.css("article.resource")} == {
                kind
            }, address
    assert {slug: listed[slug] for slug in synthetic if listed[slug] != 1} == {}


def test_every_service_is_reached_from_the_index_and_has_its_pages_address(scaled_site):
    """From /resources/ by country, region and page links; the address the site gives
    each service (search results, category pages, the spreadsheet all use the same
    one) is the page its card is on."""
    site, synthetic = scaled_site
    pages = directory(site)
    seen, todo = set(), ["/resources/"]
    while todo:
        address = todo.pop()
        if address in seen:
            continue
        seen.add(address)
        links = pages[address].css(".resource-places a, .resource-pager a")
        todo += [link.attributes["href"].removeprefix(SITE_URL) for link in links]
    assert seen == set(pages), f"not linked from the index: {sorted(set(pages) - seen)[:5]}"
    where = {card.attributes["id"]: address for address, tree in pages.items()
             for card in tree.css("article.resource")}  # fmt: skip
    with (site / "resources/resources.csv").open(encoding="utf-8", newline="") as handle:
        addresses = {
            row["id"]: row["page"].removeprefix(SITE_URL) for row in csv.DictReader(handle)
        }
    wrong = {slug: addresses.get(slug) for slug in synthetic
             if addresses.get(slug) != f"{where[slug]}#{slug}"}  # fmt: skip
    assert wrong == {}


def test_each_pages_filters_offer_every_choice_of_its_services(scaled_site):
    """Filters work in the page (resource-filters.js); across pages, the index and the
    region pages are the filter by place, and search's service records (one per
    service, filtered by kind, country and language) reach all of them."""
    site, _ = scaled_site
    for address, tree in directory(site).items():
        cards = tree.css("article.resource")
        if len(cards) <= 3:  # a short list has no filters
            continue
        offered = {
            name: {o.attributes["value"] for o in tree.css(f"#resource-filter-{name} option")}
            for name in FILTERED
        }
        for card in cards:
            for name, attribute in FILTERED.items():
                values = set((card.attributes[attribute] or "").split())  # minified: no =""
                assert values <= offered[name], (address, name, values)
