"""The checklist in real builds of tiny fixture sites: the page, both PDFs, the
category pages, deterministic bytes, and mistakes reported without a traceback."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from pypdf import PdfReader
from selectolax.lexbor import LexborHTMLParser

from tests.conftest import ROOT

PDFS = ("checklist-a4.pdf", "checklist-letter.pdf")


def article(*wins: tuple[str, str]) -> str:
    """A fixture article with one win-marked section per (heading, label)."""
    sections = "".join(
        f'## {heading} {{win="{label}" category=coping}}\n\nSome text about {heading}. More.\n\n'
        for heading, label in wins
    )
    return f"---\ntitle: Wins\ndate: 2025-01-02\ncategory: Coping\n---\nIntro.\n\n{sections}"


TWO_WINS = article(("Breathing", "Took a breath"), ("Walking", "Went for a walk"))


def rows(output) -> list[str]:
    page = LexborHTMLParser((output / "checklist/index.html").read_text(encoding="utf-8"))
    return [node.text(strip=True) for node in page.css("tbody th[scope=row] .checklist-label")]


def pdf_pages(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages]


def test_adding_a_win_to_the_markdown_adds_a_row_to_the_page_and_both_pdfs(make_site, build_site):
    output = build_site(make_site({"articles/wins.md": TWO_WINS}))
    assert rows(output) == ["Took a breath", "Went for a walk"]
    for name in PDFS:
        assert "Sat with it" not in pdf_pages(output / "checklist" / name)[0]
    three = article(
        ("Breathing", "Took a breath"), ("Sitting", "Sat with it"), ("Walking", "Went for a walk")
    )
    output = build_site(make_site({"articles/wins.md": three}))
    assert rows(output) == ["Took a breath", "Sat with it", "Went for a walk"]
    for name in PDFS:
        pages = pdf_pages(output / "checklist" / name)
        assert len(pages) == 1
        for label in ("Took a breath", "Sat with it", "Went for a walk"):
            assert label in pages[0], (name, label)


def test_each_box_is_named_by_its_win_and_day_and_the_week_start_is_a_setting(
    make_site, build_site
):
    output = build_site(make_site({"articles/wins.md": TWO_WINS}), CHECKLIST_WEEK_START="sunday")
    page = LexborHTMLParser((output / "checklist/index.html").read_text(encoding="utf-8"))
    boxes = page.css(".checklist-grid input[type=checkbox]")
    assert len(boxes) == 14
    names = [" ".join(node.parent.text().split()) for node in boxes]
    assert names[0].endswith("Took a breath, Sunday")
    assert names[6].endswith("Took a breath, Saturday")
    assert page.css_first("[data-checklist]").attributes["data-week-start"] == "sunday"
    assert page.css_first("thead th:nth-child(2) .visually-hidden").text() == "Sunday"
    link = page.css_first("tbody th[scope=row] a")
    assert link.attributes["href"] == "../wins/#breathing"


def test_the_page_links_both_pdfs_with_their_size(make_site, build_site):
    output = build_site(make_site({"articles/wins.md": TWO_WINS}))
    page = LexborHTMLParser((output / "checklist/index.html").read_text(encoding="utf-8"))
    links = {node.attributes["href"]: node.text() for node in page.css("a[download]")}
    assert set(links) == set(PDFS)
    for name, text in links.items():
        size = (output / "checklist" / name).stat().st_size
        assert f"{round(size / 1000)} KB" in text
        assert ("A4" if "a4" in name else "US Letter") in text


def test_two_builds_give_the_same_pdf_bytes_dated_from_the_content(
    make_site, build_site, monkeypatch
):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    content = make_site({"articles/wins.md": TWO_WINS})
    first = {name: (build_site(content) / "checklist" / name).read_bytes() for name in PDFS}
    second = {name: (build_site(content) / "checklist" / name).read_bytes() for name in PDFS}
    assert first == second
    assert (
        PdfReader(io.BytesIO(first["checklist-a4.pdf"]))
        .metadata["/CreationDate"]
        .startswith("D:20250102")
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    dated = (build_site(content) / "checklist/checklist-a4.pdf").read_bytes()
    assert PdfReader(io.BytesIO(dated)).metadata["/CreationDate"].startswith("D:20231114")


def test_the_pdfs_link_nowhere_on_this_machine(make_site, build_site):
    output = build_site(make_site({"articles/wins.md": TWO_WINS}))
    for name in PDFS:
        reader = PdfReader(io.BytesIO((output / "checklist" / name).read_bytes()))
        uris = [
            annotation.get_object()["/A"].get("/URI", "")
            for annotation in reader.pages[0].get("/Annots", [])
            if "/A" in annotation.get_object()
        ]
        assert all(not uri.startswith("file:") for uri in uris), uris
        assert b"file:" not in (output / "checklist" / name).read_bytes()


def test_many_wins_shrink_to_fit_one_page(make_site, build_site):
    wins = [(f"Section {number}", f"Small win number {number}") for number in range(1, 19)]
    output = build_site(make_site({"articles/wins.md": article(*wins)}))
    html = (output / "checklist/index.html").read_text(encoding="utf-8")
    assert "checklist--roomy" not in html
    for name in PDFS:
        pages = pdf_pages(output / "checklist" / name)
        assert len(pages) == 1
        assert "Small win number 18" in pages[0]


def test_too_many_wins_fail_clearly(make_site, run_pelican):
    wins = [(f"Section {number}", f"Small win number {number}") for number in range(1, 61)]
    result = run_pelican(make_site({"articles/wins.md": article(*wins)}))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "error: the checklist has 60 wins and no longer fits on one page" in (result.stderr)
    assert "content/articles/wins.md:" in result.stderr


def test_a_site_without_wins_gets_a_page_that_says_so_and_no_pdfs(make_site, build_site):
    output = build_site(make_site())
    assert sorted(path.name for path in (output / "checklist").iterdir()) == ["index.html"]
    page = LexborHTMLParser((output / "checklist/index.html").read_text(encoding="utf-8"))
    assert "No small wins are marked" in page.css_first("main").text()
    assert page.css("input[type=checkbox]") == []
    category = LexborHTMLParser((output / "category/coping/index.html").read_text("utf-8"))
    assert category.css(".category-wins") == []


def test_a_category_page_lists_its_wins_and_links_to_the_checklist(make_site, build_site):
    output = build_site(make_site({"articles/wins.md": TWO_WINS}))
    page = LexborHTMLParser((output / "category/coping/index.html").read_text(encoding="utf-8"))
    section = page.css_first(".category-wins")
    assert [node.text() for node in section.css("li a")] == ["Took a breath", "Went for a walk"]
    assert "Some text about Breathing." in section.text()
    assert section.css("p a")[-1].attributes["href"] == "../../checklist/#coping"


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        (
            '## Rest {win="Rested" category=sleep}',
            "content/articles/wins.md:8: error: win 'Rested' names an unknown category 'sleep'",
        ),
        ("## Rest {category=coping}", "content/articles/wins.md:8: error: this win has no label"),
        (
            '## Rest {win="Rested" category=coping',
            "content/articles/wins.md:8: error: the win on this heading is not closed with '}'",
        ),
        (
            '## Rest win="Rested" category=coping}',
            "content/articles/wins.md:8: error: the win on this heading has no '{' before it",
        ),
    ],
)
def test_a_marking_mistake_fails_the_build_with_file_line_and_fix(
    make_site, run_pelican, heading, expected
):
    text = (
        f"---\ntitle: Wins\ndate: 2025-01-02\ncategory: Coping\n---\nIntro.\n\n{heading}\n\nRest.\n"
    )
    result = run_pelican(make_site({"articles/wins.md": text}))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert expected in result.stderr
    assert "hint:" in result.stderr


def test_a_win_on_a_category_page_fails_the_build_at_its_heading(make_site, run_pelican):
    page = (
        "---\ntitle: Coping\nsummary: Getting through.\n---\nIntro.\n\n"
        '## Breathing {win="Took a breath" category=coping}\n\nBreathe slowly.\n'
    )
    result = run_pelican(make_site({"categories/coping.md": page}))
    assert result.returncode == 1
    assert (
        "content/categories/coping.md:7: error: a win on a category page is left off the "
        "checklist: wins belong in articles [small-wins]\n  hint: move this section into an "
        "article in content/articles/"
    ) in result.stderr
    assert "Traceback" not in result.stderr


def test_duplicate_labels_in_two_articles_are_both_reported(make_site, run_pelican):
    other = TWO_WINS.replace("title: Wins", "title: More").replace("## Breathing", "## Again")
    result = run_pelican(make_site({"articles/wins.md": TWO_WINS, "articles/more.md": other}))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.count("two wins are labelled") == 2


def test_the_wins_are_read_from_the_readers_parse_of_the_file(make_site, build_site, monkeypatch):
    import small_wins

    def parsed_again(*args, **kwargs):
        raise AssertionError("the Markdown was read and parsed a second time")

    monkeypatch.setattr(small_wins, "read_marks", parsed_again)
    monkeypatch.setattr(small_wins, "make_parser", parsed_again)
    output = build_site(make_site({"articles/wins.md": TWO_WINS}))
    assert rows(output) == ["Took a breath", "Went for a walk"]


# scripts/build.py with WeasyPrint slowed down and every page's time of writing noted:
# in a process of its own, as `make html` runs (the PDFs are made in a forked copy of a
# build with no other thread; a test session has some).
TIMED_BUILD = """
import runpy, sys, time
sys.path.insert(0, {plugins!r})
import small_wins.printout
from pelican import signals

