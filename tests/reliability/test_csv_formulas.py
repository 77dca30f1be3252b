"""resources.csv opened in a spreadsheet shows every field as the text of the
resource file: a field that starts like a formula is never run as one."""

from __future__ import annotations

import csv
import datetime
import io
import re
import subprocess
import sys
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from resource_directory import export
from resource_directory.schema import read_resource

from tests.reliability.hostile_input import VALID_RESOURCE

ROOT = Path(__file__).resolve().parents[2]
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


HOSTILE_ENTRY = """\
name: '=HYPERLINK("https://evil.example","Help")'
summary: '@SUM(1+1)*cmd|'' /C calc''!A0'
kind: crisis line
categories: [coping]
website: https://example.org
contact:
  phone: {display: +44 800 000 000, tel: "+44800000000", note: "-2+3+cmd|' /C calc'!A0"}
  sms: {number: "85258", keyword: "=1+1"}
  chat: https://example.org/chat
  email: +help@example.org
hours:
  time_zone: America/New_York
  open:
    - {days: [Monday], from: "10:00", until: "22:00"}
countries: [US]
cost: free
cost_note: "+1+cmd|' /C calc'!A0"
source: https://example.org/help
last_verified: 2026-11-01
"""


def test_a_name_that_starts_like_a_formula_is_text_in_every_csv_the_build_writes(
    make_site, build_site, tmp_path
):
    from frictionless import validate

    site = build_site(make_site({"resources/hostile.yaml": HOSTILE_ENTRY}))
    tables = sorted((site / "resources").rglob("*.csv"))
    names = {path.relative_to(site / "resources").as_posix() for path in tables}
    assert {"resources.csv", "hsds/services.csv", "hsds/organizations.csv",
            "hsds/phones.csv", "hsds/schedules.csv", "hsds/attributes.csv"} <= names  # fmt: skip
    for path in tables:
        assert formulas(path.read_text(encoding="utf-8")) == [], path.name
    for name in ("resources.csv", "hsds/services.csv", "hsds/organizations.csv"):
        text = (site / "resources" / name).read_text(encoding="utf-8")
        assert f"'{PAYLOADS[0]}" in spreadsheet_cells(text), name
    hsds = site / "resources/hsds"
    assert "+44800000000" in spreadsheet_cells((hsds / "phones.csv").read_text(encoding="utf-8"))
    written = spreadsheet_cells((hsds / "attributes.csv").read_text(encoding="utf-8"))
    assert "+44 800 000 000" in written  # the number as the service writes it
    report = validate(hsds / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
    # Read back, the tables give the fields as the resource file wrote them.
    out = tmp_path / "imported"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/import_hsds.py"),
         str(hsds / "datapackage.json"), "--out", str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    imported = yaml.safe_load((out / "hyperlink-https-evil-example-help.yaml").read_text())
    assert (imported["name"], imported["contact"]["sms"]["keyword"]) == (PAYLOADS[0], "=1+1")
