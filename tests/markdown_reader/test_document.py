import pytest
from markdown_reader.document import split_document
from markdown_reader.errors import ContentError


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


def test_a_first_paragraph_that_looks_like_a_field_stays_text():
    text = "Note: take it slowly.\n\nMore text.\n"
    document = split_document(text, "a.md")
    assert document.metadata == {}
    assert document.body == text


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("---\ntitle: A\n", 1, "never ends"),
        ("---\ntitle: A\nsummary: [unclosed\n---\nBody\n", 3, "front matter"),
        ("---\ntitle: A\n  bad: indent\n---\n", 3, "front matter"),
        ("---\n- a list\n---\n", 2, "'key: value' lines"),
        ("---\ntitle: A\ndate: 2025-13-45\n---\n", 3, "not a real date"),
        ("---\ntitle: A\nsave_as: []\n---\n", 3, "save_as: [] is not a path"),
        ("---\ntitle: A\nslug: ../../etc\n---\n", 3, "not a plain path inside the site"),
    ],
)
def test_malformed_front_matter_names_the_line(text, line, words):
    with pytest.raises(ContentError) as caught:
        split_document(text, "content/a.md")
    assert caught.value.line == line
    assert caught.value.path == "content/a.md"
    assert words in str(caught.value)
    assert str(caught.value).startswith(f"content/a.md:{line}: error:")
