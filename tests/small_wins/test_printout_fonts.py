"""One bundled font for every printout: the pinned package's own files, the only font in
the PDFs, covering every letter the sheet prints, and the same bytes whatever fonts the
machine has."""

from __future__ import annotations

import json
import re

import pikepdf
from fontTools.ttLib import TTFont
from selectolax.lexbor import LexborHTMLParser

from tests.conftest import ROOT

PACKAGE = ROOT / "node_modules/@fontsource/atkinson-hyperlegible-next"
FONTS = ROOT / "theme/static/fonts"
PRINT_SHEET = ROOT / "theme/static/css/print-font.css"
EMPTY_FONT_SET = '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n'


def test_the_bundled_fonts_are_the_pinned_packages_own_files():
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]
    version = pinned["@fontsource/atkinson-hyperlegible-next"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), "pin an exact version"
    assert PACKAGE.is_dir(), "the font package is not installed: run `npm ci` (make test does)"
    assert json.loads((PACKAGE / "package.json").read_text())["version"] == version
    used = re.findall(r'url\("\.\./fonts/([^"]+)"\)', PRINT_SHEET.read_text())
    assert sorted(used) == sorted(path.name for path in FONTS.glob("*.woff2"))
    for name in used:
        assert (FONTS / name).read_bytes() == (PACKAGE / "files" / name).read_bytes(), name
    assert (FONTS / "OFL.txt").read_bytes() == (PACKAGE / "LICENSE").read_bytes()


def test_a_machine_with_no_fonts_gives_the_same_pdfs_and_page(sheet, build_sheet, tmp_path):
    conf = tmp_path / "no-fonts.conf"
    conf.write_text(EMPTY_FONT_SET)
    bare = build_sheet("no-fonts", {"FONTCONFIG_FILE": str(conf)})
    for name in ("checklist-a4.pdf", "checklist-letter.pdf", "index.html"):
        assert (bare / "checklist" / name).read_bytes() == (sheet / "checklist" / name).read_bytes()


def test_the_real_pdfs_embed_only_the_bundled_font(real_site):
    for paper in ("a4", "letter"):
        with pikepdf.open(real_site / f"checklist/checklist-{paper}.pdf") as pdf:
            embedded = pdf.pages[0].Resources.Font.values()
            # A subset's name is "ABCDEF+" and the font's own name.
            fonts = {str(font.BaseFont).split("+", 1)[1] for font in embedded}
        assert fonts == {
            "Atkinson-Hyperlegible-Next", "Atkinson-Hyperlegible-Next-Bold",
            "Atkinson-Hyperlegible-Next-Italic",
        }  # fmt: skip


def test_the_bundled_font_has_every_letter_the_real_sheet_prints(real_site):
    page = LexborHTMLParser((real_site / "checklist/index.html").read_text(encoding="utf-8"))
    printed = set(page.css_first(".checklist").text()) - set(" \n\t")
    for path in FONTS.glob("*.woff2"):
        missing = printed - {chr(code) for code in TTFont(path).getBestCmap()}
        assert not missing, f"{path.name} lacks {''.join(sorted(missing))}"
