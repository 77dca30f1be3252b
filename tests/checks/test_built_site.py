"""The built site as the checks see it holds one page's text at a time."""

from checks.site import BuiltSite


def test_pages_are_read_when_checked_and_let_go_after(tmp_path):
    for name, text in {"index.html": "<p id=top>Home</p>", "a/index.html": "<p>A</p>"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    site = BuiltSite.load(tmp_path, tmp_path, [])
    page = site.pages["index.html"]
    assert "html" not in vars(page), "listed, not read"
    assert page.anchors == {"top"}
    page.forget_tree()
    assert "html" not in vars(page) and "tree" not in vars(page)
    assert page.html_position("Home") == (1, 11), "read again to place a finding"
    assert set(site.pages) == {"index.html", "a/index.html"}
