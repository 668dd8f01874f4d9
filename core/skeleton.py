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
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

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
