"""The Pelican side of the resource directory: read the data files once, share the
resources with every template, write /resources/ and its open-data files."""

from __future__ import annotations

import datetime
import logging
import os
from pathlib import Path

from pelican.generators import Generator

from . import export
from .schema import KINDS, Directory, load_directory

logger = logging.getLogger(__name__)

PAGE_URL = "resources/"
DEFAULT_MAX_AGE_DAYS = 365


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


def template_context(directory: Directory, category_pages: dict) -> dict:
    resources = directory.resources
    groups = [
        (kind, label, [r for r in resources if r.kind == kind])
        for kind, label in KINDS.items()
        if any(r.kind == kind for r in resources)
    ]
    countries = sorted(
        {code: name for r in resources for code, name in zip(r.countries, r.country_names,
                                                             strict=True)}.items(),
        key=lambda item: item[1],
    )  # fmt: skip
    return {
        "resources": resources,
        "resource_groups": groups,
        "resources_by_category": {
            slug: [r for r in resources if slug in r.categories] for slug in category_pages
        },
        "resource_filter_countries": countries,
        "resource_filter_kinds": [(kind.replace(" ", "-"), label) for kind, label, _ in groups],
        "resource_filter_categories": [
            (slug, page.title)
            for slug, page in category_pages.items()
            if any(slug in r.categories for r in resources)
        ],  # fmt: skip
        "resources_url": PAGE_URL,
    }


class ResourceDirectoryGenerator(Generator):
    """Runs after the articles generator, so the category pages are known."""

    def generate_context(self) -> None:
        category_pages = self.context.get("category_pages", {})
        folder = Path(self.path) / self.settings.get("RESOURCES_PATH", "resources")
        max_age = self.settings.get("RESOURCES_MAX_AGE_DAYS", DEFAULT_MAX_AGE_DAYS)
        directory = load_directory(folder, category_pages, build_day(), max_age)
        report(directory)
        self.resources = directory.resources
        self.context.update(template_context(directory, category_pages))
        self.context["resources_jsonld"] = export.jsonld(self.resources, self.page_url())

    def page_url(self) -> str:
        return f"{self.settings.get('SITEURL', '')}/{PAGE_URL}"

    def generate_output(self, writer) -> None:
        if not self.resources:
            return
        writer.write_file(
            f"{PAGE_URL}index.html", self.get_template("resources"), self.context,
            relative_urls=self.settings["RELATIVE_URLS"], url=PAGE_URL,
        )  # fmt: skip
        folder = Path(self.output_path) / PAGE_URL
        folder.mkdir(parents=True, exist_ok=True)
        page_url = self.page_url()
        (folder / "resources.json").write_text(export.to_json(self.resources), encoding="utf-8")
        (folder / "resources.csv").write_text(
            export.to_csv(self.resources, page_url), encoding="utf-8"
        )
