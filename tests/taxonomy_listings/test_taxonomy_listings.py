import pickle

from taxonomy_listings import ListedArticles, index_listings


class Content:
    """Stands for a Pelican content: equal only to itself."""


def test_membership_is_as_in_a_list():
    listed, other = Content(), Content()
    articles = ListedArticles([listed])
    assert listed in articles
    assert other not in articles
    assert list(articles) == [listed]


def test_an_unpickled_list_knows_its_new_articles():
    copy = pickle.loads(pickle.dumps(ListedArticles([Content(), Content()])))
    assert all(article in copy for article in copy)


class Generator:
    def __init__(self, tags, categories, authors):
        self.tags, self.categories, self.authors = tags, categories, authors


def test_every_listing_is_swapped_in_place():
    first, second = Content(), Content()
    categories = [("coping", [first, second])]
    generator = Generator({"sleep": [second]}, categories, [("ada", [first])])
    index_listings([generator, object()])  # a generator without listings is left alone
    assert generator.categories is categories  # the template context holds this list
    for articles, expected in (
        (generator.tags["sleep"], [second]),
        (generator.categories[0][1], [first, second]),
        (generator.authors[0][1], [first]),
    ):
        assert isinstance(articles, ListedArticles)
        assert list(articles) == expected


def test_tag_and_category_pages_list_their_articles_by_date(make_site, build_site):
    articles = {
        f"articles/{name}.md": (
            f"---\ntitle: {name.title()}\ndate: 2025-01-0{day}\ncategory: {category}\n"
            f"tags: {tags}\nsummary: S.\n---\nText.\n"
        )
        for name, day, category, tags in (
            ("early", 1, "Coping", "sleep"),
            ("later", 3, "Coping", "sleep, rest"),
            ("other", 2, "Resting", "rest"),
        )
    }
    categories = {"categories/resting.md": "---\ntitle: Resting\nsummary: R.\n---\nR.\n"}
    output = build_site(make_site({**articles, **categories}))
    coping = (output / "category/coping/index.html").read_text()
    assert coping.index("Later") < coping.index("Early") and "Other" not in coping
    rest = (output / "tag/rest/index.html").read_text()
    assert rest.index("Later") < rest.index("Other") and "Early" not in rest
