"""What each file gave when last read, for a process that builds again and again."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping


class KeptReads:
    """A reader's results by file, each kept until the file or the setting that
    changes its HTML changes."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[tuple, tuple[str, dict]]] = {}

    @staticmethod
    def _stamp(path: str, settings: Mapping) -> tuple:
        status = os.stat(path)
        return status.st_mtime_ns, status.st_size, settings.get("MARKDOWN_IT_ALLOW_HTML", False)

    def has(self, path: str, settings: Mapping) -> bool:
        kept = self._kept.get(path)
        return kept is not None and kept[0] == self._stamp(path, settings)

    def get(
        self, path: str, settings: Mapping, read: Callable[[str], tuple[str, dict]]
    ) -> tuple[str, dict]:
        """`read(path)`, or what it gave last time if the file did not change.
        The metadata is a copy: Pelican may change the dict it is given."""
        stamp = self._stamp(path, settings)
        kept = self._kept.get(path)
        if kept is None or kept[0] != stamp:
            kept = self._kept[path] = (stamp, read(path))
        content, metadata = kept[1]
        return content, dict(metadata)
