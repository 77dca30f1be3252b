"""Images an editor adds to a page: each <img> of an article's or page's own text
that shows a file of content/ (`{static}/images/...`) gets that file's width and
height, so that the text keeps its place while the image comes; and a file that
would cost a phone seconds, or that records where it was taken, stops the build at
the line of the Markdown that shows it. So does a file of content/ that a page
shows or links to and that is not there (a name mistyped): Pelican would list it
among the files to publish, and the build would fail on it later, naming neither
the page nor the line.

A photo straight from a phone carries the place it was taken (its GPS position, in
its Exif or XMP metadata): on this site that can be a reader's or an editor's home.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from markdown_reader.errors import ContentError, display_path
from pelican import signals

from .drawings import drawing_problem

MAX_BYTES = 500 * 1024  # 2.8 s of a phone's slow 4G connection
IMAGE_TAG = re.compile(r"<img\b[^>]*>")
PLACED = re.compile(r'\bsrc="\{(static|attach)\}([^"]+)"')
LINKED = re.compile(r'\bhref="\{(static|attach)\}([^"]+)"')
GPS_IFD = 0x8825  # Exif's block of GPS tags
# What browsers show; a TIFF or HEIC photo is refused with the rest.
PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", ".svg")
LOCATION_HINT = (
    "upload a copy without its location: on Windows, the file's Properties, Details, "
    "'Remove Properties and Personal Information'; on a Mac, Preview's Tools, Show "
    "Inspector, the (i) tab, GPS, 'Remove Location Info'; on a phone, share it with "
    "the location turned off"
)


@dataclass(frozen=True)
class ImageFile:
    size: int  # bytes
    width: int | None = None  # pixels, when the format gives them (not SVG)
    height: int | None = None
    located: bool = False


def read_image(path: Path) -> ImageFile:
    """What a page needs to know of an image file. Raises ValueError for a file
    that is no image Pillow knows (SVG is text: only its size is read)."""
    size = path.stat().st_size
    if path.suffix.lower() == ".svg":
        return ImageFile(size)
    from PIL import Image, UnidentifiedImageError  # only for pages that show images

    try:
        with Image.open(path) as image:
            xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
            xmp = xmp.encode() if isinstance(xmp, str) else xmp  # PNG's is text
            located = bool(image.getexif().get_ifd(GPS_IFD)) or b"GPSLatitude" in xmp
            return ImageFile(size, image.width, image.height, located)
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValueError(str(error)) from None


_read: dict[tuple, ImageFile] = {}  # by path and stat, for the devserver's rebuilds


def image_file(path: Path) -> ImageFile:
    status = path.stat()
    key = (str(path), status.st_mtime_ns, status.st_size)
    if key not in _read:
        _read[key] = read_image(path)
    return _read[key]


def shown_file(placeholder: str, address: str, source_path: str, content_root: str) -> Path:
    """The file of content/ that `{static}address` or `{attach}address` names, as
    Pelican finds it: from content/ when the address starts with "/", else from the
    page's own folder."""
    address = unquote(address.split("#")[0].split("?")[0])
    base = Path(content_root) if address.startswith("/") else Path(source_path).parent
    return base / address.lstrip("/")


def problem_of(image: ImageFile, name: str) -> tuple[str, str, str] | None:
    """(message, hint, rule) for an image a page must not show, else None."""
    if image.located:
        return located_message(name), LOCATION_HINT, "image-location"
    if image.size > MAX_BYTES:
        return (
            f"image '{name}' is {image.size / 1024:,.0f} KB: over a slow phone connection "
            f"that takes {image.size / (1.6e6 / 8 * 0.9):.0f} s",
            f"save it at most 1600 pixels wide, as JPEG or WebP, under {MAX_BYTES // 1024} KB"
            " (200 KB if you can)",
            "image-too-large",
        )  # fmt: skip
    return None


def located_message(name: str) -> str:
    return f"image '{name}' records where it was taken (GPS)"


