"""The resource schema on its own: one file in, a Resource or errors at their lines out."""

import datetime
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from resource_directory.schema import load_directory, read_resource, region_name

TODAY = datetime.date(2026, 11, 25)
CATEGORIES = ["coping", "getting-support"]
GOOD = """\
    name: Example Line
    summary: Someone to talk to.
    kind: crisis line
    categories: [coping]
    website: https://www.example.org
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
TIMETABLE = """\
    hours:
      time_zone: America/New_York
      open:
        - days: [Monday, Tuesday, Wednesday, Thursday, Friday]
          from: "10:00"
          until: "22:00"
        - days: [Saturday]
          from: 12:00
          until: "24:00"
"""


def read(text: str):
    return read_resource("content/resources/example.yaml", textwrap.dedent(text), CATEGORIES,
                         TODAY)  # fmt: skip


def errors_of(text: str) -> list[str]:
    resource, file = read(text)
    assert resource is None
    return [str(error) for error in file.errors]


def test_a_region_is_named_as_a_reader_knows_it():
    assert [region_name(code) for code in ("GB-WLS", "ES-CT", "GB-SCT")] == [
        "Wales", "Catalunya", "Scotland",
    ]  # fmt: skip


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


def test_a_service_with_no_verified_way_to_reach_it_is_not_listed():
    text = textwrap.dedent(GOOD)
    text = text[: text.index("contact:")] + "contact: none\n" + text[text.index("hours:") :]
    assert errors_of(text) == [
        "content/resources/example.yaml:6: error: contact: 'none' is not contact details "
        "[resource]\n  hint: a service is listed only with a way to reach it that its "
        "official page gives: if none could be verified, leave the service out of the directory"
    ]


def test_a_timetable_reads_as_days_and_times_in_the_services_time_zone():
    resource, file = read(GOOD.replace("    hours: 24/7\n", TIMETABLE))
    assert file.errors == []
    assert not resource.open_always and resource.time_zone == "America/New_York"
    assert [(row.days, row.opens, row.closes) for row in resource.schedule] == [
        (("monday", "tuesday", "wednesday", "thursday", "friday"), "10:00", "22:00"),
        (("saturday",), "12:00", "24:00"),  # an unquoted 12:00 is read as written
    ]
    assert resource.hours_text == (
        "Monday to Friday, 10:00 to 22:00; Saturday, 12:00 to 24:00, New York time"
    )
    assert '"timeZone":"America/New_York"' in resource.hours_json


@pytest.mark.parametrize("zone", ["EST", "GMT", "UTC", "CET", "Etc/GMT+5", "EST5EDT"])
def test_a_time_zone_that_is_not_a_place_is_refused(zone):
    resource, file = read(GOOD.replace("    hours: 24/7\n", TIMETABLE.replace(
        "America/New_York", zone)))  # fmt: skip
    assert resource is None
    [error] = file.errors
    assert (error.line, error.message) == (14, f"hours.time_zone: '{zone}' is not the time zone "
                                           "of a place")  # fmt: skip
    assert error.hint.startswith("write the time zone of the service's city, e.g. "
                                 "America/New_York or Europe/London")  # fmt: skip


@pytest.mark.parametrize(
    ("old", "new", "line", "expected"),
    [
        ("America/New_York", "America/NewYork", 14,
         "hours.time_zone: 'America/NewYork' is not a time zone: did you mean 'America/New_York'?"),
        ("Thursday, Friday]", "Thursday, Fri]", 16,
         "hours.open[1].days[5]: 'Fri' is not a day: did you mean 'Friday'?"),
        ('from: "10:00"', 'from: "10am"', 17, "hours.open[1].from: '10am' is not a time of day"),
        ('until: "22:00"', 'until: "09:00"', 18,
         "hours.open[1].until: closes at 09:00, not after it opens at 10:00"),
        ('until: "22:00"', "", 16, "hours.open[1].until: required field is missing"),
    ],
)  # fmt: skip
def test_bad_hours_fail_at_their_line(old, new, line, expected):
    text = GOOD.replace("    hours: 24/7\n", TIMETABLE.replace(old, new))
    messages = errors_of(text)
    assert any(message.startswith(f"content/resources/example.yaml:{line}: error: {expected}")
               for message in messages), messages  # fmt: skip


def test_free_text_hours_are_refused_with_the_two_forms_that_work():
    messages = errors_of(GOOD.replace("hours: 24/7", "hours: 10 a.m. to 10 p.m. ET"))
    assert messages[0].startswith(
        "content/resources/example.yaml:13: error: hours: '10 a.m. to 10 p.m. ET' is neither "
        "24/7 nor a timetable"
    )


def test_a_main_crisis_line_serves_its_countries_is_open_24_7_and_can_be_called():
    resource, _ = read(GOOD + "    main_crisis_line_for: [GB]\n")
    assert resource.main_crisis_line_for == ("GB",)
    messages = errors_of(
        GOOD.replace("hours: 24/7", TIMETABLE.strip()) + "    main_crisis_line_for: [IE]\n"
    )
    assert any("main_crisis_line_for: 'IE' is not among this service's countries" in message
               for message in messages), messages  # fmt: skip
    assert any("main_crisis_line_for: a main crisis line must be open 24/7" in message
               for message in messages), messages  # fmt: skip


def test_a_source_that_is_not_an_official_page_is_a_warning_at_its_line():
    text = GOOD.replace(
        "source: https://example.org/help",
        "official_domains: [helpers.org.au]\n    source:\n      - https://help.example.org/faq\n"
        "      - https://www.helpers.org.au/news\n      - https://www.health.vic.gov.au/lines\n"
        "      - https://www.newspaper.example.com/story\n      - https://example.org.evil.net/",
    )
    resource, file = read(text)
    assert resource is not None and file.errors == []
    assert file.warnings == [
        f"content/resources/example.yaml:{line}: source: '{url}' is not an official page: "
        "cite a page on example.org or helpers.org.au, or a government or health-service page "
        "(see CONTRIBUTING.md)"
        for line, url in [(24, "https://www.newspaper.example.com/story"),
                          (25, "https://example.org.evil.net/")]
    ]  # fmt: skip


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
        ("website: https://www.example.org", "website: www.example.org",
         "website: 'www.example.org' is not a web address"),
    ],
)  # fmt: skip
def test_each_mistake_is_named_at_its_line(old, new, expected):
    text = textwrap.dedent(GOOD).replace(old, new)
    line = next(number for number, content in enumerate(text.splitlines(), 1)
                if content.startswith(new.splitlines()[-1]))  # fmt: skip
    messages = errors_of(text)
    assert any(message.startswith(f"content/resources/example.yaml:{line}: error: {expected}")
               for message in messages), messages  # fmt: skip


@pytest.mark.parametrize(
    ("old", "new", "line", "expected"),
    [
        ("display: 0800 000 000", "display: 0800 000 001", 9,
         "contact.phone.tel: '+44800000000' is not the number display shows ('0800 000 001')"),
        ("tel: +44800000000", "tel: +4480000000", 9,
         "contact.phone.tel: '+4480000000' is not a whole phone number of its country"),
        ('number: "85258"', 'number: "85258"\n    display: 85 259', 11,
         "contact.sms.number: '85258' is not the number display shows ('85 259')"),
    ],
)  # fmt: skip
def test_a_number_shown_is_the_one_dialled_and_a_whole_number(old, new, line, expected):
    messages = errors_of(textwrap.dedent(GOOD).replace(old, new))
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


# --- the published JSON Schema and the field table, made from the same names and patterns


def published_schema():
    from resource_directory import json_schema

    return json_schema, json_schema.json_schema(json_schema.site_categories())


def test_the_published_schema_and_the_field_table_are_current():
    json_schema, _ = published_schema()
    categories = json_schema.site_categories()
    written = json_schema.SCHEMA_FILE.read_text(encoding="utf-8")
    assert written == json_schema.schema_text(categories), (
        "run plugins/resource_directory/json_schema.py"
    )
    contributing = json_schema.CONTRIBUTING.read_text(encoding="utf-8")
    assert json_schema.contributing_with_table(contributing, categories) == contributing


def test_editors_editors_are_pointed_at_the_schema():
    import json

    from checks.runner import ROOT

    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert "content/resources/*.yaml" in settings["yaml.schemas"]["./resources.schema.json"]
    template = (ROOT / "checks/templates/resource.yaml").read_text(encoding="utf-8")
    # The scaffold's $$ is written as one $, in content/resources/, two folders down.
    assert template.startswith("# yaml-language-server: $$schema=../../resources.schema.json\n")


def test_every_real_resource_file_is_valid_for_the_schema():
    import jsonschema
    import yaml
    from resource_directory.schema import _Loader

    from checks.runner import ROOT

    _, schema = published_schema()
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted((ROOT / "content/resources").glob("*.yaml"))
    assert len(files) >= 20
    for path in files:
        # Read as YAML 1.2 readers (the editors') do: dates stay text, no yes/no booleans.
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        assert [error.message for error in validator.iter_errors(data)] == [], path.name


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (("kind: crisis line", "kind: crisis lines"), ["kind"]),
        (("name: Example Line\n", ""), []),
        (("tel: +44800000000", "tel: 0800 000 000"), ["contact", "phone", "tel"]),
        (("hours: 24/7", "hours: 24/7 mostly"), ["hours"]),
        (("countries: [GB, NO]", "countries: [gb]"), ["countries"]),
        (("cost: free", "cost: cheap"), ["cost"]),
        (("cost: free", "cost: free\nprice: 0"), []),
    ],
)
def test_what_the_build_refuses_for_its_shape_the_schema_refuses_too(change, where):
    import jsonschema
    import yaml
    from resource_directory.schema import _Loader

    text = textwrap.dedent(GOOD).replace(*change)
    resource, _ = read_resource("content/resources/example.yaml", text, CATEGORIES, TODAY)
    assert resource is None
    _, schema = published_schema()
    data = yaml.load(text, Loader=_Loader)
    data["categories"] = ["coping"]  # the fixture's category, not one of the real site's
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert errors and list(errors[0].absolute_path)[: len(where)] == where


# --- one definition: every error in its words, and the HSDS columns it names


@pytest.mark.parametrize(
    ("old", "new", "line", "expected", "hint"),
    [
        ("countries: [GB, NO]", "countries: {a: 1}", 14,
         "countries: must be a list with at least one value",
         "write the values in brackets, e.g. countries: [US, CA]"),
        ("categories: [coping]", "categories: copin", 4,
         "categories: 'copin' is not a known category: did you mean 'coping'?",
         "use one of: coping, getting-support"),
        ("ages: {min: 13, max: 24}", "ages: {min: -1}", 17,
         "ages.min: '-1' is not an age in years", "write a number"),
        ("ages: {min: 13, max: 24}", "ages: {mini: 3}", 17,
         "ages.mini: unknown field: did you mean 'min'?", "fields are: max, min"),
        ("cost: free", "cost:", 18, "cost: is empty",
         "write a value after the colon or remove the line"),
        ("cost: free", "cost: [free]", 18, "cost: must be text",
         "use one of: free, paid, insurance"),
        ("last_verified: 2026-11-01", "last_verified: 2026-02-30", 20,
         "last_verified: '2026-02-30' is not a date", "write the day the facts were checked"),
        ("    keyword: HELLO", "    keyword: HELLO\n    colour: red", 13,
         "contact.sms.colour: unknown field", "fields are: display, keyword, note, number"),
        ('    number: "85258"\n', "", 10, "contact.sms.number: required field is missing",
         'write the number to text, e.g. number: "85258"'),
        ("tel: +44800000000", "tel: [1]", 9, "contact.phone.tel: must be text",
         "write + country code and digits only"),
        ("hours: 24/7", "hours: 24/7 mostly", 13,
         "hours: '24/7 mostly' is neither 24/7 nor a timetable", "write hours: 24/7, or"),
        ("cost: free", "main_crisis_line_for: []", 18,
         "main_crisis_line_for: must be a list with at least one value",
         "write the values in brackets, e.g. main_crisis_line_for: [US]"),
        ("languages: [en, fr-CA]", "languages: [en, zz]", 16,
         "languages[2]: 'zz' is not a BCP 47 language tag", "use the short code"),
        # Over http:// the page, and the number on it, could be changed on its way.
        ("website: https://www.example.org", "website: http://www.example.org", 5,
         "website: 'http://www.example.org' is not a web address starting with https://",
         "copy the full address from your browser's address bar: it starts with https://"),
        ("    keyword: HELLO\n", "    keyword: HELLO\n  chat: http://example.org/chat\n", 13,
         "contact.chat: 'http://example.org/chat' is not a web address starting with https://",
         "copy the full address"),
        ("    keyword: HELLO\n", "    keyword: HELLO\n  website: http://example.org/meet\n", 13,
         "contact.website: 'http://example.org/meet' is not a web address starting with "
         "https://", "copy the full address"),
        # Brackets in the host once reached urlsplit, which raised on them.
        ("source: https://example.org/help", "source: https://[x](y)help.example.org/", 19,
         "source: 'https://[x](y)help.example.org/' is not a web address",
         "write the full address of the official page"),
    ],
)  # fmt: skip
def test_each_schema_rule_is_said_in_plain_words_with_its_hint(old, new, line, expected, hint):
    text = textwrap.dedent(GOOD)
    assert old in text
    resource, file = read_resource("content/resources/example.yaml", text.replace(old, new),
                                   CATEGORIES, TODAY)  # fmt: skip
    assert resource is None
    found = [error for error in file.errors if error.message == expected]
    assert found, [str(error) for error in file.errors]
    assert (found[0].path, found[0].line, found[0].rule) == ("content/resources/example.yaml",
                                                             line, "resource")  # fmt: skip
    assert found[0].hint.startswith(hint), found[0].hint


def with_contact(line: str, more: str = "") -> str:
    text = textwrap.dedent(GOOD)
    return text.replace("    keyword: HELLO\n", f"    keyword: HELLO\n  {line}\n") + more


def test_a_chat_or_help_page_on_another_domain_than_the_services_is_an_error():
    _, file = read_resource("content/resources/example.yaml",
                            with_contact("chat: https://www.exampel.org/chat",
                                         "official_domains: [example.net]\n"),
                            CATEGORIES, TODAY)  # fmt: skip
    [error] = file.errors
    assert (error.line, error.message) == (13, "contact.chat: 'https://www.exampel.org/chat' is "
                                           "on exampel.org, not on the service's own domain "
                                           "(example.org or example.net): did you mean "
                                           "'example.org'?")  # fmt: skip
    assert "add it to official_domains, e.g. official_domains: [exampel.org]" in error.hint
    _, file = read_resource("content/resources/example.yaml",
                            with_contact("website: https://example.org.evil.net/meet"),
                            CATEGORIES, TODAY)  # fmt: skip
    assert [error.message.split(" is on ")[0] for error in file.errors] == [
        "contact.website: 'https://example.org.evil.net/meet'"]  # fmt: skip


@pytest.mark.parametrize(
    ("line", "more"),
    [("chat: https://chat.example.org/", ""),
     ("website: https://www.example.org/meetings", ""),
     ("website: https://meet.example.net/", "official_domains: [example.net]\n"),
     ("chat: https://www.example.net/chat", "official_domains: example.net\n")],
)  # fmt: skip
def test_a_chat_or_help_page_on_the_services_own_domains_is_read(line, more):
    resource, file = read_resource("content/resources/example.yaml", with_contact(line, more),
                                   CATEGORIES, TODAY)  # fmt: skip
    assert file.errors == [] and resource is not None


def test_a_source_may_be_an_http_page_as_editors_cite_it():
    text = textwrap.dedent(GOOD).replace("source: https://", "source: http://")
    resource, file = read_resource("content/resources/example.yaml", text, CATEGORIES, TODAY)
    assert file.errors == [] and resource.sources == ("http://example.org/help",)


def test_a_number_where_text_is_expected_is_read_as_written():
    text = textwrap.dedent(GOOD).replace("keyword: HELLO", "keyword: 741741")
    resource, file = read_resource("content/resources/example.yaml",
                                   text.replace("display: 0800 000 000", "display: 0800")
                                   .replace("tel: +44800000000", "tel: 0800"), CATEGORIES,
                                   TODAY)  # fmt: skip
    assert file.errors == []
    assert (resource.phone.tel, resource.sms.keyword) == ("0800", "741741")  # not 800


def test_every_hsds_column_the_schema_names_is_a_column_of_the_specification():
    import json

    from resource_directory.definition import hsds_columns, resource_schema

    from tests.resource_directory.hsds_spec import SPEC

    package = json.loads((SPEC / "datapackage.json").read_text(encoding="utf-8"))
    columns = {
        f"{table['path'].removesuffix('.csv')}.{column['name']}"
        for table in package["resources"]
        for column in table["schema"]["fields"]
    }
    named = hsds_columns()
    assert {"name", "summary", "website", "contact.website", "last_verified"} <= set(named)
    assert all(place in columns for places in named.values() for place in places), named
    schema = resource_schema(())
    fields = [*schema["properties"].items(), *schema["properties"]["contact"]["properties"].items()]
    assert all("x-hsds" in field for _, field in fields), "say where each field goes in HSDS"


def test_the_hsds_service_copies_the_columns_the_schema_names():
    from resource_directory import hsds
    from resource_directory.definition import hsds_columns

    resource, _ = read(GOOD.replace("cost: free", "cost: free\n    cost_note: from mobiles"))
    service = hsds.services([resource], {"coping": "Coping"})[0]
    for path, places in hsds_columns().items():
        for place in places:
            table, column = place.split(".")
            record = service if table == "services" else service["organization"]
            value = resource.value(path)
            value = value.isoformat() if isinstance(value, datetime.date) else value
            assert value in (None, "") or str(value) in str(record[column]), (path, place)
    assert service["fees_description"] == "free; from mobiles"
    # The spec's column order, as before the columns were read from the schema.
    assert list(service)[:8] == ["id", "organization_id", "name", "description", "status",
                                 "fees_description", "minimum_age", "maximum_age"]  # fmt: skip
