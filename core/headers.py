"""The header of a page about one thing, rendered when what it shows changes, not when it is read.

A page about a work, a person, a company, an author, a section or a tag (core/views.py
`AboutPageView`) shows a header (title, facts, credits, career, a work's card and lists; the
JSON-LD and metadata in the head) above a list of articles. The header changes when its rows do,
which is rarely, so the layer above (renderings/) renders it then and stores it; it tells this
module how to read a stored one back (`provide`): the views fetch their object `with_stored()`
headers, in the query that finds the object, without importing it. While nothing is stored for
an object (before the first `rerender`), the view renders the header itself with the same code,
so a page is never wrong, only slower.

Two things in a header depend on the request being answered, so a stored header leaves a mark
where they go and `for_reader()` (the address) or the view (the page line) fills it in:

- the site's address: JSON-LD wants absolute URLs, and one site may answer to several hosts, so
  headers are rendered for a request to ORIGIN, and ORIGIN is replaced by the reader's own;
- PAGE_LINE: where a section's or a tag's header says which page of the list this is, or how
  many articles the list holds (the list's business, counted per request).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypedDict

from django.db.models import Model, QuerySet
from django.http import HttpRequest

PAGE_LINE = "<!--page-line-->"
_ORIGIN_HOST = "stored-rendering.invalid"


class HeaderParts(TypedDict):
    # The HTML above the page's list.
    header: str
    # The JSON-LD blocks of the head, as templates/_meta.html writes them, addresses on ORIGIN.
    head: str
    # PageMeta's fields that come from the object: description, type, image and its size and alt.
    meta: dict


# Annotates a queryset's objects with their stored header (ANNOTATION; None where none is stored).
Annotator = Callable[[QuerySet], QuerySet]
ANNOTATION = "stored_page_header"
# And the version of what is stored (for the page's ETag, core/conditional.py).
VERSION_ANNOTATION = "stored_page_header_version"

_annotator: Annotator | None = None


def provide(annotator: Annotator) -> None:
    global _annotator
    _annotator = annotator


def with_stored(queryset: QuerySet) -> QuerySet:
    """`queryset`, each object carrying its stored header: no query of its own."""
    return _annotator(queryset) if _annotator is not None else queryset


def stored(obj: Model) -> HeaderParts | None:
    """The stored header of `obj`, fetched `with_stored()`; None if there is none (or it was not asked for)."""
    return getattr(obj, ANNOTATION, None)


def stored_version(obj: Model) -> int | None:
    """The version of `obj`'s stored header, fetched `with_stored()`; None if there is none."""
    return getattr(obj, VERSION_ANNOTATION, None)


class _RenderingRequest(HttpRequest):
    """A request no reader made, on ORIGIN: what is rendered for it is stored for every reader."""

    def get_host(self) -> str:
        return _ORIGIN_HOST

    def _get_scheme(self) -> str:
        return "http"


def rendering_request(path: str = "/") -> HttpRequest:
    request = _RenderingRequest()
    request.method = "GET"
    request.path = request.path_info = path
    return request


ORIGIN = rendering_request().build_absolute_uri("/")[:-1]


def for_reader(parts: HeaderParts, request: HttpRequest) -> HeaderParts:
    """`parts` with the reader's own site address in place of ORIGIN."""
    origin = request.build_absolute_uri("/")[:-1]
    return {**parts, "head": parts["head"].replace(ORIGIN, origin)}
