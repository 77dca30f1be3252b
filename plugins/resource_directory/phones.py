"""A number as the service writes it (`display`) and as a phone dials it (`tel`, or a
text line's `number`) must be one number: the crisis band and every card show the
first and dial the second, so a typo in either, or a pull request changing one,
would send a reader in crisis to a stranger. The numbers with a country code must
also be complete numbers of that country (Google's libphonenumber data, through
`phonenumbers`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

import phonenumbers

# The number in what the service writes: digits, spaces, dots, hyphens, brackets and
# capital letters (800-950-NAMI); the words around it ("Call", "then press 1") are not
# part of it.
WRITTEN_NUMBER = re.compile(r"\+?\(?[0-9][0-9A-Z ().\-]*")


def dialled_forms(display: str) -> set[str]:
    """The digits `display` can stand for: its letters read as a phone's keys, and a
    bracketed group kept (an area code: (877) 565-8860) or left out (the digits of a
    word, written again: 800-950-NAMI (6264))."""
    found = WRITTEN_NUMBER.search(display)
    if not found:
        return set()
    written = found.group().strip()
    forms = {written, re.sub(r"\([^)]*\)", "", written)}
    digits = {re.sub(r"\D", "", phonenumbers.convert_alpha_characters_in_number(form))
              for form in forms}  # fmt: skip
    return digits - {""}


def dials_what_it_shows(display: str, dialled: str, countries: Iterable[str]) -> bool:
    """Whether `dialled` is the number `display` shows: the same digits, or, for a
    number with a country code, the code of one of `countries` and the number as
    written in the country (with or without its leading 0)."""
    digits = re.sub(r"\D", "", dialled)
    codes = {str(phonenumbers.country_code_for_region(country)) for country in countries}
    for shown in dialled_forms(display):
        if shown == digits:
            return True
        if dialled.startswith("+") and any(
            digits in (code + shown, code + shown.removeprefix("0")) for code in codes - {"0"}
        ):
            return True
    return False


def countries_of(dialled: str) -> tuple[str, ...]:
    """The countries of the code a number starts with (none for a short code, such
    as 988, or a number that is not one)."""
    if not dialled.startswith("+"):
        return ()
    try:
        code = phonenumbers.parse(dialled).country_code
    except phonenumbers.NumberParseException:
        return ()
    return tuple(phonenumbers.region_codes_for_country_code(code))


def is_complete(dialled: str) -> bool:
    """Whether a number with a country code is a whole number there (a short code,
    such as 988, has no country code and is not checked)."""
    if not dialled.startswith("+"):
        return True
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(dialled))
    except phonenumbers.NumberParseException:
        return False
