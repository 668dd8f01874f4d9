"""Pictures from the library, and embeds' placeholders, inside rich text.

The editor marks a library picture in a body as <figure data-image="ID">; when the body is
saved each such figure is rebuilt from the library (renditions, width and height, alt text,
caption and credit), so readers' pages print the body as it is stored.

An embed is <figure data-embed="ADDRESS"> with its title and its poster's library id
(data-embed-title, data-embed-poster), which the editor got from the admin when the address was
pasted (images.services.embed_details). On save it is rebuilt the same way, into a placeholder
that loads nothing from the provider: the poster (our copy) and the title, as a link to the video
that static/js/embeds.js turns into the player when the reader clicks.
"""

from __future__ import annotations

import html
import re

from django.template.loader import render_to_string

from core import embeds

from .models import Image

LIBRARY_FIGURE = re.compile(r'<figure data-image="(\d+)">')
FIGURE_TAG = re.compile(r"<figure\b[^>]*>|</figure>")
EMBED_FIGURE = re.compile(r"<figure (data-embed=[^>]*)>")
_EMBED_ATTRIBUTE = re.compile(r'(data-embed(?:-[a-z]+)?)="([^"]*)"')


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


def render_embeds(html_text: str) -> str:
    """Rebuild the embeds' placeholders in `html_text` (already sanitised, so every address in
    them is one core/embeds.py accepts); drop those whose provider was switched off since."""
    found = list(EMBED_FIGURE.finditer(html_text))
    if not found:
        return html_text
    attributes = [
        {name: html.unescape(value) for name, value in _EMBED_ATTRIBUTE.findall(match.group(1))} for match in found
    ]
    posters = Image.objects.in_bulk(
        {int(found["data-embed-poster"]) for found in attributes if found.get("data-embed-poster", "").isdigit()}
    )
    parts, position = [], 0
    for match, values in zip(found, attributes, strict=True):
        if match.start() < position:
            continue
        parts.append(html_text[position : match.start()])
        embed = embeds.parse(values.get("data-embed", ""))
        if embed is not None:
            poster = posters.get(int(values.get("data-embed-poster") or 0))
            context = {"embed": embed, "title": values.get("data-embed-title", "").strip(), "poster": poster}
            parts.append(render_to_string("images/_embed.html", context).strip())
        position = _figure_end(html_text, match.start())
    parts.append(html_text[position:])
    return "".join(parts)
