"""Every built page carries the crisis help and the quick exit (rendered by the
theme's partials/crisis-help.html and partials/exit-this-page.html)."""

from __future__ import annotations

from .findings import ERROR, Finding
from .site import OutputPage, text_of

REQUIRED = (
    (".crisis-help", "crisis-help", "the crisis help"),
    ("a.exit-this-page", "exit-control", "the 'Exit this page' control"),
)


def check_page_furniture(page: OutputPage) -> list[Finding]:
    if "<body" not in page.html.lower():
        return []  # a fragment, not a page a reader lands on
    findings = []
    for selector, rule, what in REQUIRED:
        node = page.tree.css_first(selector)
        if node is None or not text_of(node):
            findings.append(
                Finding(
                    page.name, 1, 1, ERROR, f"the page lacks {what} ({selector})", rule,
                    "the page's template must extend base.html, which includes it",
                    group=f"{rule} {what}",
                )
            )  # fmt: skip
    return findings
