import pytest
from fixed_urls import fix_urls, names_no_page, site_addresses, taken_by_site
from markdown_reader.errors import ContentError
from pelican.settings import read_settings

from tests.conftest import ROOT

ARTICLE = "---\n{}\ndate: 2025-01-02\ncategory: Coping\nsummary: Hi.\n---\nHi.\n"


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


@pytest.mark.parametrize(
    ("files", "said"),
    [
        # Pelican would stop at the second file written to /tags/, in its own words.
        ({"articles/tags.md": ARTICLE.format("title: Tags")},
         "content/articles/tags.md:2: error: address /tags/ is kept for the site's list of tags"
         " [reserved-url]"),
        # Nothing would stop it: the search index's folder is emptied for the new index.
        ({"pages/about.md": "---\ntitle: About\nslug: pagefind\n---\nHi.\n"},
         "content/pages/about.md:3: error: address /pagefind/ is kept for the site's search"
         " index [reserved-url]"),
        # A file name of its own, in a folder the site fills with its own pages.
        ({"articles/tea.md": ARTICLE.format("title: Tea\nsave_as: category/tea.html")},
         "content/articles/tea.md:3: error: address /category/tea.html is kept for the site's"
         " categories' pages [reserved-url]"),
        # Pelican would let a file named in the front matter replace the other page.
        ({"articles/tea.md": ARTICLE.format("title: Tea\nsave_as: hello/index.html")},
         "content/articles/tea.md:3: error: same address /hello/ as content/articles/hello.md"
         " [duplicate-url]"),
        # The file system reads hello//index.html as hello/index.html.
        ({"articles/tea.md": ARTICLE.format("title: Tea\nsave_as: hello//index.html")},
         "content/articles/tea.md:3: error: same address /hello/ as content/articles/hello.md"
         " [duplicate-url]"),
        # A browser reads ./ as no folder: this would be the home page.
        ({"articles/tea.md": ARTICLE.format("title: Tea\nsave_as: ./index.html\nurl: ./")},
         "content/articles/tea.md:3: error: save_as: './index.html' has '.' as a folder's name"),
                # A file system refuses a file name this long: the build stopped naming no line.
        ({"articles/long.md": ARTICLE.format("title: " + "Feeling " * 58)},
         "content/articles/long.md:2: error: address /feeling-feeling-feeling-feeling-feeling… is"
         " 465 characters long, more than the 100 a page's address may have [url-too-long]\n"
         "  hint: give the page a shorter slug: a few words of its title, for example"
         " 'slug: feeling-feeling-feeling-feeling'"),
                # Written as "walking", a file browsers download; its links lead to /walking/.
        ({"articles/walking.md": ARTICLE.format("title: Walking\nsave_as: walking")},
         "content/articles/walking.md:3: error: save_as 'walking' names no page: a page's file"
         " ends in .html [save-as-page]\n  hint: write 'save_as: walking/index.html' for the"
         " address /walking/, or leave the line out"),
    ],
)  # fmt: skip
def test_a_page_cannot_take_an_address_of_the_site_or_another_page(
    make_site, run_pelican, files, said
):
    result = run_pelican(make_site(files))
    assert result.returncode == 1, result.stderr
    assert said in result.stderr
    assert "1 error(s)" in result.stderr and "Error" not in result.stderr


def test_an_address_too_long_stops_the_build_before_anything_is_written(make_site, build_site):
    long = "a-" * 130 + "end"  # over the 255 bytes of a file name
    content = make_site({"pages/long.md": f"---\ntitle: Long\nsave_as: {long}.html\n---\nHi.\n"})
    with pytest.raises(ContentError) as raised:
        build_site(content)
    assert (raised.value.line, raised.value.rule) == (3, "url-too-long")
    assert raised.value.hint.endswith("for example 'save_as: a-a-a-a/index.html'")
    assert not list((content.parent / "output").rglob("*.html"))


def test_the_site_keeps_its_own_folders_and_pages():
    addresses = site_addresses(read_settings(str(ROOT / "pelicanconf.py")))
    taken = {
        save_as: taken_by_site(save_as, addresses)
        for save_as in (
            "index.html", "tags/index.html", "checklist/index.html", "checklist/sheet.pdf",
            "resources/gb/index.html", "pagefind/index.html", "theme/css/a.css",
            "images/tea/index.html", "category/new/index.html", "robots.txt",
            "tea/index.html", "index/index.html", "tagsy/index.html", "my-tags/index.html",
        )
    }  # fmt: skip
    assert taken == {
        "index.html": "home page",
        "tags/index.html": "list of tags",
        "checklist/index.html": "weekly checklist and its PDFs",
        "checklist/sheet.pdf": "weekly checklist and its PDFs",
        "resources/gb/index.html": "directory of support resources",
        "pagefind/index.html": "search index",
        "theme/css/a.css": "styles, fonts and scripts",
        "images/tea/index.html": "files copied from content/images/",
        "category/new/index.html": "categories' pages",
        "robots.txt": "page made from a template",
        "tea/index.html": None,
        "index/index.html": None,
        "tagsy/index.html": None,
        "my-tags/index.html": None,
    }


def test_only_a_file_name_other_than_a_page_is_refused():
    # An empty save_as is Pelican's way of writing no file at all.
    named = ["", "walking.html", "walking/index.html", "walking", "walking/", "walking.htm"]
    assert [names_no_page(save_as) for save_as in named] == [False, False, False, True, True, True]
