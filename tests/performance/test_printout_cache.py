"""The checklist's PDFs come from the cache only while everything they are made from is
as it was: the page's HTML, a stylesheet, a font, a setting. A damaged or missing
entry gives a correct build, and builds from a cold and a warm cache are the same
byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import small_wins.printout
from pelican import Pelican
from pelican.settings import read_settings

from tests.conftest import MINIMAL_SITE, ROOT, SETTINGS, write_files

WINS = {
    **MINIMAL_SITE,
    "articles/wins.md": (
        "---\ntitle: Wins\ndate: 2025-01-02\ncategory: Coping\n---\nIntro.\n\n"
        '## Out of bed {win="Got out of bed" category=coping}\n\nIt counts. More.\n\n'
        '## Water {win="Drank some water" category=coping}\n\nA glass is enough.\n'
    ),
}
FONTS = "static/fonts"
PAPERS = ("a4", "letter")


@pytest.fixture
def site(tmp_path):
    """A site with two wins and its own copy of the theme, and a function that
    builds it into a new folder and returns it with the number of printouts made."""
    write_files(tmp_path / "content", WINS)
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    builds = []

    def build(**override) -> tuple[Path, int]:
        output = tmp_path / f"output-{len(builds)}"
        settings = read_settings(
            str(SETTINGS),
            override={
                "PATH": str(tmp_path / "content"), "OUTPUT_PATH": str(output),
                "THEME": str(tmp_path / "theme"), "CACHE_PATH": str(tmp_path / "cache"),
                **override,
            },
        )  # fmt: skip
        # Counted in a file: the PDFs may be made in a forked copy of the build.
        made = tmp_path / f"made-{len(builds)}"
        made.write_text("")
        original = small_wins.printout.make_printout

        def counted(*args, **kwargs):
            with made.open("a") as count:
                count.write("made\n")
            return original(*args, **kwargs)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(small_wins.printout, "make_printout", counted)
            Pelican(settings).run()
        builds.append(output)
        return output, len(made.read_text().splitlines())

    return tmp_path, build


def files_of(output: Path) -> dict[str, bytes]:
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in sorted(output.rglob("*"))
        if path.is_file()
    }


def pdfs_of(output: Path) -> list[bytes]:
    return [(output / "checklist" / f"checklist-{paper}.pdf").read_bytes() for paper in PAPERS]


def test_a_warm_cache_gives_the_same_site_without_making_the_pdfs(site):
    _, build = site
    cold, made = build()
    assert made == 1
    warm, made = build()
    assert made == 0
    assert files_of(warm) == files_of(cold)


def change_win(root: Path) -> None:
    article = root / "content/articles/wins.md"
    article.write_text(article.read_text().replace("Drank some water", "Drank a glass"))


def change_font_sheet(root: Path) -> None:
    # Changes no page: the printout's own stylesheet is read only by WeasyPrint.
    sheet = root / "theme/static/css/print-font.css"
    sheet.write_text(sheet.read_text() + "\nh1 { letter-spacing: 0.1em; }\n")


def change_font(root: Path) -> None:
    # Two real fonts trade places: each file's bytes change, its name does not.
    regular, bold = (
        root / "theme" / FONTS / f"atkinson-hyperlegible-next-latin-{weight}-normal.woff2"
        for weight in (400, 700)
    )
    regular_bytes = regular.read_bytes()
    regular.write_bytes(bold.read_bytes())
    bold.write_bytes(regular_bytes)


@pytest.mark.parametrize(
    "change, override",
    [
        (change_win, {}),
        (change_font_sheet, {}),
        (change_font, {}),
        (None, {"CHECKLIST_WEEK_START": "sunday"}),
        (None, {"SITEURL": "https://smallwins.example.org", "RELATIVE_URLS": False}),
    ],
    ids=["html", "stylesheet", "font", "setting", "address"],
)
def test_a_change_to_any_input_makes_the_pdfs_again(site, change, override):
    root, build = site
    before, _ = build()
    if change:
        change(root)
    after, made = build(**override)
    assert made == 1
    assert pdfs_of(after) != pdfs_of(before)
    _, made = build(**override)
    assert made == 0, "the new PDFs are cached in their turn"


@pytest.mark.parametrize("damage", ["delete the entry", "cut a pdf", "alter a pdf", "bad entry"])
def test_a_damaged_cache_gives_a_correct_build(site, damage):
    root, build = site
    cold, _ = build()
    cache = root / "cache/printout"
    (entry,) = cache.glob("*.json")
    pdf = sorted(cache.glob("*.pdf"))[0]
    if damage == "delete the entry":
        entry.unlink()
    elif damage == "cut a pdf":
        pdf.write_bytes(pdf.read_bytes()[:1000])
    elif damage == "alter a pdf":
        data = bytearray(pdf.read_bytes())
        data[500] ^= 1
        pdf.write_bytes(bytes(data))
    else:
        entry.write_text('{"read": [], "pdfs": [3]}')
    rebuilt, made = build()
    assert made == 1
    assert files_of(rebuilt) == files_of(cold)
    _, made = build()
    assert made == 0, "the cache is whole again"
