"""Byte-identical builds: nothing in the output may depend on when it was built.

Two things would otherwise read the clock: an Atom feed with no entries (a
category page with no article yet) takes the build time as its `updated` date,
and the sitemap plugin dates the pages that have no date of their own (home,
lists) with the time it was imported. Both get `source_date` instead. Nor may
the output depend on an earlier, failed build in the same process. The sitemap's
dates are written as the plugin writes them, faster (`sitemap_date`).
"""

from __future__ import annotations

import datetime
import os
import sys

from pelican import signals

from .dates import source_date


def content_source_date(context):
    articles = context.get("articles", [])
    dates = [getattr(article, key, None) for article in articles for key in ("date", "modified")]
    return source_date(os.environ, dates)


def date_empty_feed(context, feed) -> None:
    if not feed.items:
        date = content_source_date(context)
        feed.latest_post_date = lambda: date


def date_undated_sitemap_entries(generators) -> None:
    sitemap = sys.modules.get("pelican.plugins.sitemap.sitemap")
    if sitemap is not None and generators:
        sitemap.generator.now = content_source_date(generators[0].context)


def start_a_fresh_sitemap(_pelican) -> None:
    """The sitemap plugin forgets its build only when that build finishes: after a
    failed build in the same process (the devserver, tests) it would never write
    a sitemap again, nor drop the pages it had queued."""
    sitemap = sys.modules.get("pelican.plugins.sitemap.sitemap")
    if sitemap is not None:
        sitemap.generator._main_pelican = None
        sitemap.generator.page_queue = []
        sitemap.format_date = sitemap_date


def sitemap_date(date: datetime.datetime) -> str:
    """The sitemap plugin's date, with datetime's own strftime: Pelican's dates
    rewrite the format with regular expressions first (for its '%-d' and the like,
    which this one has none of), 0.2 s of every rebuild at 5,000 pages."""
    text = datetime.datetime.strftime(date, "%Y-%m-%dT%H:%M:%S")
    if date.tzinfo is None:
        return f"{text}-00:00"
    zone = datetime.datetime.strftime(date, "%z")
    return f"{text}{zone[:-2]}:{zone[-2:]}"


def register() -> None:
    signals.initialized.connect(start_a_fresh_sitemap)
    signals.feed_generated.connect(date_empty_feed)
    signals.all_generators_finalized.connect(date_undated_sitemap_entries)
