"""`make import-hsds`: the site's own HSDS export comes back as the same resources
(JSON and CSV), a feed from elsewhere comes in with its numbers and addresses
normalised and a report of what needs a person, and input that is not HSDS writes
nothing."""

import datetime
import json
import shutil
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest
from resource_directory.schema import load_directory

from tests.resource_directory.hsds_spec import SPEC

ROOT = Path(__file__).resolve().parents[2]
CATEGORIES = sorted(path.stem for path in (ROOT / "content/categories").glob("*.md"))
TODAY = datetime.date(2026, 12, 10)


def run_import(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts/import_hsds.py"), *map(str, args)],
                          capture_output=True, text=True, timeout=120)  # fmt: skip


def resources(folder: Path) -> dict[str, dict]:
    """Every resource of a folder by name, without its file name."""
    directory = load_directory(folder, CATEGORIES, TODAY, 10_000)
    assert directory.errors == []
    return {r.name: {k: v for k, v in asdict(r).items() if k not in ("slug", "path")}
            for r in directory.resources}  # fmt: skip


@pytest.mark.parametrize("export", ["hsds/services.json", "hsds/datapackage.json"])
def test_the_sites_own_export_comes_back_as_the_same_resources(real_site, tmp_path, export):
    result = run_import(real_site / "resources" / export, "--out", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    original = resources(ROOT / "content/resources")
    assert resources(tmp_path) == original
    assert "not brought over" not in result.stdout
    assert f"{len(original)} written, 0 need a person" in result.stdout


FEED = {
    "total_items": 3, "total_pages": 1, "page_number": 1, "size": 3, "first_page": True,
    "last_page": True, "empty": False,
    "contents": [
        {
            "id": "5f3c8f0e-0000-4000-8000-000000000001", "name": "County Crisis Line",
            "status": "active", "url": "www.countyhealth.example.org/talk",
            "description": "Trained counselors answer calls from anyone in the county who is "
            "in emotional distress. " * 3,
            "alternate_name": "CCL", "assured_date": "2026-10-01",
            "organization": {"id": "5f3c8f0e-0000-4000-8000-0000000000a1",
                             "name": "County Health", "description": "Health department",
                             "website": "http://countyhealth.example.org"},
            "phones": [{"id": "5f3c8f0e-0000-4000-8000-0000000000b1",
                        "number": "(206) 555-0100", "type": "voice"},
                       {"id": "5f3c8f0e-0000-4000-8000-0000000000b2",
                        "number": "206-555-0199", "type": "fax"}],
            "schedules": [{"id": "5f3c8f0e-0000-4000-8000-0000000000c1", "freq": "WEEKLY",
                           "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00",
                           "closes_at": "17:00"}],
            "service_areas": [{"id": "5f3c8f0e-0000-4000-8000-0000000000d1",
                               "name": "King County"}],
            "attributes": [{"id": "5f3c8f0e-0000-4000-8000-0000000000e1",
                            "taxonomy_term_id": "5f3c8f0e-0000-4000-8000-0000000000f1",
                            "taxonomy_term": {"id": "5f3c8f0e-0000-4000-8000-0000000000f1",
                                              "code": "RP-1500.1400-800",
                                              "name": "Suicide Prevention Hotlines",
                                              "description": "Hotlines"}}],
        },
        {
            "id": "5f3c8f0e-0000-4000-8000-000000000002", "name": "Closed Program",
            "status": "defunct", "description": "No longer runs.",
        },
        {
            "id": "5f3c8f0e-0000-4000-8000-000000000003", "name": "Food Pantry",
            "status": "active", "description": "Groceries.", "url": "https://pantry.example.org",
            "assured_date": "2026-10-01",
            "attributes": [{"id": "5f3c8f0e-0000-4000-8000-0000000000e2",
                            "taxonomy_term": {"id": "5f3c8f0e-0000-4000-8000-0000000000f2",
                                              "name": "Food Pantries", "description": "Food"}}],
        },
    ],
}  # fmt: skip


def test_a_feed_from_elsewhere_is_normalised_cited_and_reported(tmp_path):
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps(FEED, indent=2))
    out = tmp_path / "out"
    zone, source = "America/Los_Angeles", "https://211.example.org/feed.json"
    result = run_import(feed, "--out", out, "--country", "US", "--time-zone", zone,
                        "--source", source)  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr  # two records need a person
    assert sorted(p.name for p in out.iterdir()) == ["county-crisis-line.yaml"]
    imported = resources(out)["County Crisis Line"]
    assert imported["kind"] == "crisis line" and imported["categories"] == ("getting-support",)
    assert imported["phone"]["tel"] == "+12065550100"
    assert imported["phone"]["display"] == "(206) 555-0100"
    assert imported["website"] == "https://countyhealth.example.org"
    assert imported["help_page"] == "https://www.countyhealth.example.org/talk"
    assert imported["sources"] == ("https://211.example.org/feed.json",)
    assert imported["countries"] == ("US",) and imported["time_zone"] == "America/Los_Angeles"
    assert len(imported["summary"]) <= 200 and imported["summary"].endswith("distress.")
    text = (out / "county-crisis-line.yaml").read_text()
    comments = " ".join(line[2:] for line in text.splitlines() if line.startswith("# "))
    assert FEED["contents"][0]["description"].strip() in comments  # the full text is kept
    report = result.stdout
    line = (
        feed.read_text().splitlines().index('      "id": "5f3c8f0e-0000-4000-8000-000000000001",')
    )
    assert f"{feed}:{line + 1}: County Crisis Line: written as" in report
    for expected in ("not brought over: alternate_name = 'CCL'", "206-555-0199",
                     "service area = 'King County'", "description: shortened",
                     "url: 'www.countyhealth.example.org/talk' written as 'https://",
                     "website: 'http://countyhealth.example.org' written as 'https://",
                     "phone: '(206) 555-0100' dialled as '+12065550100'"):  # fmt: skip
        assert expected in report, expected
    assert "Closed Program: not written" in report and "'defunct'" in report
    assert "Food Pantry: not written" in report
    assert "taxonomy term = 'Food Pantries': not in the crosswalk" in report
    assert "kind: required field is missing" in report


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("package.json", '{"name": "site", "version": "1.0.0"}', "is not an HSDS 3.0 service list"),
        ("broken.json", '{"contents": [', "is not JSON"),
        ("list.json", '[{"title": "x"}]', "is not an HSDS 3.0 service list"),
        ("datapackage.json", '{"resources": [{"name": "rows", "path": "rows.csv"}]}',
         "without HSDS's services.csv"),
    ],
)  # fmt: skip
def test_input_that_is_not_hsds_writes_nothing_and_says_why(tmp_path, name, text, message):
    source = tmp_path / name
    source.write_text(text)
    out = tmp_path / "out"
    result = run_import(source, "--out", out)
    assert result.returncode == 2
    assert result.stderr.startswith(f"{source}: {message}") or message in result.stderr
    assert "Nothing was written." in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_the_specifications_own_csv_example_is_read_and_reported(tmp_path):
    example = tmp_path / "example"
    shutil.copytree(SPEC / "examples/csv", example)
    shutil.copy(SPEC / "datapackage.json", example / "datapackage.json")
    result = run_import(example, "--out", tmp_path / "out", "--country", "GB")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "services.csv:2: Community Counselling: not written" in result.stdout
    assert "not brought over: interpretation_services" in result.stdout
    assert "Traceback" not in result.stderr