def with_sizes(html: str, source_path: str, content_root: str) -> str:
    """`html` with width and height on each <img> showing a file of content/;
    raises ContentError for an image a page must not show."""

    def sized(match: re.Match) -> str:
        tag = match.group(0)
        placed = PLACED.search(tag)
        if not placed:
            return tag
        path = shown_file(*placed.groups(), source_path, content_root)
        if not path.is_file():
            raise missing_file(source_path, placed, path, content_root, "image")
        name = path.name
        try:
            image = image_file(path)
        except ValueError:
            raise image_error(
                source_path, placed.group(0), f"'{name}' is not an image file this site shows",
                "save it as JPEG, PNG, WebP, GIF or SVG", "image-unreadable",
            ) from None  # fmt: skip
        if problem := problem_of(image, name):
            raise image_error(source_path, placed.group(0), *problem)
        if image.width is None or re.search(r"\b(width|height)=", tag):
            return tag
        end = -2 if tag.endswith("/>") else -1
        return f'{tag[:end].rstrip()} width="{image.width}" height="{image.height}"{tag[end:]}'

    return IMAGE_TAG.sub(sized, html)


def image_error(source_path: str, src: str, message: str, hint: str, rule: str) -> ContentError:
    return ContentError(
        display_path(source_path), image_line(source_path, src), message, hint, rule
    )


def missing_file(
    source_path: str, placed: re.Match, path: Path, content_root: str, what: str
) -> ContentError:
    """A page shows or links to `path`, which is not there; the hint names the file
    of content/ whose name is most like it, when one is close."""
    folder = display_path(str(path.parent))
    message = f"{what} '{path.name}' is not in {folder}/"
    if not path.parent.is_dir():
        message += ": there is no such folder"
    root = Path(content_root)
    relatives = (other.relative_to(root) for other in root.rglob("*") if other.is_file())
    files = [
        relative.as_posix()
        for relative in relatives
        if not any(part.startswith(".") for part in relative.parts)
    ]
    wanted = Path(os.path.relpath(path, root)).as_posix()
    close = difflib.get_close_matches(wanted, files, n=1, cutoff=0.8)
    if close:
        hint = f"did you mean '{{{placed.group(1)}}}/{close[0]}'? Check the spelling of the name"
    else:
        hint = (
            "check the file's name and folder: put the file in content/images/ and name it "
            "as ({static}/images/its-file)"
        )
    return image_error(source_path, placed.group(0), message, hint, "link-broken")


def image_line(source_path: str, src: str) -> int:
    """The first line of the Markdown that names the image's address (as written,
    or as the page has it: "my photo.jpg" is my%20photo.jpg there)."""
    address = src.split("}", 1)[1].rstrip('"')
    with open(source_path, encoding="utf-8") as source:
        for number, line in enumerate(source, start=1):
            if address in line or unquote(address) in line:
                return number
    return 1


def add_sizes(content) -> None:
    html = getattr(content, "_content", None)
    source_path = getattr(content, "source_path", None)
    if not (html and source_path):
        return
    content_root = content.settings["PATH"]
    for linked in LINKED.finditer(html):
        path = shown_file(*linked.groups(), source_path, content_root)
        if not path.is_file():
            raise missing_file(source_path, linked, path, content_root, "file")
    if "<img" in html:
        content._content = with_sizes(html, source_path, content_root)


def check_published_images(generator) -> None:
    """Every file the site publishes from content/ is a picture a browser shows: no
    script, page or other document, no drawing that runs one (drawings.py), and no
    photo that tells where it was taken."""
    for static in generator.staticfiles:
        path = Path(static.source_path)
        if error := published_file_error(path):
            raise error


def published_file_error(path: Path) -> ContentError | None:
    name, shown = path.name, display_path(str(path))
    suffix = path.suffix.lower()
    if suffix not in PICTURE_SUFFIXES:
        return ContentError(
            shown, 1, f"'{name}' is not a picture this site can publish",
            "content/images/ holds photos and drawings only (JPEG, PNG, WebP, GIF, AVIF or "
            "SVG): remove the file, or save the picture in one of those formats", "image-type",
        )  # fmt: skip
    if suffix == ".svg":
        if problem := drawing_problem(path.read_bytes()):
            line, what = problem
            return ContentError(
                shown, line, f"drawing '{name}' has {what}: opened on this site, it could "
                "run a script or load another site's file",
                "save it again as a plain drawing (in Inkscape: Save As, 'Optimized SVG'), "
                "without scripts, links or embedded pages, or save it as PNG", "image-script",
            )  # fmt: skip
        return None
    try:
        located = image_file(path).located
    except ValueError:
        return None  # a page showing it says so; a file only linked to is the reader's
    if located:
        return ContentError(shown, 1, located_message(name), LOCATION_HINT, "image-location")
    return None


def register() -> None:
    signals.content_object_init.connect(add_sizes)
    signals.static_generator_finalized.connect(check_published_images)
