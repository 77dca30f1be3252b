"""The checklist's wins and the support resources, checked by their plugins' own
validation (the same functions the build runs), so `make check` lists their
mistakes at their lines even when the build stops earlier or is skipped."""

from __future__ import annotations

import os
import re
from pathlib import Path

from markdown_reader.errors import ContentError

from .findings import ERROR, WARNING, Finding
from .sources import ARTICLE, CATEGORY, PAGE, Source, display

PLUGIN_WARNING = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<message>.*)$")


def check_plugin_data(sources: list[Source], settings: dict, project: Path) -> list[Finding]:
    plugins = settings.get("PLUGINS", [])
    categories = [source.slug for source in sources if source.kind == CATEGORY and source.slug]
    findings = []
    if "small_wins" in plugins:
        findings += check_wins(sources, categories, project)
    if "resource_directory" in plugins:
        findings += check_resources(settings, categories, project)
    return findings


def finding_from(error: ContentError, project: Path, level: str = ERROR) -> Finding:
    """`error.path` is relative to the project or, as the plugins display it, to the
    current folder: either way, it is shown relative to the project."""
    in_project = project / error.path
    path = display(
        in_project if in_project.exists() else Path(os.path.abspath(error.path)), project
    )
    return Finding(path, error.line, 1, level, error.message, error.rule, error.hint)


# The plugins are imported only when the settings enable them: a site may go without.
def check_wins(sources: list[Source], categories: list[str], project: Path) -> list[Finding]:
    from small_wins.wins import check_site, might_mark_wins, on_category_page, read_marks

    marks = []
    for source in sources:
        if source.kind not in (ARTICLE, PAGE, CATEGORY) or source.error is not None:
            continue
        if might_mark_wins(source.text):
            found = read_marks(source.text, source.name, categories)
            marks.append(on_category_page(found, source.name) if source.kind == CATEGORY else found)
    return [finding_from(error, project) for error in check_site(marks).errors]


def check_resources(settings: dict, categories: list[str], project: Path) -> list[Finding]:
    from resource_directory.generator import DEFAULT_MAX_AGE_DAYS, build_day
    from resource_directory.schema import load_directory

    folder = Path(settings["PATH"]) / settings.get("RESOURCES_PATH", "resources")
    max_age = settings.get("RESOURCES_MAX_AGE_DAYS", DEFAULT_MAX_AGE_DAYS)
    directory = load_directory(folder, categories, build_day(), max_age)
    findings = [finding_from(error, project) for error in directory.errors]
    for warning in directory.warnings:
        match = PLUGIN_WARNING.match(warning)
        if match:
            stale = ContentError(
                match["path"], int(match["line"]), match["message"], rule="resource"
            )
            findings.append(finding_from(stale, project, WARNING))
    return findings
