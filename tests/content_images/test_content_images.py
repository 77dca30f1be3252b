"""Images an editor adds: their size on the page, and the files a page must not show."""

from __future__ import annotations

import pytest
from content_images import GPS_IFD, MAX_BYTES, read_image, with_sizes
from content_images.drawings import drawing_problem
from markdown_reader.errors import ContentError, display_path
from PIL import Image

ARTICLE = (
    "---\ntitle: Tea\ndate: 2025-01-02\ncategory: Coping\nsummary: Hi.\n---\n"
    "A cup.\n\n![A mug of tea on a windowsill]({static}/images/tea.jpg)\n"
)


def photo(path, size=(64, 48), located=False, noise=False):
    image = Image.effect_noise(size, 100).convert("RGB") if noise else Image.new("RGB", size)
    exif = Image.Exif()
    if located:
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (51.0, 30.0, 0.0)})  # latitude
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, exif=exif, quality=100)
    return path


def test_an_image_gets_the_width_and_height_of_its_file(tmp_path):
    photo(tmp_path / "images/tea.jpg", (640, 480))
    page = tmp_path / "articles/tea.md"
    page.parent.mkdir()
    page.write_text(ARTICLE)
    html = '<p><img alt="A mug" src="{static}/images/tea.jpg"></p>'
    assert with_sizes(html, str(page), str(tmp_path)) == (
        '<p><img alt="A mug" src="{static}/images/tea.jpg" width="640" height="480"></p>'
    )
    # Sizes an editor wrote stay; an image of another site is left alone.
    kept = [
        '<img src="{static}/images/tea.jpg" width="320">',
        '<img src="https://example.org/tea.jpg">',
    ]
    assert [with_sizes(tag, str(page), str(tmp_path)) for tag in kept] == kept


def test_an_image_of_no_file_is_named_at_its_line_with_the_file_it_may_mean(tmp_path):
    photo(tmp_path / "images/tea.jpg")
    page = tmp_path / "articles/tea.md"
    page.parent.mkdir()
    page.write_text(ARTICLE.replace("tea.jpg", "tee.jpg"))
    with pytest.raises(ContentError) as raised:
        with_sizes('<img alt="A mug" src="{static}/images/tee.jpg">', str(page), str(tmp_path))
    error = raised.value
    assert (error.line, error.rule) == (9, "link-broken")
    assert error.message == f"image 'tee.jpg' is not in {display_path(str(tmp_path))}/images/"
    assert error.hint == "did you mean '{static}/images/tea.jpg'? Check the spelling of the name"


@pytest.mark.parametrize(
    ("markdown", "said"),
    [
        ("![A mug]({static}/images/morning-tee.jpg)",
         "content/articles/tea.md:9: error: image 'morning-tee.jpg' is not in content/images/"
         " [link-broken]\n  hint: did you mean '{static}/images/morning-tea.jpg'?"),
        ("[The leaflet]({static}/images/leaflet.pdf)",
         "content/articles/tea.md:9: error: file 'leaflet.pdf' is not in content/images/"
         " [link-broken]\n  hint: check the file's name and folder"),
        ("![A mug]({static}/image/morning-tea.jpg)",
         "content/articles/tea.md:9: error: image 'morning-tea.jpg' is not in content/image/:"
         " there is no such folder [link-broken]\n  hint: did you mean"
         " '{static}/images/morning-tea.jpg'?"),
    ],
)  # fmt: skip
def test_a_file_that_is_not_there_stops_the_build_at_its_line_in_plain_words(
    make_site, run_pelican, markdown, said
):
    content = make_site({"articles/tea.md": ARTICLE.replace(ARTICLE.split("\n")[-2], markdown)})
    photo(content / "images/morning-tea.jpg")
    result = run_pelican(content)
    assert result.returncode == 1, result.stderr
    assert said in result.stderr
    for words in ("Traceback", "Error:", "Errno", "[build]"):
        assert words not in result.stderr


