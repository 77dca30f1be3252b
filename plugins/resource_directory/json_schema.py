"""The two written copies of the resource schema (definition.py): resources.schema.json,
for editors' editors (VS Code's YAML extension completes and checks a file as it is
typed), and the field table in CONTRIBUTING.md. `tests/resource_directory/
test_resource_schema.py` keeps both current.

    .venv/bin/python plugins/resource_directory/json_schema.py   # write both again
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from resource_directory.definition import resource_schema  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_FILE = ROOT / "resources.schema.json"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
TABLE_START = "<!-- resource fields: generated from plugins/resource_directory/json_schema.py -->"
TABLE_END = "<!-- end of resource fields -->"
CATEGORIES_FOLDER = ROOT / "content" / "categories"


def site_categories() -> list[str]:
    return sorted(path.stem for path in CATEGORIES_FOLDER.glob("*.md"))


def json_schema(categories: list[str]) -> dict:
    """The schema as published: each description also as Markdown, which VS Code shows."""

    def published(value: object) -> object:
        if isinstance(value, list):
            return [published(item) for item in value]
        if not isinstance(value, dict):
            return value
        out = {key: published(item) for key, item in value.items()}
        if "`" in value.get("description", ""):
            out["description"] = value["description"].replace("`", "")
            out["markdownDescription"] = value["description"]
        return out

    return published(resource_schema(tuple(categories)))


def field_table(categories: list[str]) -> str:
    """A row per field, and one per contact method below contact."""
    schema = resource_schema(tuple(categories))
    rows = []
    for name, field in schema["properties"].items():
        needed = " yes" if name in schema["required"] else ""
        rows.append(f"| `{name}` |{needed} | {field['description']} |")
        for inner, part in field.get("properties", {}).items() if name == "contact" else ():
            rows.append(f"| `{name}.{inner}` | | {part['description']} |")
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
