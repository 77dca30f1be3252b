"""Support resource directory: `content/resources/*.yaml` (one file per service,
checked by `schema.py` against the one declarative schema, `definition.py`) becomes
`/resources/`, a list on each category page, and open data: HSDS 3.0 under
`/resources/hsds/` (`hsds.py`) and a spreadsheet, `resources.csv` (`export.py`).

Settings: RESOURCES_PATH (default "resources"), RESOURCES_MAX_AGE_DAYS (default 365:
older `last_verified` dates are build warnings).
"""

from __future__ import annotations

from pelican import signals

from .generator import ResourceDirectoryGenerator


def add_generator(pelican):
    return ResourceDirectoryGenerator


def register() -> None:
    signals.get_generators.connect(add_generator)
