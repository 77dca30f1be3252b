"""Each resource file's reading kept between builds, in CACHE_PATH/resources/.

Reading a file checks every field against the schema, the country and language
codes and the regions: a tenth of a second for twenty files, and what most builds
would do again for files that did not change; and the names of countries, regions
and languages, whose tables take as long to load. An entry is used only for the same
file name and text, the same categories and the same day (dates are checked
against it), read by the same code and country data; one that cannot be read is
as none.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import importlib.metadata
import json
import pickle
import sys
from collections.abc import Iterable
from pathlib import Path

from asset_pipeline.assets import keep

from .schema import NAMES, look_up_names, read_resource

CODE = sorted(Path(__file__).parent.glob("*.py"))


def code_digest() -> str:
    made_with = [sys.version, importlib.metadata.version("pycountry")]
    made_with += [hashlib.sha256(path.read_bytes()).hexdigest() for path in CODE]
    return hashlib.sha256(json.dumps(made_with).encode()).hexdigest()[:16]


class KeptReadings:
    """`read` as schema.read_resource, from the cache when it holds the answer;
    `save` keeps this build's readings (and only those) for the next, with the
    country, region and language names looked up so far. One file per folder of
    resources: two sites built in turn (a test's, the real one) keep their own."""

    def __init__(self, cache: Path, resources: Path) -> None:
        self.site = hashlib.sha256(str(Path(resources).resolve()).encode()).hexdigest()[:16]
        self.path = cache / f"{self.site}-{code_digest()}.pickle"
        self.kept: dict = {}
        with contextlib.suppress(Exception):  # missing, cut short, or not ours
            readings, names = pickle.loads(self.path.read_bytes())
            if isinstance(readings, dict) and isinstance(names, dict):
                self.kept = readings
                NAMES.update(names)
        self.as_loaded = (set(self.kept), len(NAMES))  # written again only when changed
        self.used: dict = {}

    def read(self, path: str, text: str, categories: Iterable[str], today: datetime.date):
        key = hashlib.sha256(
            json.dumps([path, text, list(categories), today.isoformat()]).encode()
        ).hexdigest()
        if key not in self.kept:
            self.kept[key] = read_resource(path, text, categories, today)
        self.used[key] = self.kept[key]
        return self.used[key]

    def save(self) -> None:
        if not self.used:  # nothing read (a build that reused its last directory)
            return
        for resource, _ in self.used.values():
            if resource is not None:  # every name the pages will show, to be kept
                look_up_names(resource)
        if (set(self.used), len(NAMES)) == self.as_loaded:
            return
        keep(self.path, pickle.dumps((self.used, NAMES), protocol=pickle.HIGHEST_PROTOCOL))
        for old in self.path.parent.glob(f"{self.site}-*.pickle"):  # older code's
            if old != self.path:
                old.unlink(missing_ok=True)
