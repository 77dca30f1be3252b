"""Hypothesis strategies for hostile content: Markdown, front matter, win markers
and resource YAML, mixing valid syntax, random text and script payloads."""

from __future__ import annotations

import datetime

import yaml
from hypothesis import strategies as st

# Addresses that run script when followed, and their disguises.
SCRIPT_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "javascript:?%0Aalert(1)",
    "javascript&colon;alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
]
# Script in every shape Markdown or HTML can smuggle it.
HOSTILE = [
    *(
        f"[x]({prefix}{url})"
        for prefix in ("{filename}", "{index}", "{tag}")
        for url in SCRIPT_URLS[:3]
    ),
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "<javascript:alert(1)>",
    "[r]: javascript:alert(1)\n\n[r]",
    "## T {#x onclick=alert(1)}",
    '## T {data-x="\\" onclick=y"}',
    "*e*{onclick=alert(1)}",
    '*e*{title="\\"><script>alert(1)</script>"}',
    '`c`{#"onclick=x}',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;",
    "<!-- x -->",
    "<style>*{}</style>",
    "{{ 7*7 }}",
    "{% raw %}",
    "{filename}/../../../etc/passwd",
    "{static}/x.png",
    "\x00",
    "\ufeff",
    '[^1"onclick=x]',
    '[^1"onclick=x]: note',
    "|a|b|\n|-|-|\n|<b onclick=x>|y|",
    "- [ ] <b>t</b>",
    "Term\n: <i onclick=x>d</i>",
    "<iframe src=javascript:alert(1)>",
    "<math><mi>x</mi></math>",
]
SYNTAX = [
    "# ",
    "## ",
    "- ",
    "1. ",
    "> ",
    "```\n",
    "    ",
    "*",
    "_",
    "`",
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    "!",
    "|",
    ":",
    "---",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "'",
    '"',
    "&",
    "<",
    ">",
    "\\",
]
FIELDS = [
    "title",
    "date",
    "modified",
    "category",
    "tags",
    "slug",
    "summary",
    "status",
    "lang",
    "template",
    "save_as",
    "url",
    "order",
    "authors",
    "Title",
    "DATE",
]

pieces = st.one_of(st.sampled_from(HOSTILE), st.sampled_from(SYNTAX), st.text(max_size=20))
markdown = st.lists(pieces, max_size=25).map("".join)
yaml_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True),
        st.text(max_size=20),
        st.sampled_from(HOSTILE),
        st.dates(),
    ),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)
# A valid header over a hostile body: such an article is published, so its page is
# where escaping is put to the test.
VALID_HEADER = "---\ntitle: Hostile body\ndate: 2025-01-04\ncategory: Coping\n---\n"
valid_articles = markdown.map(VALID_HEADER.__add__)
raw_lines = st.lists(
    st.tuples(st.sampled_from(FIELDS) | st.text(max_size=8), pieces).map(": ".join), max_size=6
)


@st.composite
def documents(draw) -> str:
    """A whole file: YAML front matter (valid or not), Pelican header lines, or none."""
    body = draw(markdown)
    form = draw(st.sampled_from(["yaml", "raw yaml", "native", "unclosed", "none"]))
    if form == "yaml":
        fields = draw(st.dictionaries(st.sampled_from(FIELDS), yaml_values, max_size=6))
        return f"---\n{yaml.safe_dump(fields, allow_unicode=True)}---\n{body}"
    lines = "\n".join(draw(raw_lines))
    return {
        "raw yaml": f"---\n{lines}\n---\n{body}",
        "native": f"{lines}\n\n{body}",
        "unclosed": f"---\n{lines}\n{body}",
        "none": body,
    }[form]


# What a win marker may say (see plugins/small_wins/wins.py), and worse.
WIN_KEYS = ["win", "category", "reminder", "kind-line", "#id", ".class", "data-x", "onclick"]
win_values = st.one_of(
    st.sampled_from(["Got out of bed", "coping", "daily-basics", "", " ", "x" * 41]),
    st.sampled_from(HOSTILE),
    st.text(max_size=15),
)


@st.composite
def win_articles(draw) -> str:
    """An article whose headings carry win markers, well or badly written."""
    sections = []
    for _ in range(draw(st.integers(1, 3))):
        attrs = " ".join(
            key if key[0] in "#." else f"{key}={value!r}".replace("'", '"')
            for key, value in draw(
                st.lists(st.tuples(st.sampled_from(WIN_KEYS), win_values), max_size=4)
            )
        )
        brace = draw(st.sampled_from(["{%s}", "{%s", "%s}", "{{%s}}"])) % attrs
        heading = draw(st.sampled_from(["## ", "# ", "### ", "##"])) + draw(pieces)
        sections.append(f"{heading} {brace}\n\n{draw(markdown)} I did it. It counts.\n")
    header = "---\ntitle: Wins\ndate: 2025-01-03\ncategory: Coping\n---\n"
    return header + "\n".join(sections)


VALID_RESOURCE = {
    "name": "Helpline",
    "summary": "Someone to talk to.",
    "kind": "crisis line",
    "categories": ["coping"],
    "website": "https://help.example.org/",
    "contact": {"phone": {"display": "0800 111", "tel": "0800111"}},
    "hours": "24/7",
    "countries": ["GB"],
    "cost": "free",
    "source": ["https://help.example.org/about"],
    "last_verified": datetime.date(2025, 1, 1),
}


@st.composite
def resource_files(draw) -> str:
    """A resource YAML file: the valid entry with fields replaced, removed or added,
    or its text cut and spliced with random text."""
    data = dict(VALID_RESOURCE)
    for key in draw(st.lists(st.sampled_from([*VALID_RESOURCE, "extra", "contact_note"]))):
        if draw(st.booleans()):
            data[key] = draw(yaml_values)
        else:
            data.pop(key, None)
    text = yaml.safe_dump(data, allow_unicode=True)
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(pieces) + text[cut:]
    return text
