"""Sphinx extension: a chart drawn twice is shown at the width it was drawn for.

Every chart is saved wide (figures/<name>.svg, for the book's column on a laptop) and narrow
(figures/<name>.narrow.svg, a taller layout for phones; eastwest.charts.style). For each image of an SVG
that has a narrow sibling, the page gets

    <picture><source media="screen and (max-width: 700px)" srcset="…/<name>.narrow.svg"><img …/<name>.svg></picture>

so a phone loads the narrow drawing and every wider screen, and print (the PDF edition), the wide
one; the `<img>` keeps its alt text and caption. The narrow file is an image node of its own, so
Sphinx copies it to _images/, tracks it as a dependency of the page and rebuilds when it changes.
"""

from __future__ import annotations

import posixpath
import urllib.parse
from pathlib import Path

from docutils import nodes
from sphinx.transforms import SphinxTransform

NARROW_SUFFIX = ".narrow"
# Below this viewport width the book's column is 652 px or less and the wide drawing's smallest
# text would fall under 11 px; above it the column is at least 608 px (at 1,200 px, where the
# page's table of contents takes a column) and the wide text stays at 11 px or more.
NARROW_MEDIA = "screen and (max-width: 700px)"


class picture(nodes.General, nodes.Element):
    """An image with a narrow alternative: <picture>."""


class narrow_source(nodes.image):
    """The narrow alternative of the image that follows it: <source>. A subclass of image, so the
    image collector and the builder treat it as an image file of the page."""


def narrow_sibling(path: Path) -> Path:
    return path.with_name(path.stem + NARROW_SUFFIX + path.suffix)


class NarrowFigures(SphinxTransform):
    default_priority = 400  # while reading, before the image collector registers the files

    def apply(self, **kwargs) -> None:
        for image in list(self.document.findall(nodes.image)):
            if isinstance(image, narrow_source) or isinstance(image.parent, picture):
                continue
            uri = image.get("uri", "")
            if not uri.endswith(".svg") or "://" in uri or uri.startswith("data:"):
                continue
            _, absolute = self.env.relfn2path(uri, self.env.docname)
            if not narrow_sibling(Path(absolute)).exists():
                continue
            narrow_uri = posixpath.join(posixpath.dirname(uri), narrow_sibling(Path(posixpath.basename(uri))).name)
            wrapper = picture()
            image.replace_self(wrapper)
            wrapper += narrow_source(uri=narrow_uri, alt=image.get("alt", ""))
            wrapper += image


def _image_src(translator, node: nodes.Element) -> str:
    uri = node["uri"]
    if uri in translator.builder.images:
        return posixpath.join(translator.builder.imgpath, urllib.parse.quote(translator.builder.images[uri]))
    return uri


def visit_picture_html(translator, node: picture) -> None:
    # The HTML builder links a resized image to its file by wrapping the <img> in <a>; inside
    # <picture> the <img> must come straight after the <source>, so the link goes around the picture.
    link = next((c for c in node.children if isinstance(c, nodes.reference)), None)
    if link is not None:
        translator.body.append(f'<a class="reference internal image-reference" href="{translator.attval(link["refuri"])}">')
        link.replace_self(link.children)
    node["closing"] = "</picture></a>\n" if link is not None else "</picture>\n"
    translator.body.append("<picture>")


def depart_picture_html(translator, node: picture) -> None:
    translator.body.append(node["closing"])


def visit_narrow_source_html(translator, node: narrow_source) -> None:
    translator.body.append(
        f'<source media="{NARROW_MEDIA}" srcset="{translator.attval(_image_src(translator, node))}" type="image/svg+xml">'
    )
    raise nodes.SkipNode


def _pass(translator, node) -> None:
    pass


def _skip(translator, node) -> None:
    raise nodes.SkipNode


def setup(app):
    other = {fmt: (_pass, _pass) for fmt in ("latex", "text", "man", "texinfo")}
    app.add_node(picture, html=(visit_picture_html, depart_picture_html), **other)
    app.add_node(
        narrow_source,
        html=(visit_narrow_source_html, _pass),
        **{fmt: (_skip, _pass) for fmt in ("latex", "text", "man", "texinfo")},
    )
    app.add_transform(NarrowFigures)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