def test_a_photo_that_records_where_it_was_taken_is_found(tmp_path):
    assert read_image(photo(tmp_path / "home.jpg", located=True)).located
    assert not read_image(photo(tmp_path / "plain.jpg")).located


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda path: photo(path, located=True),
         "content/articles/tea.md:9: error: image 'tea.jpg' records where it was taken (GPS)"
         " [image-location]"),
        (lambda path: photo(path, (1400, 1400), noise=True),
         "content/articles/tea.md:9: error: image 'tea.jpg' is"),
        (lambda path: path.write_bytes(b"not an image"),
         "content/articles/tea.md:9: error: 'tea.jpg' is not an image file this site shows"
         " [image-unreadable]"),
    ],
)  # fmt: skip
def test_an_image_a_page_must_not_show_stops_the_build_at_its_line(
    make_site, run_pelican, make, said
):
    content = make_site({"articles/tea.md": ARTICLE})
    (content / "images").mkdir(exist_ok=True)
    make(content / "images/tea.jpg")
    result = run_pelican(content)
    assert result.returncode == 1, result.stderr
    assert said in result.stderr
    assert "Traceback" not in result.stderr


def test_a_heavy_image_is_refused_with_what_it_costs_a_phone(tmp_path):
    path = photo(tmp_path / "images/tea.jpg", (1400, 1400), noise=True)
    assert path.stat().st_size > MAX_BYTES
    page = tmp_path / "tea.md"
    page.write_text(ARTICLE)
    with pytest.raises(ContentError) as raised:
        with_sizes('<img src="{static}/images/tea.jpg">', str(page), str(tmp_path))
    assert raised.value.rule == "image-too-large"
    assert raised.value.line == 9
    assert "over a slow phone connection that takes" in raised.value.message


def test_the_built_page_shows_the_image_at_its_size(make_site, build_site):
    content = make_site({"articles/tea.md": ARTICLE})
    photo(content / "images/tea.jpg", (640, 480))
    output = build_site(content)
    html = (output / "tea/index.html").read_text()
    assert (
        '<img src="../images/tea.jpg" alt="A mug of tea on a windowsill" width="640" height="480"/>'
        in html
    )


def test_a_photo_no_page_shows_is_not_published_with_where_it_was_taken(make_site, run_pelican):
    content = make_site()
    photo(content / "images/garden.jpg", located=True)
    result = run_pelican(content)
    assert result.returncode == 1, result.stderr
    assert (
        "content/images/garden.jpg:1: error: image 'garden.jpg' records where it was taken (GPS)"
        " [image-location]"
    ) in result.stderr


