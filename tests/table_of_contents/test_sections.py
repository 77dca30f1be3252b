from table_of_contents.sections import Section, section_headings


def test_linkable_h2_sections_in_order_with_plain_text():
    markup = (
        '<h1 id="t">Title</h1><h2 id="eat" class="win">Eating <em>something</em>, '
        "anything</h2><p>x</p><h2>No id</h2><h3 id='deep'>Deeper</h3>"
        "<h2 id='a&amp;b'>Fish &amp; chips\n   today</h2>"
    )
    assert section_headings(markup) == [
        Section("eat", "Eating something, anything"),
        Section("a&b", "Fish & chips today"),
    ]


def test_no_sections():
    assert section_headings("<p>Only text.</p>") == []
