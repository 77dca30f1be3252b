"""The reader inside a real Pelican build of tiny fixture sites."""

from selectolax.lexbor import LexborHTMLParser


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
