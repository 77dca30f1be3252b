"""An SVG drawing is a document: opened at its own address, on this site's origin, a
script in it runs and can read what the reader keeps in this browser (their ticks,
their country), or draw a false number. A drawing is published only when it is
shapes, text, colours and effects, as drawing programs write them; a script, an
event handler, a link or an embedded page or file stops the build at its line."""

from __future__ import annotations

import re
from xml.parsers import expat

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
# What a drawing is made of (SVG 1.1 and 2). Elements of the drawing programs' own
# namespaces (Inkscape's, Sodipodi's, RDF metadata) are inert and left alone; an
# element of HTML's is not.
DRAWING = frozenset(
    {
        "svg",
        "g",
        "defs",
        "symbol",
        "use",
        "title",
        "desc",
        "metadata",
        "style",
        "switch",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "textPath",
        "linearGradient",
        "radialGradient",
        "stop",
        "pattern",
        "clipPath",
        "mask",
        "marker",
        "filter",
        "image",
        "view",
        "feBlend",
        "feColorMatrix",
        "feComponentTransfer",
        "feComposite",
        "feConvolveMatrix",
        "feDiffuseLighting",
        "feDisplacementMap",
        "feDistantLight",
        "feDropShadow",
        "feFlood",
        "feFuncA",
        "feFuncB",
        "feFuncG",
        "feFuncR",
        "feGaussianBlur",
        "feImage",
        "feMerge",
        "feMergeNode",
        "feMorphology",
        "feOffset",
        "fePointLight",
        "feSpecularLighting",
        "feSpotLight",
        "feTile",
        "feTurbulence",
    }
)
INERT_NAMESPACES = (
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://ns.adobe.com/",
)
# A picture embedded in the drawing, as drawing programs embed one.
EMBEDDED_PICTURE = re.compile(r"data:image/(png|jpeg|gif|webp);base64,", re.IGNORECASE)
OUTSIDE_REFERENCE = re.compile(r"url\(\s*['\"]?(?!#)|@import", re.IGNORECASE)


def drawing_problem(data: bytes) -> tuple[int, str] | None:
    """(line, what) of the first thing in an SVG file that is no part of a drawing;
    None for a drawing. A file that is not well-formed XML is a problem at its line."""
    problems: list[tuple[int, str]] = []
    parser = expat.ParserCreate(namespace_separator=" ")
    in_style = []

    def found(what: str) -> None:
        problems.append((parser.CurrentLineNumber, what))

    def start(name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        in_style.append(local == "style")
        if namespace == SVG and local not in DRAWING:
            found(f"a <{local}> element, which is not part of a drawing")
        elif namespace != SVG and not namespace.startswith(INERT_NAMESPACES):
            found(f"a <{local}> element from {namespace or 'no namespace'}")
        for attribute, value in attributes.items():
            attribute_namespace, _, attribute_name = attribute.rpartition(" ")
            if attribute_name.lower().startswith("on"):
                found(f"an event handler ({attribute_name}), which runs a script")
            elif attribute_name == "href" and attribute_namespace in ("", XLINK):
                picture = local == "image" and EMBEDDED_PICTURE.match(value)
                if not (value.startswith("#") or picture):
                    found(f"a link to '{value[:60]}'")
            elif OUTSIDE_REFERENCE.search(value) or "javascript:" in value.lower():
                found(f"a reference to another file in {attribute_name}")

    def end(_name: str) -> None:
        in_style.pop()

    def text(data: str) -> None:
        if in_style and in_style[-1] and OUTSIDE_REFERENCE.search(data):
            found("a style that loads another file")

    def instruction(target: str, _data: str) -> None:
        if target == "xml-stylesheet":
            found("a stylesheet from another file")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.ProcessingInstructionHandler = instruction
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        return error.lineno, f"not readable as SVG: {expat.ErrorString(error.code)}"
    return problems[0] if problems else None
