"""The Pelican side of the resource directory: read the data files once, share the
resources with every template, write /resources/ and its open-data files."""

from __future__ import annotations

import datetime
import logging
import os
from collections.abc import Iterable
from pathlib import Path

from markdown_reader.errors import ContentError
from pelican.generators import Generator

from . import export, hsds, pages
from .kept import KeptReadings
from .schema import KINDS, Directory, Resource, country_name, load_directory

logger = logging.getLogger(__name__)

PAGE_URL = pages.INDEX_URL
CATEGORY_LIST_SIZE = 12
HSDS_FOLDER = "hsds/"
DEFAULT_MAX_AGE_DAYS = 365
DEFAULT_CRISIS_COUNTRY = "US"


def build_day() -> datetime.date:
    """Today, or the day of SOURCE_DATE_EPOCH so that a rebuild of old sources
    reports the same stale entries."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    if epoch:
        logger.warning("SOURCE_DATE_EPOCH=%r is not a number of seconds: using today", epoch)
    return datetime.date.today()


def report(directory: Directory) -> None:
    """Warnings go to the build summary; every error is listed, and the last one
    raised so that the build stops before anything is written."""
    for warning in directory.warnings:
        logger.warning(warning)
    *others, last = directory.errors or [None]
    for error in others:
        logger.error("%s", error, exc_info=error)
    if last is not None:
        raise last


def crisis_band(resources: list[Resource], default: str) -> dict:
    """The main crisis lines of each country the directory serves, for the band on
    every page: the default country first, then by name."""
    lines: dict[str, list[Resource]] = {}
    for resource in resources:
        for code in resource.main_crisis_line_for:
            lines.setdefault(code, []).append(resource)
    if lines and default not in lines:
        raise ContentError(
            "pelicanconf.py", 1,
            f"CRISIS_HELP_COUNTRY: '{default}' has no main crisis line in the directory",
            f"choose one of {', '.join(sorted(lines))}, or add main_crisis_line_for: "
            f"[{default}] to that country's 24/7 line in content/resources/", "resource",
        )  # fmt: skip
    countries = sorted(lines, key=lambda code: (code != default, country_name(code)))
    return {
        "default": default,
        "countries": [(code, country_name(code), lines[code]) for code in countries],
    }


def by_name(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(code, name) pairs without repeats, in the order of their names."""
    return sorted(dict(pairs).items(), key=lambda item: item[1])


def listing_context(resources: list[Resource], category_pages: dict, by_country=True) -> dict:
    """What a page listing `resources` shows: the groups by kind and the filters'
    choices, each only as far as these resources need it (a country's own page
    has no country choice)."""
    groups = [
        (kind, label, [r for r in resources if r.kind == kind])
        for kind, label in KINDS.items()
        if any(r.kind == kind for r in resources)
    ]
    return {
        "resource_groups": groups,
        "resource_filter_countries": by_name(
            pair for r in resources for pair in zip(r.countries, r.country_names, strict=True)
        )
        if by_country
        else [],
        "resource_filter_kinds": [(kind.replace(" ", "-"), label) for kind, label, _ in groups],
        "resource_filter_categories": [
            (slug, page.title)
            for slug, page in category_pages.items()
            if any(slug in r.categories for r in resources)
        ],  # fmt: skip
        "resource_filter_languages": by_name(
            pair for r in resources for pair in zip(r.languages, r.language_names, strict=True)
        ),
    }


def template_context(
    directory: Directory, category_pages: dict, default_country: str, page_size: int
) -> dict:
    """What every page may show: the crisis band, each category's services (the first
    CATEGORY_LIST_SIZE: the directory has the rest) and each service's address."""
    resources = directory.resources
    directory_pages = pages.directory_pages(resources, page_size)
    return {
        "resources": resources,
        "resource_groups": listing_context(resources, category_pages)["resource_groups"],
        "resource_pages": directory_pages,
        "resource_address": pages.addresses(directory_pages),
        "resources_by_category": {
            slug: [r for r in resources if slug in r.categories][:CATEGORY_LIST_SIZE]
            for slug in category_pages
        },
        "crisis_band": crisis_band(resources, default_country),
        "resources_url": pages.INDEX_URL,
    }


class ResourceDirectoryGenerator(Generator):
    """Runs after the articles generator, so the category pages are known."""

    def generate_context(self) -> None:
        category_pages = self.context.get("category_pages", {})
        folder = Path(self.path) / self.settings.get("RESOURCES_PATH", "resources")
        max_age = self.settings.get("RESOURCES_MAX_AGE_DAYS", DEFAULT_MAX_AGE_DAYS)
        readings = KeptReadings(Path(self.settings.get("CACHE_PATH", "cache"), "resources"), folder)
        directory = load_directory(folder, category_pages, build_day(), max_age, readings.read)
        readings.save()
        report(directory)
        self.resources = directory.resources
        default_country = self.settings.get("CRISIS_HELP_COUNTRY", DEFAULT_CRISIS_COUNTRY)
        page_size = self.settings.get("RESOURCES_PAGE_SIZE", pages.PAGE_SIZE)
        self.context.update(template_context(directory, category_pages, default_country, page_size))

    def absolute_addresses(self) -> dict[str, str]:
        site_url = self.settings.get("SITEURL", "")
        return {slug: f"{site_url}/{url}" for slug, url in self.context["resource_address"].items()}

    def generate_output(self, writer) -> None:
        if not self.resources:
            return
        category_pages = self.context.get("category_pages", {})
        addresses = self.absolute_addresses()
        for page in self.context["resource_pages"]:
            writer.write_file(
                page.save_as, self.get_template("resources"), self.context,
                relative_urls=self.settings["RELATIVE_URLS"], url=page.url,
                directory_page=page,
                resources_jsonld=export.jsonld(page.resources, addresses),
                **listing_context(page.resources, category_pages, by_country=not page.parents),
            )  # fmt: skip
        folder = Path(self.output_path) / PAGE_URL
        titles = {slug: page.title for slug, page in self.context.get("category_pages", {}).items()}
        services = hsds.to_json(hsds.service_list(self.resources, titles))
        files = {
            f"{HSDS_FOLDER}services.json": services,
            f"{HSDS_FOLDER}taxonomy.json": hsds.to_json(hsds.taxonomy_list(titles)),
            **{HSDS_FOLDER + name: text for name, text in hsds.data_package(
                self.resources, titles).items()},
            # The addresses of the first export, for anyone who linked them: the same
            # HSDS service list, and the spreadsheet (one row per resource).
            "resources.json": services,
            "resources.csv": export.to_csv(self.resources, addresses),
        }  # fmt: skip
        (folder / HSDS_FOLDER).mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