original = small_wins.printout.make_printout

def slow(*args, **kwargs):
    with open({times!r}, "a") as noted:
        noted.write(f"printout {{time.time()}}\\n")
    time.sleep(1)
    made = original(*args, **kwargs)
    with open({times!r}, "a") as noted:
        noted.write(f"printout {{time.time()}}\\n")
    return made

def note(path, context):
    with open({times!r}, "a") as noted:
        noted.write(f"{{context['output_file']}} {{time.time()}}\\n")

small_wins.printout.make_printout = slow
signals.content_written.connect(note)
sys.argv = [{script!r}, *sys.argv[1:]]
runpy.run_path({script!r}, run_name="__main__")
"""


def test_the_pdfs_are_made_while_the_articles_are_written(make_site, fixture_settings, tmp_path):
    settings = fixture_settings(make_site({"articles/wins.md": TWO_WINS}))
    times = tmp_path / "times"
    script = TIMED_BUILD.format(
        plugins=str(ROOT / "plugins"), script=str(ROOT / "scripts/build.py"), times=str(times)
    )
    command = [sys.executable, "-c", script, "--settings", str(settings)]
    built = subprocess.run(
        [*command, "--output", str(tmp_path / "output")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert built.returncode == 0, built.stderr
    noted = [line.rsplit(" ", 1) for line in times.read_text().splitlines()]
    started, finished = (float(at) for name, at in noted if name == "printout")
    written = {name: float(at) for name, at in reversed(noted)}
    assert started < written["wins/index.html"] < finished
    assert written["checklist/index.html"] > finished, "the page shows the PDFs' sizes"
    output = tmp_path / "output"
    assert rows(output) == ["Took a breath", "Went for a walk"]
    assert all(len(pdf_pages(output / "checklist" / name)) == 1 for name in PDFS)
