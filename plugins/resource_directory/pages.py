"""The directory's pages. A directory that fits one page is all on /resources/.
A larger one makes /resources/ an index of countries (with the services that serve
everywhere), a page per country and, where a country has more services than one
page holds, a page per region, each in numbered pages of at most PAGE_SIZE.

Every service has one address (the first page that lists it) that the rest of the
site links to. Worldwide services are listed on each country's page too: a reader
who went straight to their country sees them. No Pelican import here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .schema import Resource, country_name, region_name

INDEX_URL = "resources/"
# A service's card is about 600 bytes compressed: a dozen keep a page, with its
# styles and scripts, within the 14 KB a phone gets in the first round trip.
PAGE_SIZE = 12


@dataclass
class DirectoryPage:
    url: str
    title: str
    resources: list[Resource]
    # (url, label, number of services) of the pages below this one
    children: list[tuple[str, str, int]] = field(default_factory=list)
    # (url, label) of the pages above this one, the index first
    parents: list[tuple[str, str]] = field(default_factory=list)
    number: int = 1
    pages: int = 1
    # the first page of the same list, for "page 2 of 3" links
    first_url: str = ""

    @property
    def save_as(self) -> str:
        return f"{self.url}index.html"

    def page_url(self, number: int) -> str:
        return self.first_url if number == 1 else f"{self.first_url}{number}/"


def numbered(url: str, title: str, resources: list[Resource], parents, size: int):
    """`resources` as pages of at most `size`: url, url/2/, url/3/ …"""
    chunks = [resources[start : start + size] for start in range(0, len(resources), size)]
    return [
        DirectoryPage(
            url=url if number == 1 else f"{url}{number}/", title=title, resources=chunk,
            parents=parents, number=number, pages=len(chunks), first_url=url,
        )
        for number, chunk in enumerate(chunks or [[]], start=1)
    ]  # fmt: skip


def directory_pages(resources: list[Resource], size: int = PAGE_SIZE) -> list[DirectoryPage]:
    """Every page of the directory, in the order the resources are already sorted."""
    if len(resources) <= size:
        return [DirectoryPage(url=INDEX_URL, title="Support resources", resources=resources,
                              first_url=INDEX_URL)]  # fmt: skip
    worldwide = [r for r in resources if not r.countries]
    countries = sorted({code for r in resources for code in r.countries}, key=country_name)
    index = DirectoryPage(url=INDEX_URL, title="Support resources", resources=worldwide,
                          first_url=INDEX_URL)  # fmt: skip
    pages = [index]
    for code in countries:
        url = f"{INDEX_URL}{code.lower()}/"
        here = [r for r in resources if code in r.countries]
        parents = [(INDEX_URL, index.title)]
        national = [r for r in here if not any(region.startswith(code) for region in r.regions)]
        regions = sorted({region for r in here for region in r.regions if region.startswith(code)},
                         key=region_name)  # fmt: skip
        split = len(here) + len(worldwide) > size and regions
        listed = national if split else here
        title = f"Support in {'the ' if country_name(code).startswith('United ') else ''}" + (
            country_name(code)
        )
        country_pages = numbered(url, title, listed + worldwide, parents, size)
        index.children.append((url, country_name(code), len(here)))
        pages += country_pages
        if not split:
            continue
        for region in regions:
            region_url = f"{url}{region.lower()}/"
            in_region = [r for r in here if region in r.regions]
            country_pages[0].children.append((region_url, region_name(region), len(in_region)))
            pages += numbered(region_url, f"Support in {region_name(region)}", in_region,
                              [*parents, (url, title)], size)  # fmt: skip
    return pages


def addresses(pages: list[DirectoryPage]) -> dict[str, str]:
    """Each service's address, with its anchor: the first page of its first country
    that lists it, that country's own or one of its regions' (the index for a
    service of every country)."""
    found: dict[str, str] = {}
    for page in pages:
        for resource in page.resources:
            home = f"{INDEX_URL}{resource.countries[0].lower()}/" if resource.countries else ""
            if len(pages) == 1 or page.first_url.startswith(home):
                found.setdefault(resource.slug, f"{page.url}#{resource.slug}")
    return found
