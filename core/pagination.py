"""Pagination shared by every paged page: the links under a page, and `?page=N` in a query string.

Paged addresses do not move: page one is the page's own address, later pages are `…/page/N/`,
and `?page=N` is redirected there (core/views.py `PaginatedMixin`, comments/views.py).
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.paginator import Page
from django.http import Http404, HttpRequest
from django.urls import path


def page_links(page_obj: Page | None, url_for: Callable[[int], str]) -> dict | None:
    """Previous, next and numbered links (with … between distant pages) for a paginated page."""
    if page_obj is None or not page_obj.has_other_pages():
        return None
    paginator = page_obj.paginator
    return {
        "prev": url_for(page_obj.previous_page_number()) if page_obj.has_previous() else "",
        "next": url_for(page_obj.next_page_number()) if page_obj.has_next() else "",
        "pages": [
            {"number": n, "url": "" if n == paginator.ELLIPSIS else url_for(n), "current": n == page_obj.number}
            for n in paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
        ],
    }


def requested_page(request: HttpRequest) -> int | None:
    """The page asked for with `?page=N`, None without one; 404 for anything but a positive number."""
    if "page" not in request.GET:
        return None
    number = request.GET["page"]
    # isdigit() alone lets "¹" and "٣" through, which int() refuses.
    if not (number.isascii() and number.isdigit()) or int(number) < 1:
        raise Http404("No such page.")
    return int(number)


def listing(prefix: str, view, name: str) -> list:
    """The routes of a list page and its later pages: `prefix` and `prefix/page/N/`."""
    return [
        path(prefix, view, name=name),
        path(f"{prefix}page/<int:page>/", view, name=f"{name}_page"),
    ]
