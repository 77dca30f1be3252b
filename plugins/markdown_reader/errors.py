"""The one error type content code raises, and the one way it is shown."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

import yaml


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

    def __reduce__(self):  # kept in a cache: made again from its fields, not from args
        return type(self), (self.path, self.line, self.message, self.hint, self.rule)

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: error: {self.message} [{self.rule}]"
        return f"{text}\n  hint: {self.hint}" if self.hint else text


# The field a YAML line starts, for "the title's quotation mark is not closed".
FIELD_LINE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:")
QUOTE_HINT = "put the whole value in double quotes"


def yaml_problem(error: yaml.YAMLError, text: str, first_line: int = 1) -> tuple[int, str, str]:
    """A YAML error in plain words: the line (`text` starts at line `first_line` of its
    file), what is wrong and how to fix it. PyYAML and libyaml word their problems
    differently ("found character '\\t' that cannot start any token", "mapping values
    are not allowed in this context"): both are translated."""
    lines = text.split("\n")

    def at(mark) -> int:  # libyaml may mark the end of the text, past its last line
        return min(mark.line, max(len(lines) - 1, 0)) if mark is not None else 0

    if isinstance(error, yaml.reader.ReaderError):
        index = text.count("\n", 0, error.position)
        return (
            first_line + index, f"an invisible character (U+{error.character:04X}) is in this line",
            "delete it: it is often pasted in from another program",
        )  # fmt: skip
    problem = (getattr(error, "problem", None) or "").lower()
    context = (getattr(error, "context", None) or "").lower()
    problem_index = at(getattr(error, "problem_mark", None))
    context_index = at(getattr(error, "context_mark", None) or getattr(error, "problem_mark", None))

    def field_on(index: int) -> str:
        match = FIELD_LINE.match(lines[index]) if lines else None
        if not match:
            return "a"
        name = match.group(1)
        return f"the {name}'" if name.endswith("s") else f"the {name}'s"

    indented_with_tab = [
        index for index in sorted({context_index, problem_index})
        if "\t" in lines[index][: len(lines[index]) - len(lines[index].lstrip())]
    ]  # fmt: skip
    if indented_with_tab or "tab" in problem or "'\\t'" in problem:
        return (
            first_line + (indented_with_tab or [problem_index])[-1],
            "this line is indented with a tab",
            "indent with spaces, not a tab: YAML does not accept tabs",
        )  # fmt: skip
    if "quoted scalar" in context:
        return (
            first_line + context_index, f"{field_on(context_index)} quotation mark is not closed",
            'end the value with the same quotation mark it starts with (" or \')',
        )  # fmt: skip
    if "flow" in context:  # a [list] or {mapping} left open
        line = lines[context_index]
        closing = "}" if line.rfind("{") > line.rfind("[") else "]"
        return (
            first_line + context_index,
            f"{field_on(context_index)} list has no closing '{closing}'",
            f"end the list with '{closing}' on the same line, or {QUOTE_HINT}",
        )  # fmt: skip
    if "mapping values are not allowed" in problem and _continues(lines, problem_index):
        return (
            first_line + problem_index, "this line is indented, so it reads as part of "
            "the value above", "start each field at the beginning of the line",
        )  # fmt: skip
    if "mapping values are not allowed" in problem:
        return (
            first_line + problem_index, f"{field_on(problem_index)} value has ': ' in it",
            f"{QUOTE_HINT}, or leave out the second colon",
        )  # fmt: skip
    if "could not find expected ':'" in problem or "simple key" in context:
        return (
            first_line + context_index, "this line is not 'field: value': its colon is missing",
            "write the field's name, a colon and a space, then the value; a line that "
            "continues the value above starts with two spaces",
        )  # fmt: skip
    if any("alias" in words or "anchor" in words for words in (problem, context)):
        return (
            first_line + problem_index, f"{field_on(problem_index)} value starts with * or &",
            QUOTE_HINT,
        )  # fmt: skip
    if "cannot start any token" in problem:
        return (
            first_line + problem_index, f"{field_on(problem_index)} value starts with a sign "
            "YAML keeps for itself (such as @ or `)", QUOTE_HINT,
        )  # fmt: skip
    if "block mapping" in context or "expected key" in problem or "block end" in problem:
        return (
            first_line + problem_index, "this line is indented differently from the one above",
            "start each field at the beginning of the line; indent, with spaces, only what "
            "belongs to the field above it",
        )  # fmt: skip
    if "another document" in problem:
        return (
            first_line + problem_index, "a second '---' line",
            "a file has one block of fields: delete this line, or quote it if it is a value",
        )  # fmt: skip
    return (
        first_line + problem_index, f"this line cannot be read ({problem or 'not valid YAML'})",
        f"write each field as 'field: value' on its own line; {QUOTE_HINT} when it has ': ' "
        "or starts with a sign such as * & ! [ {",
    )  # fmt: skip


def _continues(lines: list[str], index: int) -> bool:
    """Whether line `index` is indented under a line that already has its value."""
    above = next((line for line in reversed(lines[:index]) if line.strip()), "")
    return lines[index][:1] in (" ", "\t") and not above.rstrip().endswith(":")
