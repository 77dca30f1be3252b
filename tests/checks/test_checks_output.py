"""Checks of the built pages, each reported at the line of the Markdown source."""

from checks.runner import check_output
from checks.sources import load_sources

ARTICLE = "---\ntitle: Tea\ndate: 2025-01-02\ncategory: Coping\nsummary: Hi.\n---\n"
PICTURE = "images/cup.svg"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"/>'


def with_body(body: str) -> dict[str, str]:
    return {"articles/tea.md": ARTICLE + body, PICTURE: SVG}


# One bad pull request per rule, each in its own file: (body, line of the mistake, rule).
MISTAKES = {
    "broken": ("Intro.\n\nSee [the coping page](../copin/).\n", 9, "link-broken"),
    "missing-file": ("See [hello]({filename}/articles/helo.md).\n", 7, "link-broken"),
    "fragment": ("Intro.\n\n## Tea {#tea}\n\nSee [above](#te).\n", 11, "link-fragment"),
    "other-fragment": ("See [hello]({filename}/articles/hello.md#nowhere).\n", 7, "link-fragment"),
    "phone": ("Call [the line](tel:call-us).\n", 7, "link-external"),
    "dials-another": ("Call [988 now](tel:998).\n", 7, "link-external"),
    "texts-another": ("Text [HOME to 741741](sms:741714?body=HOME).\n", 7, "link-external"),
    "web": ("Read [the guide](https://).\n", 7, "link-external"),
    "mail": ("Write to [us](mailto:editors).\n", 7, "link-external"),
    "scheme": ("Get [the file](ftp://example.org/file).\n", 7, "link-external"),
    "alt": ("A cup:\n\n![]({static}/images/cup.svg)\n", 9, "image-alt"),
    "second-alt": (
        "![A cup]({static}/images/cup.svg)\n\n![]({static}/images/cup.svg)\n",
        9,
        "image-alt",
    ),
    "tracker": ("A cup:\n\n![A cup](https://example.org/cup.png)\n", 9, "external-resource"),
    "heading": ("Intro.\n\n#### Too deep\n", 9, "heading-order"),
    "second-h1": ("Intro.\n\n# Another title\n", 9, "heading-order"),
    "typeset-h1": ('Intro.\n\n# Another "title" -- said\n', 9, "heading-order"),
    "marked-up-h1": ("Intro.\n\n# *e*{onclick=alert(1)} {}\n", 9, "heading-order"),
    "empty-link": ("Intro.\n\n[](https://example.org/)\n", 9, "link-empty"),
    "click-here": ("For more, [click here](https://example.org/).\n", 7, "link-text"),
    "here": ("Details [here](https://example.org/).\n", 7, "link-text"),
}


def test_each_mistake_in_a_page_is_found_at_its_source_line(check, places):
    files = {
        f"articles/{name}.md": ARTICLE.replace("title: Tea", f"title: {name}") + body
        for name, (body, _, _) in MISTAKES.items()
    }
    report = check({**files, PICTURE: SVG})
    expected = [
        (f"content/articles/{name}.md", line, rule) for name, (_, line, rule) in MISTAKES.items()
    ]
    assert places(report) == sorted(expected)


def test_a_phone_link_shows_the_number_it_dials_or_none(check):
    report = check(
        with_body(
            "[Call us](tel:988), [call 9-8-8](tel:988), [text 0477 13 11 14](sms:+61477131114),\n"
            "[call (877) 565-8860](tel:+18775658860) or [call 988](TEL:998).\n"
        )
    )
    found = [(f.line, f.message) for f in report.findings if f.path == "content/articles/tea.md"]
    assert found == [(8, "'call 988' shows another number than the link dials ('TEL:998')")]


def test_the_column_is_where_the_link_starts(check):
    report = check(with_body("Intro.\n\nSee [the coping page](../copin/).\n"))
    [finding] = [f for f in report.findings if f.path == "content/articles/tea.md"]
    assert finding.col == 5
    assert "'../copin/'" in finding.message


