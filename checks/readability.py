"""Readability: the reading grade of each page (Flesch-Kincaid, via textstat),
and a warning when a page needs more schooling than READABILITY_MAX_GRADE."""

from __future__ import annotations

from dataclasses import dataclass

import textstat
from markdown_reader.render import render
from selectolax.lexbor import LexborHTMLParser

from .findings import WARNING, Finding
from .sources import ARTICLE, CATEGORY, PAGE, Source

DEFAULT_MAX_GRADE = 9.0
# Below this, a formula of sentence and word length says nothing: "Intro." grades 8.
MIN_WORDS = 20


@dataclass(frozen=True)
class Grade:
    path: str
    grade: float | None  # None: too short to grade
    words: int


def plain_text(markdown: str) -> str:
    tree = LexborHTMLParser(render(markdown))
    return tree.body.text(separator=" ") if tree.body else ""


def reading_grades(sources: list[Source]) -> list[Grade]:
    grades = []
    for source in sources:
        if source.kind not in (ARTICLE, PAGE, CATEGORY) or source.document is None:
            continue
        text = plain_text(source.document.body)
        words = textstat.lexicon_count(text)
        grade = round(textstat.flesch_kincaid_grade(text), 1) if words >= MIN_WORDS else None
        grades.append(Grade(source.name, grade, words))
    return grades


def check_readability(grades: list[Grade], max_grade: float) -> list[Finding]:
    return [
        Finding(
            grade.path,
            1,
            1,
            WARNING,
            f"reading grade {grade.grade:.1f} is above {max_grade:g}",
            "readability",
            "use shorter sentences and everyday words; readers may be tired or distressed",
        )  # fmt: skip
        for grade in grades
        if grade.grade is not None and grade.grade > max_grade
    ]
