"""A mistake in a resource file fails the build with `path:line: field: problem`, a hint
and no traceback: one test per kind of mistake an editor makes."""

import pytest
from markdown_reader.errors import ContentError

GOOD = """\
name: Example Line
summary: Someone to talk to.
kind: crisis line
categories: [coping]
website: https://example.org
contact:
  phone:
    display: 0800 000 000
    tel: "+44800000000"
hours: 24/7
countries: [GB]
source: https://example.org/help
last_verified: 2026-11-01
"""
PATH = "content/resources/example.yaml"


@pytest.fixture
def build_with(make_site, run_pelican):
    def build(files: dict[str, str]):
        result = run_pelican(make_site({f"resources/{name}": text for name, text in files.items()}))
        output = result.stdout + result.stderr
        assert "Traceback" not in output
        return result

    return build


def failed(result) -> str:
    assert result.returncode == 1, result.stderr
    assert "Build failed" in result.stderr
    return result.stderr


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param("summary: Someone to talk to.\n", "",
                     f"{PATH}:1: error: summary: required field is missing [resource]\n"
                     "  hint: add a line 'summary: …'", id="missing-required-field"),
        pytest.param('tel: "+44800000000"', 'tel: "+44 800 000 000"',
                     f"{PATH}:9: error: contact.phone.tel: '+44 800 000 000' is not a dialable "
                     "number [resource]\n  hint: write + country code and digits only",
                     id="malformed-phone"),
        pytest.param("categories: [coping]", "categories: [copeing]",
                     f"{PATH}:4: error: categories[1]: 'copeing' is not a known category: did "
                     "you mean 'coping'? [resource]\n  hint: use one of: coping",
                     id="unknown-category"),
        pytest.param("last_verified: 2026-11-01", "last_verified: 2026-13-01",
                     f"{PATH}:13: error: last_verified: '2026-13-01' is not a date [resource]\n"
                     "  hint: write the day the facts were checked as YYYY-MM-DD",
                     id="bad-date"),
        pytest.param("summary:", "sumary:",
                     f"{PATH}:2: error: sumary: unknown field: did you mean 'summary'? "
                     "[resource]\n  hint: fields are: ", id="misspelt-field"),
        pytest.param("categories: [coping]", "categories: [coping",
                     f"{PATH}:4: error: file: YAML syntax: ", id="malformed-yaml"),
        pytest.param("""  phone:
    display: 0800 000 000
    tel: "+44800000000"
""", "  note: call us\n",
                     f"{PATH}:7: error: contact.note: unknown field", id="unknown-contact-field"),
        pytest.param("""contact:
  phone:
    display: 0800 000 000
    tel: "+44800000000"
""", "contact: {}\n",
                     f"{PATH}:6: error: contact: no contact method: give at least one of phone, "
                     "sms, chat, website, email [resource]\n  hint: a service is listed only "
                     "with a way to reach it", id="no-contact-method"),
    ],
)  # fmt: skip
def test_a_bad_entry_fails_the_build_at_its_line(build_with, old, new, expected):
    assert old in GOOD
    stderr = failed(build_with({"example.yaml": GOOD.replace(old, new)}))
    assert expected in stderr


def test_a_duplicate_resource_is_reported_at_the_second_file(build_with):
    stderr = failed(build_with({"example.yaml": GOOD, "same-line.yaml": GOOD}))
    assert (
        "content/resources/same-line.yaml:1: error: name: 'Example Line' is already listed in "
        f"{PATH} [resource]\n  hint: each service has one file" in stderr
    )


def test_every_mistake_of_every_file_is_listed_in_one_build(build_with):
    stderr = failed(build_with({
        "example.yaml": GOOD.replace("kind: crisis line", "kind: helpline"),
        "other.yaml": GOOD.replace("name: Example Line", "name: Other")
                          .replace("countries: [GB]", "countries: [XX]"),
    }))  # fmt: skip
    assert f"{PATH}:3: error: kind: 'helpline' is not a known kind" in stderr
    assert "content/resources/other.yaml:11: error: countries[1]: 'XX' is not an ISO" in stderr
    assert "2 error(s)" in stderr


def test_a_stale_entry_is_a_warning_with_its_line(build_with, monkeypatch):
    # 2028-01-01: more than 365 days after last_verified (2026-11-01).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1830297600")
    result = build_with({"example.yaml": GOOD})
    assert result.returncode == 0, result.stderr
    assert (
        f"warning: {PATH}:13: last_verified: checked 2026-11-01, 426 days ago (more than 365)"
        in result.stderr
    )
    assert "0 error(s), 1 warning(s)" in result.stderr


def test_a_source_that_is_not_an_official_page_is_a_build_warning_at_its_line(build_with):
    weak = GOOD.replace("https://example.org/help", "https://news.example.net/story")
    result = build_with({"example.yaml": weak})
    assert result.returncode == 0, result.stderr
    assert (
        f"warning: {PATH}:12: source: 'https://news.example.net/story' is not an official page"
        in result.stderr
    )


def test_a_good_entry_builds_and_appears_on_its_category_page(build_with, tmp_path):
    result = build_with({"example.yaml": GOOD})
    assert result.returncode == 0, result.stderr
    category = (tmp_path / "output/category/coping/index.html").read_text(encoding="utf-8")
    assert 'href="../../resources/#example"' in category
    assert 'href="tel:+44800000000"' in category


def test_the_plugin_raises_the_sites_content_error(make_site, build_site):
    content = make_site({"resources/example.yaml": GOOD.replace("kind: crisis line", "kind: x")})
    with pytest.raises(ContentError) as caught:
        build_site(content)
    error = caught.value
    assert error.path.endswith("resources/example.yaml")
    assert (error.line, error.rule) == (3, "resource")
    assert error.message.startswith("kind: 'x' is not a known kind")


def test_a_default_country_without_a_main_crisis_line_fails_the_build(build_with):
    british_only = GOOD + "main_crisis_line_for: [GB]\n"
    stderr = failed(build_with({"example.yaml": british_only}))
    assert (
        "pelicanconf.py:1: error: CRISIS_HELP_COUNTRY: 'US' has no main crisis line in the "
        "directory [resource]\n  hint: choose one of GB" in stderr
    )
