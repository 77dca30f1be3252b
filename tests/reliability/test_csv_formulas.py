"""resources.csv opened in a spreadsheet shows every field as the text of the
resource file: a field that starts like a formula is never run as one."""

from __future__ import annotations

import csv
import datetime
import io
import re

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from resource_directory import export
from resource_directory.schema import read_resource

from tests.reliability.hostile_input import VALID_RESOURCE

# What Excel, LibreOffice and Google Sheets read as a formula, not as text.
FORMULA = re.compile(r"^[=+\-@\t\r]")
NUMBER = re.compile(r"^[+-][\d ().-]*$")  # arithmetic on digits at worst
PAYLOADS = [
    '=HYPERLINK("https://evil.example","Help")', "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1",
]  # fmt: skip


def spreadsheet_cells(text: str) -> list[str]:
    """Each cell as a spreadsheet takes it: a leading apostrophe marks text."""
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def formulas(text: str) -> list[str]:
    return [
        cell
        for cell in spreadsheet_cells(text)
        if FORMULA.match(cell) and not NUMBER.fullmatch(cell)
    ]


def exported(fields: dict) -> str:
    resource = {**VALID_RESOURCE, "website": "https://help.example.org/", **fields}
    text = yaml.safe_dump(resource, allow_unicode=True)
    resource, file = read_resource("content/resources/x.yaml", text, ["coping"], TODAY)
    assert resource is not None, [str(error) for error in file.errors]
    return export.to_csv([resource], {resource.slug: "/resources/#x"})


TODAY = datetime.date(2026, 1, 1)


def test_fields_that_start_like_formulas_are_text_and_phone_numbers_stay():
    payload = dict(zip(("name", "summary", "cost_note"), PAYLOADS, strict=False))
    text = exported(
        {**payload, "contact": {"phone": {"display": "+44 800 000 000", "tel": "+44800000000"}}}
    )
    assert formulas(text) == []
    cells = spreadsheet_cells(text)
    assert f"'{PAYLOADS[0]}" in cells  # the text as written, behind the text mark
    assert "+44 800 000 000" in cells and "+44800000000" in cells


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(PAYLOADS) | st.text(min_size=1, max_size=12).map(lambda t: "=" + t))
def test_no_summary_runs_as_a_formula(summary):
    assert formulas(exported({"summary": f"{summary} "})) == []
