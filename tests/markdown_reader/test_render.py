from jinja2 import Environment
from markdown_it.token import Token
from markdown_reader.render import (
    heading_attrs,
    is_external,
    make_parser,
    render,
    render_counting_words,
    slugify,
)


def test_commonmark_extensions_are_on():
    html = render(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~\n\n- [x] done\n\n"
        'Term\n: Definition\n\nNote[^1]\n\n[^1]: The note.\n\n"Quoted" -- dash\n'
    )
    assert "<table>" in html
    assert "<s>gone</s>" in html
    assert 'type="checkbox"' in html
    assert "<dl>" in html and "<dd>" in html
    assert 'class="footnote-ref"' in html
    assert "“Quoted” – dash" in html


def test_a_table_scrolls_in_a_region_named_after_its_section():
    html = render("## Sleep\n\n| night | hours |\n|---|---|\n| Monday | 7 |\n")
    region = '<div class="table-scroll" role="region" aria-labelledby="sleep" tabindex="0">'
    assert html.startswith('<h2 id="sleep">Sleep</h2>\n' + region + "\n<table>")
    assert html.endswith("</table>\n</div>\n")
    assert 'aria-label="Table"' in render("| a |\n|---|\n| 1 |\n")  # before any heading


def test_headings_get_unique_readable_ids():
    html = render("## Eating Something, Anything\n\n## Eating something anything\n\n# Ça va\n")
    assert '<h2 id="eating-something-anything">' in html
    assert '<h2 id="eating-something-anything-2">' in html
    assert '<h1 id="ça-va">' in html


def test_explicit_id_wins_and_is_not_reused():
    html = render("## Rest {#sleep .win}\n\n## Sleep\n\n## Sleep\n")
    assert '<h2 id="sleep" class="win">Rest</h2>' in html
    assert '<h2 id="sleep-2">Sleep</h2>' in html
    assert '<h2 id="sleep-3">Sleep</h2>' in html


def test_heading_attributes_that_are_not_html_are_kept_for_plugins_only():
    tokens = make_parser().parse('## Eat {#eat label="Ate something" onclick="alert(1)"}\n')
    heading: Token = tokens[0]
    assert heading_attrs(heading)["label"] == "Ate something"
    html = make_parser().renderer.render(tokens, make_parser().options, {})
    assert html == '<h2 id="eat">Eat</h2>\n'


def test_a_heading_renders_html_attributes_only_none_for_the_search_index():
    html = render(
        '## Talk tonight {data-pagefind-meta="url:https://evil.example/phish" lang=fr}\n\n'
        '## Empty the index {data-pagefind-body=""}\n'
    )
    assert "data-" not in html
    assert '<h2 lang="fr" id="talk-tonight">' in html


def test_raw_html_is_escaped_unless_allowed():
    assert "&lt;script&gt;" in render("<script>alert(1)</script>\n")
    assert "<b>bold</b>" in render("<b>bold</b>\n", allow_html=True)


def test_unsafe_links_and_attributes_are_dropped():
    html = render('[x](javascript:alert(1)) ![i](a.png){onerror="alert(1)" width=10}\n')
    assert "href" not in html
    assert "onerror=" not in html.replace("{onerror=", "")
    assert 'width="10"' in html


def test_links_to_other_sites_send_no_referrer_and_give_no_handle():
    html = render(
        "[help](https://example.org/help) <https://example.org/auto> [cdn](//cdn.example.org)"
        ' [ours](/resources/) [call](tel:988) [top](#top) [x](https://a.example){rel="opener"}\n'
    )
    assert '<a href="https://example.org/help" rel="noopener noreferrer">' in html
    assert '<a href="https://example.org/auto" rel="noopener noreferrer">' in html
    assert '<a href="//cdn.example.org" rel="noopener noreferrer">' in html
    assert '<a href="/resources/">' in html and '<a href="tel:988">' in html
    assert '<a href="#top">' in html
    assert 'opener"' not in html.replace("noopener", "")  # an editor cannot set rel


def test_a_scheme_in_capitals_is_another_site_too():
    html = render("[x](HTTPS://example.org) <HTTPS://EXAMPLE.ORG/e> [y](Http://a.example)\n")
    assert html.count('rel="noopener noreferrer"') == 3
    # the theme's `is external` test, on the directory's links
    assert is_external("HTTPS://EXAMPLE.ORG/") and not is_external("TEL:988")


def test_pelican_link_prefixes_survive():
    html = render("[a]({filename}/pages/about.md) ![b](<{static}/images/x y.png>)\n")
    assert 'href="{filename}/pages/about.md"' in html
    assert 'src="{static}/images/x%20y.png"' in html


def test_slugify_is_stable():
    assert slugify("  Saying No -- to   Things!  ") == "saying-no-to-things"
    assert slugify("!!!") == "section"


def test_words_are_counted_as_the_theme_would_count_the_page_text():
    body = (
        "## Eating {#eating .win}\n\nTwo [linked words](https://example.org/a/long/address)"
        " and `code here`, a table:\n\n| day | win |\n|---|---|\n| Monday | got up |\n\n"
        "```\nfenced code\n```\n\n- one\n- two[^1]\n\n[^1]: A note.\n"
    )
    html, words = render_counting_words(body)
    assert html == render(body)
    counted = Environment().from_string("{{ html|striptags|wordcount }}").render(html=html)
    assert words == 20
    assert abs(words - int(counted)) <= 2  # footnote markers aside, the same text
