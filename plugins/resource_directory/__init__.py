"""Support resource directory: `content/resources/*.yaml` (one file per service,
checked by `schema.py` against the one declarative schema, `definition.py`) becomes
`/resources/`, a list on each category page, and open data: HSDS 3.0 under
`/resources/hsds/` (`hsds.py`) and a spreadsheet, `resources.csv` (`export.py`).

Settings: RESOURCES_PATH (default "resources"), RESOURCES_MAX_AGE_DAYS (default 365:
older `last_verified` dates are build warnings). This adds the open data's paths to
OPEN_DATA_PATHS (read by the asset pipeline for `_headers`): any website may read them.
"""

from __future__ import annotations

from pelican import signals

from .generator import HSDS_FOLDER, ResourceDirectoryGenerator
from .pages import INDEX_URL

# `_headers` path patterns of the open data: HSDS tools that run in a browser, on
# another site, read them there (nothing of a reader's goes with them).
OPEN_DATA = (
    f"/{INDEX_URL}{HSDS_FOLDER}*",
    f"/{INDEX_URL}resources.json",
    f"/{INDEX_URL}resources.csv",
)


def share_open_data(pelican) -> None:
    settings = pelican.settings
    settings["OPEN_DATA_PATHS"] = [*settings.get("OPEN_DATA_PATHS", []), *OPEN_DATA]


def add_generator(pelican):
    return ResourceDirectoryGenerator


def register() -> None:
    signals.initialized.connect(share_open_data)
    signals.get_generators.connect(add_generator)
