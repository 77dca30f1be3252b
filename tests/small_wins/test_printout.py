"""The PDF side on its own: what WeasyPrint may read, one page or none, its fonts, and
sizes."""

from __future__ import annotations

import datetime
import io
import os
import shutil
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader
from small_wins.printout import PrintoutError, bundled_fonts_only, make_printout, site_fetcher
from small_wins.sources import human_size

from tests.conftest import ROOT

DATE = datetime.datetime(2025, 1, 2, tzinfo=datetime.UTC)


@pytest.fixture
def site(tmp_path):
    theme = tmp_path / "theme"
    (theme / "static/css").mkdir(parents=True)
    (theme / "static/css/site.css").write_text("h1 { color: #000 }")
    shutil.copy(ROOT / "theme/static/css/print-font.css", theme / "static/css")
    shutil.copytree(ROOT / "theme/static/fonts", theme / "static/fonts")
    output = tmp_path / "output"
    (output / "images").mkdir(parents=True)
    (output / "images/a.txt").write_text("image")
    (tmp_path / "secret.txt").write_text("not part of the site")
    settings = {
        "THEME": str(theme),
        "THEME_STATIC_DIR": "theme",
        "THEME_STATIC_PATHS": ["static"],
        "SITEURL": "https://example.org",
    }
    return settings, output


def fonts_of(output) -> str:
    return (output / "theme/css/print-font.css").as_uri()


def test_the_fetcher_reads_the_themes_files_and_the_output_only(site):
    settings, output = site
    fetcher = site_fetcher(settings, output)
    local = output.as_uri()
    assert fetcher.fetch(f"{local}/theme/css/site.css").read() == b"h1 { color: #000 }"
    assert fetcher.fetch("https://example.org/theme/css/site.css?v=2").content_type == "text/css"
    assert fetcher.fetch(f"{local}/images/a.txt").read() == b"image"
    for url in (
        f"{local}/../secret.txt",
        f"{local}/theme/../../secret.txt",
        "https://elsewhere.example/theme/css/site.css",
        "file:///etc/passwd",
    ):
        with pytest.raises(ValueError, match="not a file of this site"):
            fetcher.fetch(url)


def test_a_page_that_fits_gives_one_dated_page_per_paper(site):
    settings, output = site
    html = "<html lang=en><title>Checklist</title><h1 class='{density}'>Small wins</h1>"
    printout = make_printout(
        lambda density: html.format(density=density),
        (output / "c.html").as_uri(),
        site_fetcher(settings, output),
        DATE,
        fonts_of(output),
    )
    assert printout.density == "roomy"
    assert set(printout.pdfs) == {"a4", "letter"}
    for pdf in printout.pdfs.values():
        reader = PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) == 1
        assert reader.metadata["/CreationDate"].startswith("D:20250102")
        assert reader.metadata["/Title"] == "Checklist"
        with pikepdf.open(io.BytesIO(pdf)) as document, document.open_metadata() as xmp:
            assert xmp["pdfuaid:part"] == "1"


def test_the_first_density_that_fits_is_chosen_and_none_when_nothing_fits(site):
    settings, output = site
    fetcher = site_fetcher(settings, output)
    rows = {"roomy": 120, "compact": 20, "tight": 10}

    def render(density: str) -> str:
        return "".join(f"<p>Row {n}</p>" for n in range(rows[density]))

    fonts = fonts_of(output)
    assert make_printout(render, output.as_uri(), fetcher, DATE, fonts).density == "compact"
    assert make_printout(lambda _: "<p>x</p>" * 200, output.as_uri(), fetcher, DATE, fonts) is None


def test_a_stylesheet_that_cannot_be_read_stops_the_printout(site):
    settings, output = site
    html = "<html lang=en><link rel=stylesheet href='theme/css/gone.css'><p>Hello</p>"
    fetcher = site_fetcher(settings, output)
    with pytest.raises(PrintoutError, match="gone.css"):
        make_printout(lambda _: html, output.as_uri() + "/", fetcher, DATE, fonts_of(output))


@pytest.mark.parametrize(
    "missing", ["css/print-font.css", "fonts/atkinson-hyperlegible-next-latin-700-normal.woff2"]
)
def test_a_font_sheet_or_font_that_cannot_be_read_stops_the_printout(site, missing):
    settings, output = site
    (Path(settings["THEME"]) / "static" / missing).unlink()
    with pytest.raises(PrintoutError, match=missing.rsplit("/", 1)[-1]):
        make_printout(
            lambda _: "<p>Hello</p>", output.as_uri() + "/", site_fetcher(settings, output),
            DATE, fonts_of(output),
        )  # fmt: skip


def test_the_machines_own_font_setting_is_left_as_it_was(monkeypatch):
    monkeypatch.setenv("FONTCONFIG_FILE", "/etc/fonts/fonts.conf")
    bundled_fonts_only()
    assert os.environ["FONTCONFIG_FILE"] == "/etc/fonts/fonts.conf"
    monkeypatch.delenv("FONTCONFIG_FILE")
    bundled_fonts_only()
    assert "FONTCONFIG_FILE" not in os.environ


@pytest.mark.parametrize(
    ("size", "text"), [(999, "999 bytes"), (43_600, "44 KB"), (2_340_000, "2.3 MB")]
)
def test_sizes_read_as_people_say_them(size, text):
    assert human_size(size) == text