@pytest.mark.browser
def test_a_wide_image_fits_a_phone_and_keeps_its_place_while_it_loads(
    make_site, build_site, browser, serve
):
    content = make_site({"articles/tea.md": ARTICLE})
    photo(content / "images/tea.jpg", (1600, 900))
    origin = serve(build_site(content))
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    held = []
    page.route("**/images/tea.jpg", lambda route: held.append(route))  # not sent yet
    page.goto(origin + "/tea/", wait_until="domcontentloaded")
    box = page.locator("main img").bounding_box()
    assert box["width"] <= 320 - 2 * 16  # within the text's padding
    assert box["height"] == pytest.approx(box["width"] * 900 / 1600, abs=1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    for route in held:
        route.continue_()
    context.close()


def test_an_image_named_with_spaces_is_found_at_its_line(tmp_path):
    photo(tmp_path / "images/my tea.jpg", located=True)
    page = tmp_path / "tea.md"
    page.write_text(ARTICLE.replace("({static}/images/tea.jpg)", "(<{static}/images/my tea.jpg>)"))
    with pytest.raises(ContentError) as raised:
        with_sizes('<img src="{static}/images/my%20tea.jpg">', str(page), str(tmp_path))
    assert (raised.value.line, raised.value.rule) == (9, "image-location")


def test_a_png_whose_text_metadata_holds_a_gps_position_is_found(tmp_path):
    from PIL import PngImagePlugin

    xmp = '<x:xmpmeta><rdf:Description exif:GPSLatitude="51,30.0N"/></x:xmpmeta>'
    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", xmp)
    Image.new("RGB", (8, 8)).save(tmp_path / "map.png", pnginfo=info)
    assert read_image(tmp_path / "map.png").located


def test_a_drawing_as_drawing_programs_save_it_is_published():
    drawing = b"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
     xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" viewBox="0 0 10 10">
  <sodipodi:namedview inkscape:zoom="1"/>
  <metadata><rdf:RDF/></metadata>
  <defs><linearGradient id="sky"><stop offset="0" stop-color="#fff"/></linearGradient>
    <filter id="soft"><feGaussianBlur stdDeviation="1"/></filter></defs>
  <style>.sun { fill: url(#sky); }</style>
  <g inkscape:label="Layer 1" filter="url(#soft)"><circle class="sun" cx="5" cy="5" r="4"/>
    <use xlink:href="#sky"/><text x="1" y="9">Hi</text>
    <image href="data:image/png;base64,iVBORw0KGgo="/></g>
</svg>"""
    assert drawing_problem(drawing) is None


@pytest.mark.parametrize(
    ("inside", "expected"),
    [
        ("<script>alert(1)</script>", "a <script> element, which is not part of a drawing"),
        ('<circle r="1" onload="alert(1)"/>', "an event handler (onload), which runs a script"),
        ('<a href="https://example.org/"><text>x</text></a>', "a <a> element"),
        ('<use xlink:href="javascript:alert(1)"/>', "a link to 'javascript:alert(1)'"),
        ('<image href="https://example.org/track.png"/>', "a link to 'https://example.org/"),
        ("<foreignObject><p>Call</p></foreignObject>", "a <foreignObject> element"),
        ('<html:script xmlns:html="http://www.w3.org/1999/xhtml">x</html:script>',
         "a <script> element from http://www.w3.org/1999/xhtml"),
        ('<style>@import url("https://example.org/x.css");</style>',
         "a style that loads another file"),
        ('<rect fill="url(https://example.org/x.svg#p)"/>', "a reference to another file in fill"),
        ('<set attributeName="href" to="javascript:alert(1)"/>', "a <set> element"),
    ],
)  # fmt: skip
def test_a_drawing_that_could_run_a_script_or_load_a_file_is_found_at_its_line(inside, expected):
    drawing = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n'
        f'<rect width="1" height="1"/>\n{inside}\n</svg>'
    )
    line, what = drawing_problem(drawing.encode())
    assert line == 3 and what.startswith(expected), what


def test_a_file_that_is_no_drawing_is_found_at_its_line():
    assert drawing_problem(b'<svg xmlns="http://www.w3.org/2000/svg">\n<g>\n</svg>')[0] == 3
    assert drawing_problem(b'<?xml-stylesheet href="x.css"?><svg/>')[1].startswith(
        "a stylesheet from another file"
    )


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("calm.js", b"alert(1)", "content/images/calm.js:1: error: 'calm.js' is not a picture "
         "this site can publish [image-type]"),
        ("note.html", b"<script src=calm.js></script>", "content/images/note.html:1: error: "
         "'note.html' is not a picture this site can publish [image-type]"),
        ("wave.svg", b'<svg xmlns="http://www.w3.org/2000/svg">\n<script href="calm.js"/>\n</svg>',
         "content/images/wave.svg:2: error: drawing 'wave.svg' has a <script> element"),
    ],
)  # fmt: skip
def test_a_file_that_could_run_on_the_site_is_not_published(make_site, run_pelican, name, data,
                                                            expected):  # fmt: skip
    content = make_site()
    (content / "images").mkdir(parents=True, exist_ok=True)
    (content / "images" / name).write_bytes(data)
    result = run_pelican(content)
    assert result.returncode == 1, result.stderr
    assert expected in result.stderr
