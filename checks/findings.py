"""What a check reports, and the two ways it is printed."""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True, order=True)
class Finding:
    """A problem an editor can fix at `path:line:col`, with how to fix it."""

    path: str
    line: int
    col: int
    level: str
    message: str
    rule: str
    hint: str = ""
    # Findings from one template repeat on every page: the same group is shown once.
    group: str = field(default="", compare=False)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}: " if self.path else ""
        text = f"{where}{self.level}: {self.message} [{self.rule}]"
        return f"{text}\n  hint: {self.hint}" if self.hint else text

    def github_annotation(self) -> str:
        """A workflow command: GitHub shows it on the line of the pull request's diff."""
        message = f"{self.message} [{self.rule}]"
        if self.hint:
            message += f"\n{self.hint}"
        where = (
            f"file={_escape_property(self.path)},line={self.line},col={self.col},"
            if self.path
            else ""
        )
        return f"::{self.level} {where}title={_escape_property(self.rule)}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
