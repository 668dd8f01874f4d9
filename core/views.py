"""What every paginated list page of the reader's site shares, whichever app owns it.

Page one is the page's own address, later pages are `…/page/N/`, and `?page=N` is redirected
there (core/pagination.py). A page "about" something (a section, a tag, an author, a film, a
person) finds it by slug and lists what core/about.py says is published about it.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import ListView

from . import about
from .pages import CachedPageMixin
from .pagination import page_links, requested_page
from .seo import FeedLink, PageMeta

HOME = ("Home", "/")


class PaginatedMixin:
    """Path-based pagination: `url_name` for page one, `url_name + "_page"` for the others."""

    url_name: str = ""

    def get_paginate_by(self, queryset) -> int:
        return settings.ARTICLES_PER_PAGE

    def dispatch(self, request, *args, **kwargs):
        if (number := requested_page(request)) is not None:
            return HttpResponsePermanentRedirect(self.page_url(number, kwargs))
        if kwargs.get("page") == 1:
            return HttpResponsePermanentRedirect(self.page_url(1, kwargs))
        return super().dispatch(request, *args, **kwargs)

    def url_kwargs(self, kwargs: dict | None = None) -> dict:
        return {key: value for key, value in (self.kwargs if kwargs is None else kwargs).items() if key != "page"}

    def page_url(self, number: int, kwargs: dict | None = None) -> str:
        url_kwargs = self.url_kwargs(kwargs)
        if number > 1:
            return reverse(f"{self.url_name}_page", kwargs={**url_kwargs, "page": number})
        return reverse(self.url_name, kwargs=url_kwargs)

    def pagination(self, page_obj) -> dict | None:
        return page_links(page_obj, self.page_url)


class ListPageView(CachedPageMixin, PaginatedMixin, ListView):
    """A paginated list of cards, with the page's metadata; the page cache may keep it."""

    context_object_name = "articles"
    # The heading level of a card's title on this page.
    card_heading = "h2"

    def page_title(self) -> str:
        return ""

    def page_description(self) -> str:
        return ""

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [HOME, (self.page_title(), self.page_url(1))]

    def feeds(self) -> list[FeedLink]:
        return []

    def get_meta(self, page_obj) -> PageMeta:
        title = self.page_title()
        number = page_obj.number if page_obj else 1
        if number > 1:
            title = f"{title} · page {number}" if title else f"Page {number}"
        return PageMeta(
            title=title,
            description=self.page_description(),
            path=self.page_url(number),
            breadcrumbs=self.breadcrumbs(),
            feeds=self.feeds(),
            prev_path=self.page_url(number - 1) if page_obj and page_obj.has_previous() else "",
            next_path=self.page_url(number + 1) if page_obj and page_obj.has_next() else "",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_obj = context.get("page_obj")
        context.update(
            meta=self.get_meta(page_obj),
            pagination=self.pagination(page_obj),
            card_heading=self.card_heading,
        )
        return context


class AboutPageView(ListPageView):
    """A page about one thing, found by its slug, with what is published about it."""

    about_queryset: QuerySet
    about_name: str
    feed_url_name = ""
    card_heading = "h3"

    def get_about_queryset(self) -> QuerySet:
        return self.about_queryset.all()

    def get_object(self):
        return get_object_or_404(self.get_about_queryset(), slug=self.kwargs["slug"])

    def get_queryset(self) -> QuerySet:
        self.object = self.get_object()
        return about.published_about(self.object)

    def page_title(self) -> str:
        return str(getattr(self.object, "name", self.object))

    def feeds(self) -> list[FeedLink]:
        if not self.feed_url_name:
            return []
        kwargs = {"slug": self.object.slug}
        return [
            FeedLink(
                f"{self.page_title()}: latest articles",
                reverse(self.feed_url_name, kwargs=kwargs),
                reverse(f"{self.feed_url_name}_atom", kwargs=kwargs),
            )
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, **{self.about_name: self.object}, **kwargs)
