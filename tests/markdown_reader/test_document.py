import pytest
import yaml
from markdown_reader.document import split_document
from markdown_reader.errors import ContentError, yaml_problem


def test_yaml_front_matter_gives_metadata_body_and_key_lines():
    text = "---\ntitle: Eating\ndate: 2025-03-14\ntags: [food, care]\n---\n\nBody text.\n"
    document = split_document(text, "a.md")
    assert document.metadata == {"title": "Eating", "date": "2025-03-14", "tags": "food, care"}
    assert document.metadata_lines == {"title": 2, "date": 3, "tags": 4}
    assert document.body.strip() == "Body text."
    assert document.body_line == 6


def test_native_header_ends_at_first_blank_line():
    text = "Title: Eating\nTags: food,\n  care\n\nBody: not metadata.\n"
    document = split_document(text, "a.md")
    assert document.metadata == {"title": "Eating", "tags": "food, care"}
    assert document.body == "Body: not metadata.\n"
    assert document.body_line == 5


def test_a_native_header_is_read_as_pelican_reads_it():
    """Python-Markdown's `meta` rules, which Pelican's own reader follows: no space after
    the colon, up to three spaces before a key, a key starting with a digit, only keys
    this site does not know (the checks name those at their line)."""
    text = "Title:Hello\n  Date: 2025-01-02\n2fa: x\nMood: fine\n    and calm\n\nBody\n"
    document = split_document(text, "a.md")
    assert document.metadata == {
        "title": "Hello", "date": "2025-01-02", "2fa": "x", "mood": "fine and calm"
    }  # fmt: skip
    assert document.metadata_lines == {"title": 1, "date": 2, "2fa": 3, "mood": 4}
    assert document.body == "Body\n"


def test_yaml_values_are_the_text_typed():
    text = "---\ntitle: yes\ncategory: 2024\norder: 3\ntags: [on, 1]\n---\nBody\n"
    document = split_document(text, "a.md")
    assert document.metadata == {"title": "yes", "category": "2024", "order": "3", "tags": "on, 1"}


def test_a_rule_opening_the_text_is_no_front_matter():
    text = "---\n\nSome text after a rule.\n"
    document = split_document(text, "a.md")
    assert document.metadata == {}
    assert document.body == text


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("---\ntitle: A\n", 1, "never ends"),
        (
            "---\ntitle: Win #3\n---\n",
            2,
            "title: '#3' is left out: YAML reads ' #' as the start of a comment",
        ),
        ("---\ntitle: A\nsummary: B\ntitle: C\n---\n", 4, "title: appears twice (first on line 2)"),
        ("Title: A\nTitle: C\n\nBody\n", 2, "title: appears twice (first on line 1)"),
        ("Title: A\nnot a field\n\nBody\n", 2, "neither 'Key: value' nor the value above"),
        ("---\ntitle: A\nsummary: [unclosed\n---\nBody\n", 3, "front matter"),
        ("---\ntitle: A\n  bad: indent\n---\n", 3, "front matter"),
        ("---\n- a list\n---\n", 2, "'key: value' lines"),
        ("---\ntitle: A\ndate: 2025-13-45\n---\n", 3, "not a real date"),
        ("---\ntitle: A\nsave_as: []\n---\n", 3, "save_as: [] is not a path"),
        ("---\ntitle: A\nslug: ../../etc\n---\n", 3, "not a plain path inside the site"),
        # Each would replace the home page or the search page.
        ("---\ntitle: A\nurl: ./\nsave_as: ./index.html\n---\n", 3,
         "url: './' has '.' as a folder's name, which browsers read as no folder at all"),
        ("---\ntitle: A\nsave_as: ./search/index.html\n---\n", 3,
         "'./index.html' is the home page [front-matter]\n"
         "  hint: write save_as without './', for example 'eating-well/index.html'"),
        ("Title: A\nSlug: .\n\nBody\n", 2, "slug: '.' has '.' as a folder's name"),
        ("---\ntitle: A\nsave_as: walking/./index.html\n---\n", 3, "without './'"),
    ],
)  # fmt: skip
def test_malformed_front_matter_names_the_line(text, line, words):
    with pytest.raises(ContentError) as caught:
        split_document(text, "content/a.md")
    assert caught.value.line == line
    assert caught.value.path == "content/a.md"
    assert words in str(caught.value)
    assert str(caught.value).startswith(f"content/a.md:{line}: error:")


