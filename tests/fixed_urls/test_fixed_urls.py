from fixed_urls import fix_urls


class Counted:
    """Stands for a Pelican content whose `url` is worked out on each access."""

    computed = 0

    @property
    def url(self):
        if hasattr(self, "override_url"):
            return self.override_url
        Counted.computed += 1
        return "eating-well/"


def test_an_address_is_worked_out_once_then_kept():
    content = Counted()
    fix_urls([content])
    assert [content.url for _ in range(5)] == ["eating-well/"] * 5
    assert Counted.computed == 1


def test_the_built_site_keeps_the_same_addresses(make_site, build_site):
    output = build_site(make_site())
    assert (output / "hello/index.html").exists()
    assert 'href="../../hello/"' in (output / "category/coping/index.html").read_text()


def test_an_article_cannot_take_the_place_of_a_page_of_the_site(make_site, run_pelican):
    article = "---\ntitle: Tags\ndate: 2025-01-02\ncategory: Coping\nsummary: Hi.\n---\nHi.\n"
    result = run_pelican(make_site({"articles/tags.md": article}))
    assert result.returncode == 1, result.stderr
    assert "tags/index.html" in result.stderr
