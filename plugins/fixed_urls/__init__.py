"""Each article's and page's address and file name, worked out once.

Pelican formats `content.url` and `content.save_as` from the URL settings every
time they are asked for, and the templates ask a dozen times per page (lists,
canonical link, pager, sitemap); each costs a copy of the metadata and a relative
path. Once every generator has finished, nothing changes an address any more: both
are kept through Pelican's own `override_url` and `override_save_as`.
"""

from __future__ import annotations

from pelican import signals


def fix_urls(contents) -> None:
    for content in contents:
        content.override_url = content.url
        content.override_save_as = content.save_as


def fix_site_urls(generators) -> None:
    for generator in generators:
        for name in ("articles", "translations", "drafts", "pages", "hidden_pages"):
            fix_urls(getattr(generator, name, []))


def register() -> None:
    signals.all_generators_finalized.connect(fix_site_urls)
