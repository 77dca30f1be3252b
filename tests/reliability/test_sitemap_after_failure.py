"""A failed build must not change what the next build in the same process writes."""

import re

import pytest
from markdown_reader.errors import ContentError

BAD_WIN = {
    "articles/hello.md": "---\ntitle: Hello\ndate: 2025-01-02\ncategory: Coping\n---\n"
    '## Rest {win="Rested" category=nowhere}\n\nRest.\n'
}


def test_the_sitemap_is_written_after_a_failed_build_in_the_same_process(make_site, build_site):
    with pytest.raises(ContentError):
        build_site(make_site(BAD_WIN))
    output = build_site(
        make_site(
            {
                "articles/hello.md": "---\ntitle: Hello\ndate: 2025-01-02\n"
                "category: Coping\n---\nHello.\n"
            }
        )
    )
    sitemap = (output / "sitemap.xml").read_text()
    assert "hello/" in sitemap
    addresses = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    assert len(addresses) == len(set(addresses)), "pages of the failed build were kept"
