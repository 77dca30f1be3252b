"""The "Edit this page" link on every content page and resource entry leads to the file's edit
view at the repository host, and is left out when no repository is set."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

REPOSITORY = "https://github.com/example/small-wins"
EDIT = f"{REPOSITORY}/edit/trunk/"
PAGES = {
    "hello/index.html": "content/articles/hello.md",
    "about/index.html": "content/pages/about.md",
    "category/coping/index.html": "content/categories/coping.md",
}


def edit_links(output, relative):
    tree = LexborHTMLParser((output / relative).read_text(encoding="utf-8"))
    return [(a.attributes["href"], a.text()) for a in tree.css(".edit-this-page a")]


def test_each_page_and_entry_links_to_its_file(make_site, build_site, one_resource, monkeypatch):
    content = make_site({**one_resource, "pages/about.md": "---\ntitle: About\n---\nAbout.\n"})
    monkeypatch.chdir(content.parent)  # resource paths are shown from the project's root
    output = build_site(content, REPOSITORY_URL=f"{REPOSITORY}/", REPOSITORY_BRANCH="trunk")
    for page, source in PAGES.items():
        assert edit_links(output, page) == [(EDIT + source, "Edit this page")]
    (resource,) = one_resource
    assert edit_links(output, "resources/index.html") == [
        (f"{EDIT}content/{resource}", "Edit this entry: 988 Suicide & Crisis Lifeline")
    ]


def test_no_link_without_a_repository(make_site, build_site):
    output = build_site(make_site())
    assert edit_links(output, "hello/index.html") == []
    assert "/edit/" not in (output / "hello/index.html").read_text(encoding="utf-8")
