"""A number as the service writes it and as the phone dials it: one number."""

import pytest
from resource_directory.phones import dials_what_it_shows, is_complete


@pytest.mark.parametrize(
    ("display", "dialled", "countries"),
    [
        ("988", "988", ["US"]),
        ("9-8-8", "988", ["US"]),
        ("988 then Press 1", "988", ["US"]),  # words after the number
        ("13 92 76", "139276", ["AU"]),
        ("1300 22 4636", "+611300224636", ["AU"]),  # the country's code added
        ("0477 13 11 14", "+61477131114", ["AU"]),  # and the leading 0 left out
        ("0800 000 000", "+44800000000", ["GB", "NO"]),
        ("800-950-NAMI (6264)", "+18009506264", ["US"]),  # letters, and their digits again
        ("1-800-662-HELP (4357)", "+18006624357", ["US"]),
        ("(877) 565-8860", "+18775658860", ["US"]),  # an area code in brackets
        ("+44 1234 567890", "+441234567890", []),
    ],
)  # fmt: skip
def test_the_ways_services_write_their_numbers_match_what_is_dialled(display, dialled, countries):
    assert dials_what_it_shows(display, dialled, countries)


@pytest.mark.parametrize(
    ("display", "dialled", "countries"),
    [
        ("116 123", "+15550100", ["GB"]),  # another number altogether
        ("116 123", "116124", ["GB"]),  # one digit changed
        ("1300 22 4636", "+641300224636", ["AU"]),  # another country's code
        ("0800 000 000", "+44800000000", ["US"]),  # a code of none of its countries
        ("Call us", "988", ["US"]),  # no number shown
    ],
)  # fmt: skip
def test_a_number_shown_that_is_not_the_one_dialled_is_caught(display, dialled, countries):
    assert not dials_what_it_shows(display, dialled, countries)


def test_a_number_with_a_country_code_must_be_whole_and_a_short_code_is_left_alone():
    assert is_complete("+18009506264") and is_complete("988") and is_complete("116123")
    assert not is_complete("+1800950626")  # a digit missing
    assert not is_complete("+180095062641")  # a digit extra
    assert not is_complete("+1 800 NOT A NUMBER")
