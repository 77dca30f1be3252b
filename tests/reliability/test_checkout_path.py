"""A checkout whose path has a space or a letter outside ASCII builds the checklist's
PDFs: WeasyPrint asks for the stylesheet by its percent-encoded file URL."""

from __future__ import annotations

import pytest
from small_wins.sources import SiteFiles


@pytest.mark.parametrize("name", ["path two", "café", "ünï cødé 2"])
def test_the_printout_finds_the_site_files_under_any_checkout_path(name, tmp_path):
    output = tmp_path / name / "output"
    stylesheet = output / "theme/css/site.0123456789.css"
    stylesheet.parent.mkdir(parents=True)
    stylesheet.write_text("body{}")
    files = SiteFiles([(output.as_uri() + "/", output)])
    assert files.path_of(stylesheet.as_uri()) == stylesheet.resolve()
    assert files.path_of((output / "theme/css/missing.css").as_uri()) is None
    assert files.path_of(f"{output.as_uri()}/../secret.txt") is None