def test_a_fragment_that_nearly_matches_is_suggested(check):
    report = check(with_body("## Green tea\n\nSee [above](#green-te).\n"))
    [finding] = [f for f in report.findings if f.path == "content/articles/tea.md"]
    assert "did you mean '#green-tea'?" in finding.hint


def test_good_links_images_and_headings_pass(check, places):
    body = (
        "## Making tea\n\n### Water\n\n![A blue cup]({static}/images/cup.svg)\n\n"
        "![]({static}/images/cup.svg){.decorative}\n\n"
        "See [making tea](#making-tea), [hello]({filename}/articles/hello.md), "
        "[the Coping page](../category/coping/), [an article](https://example.org/a?b=c#d), "
        "[call 988](tel:988), [email us](mailto:editors@example.org).\n"
    )
    report = check(with_body(body))
    assert places(report) == []
    assert places(report, "warning") == []


PAGE = (
    "<!doctype html><html><head><title>T</title></head><body>\n"
    '<p class="crisis-help">Call 988</p><a class="exit-this-page" href="https://x.org/">Exit</a>\n'
    "<main><h1>T</h1>{main}</main></body></html>\n"
)


def built(tmp_path, pages: dict[str, str]):
    output = tmp_path / "output"
    for name, main in pages.items():
        (output / name).parent.mkdir(parents=True, exist_ok=True)
        (output / name).write_text(PAGE.format(main=main))
    return output


def test_a_mistake_in_a_template_is_reported_once_at_the_built_file(tmp_path):
    link = '<a href="{up}nowhere/">Gone</a>'
    output = built(
        tmp_path,
        {"index.html": link.format(up=""), "a/index.html": link.format(up="../"),
         "b/index.html": link.format(up="../")},
    )  # fmt: skip
    findings = check_output(output, tmp_path, [], {})
    assert [(f.path, f.line, f.rule) for f in findings] == [
        ("output/a/index.html", 3, "link-broken")
    ]
    assert "(and on 2 more page(s))" in findings[0].message


def test_a_page_without_crisis_help_or_exit_is_an_error(tmp_path):
    output = built(tmp_path, {"index.html": "Hi", "bare/index.html": "Hi"})
    bare = output / "bare/index.html"
    bare.write_text(bare.read_text().replace('class="crisis-help"', 'class="help"')
                    .replace('class="exit-this-page"', 'class="exit"'))  # fmt: skip
    findings = check_output(output, tmp_path, [], {})
    assert [(f.path, f.line, f.rule) for f in findings] == [
        ("output/bare/index.html", 1, "exit-control"),
        ("output/bare/index.html", 1, "crisis-help"),
    ]


def test_a_link_from_a_data_file_points_at_that_file(tmp_path):
    resource = tmp_path / "content/resources/line.yaml"
    resource.parent.mkdir(parents=True)
    resource.write_text("name: A line\nurl: https//example.org/\n")
    output = built(tmp_path, {"resources/index.html": '<a href="https//example.org/">A line</a>'})
    sources = load_sources(tmp_path, {"PATH": str(tmp_path / "content")})
    findings = check_output(output, tmp_path, sources, {})
    assert [(f.path, f.line, f.col, f.rule) for f in findings] == [
        ("content/resources/line.yaml", 2, 6, "link-broken")
    ]


def test_absolute_addresses_of_the_published_site_are_checked_as_internal(tmp_path):
    site_url = "https://example.org/small-wins"
    main = f'<a href="{site_url}/">Home</a> <a href="{site_url}/nowhere/#x">Gone</a>'
    output = built(tmp_path, {"index.html": main})
    findings = check_output(output, tmp_path, [], {"SITEURL": site_url})
    assert [(f.line, f.rule) for f in findings] == [(3, "link-broken")]
    assert f"'{site_url}/nowhere/#x'" in findings[0].message
