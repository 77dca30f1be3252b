"""`make html` publishes only what `make check` accepts, and each `make` target exits
with the code the README's table gives."""

import subprocess

from checks.runner import ROOT

ARTICLE = "---\ntitle: Tea\ndate: 2025-01-02\ncategory: Coping\nsummary: Hi.\n---\n"
BROKEN = ARTICLE + "See [hello]({filename}/articles/helo.md).\n\nAnd [the void](/no-such-page/).\n"
ERRORS = [
    "content/articles/tea.md:7:5: error: '{filename}/articles/helo.md' points at "
    "content/articles/helo.md: no such file [link-broken]",
    "content/articles/tea.md:9:5: error: link to '/no-such-page/' leads to no page of the "
    "site [link-broken]",
]


def make(target: str, settings, output, *variables: str) -> subprocess.CompletedProcess:
    command = [
        "make", "-s", "-C", str(ROOT), target, f"CONFFILE={settings}",
        f"PUBLISHCONF={settings}", f"OUTPUTDIR={output}", *variables,
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def files_of(folder):
    return {path: path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def readme_exit_codes() -> dict[str, tuple[int, int]]:
    """The README's table: the first word of each row, with `$?` after make and after
    the script itself."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Build errors and exit codes")[1].split("\n## ")[0]
    rows = [line.split("|")[1:-1] for line in section.splitlines() if line.startswith("| ")]
    return {row[0].split()[0]: (int(row[1]), int(row[2])) for row in rows[1:]}


def test_make_html_publishes_nothing_make_check_rejects_and_exits_as_documented(
    editor_site, fixture_settings, tmp_path
):
    table = readme_exit_codes()
    content = editor_site({})
    settings, output = fixture_settings(content), tmp_path / "output"

    built = make("html", settings, output)
    assert built.returncode == table["built,"][0], built.stderr
    pages = len(list(output.rglob("*.html")))
    assert built.stdout.splitlines()[-1] == f"Wrote {pages} pages to {output}/."
    before = files_of(output)

    (content / "articles/tea.md").write_text(BROKEN, encoding="utf-8")
    failed = make("html", settings, output)
    assert failed.returncode == table["content"][0]
    assert f"] Error {table['content'][1]}" in failed.stderr
    assert [line for line in failed.stderr.splitlines() if ": error: " in line] == ERRORS
    assert "Unable to find" not in failed.stderr  # Pelican's words, said above with the line
    assert "Wrote" not in failed.stdout
    assert files_of(output) == before

    checked = make("check", settings, output)
    assert checked.returncode == table["content"][0]
    assert f"] Error {table['content'][1]}" in checked.stderr
    assert [line for line in checked.stdout.splitlines() if ": error: " in line] == ERRORS
    assert files_of(output) == before

    untitled = make("new-page", settings, output)
    assert untitled.returncode == table["usage"][0]
    assert f"] Error {table['usage'][1]}" in untitled.stderr
    assert "usage: make new-page TITLE=" in untitled.stderr

    (content / "articles/tea.md").write_text(ARTICLE + "Fixed.\n", encoding="utf-8")
    published = make("publish", settings, output)
    assert published.returncode == table["built,"][0], published.stderr
    assert (output / "tea/index.html").is_file()
