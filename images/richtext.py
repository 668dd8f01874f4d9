"""Pictures from the library inside rich text.

The editor marks a library picture in a body as <figure data-image="ID">; when the body is
saved each such figure is rebuilt from the library (renditions, width and height, alt text,
caption and credit), so readers' pages print the body as it is stored.
"""

from __future__ import annotations

import re

from django.template.loader import render_to_string

from .models import Image

LIBRARY_FIGURE = re.compile(r'<figure data-image="(\d+)">')
FIGURE_TAG = re.compile(r"<figure\b[^>]*>|</figure>")


def _figure_end(html: str, start: int) -> int:
    """The index just past the </figure> that closes the figure opened at `start`."""
    depth = 0
    for tag in FIGURE_TAG.finditer(html, start):
        depth += -1 if tag.group().startswith("</") else 1
        if depth == 0:
            return tag.end()
    return len(html)


def render_figures(html: str) -> str:
    """Rebuild the library figures in `html` (already sanitised); drop those whose picture is gone."""
    found = list(LIBRARY_FIGURE.finditer(html))
    if not found:
        return html
    images = Image.objects.in_bulk({int(match.group(1)) for match in found})
    parts, position = [], 0
    for match in found:
        if match.start() < position:
            continue  # nested inside a figure already replaced
        parts.append(html[position : match.start()])
        image = images.get(int(match.group(1)))
        if image is not None:
            parts.append(render_to_string("images/_figure.html", {"image": image}).strip())
        position = _figure_end(html, match.start())
    parts.append(html[position:])
    return "".join(parts)
