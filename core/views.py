"""What every paginated list page of the reader's site shares, whichever app owns it.

Page one is the page's own address, later pages are `…/page/N/`, and `?page=N` is redirected
there (core/pagination.py). A page "about" something (a section, a tag, an author, a film, a
person) finds it by slug and lists what core/about.py says is published about it.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import router
from django.db.models import Model, QuerySet
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.generic import ListView

from . import about, cards, conditional, headers, seo, skeleton
from .pages import CachedPageMixin
from .pagination import page_links, requested_page
from .prepared import SHAPE, Prepared, counted
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


@dataclass(frozen=True)
class ListReads:
    """What a list page reads on every request, compiled once per process (core/prepared.py): how
    many articles it lists, and one page of their stored cards (the page number and its size are
    the query's shape: Django writes a slice into the SQL)."""

    count: Prepared
    cards: Prepared
    # The page's articles, for cards not stored yet.
    page: Callable[..., QuerySet]

    @classmethod
    def of(cls, listed: Callable[[int, datetime.datetime], QuerySet], variant: str) -> ListReads:
        def count(about: int, at: datetime.datetime) -> QuerySet:
            return counted(listed(about, at))

        def page(about: int, at: datetime.datetime, number: int, size: int) -> QuerySet:
            return listed(about, at)[(number - 1) * size : number * size]

        return cls(
            Prepared(count, about=int, at=datetime.datetime),
            cards.prepared(page, variant, about=int, at=datetime.datetime, number=SHAPE, size=SHAPE),
            page,
        )


class FramedPageMixin:
    """A reader's page whose layout's frame this process keeps (core/skeleton.py `render_framed`), with
    its ETag (`etag_parts()`, core/conditional.py): a 304 before any rendering for a reader who has it."""

    def render_to_response(self, context: dict, **response_kwargs) -> HttpResponse:
        frame = conditional.page_frame(context)
        parts = self.etag_parts(context)
        etag = conditional.page_etag(self.request, parts, context, frame=frame) if parts is not None else None
        if (response := conditional.not_modified(self.request, etag)) is not None:
            return response
        key = (frame, self.current_link(context))
        html = skeleton.render_framed(self.request, self.get_template_names()[0], context, key)
        return conditional.tag(HttpResponse(html), etag)

    def current_link(self, context: dict) -> str | None:
        """The navigation's link to this very page, which the layout marks as current; None if none is."""
        path = self.request.path
        links = ["/archive/", *(section.get_absolute_url() for section in context.get("sections") or ())]
        return path if path in links else None


class Unbuilt:
    """A list's QuerySet, built only if something reads it: a page with compiled reads (`ListReads`)
    counts and shows its cards without it, and building it is a millisecond of the ORM's time. A card
    not stored yet (rendered from the articles) and tests' `response.context` read it."""

    # What Paginator asks of a QuerySet before it warns of an unordered list.
    ordered = True

    def __init__(self, build: Callable[[], QuerySet], bounds: slice | None = None) -> None:
        self.build = build
        self.bounds = bounds

    @functools.cached_property
    def queryset(self) -> QuerySet:
        built = self.build()
        return built[self.bounds] if self.bounds is not None else built

    def __getitem__(self, key):
        if isinstance(key, slice) and self.bounds is None:
            return Unbuilt(self.build, key)
        return self.queryset[key]

    def __iter__(self):
        return iter(self.queryset)

    def __len__(self) -> int:
        return len(self.queryset)


class ListPageView(CachedPageMixin, FramedPageMixin, conditional.ConditionalPageMixin, PaginatedMixin, ListView):
    """A paginated list of cards, with the page's metadata; the page cache may keep it.

    A list that can say what it lists from an id and a moment (`listed_id()` and the class's
    `listed()`) reads its count and its page of cards with queries compiled once (`ListReads`);
    any other runs its QuerySet's."""

    context_object_name = "articles"
    # The variant of the cards on this page (articles.page.CARD_VARIANTS): their titles' heading level.
    card_variant = "h2"

    @classmethod
    def listed(cls, about: int, at: datetime.datetime) -> QuerySet | None:
        """What the list shows at `at`, given `listed_id()`'s id; None: the list has no compiled reads."""
        return None

    def listed_id(self) -> int:
        return 0

    @classmethod
    @functools.cache
    def reads(cls) -> ListReads | None:
        if cls.listed.__func__ is ListPageView.listed.__func__:
            return None
        return ListReads.of(cls.listed, cls.card_variant)

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        paginator = super().get_paginator(queryset, per_page, orphans, allow_empty_first_page, **kwargs)
        if (reads := self.reads()) is not None:
            self.read_at = timezone.now()
            # Counted by the compiled read (Paginator.count is a cached property: set, it is not asked again).
            paginator.count = reads.count.first(about=self.listed_id(), at=self.read_at)["n"]
        return paginator

    def page_cards(self, page_obj, object_list) -> list[cards.Card]:
        """The page's cards as stored, in one query; rendered from the articles if one is not stored."""
        if (reads := self.reads()) is not None and page_obj is not None:
            values = {"about": self.listed_id(), "number": page_obj.number, "size": page_obj.paginator.per_page}
            return cards.read(reads.cards, reads.page, self.card_variant, at=self.read_at, **values)
        return cards.cards(object_list, self.card_variant)

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
        # `is not None`: a page's truth is its length, which would fetch its articles.
        number = page_obj.number if page_obj is not None else 1
        if number > 1:
            title = f"{title} · page {number}" if title else f"Page {number}"
        return PageMeta(
            title=title,
            description=self.page_description(),
            path=self.page_url(number),
            breadcrumbs=self.breadcrumbs(),
            feeds=self.feeds(),
            prev_path=self.page_url(number - 1) if page_obj is not None and page_obj.has_previous() else "",
            next_path=self.page_url(number + 1) if page_obj is not None and page_obj.has_next() else "",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_obj = context.get("page_obj")
        context.update(
            meta=self.get_meta(page_obj),
            pagination=self.pagination(page_obj),
            # The page's cards as stored, in the query that pages through its articles (`articles`
            # is that query, never run by the page).
            cards=self.page_cards(page_obj, context["object_list"]),
        )
        return context

    def etag_parts(self, context: dict) -> tuple | None:
        """What the page is made of, by stored version, for its ETag; None when some of it is rendered now."""
        versions = cards.versions(context["cards"])
        if versions is None:
            return None
        page_obj = context.get("page_obj")
        if page_obj is None:
            return (versions,)
        return (page_obj.paginator.count, page_obj.number, versions)


class AboutPageView(ListPageView):
    """A page about one thing, found by its slug: its header above what is published about it.

        The header (everything above the list, and the head's metadata and JSON-LD) is rendered by
        `header_parts()` from the object fetched with all it shows (`get_header_queryset()`), when that
        changes: the page reads it stored (core/headers.py), in the query that finds the object, whatever
    it shows. Subclasses
        say what the header shows with `header_template`, `header_context()`, `describe()` and
        `head_meta()`, all of which read the fully fetched object.
    """

    about_queryset: QuerySet
    about_name: str
    feed_url_name = ""
    card_variant = "h3"
    # Everything above the list, rendered from the object alone (the page number is not known).
    header_template = ""
    # What fills the header's headers.PAGE_LINE, given the page of the list (sections, tags).
    page_line_template = ""

    def get_about_queryset(self) -> QuerySet:
        """The objects readers have a page of, with nothing more than the page's title needs."""
        return self.about_queryset.all()

    def get_header_queryset(self) -> QuerySet:
        """The same objects, with everything their header shows."""
        return self.get_about_queryset()

    @classmethod
    @functools.cache
    def object_read(cls) -> Prepared:
        """The object by its slug, with its stored header: compiled once (core/prepared.py)."""
        model = cls().get_about_queryset().model
        fields = [field.attname for field in model._meta.concrete_fields]
        annotations = (headers.ANNOTATION, headers.VERSION_ANNOTATION)

        def by_slug(slug: str) -> QuerySet:
            found = headers.with_stored(cls().get_about_queryset()).filter(slug=slug)
            return found.values(*fields, *(name for name in annotations if name in found.query.annotations))

        return Prepared(by_slug, slug=str)

    def get_object(self) -> Model:
        cards.before_read()
        row = self.object_read().first(slug=self.kwargs["slug"])
        if row is None:
            raise Http404("No such page.")
        model = self.object_read().model
        fields = [field.attname for field in model._meta.concrete_fields]
        # As the ORM would have made it, from the database the read went to.
        obj = model.from_db(router.db_for_read(model), fields, [row[name] for name in fields])
        for name in row.keys() - set(fields):
            setattr(obj, name, row[name])
        return obj

    @classmethod
    def listed(cls, about_id: int, at: datetime.datetime) -> QuerySet:
        return about.published_about(cls.object_read().model(pk=about_id), at)

    def listed_id(self) -> int:
        return self.object.pk

    def get_queryset(self) -> QuerySet:
        self.object = self.get_object()
        parts = headers.stored(self.object)
        if parts is None:
            # Nothing stored yet (a database not rendered since this came): rendered now, the same way.
            parts = self.header_parts(self.get_header_queryset().get(pk=self.object.pk))
        self.header = headers.for_reader(parts, self.request)
        # Counted and shown by the compiled reads (`listed()`): built only if something asks for it.
        return Unbuilt(lambda: about.published_about(self.object))

    def page_title(self) -> str:
        return str(getattr(self.object, "name", self.object))

    def page_description(self) -> str:
        return self.header["meta"]["description"]

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

    def get_meta(self, page_obj) -> PageMeta:
        meta = super().get_meta(page_obj)
        for name, value in self.header["meta"].items():
            setattr(meta, name, value)
        meta.structured = self.header["head"]
        return meta

    def get_context_data(self, **kwargs):
        context = super().get_context_data(object=self.object, **{self.about_name: self.object}, **kwargs)
        html = self.header["header"]
        if self.page_line_template:
            line = render_to_string(self.page_line_template, {"page_obj": context["page_obj"]})
            html = html.replace(headers.PAGE_LINE, line)
        context["page_header"] = mark_safe(html)
        return context

    def etag_parts(self, context: dict) -> tuple | None:
        parts, version = super().etag_parts(context), headers.stored_version(self.object)
        if parts is None or version is None:
            return None
        return (*parts, version)

    # --- Rendering the header, from the object fetched by get_header_queryset() -----------------

    @classmethod
    def header_parts(cls, obj) -> headers.HeaderParts:
        """The header of `obj`'s page, rendered for headers.ORIGIN, to be stored."""
        view = cls()
        view.setup(headers.rendering_request(), slug=obj.slug)
        view.request.path = view.request.path_info = view.page_url(1)
        view.object = obj
        return view.render_header()

    def describe(self) -> str:
        """The page's meta description."""
        return ""

    def head_meta(self, meta: PageMeta) -> None:
        """Set what the page's head says of the object beyond its title and description."""

    def header_context(self) -> dict:
        return {}

    def render_header(self) -> headers.HeaderParts:
        meta = PageMeta(
            title=self.page_title(),
            description=self.describe(),
            path=self.page_url(1),
            breadcrumbs=self.breadcrumbs(),
            feeds=self.feeds(),
        )
        self.head_meta(meta)
        context = {
            "object": self.object,
            self.about_name: self.object,
            "meta": meta,
            "page_line": mark_safe(headers.PAGE_LINE),
            **self.header_context(),
        }
        return {
            "header": render_to_string(self.header_template, context),
            "head": str(seo.structured_html(self.request, meta)),
            "meta": {name: getattr(meta, name) for name in STORED_META},
        }


# What a page's head says of the object it is about, kept with its header.
STORED_META = ("description", "type", "image", "image_alt", "image_width", "image_height")
