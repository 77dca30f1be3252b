from fixed_urls import fix_urls


class Counted:
    """Stands for a Pelican content whose `url` and `save_as` are worked out on each access."""

    computed = 0

    def _setting(self, key, value):
        if hasattr(self, f"override_{key}"):
            return getattr(self, f"override_{key}")
        Counted.computed += 1
        return value

    @property
    def url(self):
        return self._setting("url", "eating-well/")

    @property
    def save_as(self):
        return self._setting("save_as", "eating-well/index.html")


def test_an_address_and_a_file_name_are_worked_out_once_then_kept():
    content = Counted()
    fix_urls([content])
    assert [content.url for _ in range(5)] == ["eating-well/"] * 5
    assert [content.save_as for _ in range(5)] == ["eating-well/index.html"] * 5
    assert Counted.computed == 2


def test_the_built_site_keeps_the_same_addresses(make_site, build_site):
    output = build_site(make_site())
    assert (output / "hello/index.html").exists()
    assert 'href="../../hello/"' in (output / "category/coping/index.html").read_text()
