"""The resource files' fields as a JSON Schema, for editors' editors (VS Code's YAML
extension completes and checks a file as it is typed), and as the field table in
CONTRIBUTING.md. Both are made from the names, choices and patterns the build checks
with (schema.py), so neither can drift from it; `tests/resource_directory/
test_resource_schema.py` keeps the written copies current.

    .venv/bin/python plugins/resource_directory/json_schema.py   # write both again
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from resource_directory.schema import (  # noqa: E402
    CLOCK,
    COSTS,
    DATE,
    DAYS,
    DIALABLE,
    DOMAIN,
    EMAIL,
    KINDS,
    LANGUAGE_TAG,
    OPEN_ALWAYS,
    REGION,
    REQUIRED,
    SUMMARY_MAX,
    URL,
)

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_FILE = ROOT / "resources.schema.json"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
TABLE_START = "<!-- resource fields: generated from plugins/resource_directory/json_schema.py -->"
TABLE_END = "<!-- end of resource fields -->"


def _pattern(regex: re.Pattern[str]) -> dict:
    return {"type": "string", "pattern": regex.pattern}


def _one_or_list(item: dict) -> dict:
    return {"anyOf": [item, {"type": "array", "items": item, "minItems": 1}]}


COUNTRY = {"type": "string", "pattern": "^[A-Z]{2}$"}
WEB = _pattern(URL)
NUMBER = {"anyOf": [_pattern(DIALABLE), {"type": "integer"}]}  # 988 may be written unquoted
TEXT = {"type": "string", "minLength": 1}
DAY_NAMES = [day.title() for day in DAYS] + list(DAYS)
CATEGORIES_FOLDER = ROOT / "content" / "categories"


def fields(categories: list[str]) -> dict[str, tuple[dict, str]]:
    """Each field: its JSON Schema and the words of the field table."""
    kinds = ", ".join(f"`{kind}`" for kind in KINDS)
    return {
        "name": ({**TEXT, "maxLength": 120}, "the service's own name"),
        "summary": (
            {**TEXT, "maxLength": SUMMARY_MAX},
            f"one or two plain sentences, at most {SUMMARY_MAX} characters",
        ),
        "kind": (
            {"enum": list(KINDS)},
            f"one of: {kinds} (the first three are listed first, as crisis services)",
        ),
        "categories": (
            _one_or_list({"enum": categories}),
            "slugs of this site's categories: " + ", ".join(f"`{c}`" for c in categories),
        ),
        "website": (WEB, "the service's official website, starting with `https://`"),
        "official_domains": (
            _one_or_list(_pattern(DOMAIN)),
            "other domains that belong to the service or to whoever runs it: `[lifeline.org.au]`",
        ),
        "contact": (CONTACT, "at least one of the five below"),
        "contact.phone": (
            CONTACT["properties"]["phone"],
            "`display` (as the service writes it) and `tel`: `+` country code and digits only "
            '(`"+18009506264"`), or a short code (`"988"`); optional `note`',
        ),
        "contact.sms": (
            CONTACT["properties"]["sms"],
            "`number` to text (digits, as for `tel`), optional `display` (as the service "
            "writes it), `keyword` (`SHOUT`) and `note`",
        ),
        "contact.chat": (WEB, "the chat's full address, starting with `https://`"),
        "contact.website": (WEB, "a page where the help itself is given, such as a meeting finder"),
        "contact.email": (_pattern(EMAIL), "an email address"),
        "hours": (
            HOURS,
            f"`{OPEN_ALWAYS}` only when an official page says so; otherwise the opening times "
            "(below). Leave it out when no official page gives them",
        ),
        "countries": (
            _one_or_list(COUNTRY),
            "two-letter country codes: `[US, CA, GB, IE, AU]`; leave it out for a worldwide "
            "service",
        ),
        "regions": (
            _one_or_list(_pattern(REGION)),
            "region codes inside those countries: `[US-CA, GB-ENG]`",
        ),
        "main_crisis_line_for": (
            _one_or_list(COUNTRY),
            "the countries whose crisis band (at the top of every page, and on the printed "
            "checklist) shows this service. Only a 24/7 line with a phone or text number, for "
            "countries in `countries`",
        ),
        "languages": (
            _one_or_list(_pattern(LANGUAGE_TAG)),
            "language codes: `[en, fr, es]`, or with a region: `fr-CA`",
        ),
        "ages": (AGES, "`{min: 13, max: 24}`, either number or both"),
        "cost": (
            {"enum": list(COSTS)},
            "`free`, `paid` or `insurance`; `cost_note` for the details",
        ),
        "cost_note": (TEXT, "the details of the cost, e.g. free from mobiles"),
        "source": (
            _one_or_list(WEB),
            "the official page(s) the facts were checked against; a list when there are several",
        ),
        "last_verified": (
            {**_pattern(DATE), "format": "date"},
            "the day you checked the facts, as `YYYY-MM-DD`",
        ),
    }


def _object(properties: dict, required: tuple[str, ...] = (), **more) -> dict:
    return {"type": "object", "properties": properties, "required": list(required),
            "additionalProperties": False, **more}  # fmt: skip


CONTACT = _object(
    {
        "phone": _object({"display": TEXT, "tel": NUMBER, "note": TEXT}, ("display", "tel")),
        "sms": _object(
            {"number": NUMBER, "display": TEXT, "keyword": TEXT, "note": TEXT}, ("number",)
        ),
        "chat": WEB,
        "website": WEB,
        "email": _pattern(EMAIL),
    },
    minProperties=1,
)
OPENING_TIMES = _object(
    {
        "days": {"type": "array", "items": {"enum": DAY_NAMES}, "minItems": 1},
        "from": _pattern(CLOCK),
        "until": _pattern(CLOCK),
    },
    ("days", "from", "until"),
)
HOURS = {
    "anyOf": [
        {"const": OPEN_ALWAYS},
        _object(
            {"time_zone": TEXT, "open": {"type": "array", "items": OPENING_TIMES, "minItems": 1}},
            ("time_zone", "open"),
        ),
    ]
}
AGES = _object(
    {"min": {"type": "integer", "minimum": 0}, "max": {"type": "integer", "minimum": 0}},
    minProperties=1,
)


def site_categories() -> list[str]:
    return sorted(path.stem for path in CATEGORIES_FOLDER.glob("*.md"))


def json_schema(categories: list[str]) -> dict:
    top = {name: (schema, words) for name, (schema, words) in fields(categories).items()
           if "." not in name}  # fmt: skip
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Small Wins support resource",
        "description": "One support service of the directory (content/resources/*.yaml); "
        "see CONTRIBUTING.md, Adding a support resource.",
        **_object(
            {
                name: {**schema, "description": words.replace("`", "")}
                for name, (schema, words) in top.items()
            },  # fmt: skip
            REQUIRED,
        ),
    }


def field_table(categories: list[str]) -> str:
    rows = [
        f"| `{name}` |{' yes' if name in REQUIRED else ''} | {words} |"
        for name, (_, words) in fields(categories).items()
        if name != "cost_note"  # said with cost
    ]
    return "\n".join(["| field | needed | what to write |", "|---|---|---|", *rows])


def contributing_with_table(text: str, categories: list[str]) -> str:
    before, rest = text.split(TABLE_START, 1)
    _, after = rest.split(TABLE_END, 1)
    return f"{before}{TABLE_START}\n{field_table(categories)}\n{TABLE_END}{after}"


def schema_text(categories: list[str]) -> str:
    return json.dumps(json_schema(categories), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    categories = site_categories()
    SCHEMA_FILE.write_text(schema_text(categories), encoding="utf-8")
    text = CONTRIBUTING.read_text(encoding="utf-8")
    CONTRIBUTING.write_text(contributing_with_table(text, categories), encoding="utf-8")
    print(f"Wrote {SCHEMA_FILE.name} and the field table of {CONTRIBUTING.name}.")
