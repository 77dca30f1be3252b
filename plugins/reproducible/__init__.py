"""Byte-identical builds: nothing in the output may depend on when it was built.

An Atom feed with no entries (a category page with no article yet) would carry
the time of the build as its `updated` date; it gets `source_date` instead.
"""

from __future__ import annotations

import os

from pelican import signals

from .dates import source_date


def date_empty_feed(context, feed) -> None:
    if feed.items:
        return
    articles = context.get("articles", [])
    dates = [getattr(article, key, None) for article in articles for key in ("date", "modified")]
    date = source_date(os.environ, dates)
    feed.latest_post_date = lambda: date


def register() -> None:
    signals.feed_generated.connect(date_empty_feed)
