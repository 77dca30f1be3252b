"""The checklist's PDFs kept between builds, by a hash of exactly what they are made
from: the HTML of every density, the files WeasyPrint read for them (stylesheets,
fonts, images: their bytes, not their dates), the printout's date and address, and
the code and font set that turn them into PDF. An unchanged checklist costs a few
file reads; anything else is rendered again.

An entry is `<key>.json` (what each file read hashed to, the density, each PDF's
hash) beside the PDFs, named by their hashes. Every entry and PDF is written to a
new name and renamed into place, and checked against its hash when read: a missing,
cut or altered file is a miss, never a wrong PDF.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .sources import SiteFiles

# The entries of the checklists made last (an edit and its undo, `make html` and
# `make publish`, which print different addresses); older ones are removed.
KEPT_ENTRIES = 8
# What the build folder's address is in keys and entries.
SITE = "site:"
CODE = [
    Path(__file__).with_name(name)
    for name in ("printout.py", "sources.py", "fonts.conf", "cache.py")
]


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class PrintoutCache:
    folder: Path
    # The address of the folder the site is built in, a new one in each build
    # (scripts/build.py): kept out of the key, which holds addresses below it.
    root: str

    def key(self, inputs: Mapping[str, object]) -> str:
        """The hash of the printout's own inputs (JSON values) with the code and
        WeasyPrint version that make PDFs of them."""
        code = {path.name: digest(path.read_bytes()) for path in CODE}
        made_with = {"weasyprint": importlib.metadata.version("weasyprint"), "code": code}
        text = json.dumps([made_with, inputs], sort_keys=True).replace(self.root, SITE)
        return digest(text.encode())

    def get(self, key: str, files: SiteFiles) -> tuple[str, dict[str, bytes]] | None:
        """The density and PDFs made from these inputs, if each file they read is
        as it is now; None otherwise."""
        try:
            entry = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            for url, hashed in entry["read"].items():
                path = files.path_of(url.replace(SITE, self.root, 1))
                if path is None or digest(path.read_bytes()) != hashed:
                    return None
            pdfs = {}
            for paper, hashed in entry["pdfs"]:
                pdfs[paper] = (self.folder / f"{hashed}.pdf").read_bytes()
                if digest(pdfs[paper]) != hashed:
                    return None
            return entry["density"], pdfs
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # no entry, or not one this code wrote whole

    def put(self, key: str, read: Mapping[str, str], density: str, pdfs: Mapping[str, bytes]):
        with contextlib.suppress(OSError):  # a cache that cannot be written is only slower
            self.folder.mkdir(parents=True, exist_ok=True)
            names = []  # in the printout's order of papers, which the page lists them in
            for paper, pdf in pdfs.items():
                names.append((paper, digest(pdf)))
                self._write(f"{names[-1][1]}.pdf", pdf)
            read = {url.replace(self.root, SITE, 1): hashed for url, hashed in read.items()}
            entry = {"read": read, "density": density, "pdfs": names}
            self._write(f"{key}.json", json.dumps(entry, sort_keys=True).encode())
            self._prune()

    def _write(self, name: str, data: bytes) -> None:
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=f".{name}-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, self.folder / name)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise

    def _prune(self) -> None:
        entries = sorted(self.folder.glob("*.json"), key=lambda path: path.stat().st_mtime_ns)
        for old in entries[:-KEPT_ENTRIES]:
            old.unlink(missing_ok=True)
        used = set()
        for entry in entries[-KEPT_ENTRIES:]:
            with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
                pdfs = json.loads(entry.read_text(encoding="utf-8"))["pdfs"]
                used |= {hashed for _, hashed in pdfs}
        for pdf in self.folder.glob("*.pdf"):
            if pdf.stem not in used:
                pdf.unlink(missing_ok=True)
