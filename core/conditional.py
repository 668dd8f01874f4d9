"""Conditional GET for pages put together from stored renderings, answered before rendering.

An unchanged page answers If-None-Match with a 304 without its template rendering: its ETag comes
from the versions of what it is made of, which its view has read anyway (stored cards, a stored
header, a count, its page number: the view's `parts`). To them come the frame every page shares
(`provide_frame`: the navigation's sections, the default share picture; the layer above says what
they are) and the release (core/release.py), so that a new template or new code changes every ETag.

A reader with a message waiting (the messages cookie) gets their own page: it has no such ETag, and
Django's ConditionalGetMiddleware tags it from its content as it does every other page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response

from . import release

# Given a page's context, adds what the frame shows that the page has not fetched itself, and
# returns the frame's part of the ETag.
Frame = Callable[[dict], Hashable]

_frame: Frame | None = None


def provide_frame(frame: Frame) -> None:
    global _frame
    _frame = frame


def page_frame(context: dict) -> Hashable | None:
    """What the layer above says the layout shows around the page (filled into `context` too)."""
    return _frame(context) if _frame is not None else None


def page_etag(request: HttpRequest, parts: Hashable, context: dict, frame: Hashable | None = None) -> str | None:
    """The ETag of the page made of `parts`; None for a page of the reader's own. `frame` for a page
    framed otherwise than the site's pages are (the article page: the navigation alone)."""
    if "messages" in request.COOKIES:
        return None
    if frame is None and _frame is not None:
        frame = _frame(context)
    stuff = (release.fingerprint(), request.get_full_path(), frame, parts)
    return f'"{hashlib.sha256(repr(stuff).encode()).hexdigest()[:32]}"'


def not_modified(request: HttpRequest, etag: str | None) -> HttpResponse | None:
    """A 304 when the reader has this page already, else None."""
    if etag is None:
        return None
    return get_conditional_response(request, etag=etag)


def tag(response: HttpResponse, etag: str | None) -> HttpResponse:
    if etag is not None and response.status_code == 200:
        response["ETag"] = etag
    return response


class ConditionalPageMixin:
    """A class-based view whose `etag_parts(context)` says what its page is made of, by version."""

    def etag_parts(self, context: dict) -> Hashable | None:
        return None

    def render_to_response(self, context: dict, **response_kwargs) -> HttpResponse:
        # Before the template renders: a reader who has the page already gets a 304 for the price of its queries.
        parts = self.etag_parts(context)
        etag = page_etag(self.request, parts, context) if parts is not None else None
        if (response := not_modified(self.request, etag)) is not None:
            return response
        return tag(super().render_to_response(context, **response_kwargs), etag)
