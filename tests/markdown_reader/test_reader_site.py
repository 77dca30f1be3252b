"""The reader inside a real Pelican build of tiny fixture sites."""

from pathlib import Path

import pytest
from markdown_reader import MarkdownItReader
from markdown_reader.errors import ContentError
from pelican.settings import read_settings
from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parents[2]


def page(output, path):
    return LexborHTMLParser((output / path).read_text(encoding="utf-8"))


def test_yaml_and_native_metadata_both_reach_pelican(make_site, build_site):
    content = make_site(
        {
            "articles/yaml.md": """\
                ---
                title: From YAML
                slug: from-yaml
                date: 2025-02-03
                modified: 2025-04-05
                category: Coping
                tags: [rest, sleep]
                summary: A *short* summary.
                ---
                Body of yaml.
                """,
            "articles/native.md": """\
                Title: From header
                Date: 2025-02-04 10:30
                Category: Coping
                Tags: rest, walking
                Slug: from-header
                Summary: Native summary.

                Body of native.
                """,
        }
    )
    output = build_site(content)
    yaml_page = page(output, "from-yaml/index.html")
    assert yaml_page.css_first("h1").text() == "From YAML"
    assert yaml_page.css_first("time").attributes["datetime"] == "2025-02-03"
    assert "Body of yaml." in yaml_page.body.text()
    native_page = page(output, "from-header/index.html")
    assert native_page.css_first("h1").text() == "From header"
    assert native_page.css_first("time").attributes["datetime"] == "2025-02-04"
    assert (output / "tag/walking/index.html").exists()
    assert (output / "tag/sleep/index.html").exists()
    listing = (output / "category/coping/index.html").read_text()
    assert "A short summary." in listing
    assert "*short*" not in listing


def test_raw_html_is_escaped_in_a_built_page(make_site, build_site):
    content = make_site(
        {
            "articles/hello.md": "---\ntitle: Hello\ndate: 2025-01-02\ncategory: Coping\n---\n"
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n"
        }
    )
    html = (build_site(content) / "hello/index.html").read_text()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html


def test_filename_and_static_links_resolve(make_site, build_site):
    content = make_site(
        {
            "articles/hello.md": "---\ntitle: Hello\ndate: 2025-01-02\ncategory: Coping\n---\n"
            "[About]({filename}/pages/about.md) ![A calm lake]({static}/images/lake.svg)\n",
            "pages/about.md": "---\ntitle: About\n---\nAbout us.\n",
            "images/lake.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"/>',
        }
    )
    html = (build_site(content) / "hello/index.html").read_text()
    assert 'href="../about/"' in html
    assert 'src="../images/lake.svg"' in html


def test_malformed_front_matter_fails_with_path_and_line_and_no_traceback(make_site, run_pelican):
    content = make_site(
        {"articles/broken.md": "---\ntitle: Broken\ndate: 2025-01-02\nsummary: [oops\n---\nText\n"}
    )
    result = run_pelican(content)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "broken.md:4: error: front matter" in " ".join(log.split())
    assert "Traceback" not in log


def test_a_bad_date_names_its_line(make_site, run_pelican):
    content = make_site(
        {"articles/when.md": "---\ntitle: When\ncategory: Coping\ndate: next tuesday\n---\nText\n"}
    )
    result = run_pelican(content)
    log = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0
    assert "when.md:4: error: date:" in log
    assert "YYYY-MM-DD" in log
    assert "Traceback" not in log


HEADER = "---\ntitle: Tonight\ndate: 2025-01-02\ncategory: Coping\n---\nIntro.\n\n"


@pytest.mark.parametrize(
    "heading, message, hint",
    [
        (
            '## Talk tonight {data-pagefind-meta="url:https://evil.example/phish"}',
            "'data-pagefind-meta' in this heading's curly brackets is not used by the site",
            "delete it from the curly brackets at the end of the heading (they hold win, "
            "category, reminder, kind-line, an #id or a .class)",
        ),
        (
            '## Rest {#rest data-pagefind-body="" onclick=x}',
            "'data-pagefind-body', 'onclick' in this heading's curly brackets are not used",
            "delete them from the curly brackets",
        ),
        (
            '## Rest {win="Rested" categroy=coping}',
            "'categroy' in this heading's curly brackets is not used by the site",
            "did you mean 'category'? Otherwise, delete it",
        ),
    ],
)
def test_a_heading_attribute_nothing_reads_is_an_error_at_its_line(
    tmp_path, heading, message, hint
):
    source = tmp_path / "tonight.md"
    source.write_text(f"{HEADER}## Fine {{#fine .note lang=en}}\n\nText.\n\n{heading}\n\nText.\n")
    reader = MarkdownItReader(read_settings(str(ROOT / "pelicanconf.py")))
    with pytest.raises(ContentError) as raised:
        reader.read(str(source))
    error = raised.value
    assert (error.line, error.rule) == (12, "heading-attribute")
    assert error.message.startswith(message) and error.hint.startswith(hint), error


def test_the_wins_attributes_are_read_and_no_others_without_the_wins_plugin(tmp_path):
    source = tmp_path / "rested.md"
    source.write_text(
        f'{HEADER}## Rest {{win="Rested" category=coping reminder="Text."}}\n\nText.\n'
    )
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    html, _ = MarkdownItReader(settings).read(str(source))
    assert '<h2 id="rest">Rest</h2>' in html
    without = {
        **settings,
        "PLUGINS": [name for name in settings["PLUGINS"] if name != "small_wins"],
    }
    with pytest.raises(ContentError, match="'win', 'category', 'reminder' in this heading"):
        MarkdownItReader(without).read(str(source))
