"""Safe messaging: phrases that published guidance on writing about suicide and
mental health asks writers to avoid, found in every content file (the rules and
their sources are in safe-messaging.yaml, for editors to read)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from .findings import ERROR, WARNING, Finding
from .sources import Source, position

RULES_FILE = Path(__file__).with_name("safe-messaging.yaml")


@dataclass(frozen=True)
class Rule:
    id: str
    level: str
    pattern: re.Pattern[str]
    instead: str
    why: str
    sources: tuple[str, ...]  # the guidance's addresses


class RulesFileError(Exception):
    """The rules file itself is wrong: the checks cannot run until it is fixed."""


def compile_phrase(phrase: str) -> str:
    """A phrase as written in the rules file: a space matches any run of white space
    (a line break included), and the phrase matches whole words only."""
    return r"\b" + r"\s+".join(phrase.split(" ")) + r"\b"


@cache
def load_rules(path: Path = RULES_FILE) -> tuple[Rule, ...]:
    """The rules, or a RulesFileError that says which rule of the file is wrong."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        sources = {key: value["url"] for key, value in data["sources"].items()}
        return tuple(read_rule(entry, sources, path.name) for entry in data["rules"])
    except yaml.YAMLError as error:
        raise RulesFileError(f"{path.name}: not valid YAML: {error}") from None
    except (KeyError, TypeError, AttributeError) as error:
        raise RulesFileError(
            f"{path.name}: every source needs a url, every rule an id, level, match, "
            f"instead, why and sources (missing or wrong: {error})"
        ) from None


def read_rule(entry: dict, sources: dict[str, str], file_name: str) -> Rule:
    where = f"{file_name}: rule '{entry.get('id', '?')}'"
    if entry.get("level") not in (ERROR, WARNING):
        raise RulesFileError(f"{where}: level must be '{ERROR}' or '{WARNING}'")
    unknown = [key for key in entry.get("sources", []) if key not in sources]
    if unknown or not entry.get("sources"):
        raise RulesFileError(f"{where}: name its sources from the list at the top")
    try:
        pattern = re.compile(
            "|".join(compile_phrase(phrase) for phrase in entry["match"]), re.IGNORECASE
        )
    except (re.error, KeyError, TypeError) as error:
        raise RulesFileError(f"{where}: its 'match' phrases are not valid: {error}") from None
    return Rule(
        entry["id"], entry["level"], pattern, entry["instead"],
        " ".join(entry["why"].split()), tuple(sources[key] for key in entry["sources"]),
    )  # fmt: skip


def check_safe_messaging(sources: list[Source], rules: tuple[Rule, ...]) -> list[Finding]:
    findings = []
    for source in sources:
        for rule in rules:
            for match in rule.pattern.finditer(source.text):
                line, col = position(source.text, match.start())
                phrase = " ".join(match.group().split())
                findings.append(
                    Finding(
                        source.name, line, col, rule.level,
                        f"avoid '{phrase}'; prefer: {rule.instead}",
                        f"safe-messaging/{rule.id}", f"{rule.why} See {', '.join(rule.sources)}",
                    )
                )  # fmt: skip
    return findings
