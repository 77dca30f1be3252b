"""Validators from the official HSDS 3.0 schemas (a copy in tests/data/hsds-3.0, with
its licence), in the specification's strict mode: no field the schema does not name,
on any object."""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC = Path(__file__).resolve().parents[1] / "data/hsds-3.0"


def strict(schema: object) -> object:
    """The schema with additionalProperties: false on every object it describes."""
    schema = copy.deepcopy(schema)
    todo = [schema]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            if node.get("type") == "object" or "properties" in node:
                node["additionalProperties"] = False
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    return schema


@functools.cache
def schemas() -> dict[str, dict]:
    folder = SPEC / "schema"
    return {
        path.relative_to(folder).as_posix(): strict(json.loads(path.read_text()))
        for path in folder.rglob("*.json")
    }


@functools.cache
def registry() -> Registry:
    return Registry().with_resources(
        (uri, Resource.from_contents(schema, default_specification=DRAFT202012))
        for name, schema in schemas().items()
        for uri in (name, schema.get("$id", name))
    )


def validator(name: str) -> Draft202012Validator:
    """One object's validator, by its schema's file name (`service.json`)."""
    return Draft202012Validator(schemas()[name], registry=registry(),
                                format_checker=FormatChecker())  # fmt: skip


def page_validator(item_schema: str) -> Draft202012Validator:
    """The API's paged response (openapi.json's Page) with `contents` of one object."""
    page = json.loads((SPEC / "schema/openapi.json").read_text())["components"]["schemas"]["Page"]
    page = copy.deepcopy(page)
    page["properties"]["contents"] = {"type": "array", "items": {"$ref": item_schema}}
    page["required"] = ["contents"]
    return Draft202012Validator(strict(page), registry=registry(), format_checker=FormatChecker())


def problems(validator: Draft202012Validator, instance: object) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}"
        for error in validator.iter_errors(instance)
    ]
