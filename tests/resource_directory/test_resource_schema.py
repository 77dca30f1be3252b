"""The resource schema on its own: one file in, a Resource or errors at their lines out."""

import datetime
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from resource_directory.schema import load_directory, read_resource

TODAY = datetime.date(2026, 11, 25)
CATEGORIES = ["coping", "getting-support"]
GOOD = """\
    name: Example Line
    summary: Someone to talk to.
    kind: crisis line
    categories: [coping]
    contact:
      phone:
        display: 0800 000 000
        tel: +44800000000
      sms:
        number: "85258"
        keyword: HELLO
    hours: 24/7
    countries: [GB, NO]
    regions: [GB-SCT]
    languages: [en, fr-CA]
    ages: {min: 13, max: 24}
    cost: free
    source: https://example.org/help
    last_verified: 2026-11-01
"""


def read(text: str):
    return read_resource("content/resources/example.yaml", textwrap.dedent(text), CATEGORIES,
                         TODAY)  # fmt: skip


def errors_of(text: str) -> list[str]:
    resource, file = read(text)
    assert resource is None
    return [str(error) for error in file.errors]


def test_a_complete_entry_reads_with_every_field():
    resource, file = read(GOOD)
    assert file.errors == []
    assert resource.slug == "example"
    assert resource.phone.href == "tel:+44800000000"  # unquoted + kept: read as written
    assert resource.sms.href == "sms:85258?body=HELLO"
    assert resource.country_names == ("United Kingdom", "Norway")  # NO is not "false"
    assert resource.region_names == ("Scotland",)
    assert resource.language_names == ("English", "French (Canada)")
    assert resource.ages == "13–24"
    assert resource.open_always and resource.is_crisis
    assert resource.last_verified == datetime.date(2026, 11, 1)


def test_contact_none_needs_a_reason_and_then_stands_alone():
    base = GOOD.split("    contact:")[0] + "    contact: none\n    source: /article/\n"
    base += "    last_verified: 2026-11-01\n"
    assert errors_of(base) == [
        "content/resources/example.yaml:5: error: contact: 'none' needs a reason in "
        "contact_note [resource]\n  hint: add e.g. contact_note: Named in our article; "
        "no contact details verified yet"
    ]
    resource, _ = read(base + "    contact_note: Only named in our article.\n")
    assert not resource.has_contact and resource.sources == ("/article/",)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("kind: crisis line", "kind: crisis lines",
         "kind: 'crisis lines' is not a known kind: did you mean 'crisis line'?"),
        ("countries: [GB, NO]", "countries: [GB, UK]",
         "countries[2]: 'UK' is not an ISO 3166 country code"),
        ("regions: [GB-SCT]", "regions: [US-CA]",
         "regions[1]: 'US-CA' is in a country missing from countries"),
        ("languages: [en, fr-CA]", "languages: [english]",
         "languages[1]: 'english' is not a BCP 47 language tag"),
        ("ages: {min: 13, max: 24}", "ages: {min: 30, max: 24}", "ages: min is greater than max"),
        ("cost: free", "cost: gratis", "cost: 'gratis' is not a known cost"),
        ("source: https://example.org/help", "source: example.org",
         "source: 'example.org' is not a web address"),
        ("last_verified: 2026-11-01", "last_verified: 2027-01-01",
         "last_verified: 2027-01-01 is in the future"),
        ("summary: Someone to talk to.", "summary: " + "x" * 201,
         "summary: is 201 characters long, more than 200"),
        ("hours: 24/7", "hours: 24/7\nhours: 9-5", "hours: appears twice"),
    ],
)  # fmt: skip
def test_each_mistake_is_named_at_its_line(old, new, expected):
    text = textwrap.dedent(GOOD).replace(old, new)
    line = next(number for number, content in enumerate(text.splitlines(), 1)
                if content.startswith(new.splitlines()[-1]))  # fmt: skip
    messages = errors_of(text)
    assert any(message.startswith(f"content/resources/example.yaml:{line}: error: {expected}")
               for message in messages), messages  # fmt: skip


def test_a_file_name_that_cannot_be_a_link_is_refused():
    _, file = read_resource("content/resources/Help Line.yaml", textwrap.dedent(GOOD),
                            CATEGORIES, TODAY)  # fmt: skip
    assert "file name: 'Help Line.yaml' is not a usable file name" in str(file.errors[0])


@pytest.mark.parametrize(
    "text",
    ["", "just words", "- a\n- b\n", "name: [", "\tname: x\n", "name: x\n---\nname: y\n",
     "? [a]\n: b\n", "name: !!python/object/apply:os.system [ls]\n", "name: &a [*a]\n",
     "name: x\ncategories: []\ncontact:\n", "name:\nsummary:\nkind:\n", "{{{"],
)  # fmt: skip
def test_odd_files_give_errors_never_exceptions(text):
    resource, file = read(text)
    assert resource is None
    assert file.errors and all(error.line >= 1 for error in file.errors)


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("name: []{}-,&*!'\"\n\t#contact24/7+0é")), max_size=80)
)
def test_any_text_is_read_or_refused_without_an_exception(text):
    resource, file = read(text)
    assert (resource is None) == bool(file.errors)


def test_a_file_that_is_not_utf8_is_an_error_not_a_crash(tmp_path):
    (tmp_path / "latin.yaml").write_bytes("name: Caf\xe9\n".encode("latin-1"))
    (tmp_path / "notes.txt").write_text("not a resource")
    directory = load_directory(tmp_path, CATEGORIES, TODAY, 365)
    assert [error.message for error in directory.errors] == ["file: is not UTF-8 text"]
    assert directory.resources == []
