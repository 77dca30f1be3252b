"""Each article's and page's address, worked out once.

Pelican formats `content.url` from the URL settings every time a template asks,
and the templates ask a dozen times per page (lists, canonical link, pager,
sitemap). Once every generator has finished, nothing changes an address any
more: it is kept through Pelican's own `override_url`. Not the file name: Pelican
takes an `override_save_as` for a page meant to replace another one's file, and
would then let an article named "Tags" silently take the place of /tags/.
"""

from __future__ import annotations

from pelican import signals


def fix_urls(contents) -> None:
    for content in contents:
        content.override_url = content.url


def fix_site_urls(generators) -> None:
    for generator in generators:
        for name in ("articles", "translations", "drafts", "pages", "hidden_pages"):
            fix_urls(getattr(generator, name, []))


def register() -> None:
    signals.all_generators_finalized.connect(fix_site_urls)
