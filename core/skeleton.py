"""A page's template rendered once around stand-ins for its stored parts, then filled on each read.

A page put together from stored renderings (renderings/views.py) still renders its template for
the frame around them: the layout's head, navigation, search form and footer, about a millisecond
of template work on every read to print the same text around other parts. So the template is
rendered once with a marker where each part goes, split at the markers, and kept in this process;
a read joins the pieces with its own parts. The result is the page the template renders with those
parts, byte for byte (tests/renderings/test_skeleton.py).

What the template reads besides the parts must be in the key: the request's scheme and host are,
for the absolute addresses in the head; the caller gives the rest (the frame's version, the number
of cards, which changes what the template prints around them). A reader with a message waiting (the
messages cookie: Django's storage looks in the session only when that cookie says more wait there)
gets a page of their own, rendered in full, as do all pages while DEBUG is on (templates reload there).
"""

from __future__ import annotations

import itertools
import re
import secrets
from collections.abc import Hashable
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.template import Node, NodeList, engines
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

# Parts are nested dicts and lists of HTML strings, which the template prints as they are (its tags
# mark them safe; no filter changes them): `{"parts": {"body": "…"}, "related_cards": ["…", "…"]}`.
Parts = dict[str, Any]

# Skeletons kept by this process; a site has a few hosts and a few frames, so a small bound is plenty.
LIMIT = 64

_TOKEN = secrets.token_hex(8)
_MARKER = re.compile(rf"<!--{_TOKEN}:(\d+)-->")
_skeletons: dict[Hashable, list[str | int]] = {}


def render_page(request: HttpRequest, template_name: str, context: dict, parts: Parts, key: Hashable) -> str:
    """`template_name` rendered with `context` and `parts`, from a skeleton kept for `key` when it can be."""
    if settings.DEBUG or "messages" in request.COOKIES:
        return render_to_string(template_name, context | parts, request)
    leaves: list[str] = []
    shape = _flatten(parts, leaves)
    full_key = (template_name, request.scheme, request.get_host(), shape, key)
    skeleton = _skeletons.get(full_key)
    if skeleton is None:
        skeleton = _render_skeleton(request, template_name, context, parts)
        if len(_skeletons) >= LIMIT:
            _skeletons.clear()
        _skeletons[full_key] = skeleton
    return "".join(piece if isinstance(piece, str) else leaves[piece] for piece in skeleton)


# --- A page's frame, kept; the page's own parts rendered on each read ------------------------------
#
# A list page (core/views.py) has no stored parts to stand in for: its parts are rendered on each
# read, from its template. What the layout (base.html) prints around them (the site's head, masthead,
# search form, navigation and footer) is the same on every list page of one frame, and costs most of
# the rendering: so the layout marks the page's own parts (`{% frame_part %}`: the title, the head's
# metadata, the breadcrumbs, the content), the frame is rendered once with a marker in each, and each
# read renders only what the markers stand for, with its own context. The result is what the template
# renders in full, byte for byte (tests/renderings/test_framed_lists.py).

# The context's key, while a frame is rendered, for what each frame_part recorded.
RECORDING = "_frame_parts_recorded"


def record(recorded: list, renderables: list[Node | NodeList]) -> SafeString:
    """Keep what a frame part renders; its marker, for the frame."""
    recorded.append(renderables)
    return mark_safe(f"<!--{_TOKEN}:{len(recorded) - 1}-->")


class _Framed(Node):
    """The frame's text, and what each of its parts renders with the read's context."""

    def __init__(self, pieces: list[str | int], parts: list[list[Node | NodeList]]) -> None:
        self.pieces = pieces
        self.parts = parts

    def render(self, context) -> str:
        rendered = []
        for piece in self.pieces:
            if isinstance(piece, str):
                rendered.append(piece)
                continue
            with context.push():
                rendered.extend(_render(part, context) for part in self.parts[piece])
        return "".join(rendered)


def _render(part: Node | NodeList, context) -> str:
    return part.render(context) if isinstance(part, NodeList) else part.render_annotated(context)


def render_framed(request: HttpRequest, template_name: str, context: dict, key: Hashable) -> str:
    """`template_name` rendered with `context`, its frame kept for `key` (what the frame shows: the
    navigation's version, and which of its links is the page's own)."""
    if settings.DEBUG or "messages" in request.COOKIES:
        return render_to_string(template_name, context, request)
    full_key = ("framed", template_name, request.scheme, request.get_host(), key)
    framed = _skeletons.get(full_key)
    if framed is None:
        framed = _render_frame(request, template_name, context)
        if len(_skeletons) >= LIMIT:
            _skeletons.clear()
        _skeletons[full_key] = framed
    # A template of its own, rendered as templates are (context processors, the test client's record).
    return framed.render(context, request)


def _render_frame(request: HttpRequest, template_name: str, context: dict):
    recorded: list[list[Node | NodeList]] = []
    html = render_to_string(template_name, {**context, RECORDING: recorded}, request)
    pieces: list[str | int] = []
    for index, piece in enumerate(_MARKER.split(html)):
        pieces.append(piece if index % 2 == 0 else int(piece))
    framed = engines["django"].from_string("")
    framed.template.name = template_name
    framed.template.nodelist = NodeList([_Framed(pieces, recorded)])
    return framed


@receiver(setting_changed)
def _forget(**kwargs) -> None:
    """A test's settings (the magazine's name, say) change what a template prints around the parts."""
    _skeletons.clear()


def _render_skeleton(request: HttpRequest, template_name: str, context: dict, parts: Parts) -> list[str | int]:
    counter = itertools.count()
    markers = _stand_ins(parts, counter)
    html = render_to_string(template_name, context | markers, request)
    pieces: list[str | int] = []
    for index, piece in enumerate(_MARKER.split(html)):
        # split() with a group alternates text and the group's captures.
        pieces.append(piece if index % 2 == 0 else int(piece))
    return pieces


def _stand_ins(value: Any, counter) -> Any:
    if isinstance(value, dict):
        return {name: _stand_ins(item, counter) for name, item in value.items()}
    if isinstance(value, list):
        return [_stand_ins(item, counter) for item in value]
    return mark_safe(f"<!--{_TOKEN}:{next(counter)}-->")


def _flatten(value: Any, leaves: list[str]) -> Hashable:
    """Collects the parts' HTML in the order `_stand_ins` numbers them; returns their shape."""
    if isinstance(value, dict):
        return tuple((name, _flatten(item, leaves)) for name, item in value.items())
    if isinstance(value, list):
        return tuple(_flatten(item, leaves) for item in value)
    leaves.append(value)
    return None
