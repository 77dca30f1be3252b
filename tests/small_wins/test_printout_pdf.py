"""The full 22-win sheet as a reader and a screen reader get it: one page on each paper,
a clean text layer, a PDF/UA-1 structure, and its look against reference images."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from PIL import Image, ImageChops

from tests.small_wins.conftest import LABELS, SITEURL

PAPERS = {"a4": (595, 842), "letter": (612, 792)}
DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
REFERENCES = Path(__file__).with_name("references")
# A layout change moves whole rows of text and boxes: far more than this share of the
# pixels. A renderer's own antialiasing, well under it.
MOST_PIXELS_CHANGED = 0.01
UPDATE = "UPDATE_PRINTOUT_REFERENCES"


def text_layer(pdf: Path) -> list[str]:
    """The page's words as `pdftotext -layout` gives them, line by line."""
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext not found: run `make test` (it installs Debian's poppler-utils)")
    result = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return [line.strip() for line in result.stdout.splitlines() if line.strip()]


def structure(node) -> list[tuple[str, pikepdf.Dictionary]]:
    """Every structure element below `node`, in the tree's reading order."""
    found = []
    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found.append((str(kid.S), kid))
            found += structure(kid)
    return found


@pytest.mark.parametrize("paper", PAPERS)
def test_the_full_sheet_is_one_portrait_page_on_each_paper(sheet, paper):
    with pikepdf.open(sheet / f"checklist/checklist-{paper}.pdf") as pdf:
        assert len(pdf.pages) == 1
        box = pdf.pages[0].mediabox
        assert (round(float(box[2])), round(float(box[3]))) == PAPERS[paper]


def test_the_text_layer_has_one_clean_line_per_win_and_nothing_hidden(sheet):
    lines = text_layer(sheet / "checklist/checklist-a4.pdf")
    assert lines[:2] == ["Small wins this week", "Week of"]
    # The week starts on the day the settings say, one short name per column.
    assert lines[2].split() == ["Small", "win", *(day[:3] for day in DAYS)]
    wins = [line for line in lines if line in LABELS]
    assert wins == LABELS, "each win on its own line, in the checklist's order"
    words = " ".join(lines)
    # The screen-reader words of the page ("Got out of bed, Monday", the caption).
    for hidden in (*DAYS, "by day of the week", f"{LABELS[0]}, "):
        assert hidden not in words, hidden
    assert lines[-1] == f"Small Wins: {SITEURL.removeprefix('https://')}/checklist/"


def test_the_pdf_is_tagged_as_pdf_ua_1_with_the_days_as_column_headers(sheet):
    with pikepdf.open(sheet / "checklist/checklist-letter.pdf") as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "en"
        assert root.ViewerPreferences.DisplayDocTitle is True
        with pdf.open_metadata() as xmp:
            assert xmp["pdfuaid:part"] == "1"
            assert xmp["dc:title"] == str(pdf.docinfo["/Title"]) == "Weekly checklist — Small Wins"
        for font in pdf.pages[0].Resources.Font.values():
            descriptor = font.DescendantFonts[0].FontDescriptor
            assert "/FontFile2" in descriptor, f"{font.BaseFont} is not embedded"
        elements = structure(root.StructTreeRoot)
        tables = [element for kind, element in elements if kind == "/Table"]
        assert len(tables) == 1
        parts = {kind: element for kind, element in structure(tables[0]) if kind != "/Span"}
        head_rows = [element for kind, element in structure(parts["/THead"]) if kind == "/TR"]
        assert len(head_rows) == 1
        headers = [element for kind, element in structure(head_rows[0]) if kind == "/TH"]
        assert len(headers) == 1 + len(DAYS)
        days = [str(element.ID) for element in headers[1:]]
        cells = 0
        for kind, row in structure(tables[0]):
            inside = [(kind, element) for kind, element in structure(row) if kind in ("/TH", "/TD")]
            if kind != "/TR" or [kind for kind, _ in inside[1:2]] != ["/TD"]:
                continue
            # Each box is named by its own row's win and its column's day, in order.
            win = str(inside[0][1].ID)
            names = [[str(id) for id in cell.A.Headers] for _, cell in inside[1:]]
            assert names == [[win, day] for day in days]
            cells += len(names)
        assert cells == len(LABELS) * len(DAYS)


@pytest.mark.parametrize("paper", PAPERS)
def test_the_sheet_looks_as_its_reference_image(sheet, paper):
    """Rendered with PDFium (its wheel is pinned by pyproject.toml's range) at 72 dpi,
    in grey. After a wanted change of layout, `UPDATE_PRINTOUT_REFERENCES=1 pytest
    tests/small_wins/test_printout_pdf.py` writes new images (and fails, so that they
    are looked at before they are committed)."""
    document = pypdfium2.PdfDocument(sheet / f"checklist/checklist-{paper}.pdf")
    image = document[0].render(scale=1, grayscale=True).to_pil().convert("L")
    reference = REFERENCES / f"checklist-{paper}.png"
    if os.environ.get(UPDATE):
        REFERENCES.mkdir(exist_ok=True)
        image.save(reference, optimize=True)
        pytest.fail(f"wrote {reference.relative_to(Path.cwd())}: look at it, then commit it")
    assert reference.is_file(), f"no reference image: run with {UPDATE}=1 to write one"
    expected = Image.open(reference).convert("L")
    assert image.size == expected.size
    difference = ImageChops.difference(image, expected).point(lambda value: value > 64 and 255)
    changed = sum(difference.histogram()[255:]) / (image.width * image.height)
    assert changed <= MOST_PIXELS_CHANGED, f"{changed:.2%} of the pixels changed"


@pytest.mark.browser
def test_the_browser_prints_the_sheet_on_one_page_in_the_bundled_font(sheet, serve, page):
    """The screen fetches no font; the browser's print uses the PDFs' font, from the site."""
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    site = serve(sheet)
    page.goto(site + "/checklist/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in fetched if url.endswith(".woff2")]
    page.emulate_media(media="print")
    with pikepdf.open(io.BytesIO(page.pdf(format="Letter"))) as pdf:
        assert len(pdf.pages) == 1
        fonts = {str(font.BaseFont) for font in pdf.pages[0].Resources.Font.values()}
    assert fonts and all("AtkinsonHyperlegibleNext" in name for name in fonts), fonts
    assert all(url.startswith(site + "/") for url in fetched), fetched