@pytest.mark.parametrize(
    ("header", "line", "message"),
    [
        ("---\ntitle: A\ndate: 02/12/2026\n---\n", 3,
         "date: 02/12/2026 is not a date in the form YYYY-MM-DD: write 2026-12-02 if you meant "
         "2 December 2026, or write 2026-02-12 if you meant 12 February 2026"),
        ("---\ntitle: A\ndate: 2nd December 2026\n---\n", 3,
         "date: 2nd December 2026 is not a date in the form YYYY-MM-DD: write 2026-12-02 if you "
         "meant 2 December 2026 [front-matter-date]"),
        ("Title: A\nModified: 25/12/2026 9:30\n\nBody\n", 2,
         "modified: 25/12/2026 9:30 is not a date in the form YYYY-MM-DD: write 2026-12-25 09:30 "
         "if you meant 25 December 2026 at 09:30 [front-matter-date]"),
        ("Title: A\nDate: 2026-1-5\n\nBody\n", 2, "write 2026-01-05 if you meant 5 January 2026 ["),
        ("---\ntitle: A\ndate: December 2026\n---\n", 3,
         "date: December 2026 is not a date in the form YYYY-MM-DD [front-matter-date]"),
        ("Title: A\nDate: 2026-02-30\n\nBody\n", 2, "date: 2026-02-30 is not a real date"),
    ],
)  # fmt: skip
def test_only_iso_dates_are_accepted_and_a_refused_one_gets_its_iso_forms(header, line, message):
    with pytest.raises(ContentError) as caught:
        split_document(header, "content/a.md")
    assert (caught.value.line, caught.value.rule) == (line, "front-matter-date")
    assert message in str(caught.value)


@pytest.mark.parametrize("value", ["2026-12-02", "2026-12-02 14:30", "2026-12-02 14:30:05"])
def test_an_iso_date_with_or_without_a_time_is_accepted(value):
    for text in (f"---\ntitle: A\ndate: {value}\n---\n", f"Title: A\nDate: {value}\n\nBody\n"):
        assert split_document(text, "a.md").metadata["date"].startswith("2026-12-02")


# Each YAML mistake an editor makes, in plain words at its line, whichever of
# PyYAML's two parsers (libyaml's words differ) reads the file.
YAML_MISTAKES = [
    ("title: A\n\tsummary: B\n", 2, "this line is indented with a tab", "spaces, not a tab"),
    ("title: A\ntags:\n\t- sleep\n", 3, "indented with a tab", "spaces"),
    ('title: "Eating well\nsummary: B\n', 1, "the title's quotation mark is not closed", "same"),
    ("title: Yes: really\n", 1, "the title's value has ': ' in it", "double quotes"),
    ("title: A\njust words\nsummary: B\n", 2, "its colon is missing", "a colon and a space"),
    ("title: A\ntags: [sleep, rest\nsummary: B\n", 2, "the tags' list has no closing ']'", "]"),
    ("title: A\n  bad: indent\n", 2, "reads as part of the value above", "beginning of the line"),
]


@pytest.mark.parametrize("loader", [yaml.SafeLoader, yaml.CSafeLoader], ids=["pyyaml", "libyaml"])
@pytest.mark.parametrize(("text", "line", "message", "hint"), YAML_MISTAKES)
def test_yaml_problems_are_said_in_plain_words_at_their_line(loader, text, line, message, hint):
    with pytest.raises(yaml.YAMLError) as caught:
        yaml.load(text, Loader=loader)
    found = yaml_problem(caught.value, text, first_line=1)
    assert found[0] == line and message in found[1]
    assert hint in found[2]
    assert "YAML" not in found[1] and "scalar" not in found[1] + found[2]
