from types import SimpleNamespace

from category_pages import link_neighbours


def test_each_article_gets_its_older_and_newer_neighbour():
    newest, middle, oldest = (SimpleNamespace(name=n) for n in ("newest", "middle", "oldest"))
    link_neighbours([newest, middle, oldest])
    assert (newest.older_in_category, newest.newer_in_category) == (middle, None)
    assert (middle.older_in_category, middle.newer_in_category) == (oldest, newest)
    assert (oldest.older_in_category, oldest.newer_in_category) == (None, middle)
