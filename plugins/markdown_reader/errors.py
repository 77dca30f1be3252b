"""The one error type content code raises, and the one way it is shown."""

from __future__ import annotations

import os
from dataclasses import dataclass


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as an editor knows it: relative to the project when inside it."""
    path = os.fspath(path)
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if relative.startswith("..") else relative


@dataclass
class ContentError(Exception):
    """A mistake in a content file that an editor can fix at `path:line`."""

    path: str
    line: int
    message: str
    hint: str = ""
    rule: str = "content"

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: error: {self.message} [{self.rule}]"
        return f"{text}\n  hint: {self.hint}" if self.hint else text
