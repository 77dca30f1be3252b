"""Run every check over a project: its content files, then (after a build) its
built pages. Returns the findings and the reading grades; printing is elsewhere."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pelican.settings import read_settings

from .accounting import check_accounting
from .findings import ERROR, WARNING, Finding
from .front_matter import check_front_matter
from .gate import REJECTED, check_pages, once_per_template
from .plugin_data import check_plugin_data
from .readability import DEFAULT_MAX_GRADE, Grade, check_readability, reading_grades
from .safe_messaging import check_safe_messaging, load_rules
from .site import BuiltSite
from .sources import DATA_FILE, Source, display, load_sources

ROOT = Path(__file__).resolve().parents[1]
BUILD_LINE = re.compile(
    r"^(?:(?P<path>[^\s:][^:]*):(?P<line>\d+):(?:(?P<col>\d+):)? )?"
    r"(?P<level>error|warning): (?P<message>.*?)(?: \[(?P<rule>[\w/-]+)\])?$"
)
UNFINISHED = re.compile(r"\bTODO\b")


class NothingBuilt(Exception):
    """Asked to check a built site that is not there."""


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    grades: list[Grade] = field(default_factory=list)
    built: bool = True

    @property
    def errors(self) -> int:
        return sum(finding.level == ERROR for finding in self.findings)

    @property
    def warnings(self) -> int:
        return sum(finding.level == WARNING for finding in self.findings)


def check_unfinished(sources: list[Source]) -> list[Finding]:
    """Text a template left for the editor to replace (`make new-page` writes TODO)."""
    findings = []
    for source in sources:
        for number, line in enumerate(source.lines, start=1):
            if source.kind == DATA_FILE and line.lstrip().startswith("#"):
                continue  # a comment to the editor ("Replace each TODO"), never published
            match = UNFINISHED.search(line)
            if match:
                findings.append(
                    Finding(
                        source.name, number, match.start() + 1, ERROR,
                        "unfinished: this line still has the template's TODO text", "unfinished",
                        "replace the TODO text with your own words",
                    )
                )  # fmt: skip
    return findings


def check_content(
    project: Path, settings: dict, max_grade: float = DEFAULT_MAX_GRADE
) -> tuple[list[Source], Report]:
    sources = load_sources(project, settings)
    grades = reading_grades(sources)
    unfinished = check_unfinished(sources)
    todo_lines = {(finding.path, finding.line) for finding in unfinished}
    findings = [
        finding
        for finding in check_front_matter(sources, settings)
        + check_safe_messaging(sources, load_rules())
        + check_plugin_data(sources, settings, project)
        + check_readability(grades, max_grade)
        + check_accounting(project, settings)
        # A TODO line is wrong in every way until it is written: say it once.
        if (finding.path, finding.line) not in todo_lines
    ]
    return sources, Report(findings + unfinished, grades)


def check_output(output: Path, project: Path, sources: list[Source], settings: dict):
    return once_per_template(check_pages(BuiltSite.load(output, project, sources), settings))


def build(settings_file: Path, output: Path, project: Path) -> tuple[bool, list[Finding]]:
    """Build with scripts/build.py, as `make html` does, which checks the new pages
    before they replace the output; its errors become findings. True when the pages
    were built and checked (whether or not they replaced the output)."""
    command = [
        sys.executable, str(ROOT / "scripts/build.py"),
        "--settings", str(settings_file), "--output", str(output),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, cwd=project)
    checked = result.returncode == 0 or REJECTED in result.stderr
    return checked, parse_build_messages(result.stderr)


def parse_build_messages(stderr: str) -> list[Finding]:
    findings: list[Finding] = []
    for line in stderr.splitlines():
        if line.startswith("  hint: ") and findings:
            findings[-1] = Finding(**{**findings[-1].__dict__, "hint": line[8:]})
            continue
        match = BUILD_LINE.match(line)
        if not match:
            continue
        findings.append(
            Finding(
                match["path"] or "", int(match["line"] or 1), int(match["col"] or 1),
                match["level"], match["message"], match["rule"] or "build",
                # A finding of the page checks has a column: never a knock-on effect.
                group="page" if match["col"] else "",
            )
        )  # fmt: skip
    return findings


def run(
    settings_file: Path, output: Path | None = None, *, build_first: bool = True,
    max_grade: float = DEFAULT_MAX_GRADE,
) -> Report:  # fmt: skip
    settings_file = settings_file.resolve()
    project = settings_file.parent
    settings = read_settings(str(settings_file))
    output = (output or Path(settings["OUTPUT_PATH"])).resolve()
    if not build_first and not output.is_dir():
        raise NothingBuilt(f"nothing built in {display(output, project)}: run without --no-build")
    sources, report = check_content(project, settings, max_grade)
    if build_first:
        report.built, build_findings = build(settings_file, output, project)
        report.findings += without_repeats(build_findings, report.findings)
    else:
        report.findings += check_output(output, project, sources, settings)
    report.findings = sorted(set(report.findings))
    return report


def without_repeats(build_findings: list[Finding], findings: list[Finding]) -> list[Finding]:
    """The build stops at mistakes the checks found too, with more detail: keep only
    what the checks did not already say about a file. Errors that name no file are
    then most likely knock-on effects, and are left out too."""
    flagged = {finding.path for finding in findings if finding.level == ERROR}
    said = {(finding.path, finding.line) for finding in findings}

    def repeats(finding: Finding) -> bool:
        if finding.group == "page":
            return False
        if finding.path:
            return finding.path in flagged or (finding.path, finding.line) in said
        if flagged:
            return True
        return any(f"{path}:{line}:" in finding.message for path, line in said)

    return [finding for finding in build_findings if not repeats(finding)]
