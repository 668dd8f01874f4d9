"""Reader-facing pages built around published articles: an article, a section, a tag, the
archive, search and shared previews. Films, people and authors have theirs in films/ and
authors/, which list the articles about them through core/about.py (articles/about.py).

Every list is paginated with addresses that do not move (core/views.py).
"""

from __future__ import annotations

import calendar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from core import pages
from core.pages import PROCESS, CachedPageMixin
from core.pagination import page_links
from core.seo import FeedLink, PageMeta
from core.views import HOME, AboutPageView, ListPageView
from films.models import KIND_GROUPS

from . import search
from .models import Article, FormerSlug, Section


class ArticleListView(ListPageView):
    """Published articles, newest first, as cards."""

    def get_queryset(self) -> QuerySet[Article]:
        return Article.objects.published().with_cards()


class SectionDetailView(AboutPageView):
    about_queryset = Section.objects.all()
    about_name = "section"
    url_name = "articles:section"
    feed_url_name = "section_feed"
    template_name = "articles/section_detail.html"
    header_template = "articles/_header_section.html"
    page_line_template = "articles/_page_line_section.html"
    card_variant = "h2"

    def describe(self) -> str:
        return self.object.description or f"{self.object.name}: the latest articles in {settings.MAGAZINE_NAME}."


class TagDetailView(AboutPageView):
    about_queryset = Tag.objects.all()
    about_name = "tag"
    url_name = "articles:tag"
    feed_url_name = "tag_feed"
    template_name = "articles/tag_detail.html"
    header_template = "articles/_header_tag.html"
    page_line_template = "articles/_page_line_tag.html"
    card_variant = "h2"

    def describe(self) -> str:
        return f"Articles tagged “{self.object.name}” in {settings.MAGAZINE_NAME}."

    def breadcrumbs(self):
        return [HOME, (f"Tag: {self.object.name}", self.page_url(1))]


# --- The date archive -------------------------------------------------------------------


class ArchiveIndexView(CachedPageMixin, TemplateView):
    """Every month that has published articles, by year, with counts."""

    template_name = "articles/archive_index.html"

    def get_context_data(self, **kwargs):
        months = (
            Article.objects.published()
            .annotate(month=TruncMonth("publish_at"))
            .values("month")
            .annotate(count=Count("pk"))
            .order_by("-month")
        )
        years: dict[int, list[dict]] = {}
        for row in months:
            month = row["month"]
            years.setdefault(month.year, []).append(
                {
                    "date": month,
                    "count": row["count"],
                    "url": reverse("articles:archive_month", args=[month.year, month.month]),
                }
            )
        meta = PageMeta(
            title="Archive",
            description=f"Everything {settings.MAGAZINE_NAME} has published, month by month.",
            path=reverse("articles:archive"),
            breadcrumbs=[HOME, ("Archive", reverse("articles:archive"))],
        )
        kinds = [
            (label, reverse("articles:archive_kind", kwargs={"kind": kind}))
            for kind, (label, _) in KIND_GROUPS.items()
        ]
        return super().get_context_data(years=years, kinds=kinds, meta=meta, **kwargs)


class ArchiveYearView(ArticleListView):
    url_name = "articles:archive_year"
    template_name = "articles/archive_list.html"

    def get_queryset(self) -> QuerySet[Article]:
        return super().get_queryset().filter(publish_at__year=self.kwargs["year"])

    def page_title(self) -> str:
        return f"Published in {self.kwargs['year']}"

    def page_description(self) -> str:
        return f"Articles {settings.MAGAZINE_NAME} published in {self.kwargs['year']}."

    def breadcrumbs(self):
        year = self.kwargs["year"]
        return [
            HOME,
            ("Archive", reverse("articles:archive")),
            (str(year), reverse("articles:archive_year", args=[year])),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not context["page_obj"].paginator.count:
            raise Http404("Nothing was published then.")
        return context


class ArchiveKindView(ArticleListView):
    """Everything published about one kind of work (films, albums, books, TV, games), newest first."""

    url_name = "articles:archive_kind"
    template_name = "articles/archive_list.html"

    def get_queryset(self) -> QuerySet[Article]:
        return super().get_queryset().about_kinds(KIND_GROUPS[self.kwargs["kind"]][1])

    def label(self) -> str:
        return KIND_GROUPS[self.kwargs["kind"]][0]

    def page_title(self) -> str:
        return f"On {self.label().lower()}"

    def page_description(self) -> str:
        return f"Every article {settings.MAGAZINE_NAME} has published about {self.label().lower()}."

    def breadcrumbs(self):
        kind = self.kwargs["kind"]
        return [
            HOME,
            ("Archive", reverse("articles:archive")),
            (self.label(), reverse("articles:archive_kind", kwargs={"kind": kind})),
        ]

    def feeds(self) -> list[FeedLink]:
        kind = self.kwargs["kind"]
        return [
            FeedLink(
                f"{self.label()}: latest articles",
                reverse("kind_feed", kwargs={"kind": kind}),
                reverse("kind_feed_atom", kwargs={"kind": kind}),
            )
        ]


class ArchiveMonthView(ArchiveYearView):
    url_name = "articles:archive_month"

    def get_queryset(self) -> QuerySet[Article]:
        return super().get_queryset().filter(publish_at__month=self.kwargs["month"])

    def month_name(self) -> str:
        return f"{calendar.month_name[self.kwargs['month']]} {self.kwargs['year']}"

    def page_title(self) -> str:
        return f"Published in {self.month_name()}"

    def page_description(self) -> str:
        return f"Articles {settings.MAGAZINE_NAME} published in {self.month_name()}."

    def breadcrumbs(self):
        year, month = self.kwargs["year"], self.kwargs["month"]
        return [
            *super().breadcrumbs(),
            (calendar.month_name[month], reverse("articles:archive_month", args=[year, month])),
        ]


# --- Search ---------------------------------------------------------------------------------


class SearchView(CachedPageMixin, ListView):
    """Full-text search on PostgreSQL, a plain match elsewhere; never an error, whatever is typed."""

    # Kept by each process only: every distinct search would be a copy of its own in the shared cache.
    page_cache = PROCESS

    template_name = "articles/search.html"
    context_object_name = "articles"

    def get_paginate_by(self, queryset) -> int:
        return settings.ARTICLES_PER_PAGE

    def get(self, request, *args, **kwargs):
        self.query = search.clean_query(request.GET.get("q", ""))
        # Narrowed to the articles about one kind of work (?kind=albums); a kind we do not have (a
        # typo, an old link) searches everything, as no kind does.
        kind = request.GET.get("kind", "")
        self.kind = kind if kind in KIND_GROUPS else ""
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Article] | search.RankedMatches:
        return search.search(self.query, kinds=KIND_GROUPS[self.kind][1] if self.kind else None)

    def paginate_queryset(self, queryset, page_size):
        try:
            return super().paginate_queryset(queryset, page_size)
        except Http404:
            # A page past the end of the results: show the last one rather than an error.
            paginator = self.get_paginator(queryset, page_size)
            page = paginator.page(paginator.num_pages)
            return paginator, page, page.object_list, page.has_other_pages()

    def page_url(self, number: int, kind: str | None = None) -> str:
        kind = self.kind if kind is None else kind
        params = {"q": self.query.text, **({"kind": kind} if kind else {}), **({"page": number} if number > 1 else {})}
        return f"{reverse('articles:search')}?{urlencode(params)}"

    def kind_links(self) -> list[tuple[str, str, bool]]:
        """The same search over everything and over the articles about each kind of work: (label,
        address, whether it is this page's)."""
        kinds = [("Everything", "")] + [(label, kind) for kind, (label, _kinds) in KIND_GROUPS.items()]
        return [(label, self.page_url(1, kind), kind == self.kind) for label, kind in kinds]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_obj = context["page_obj"]
        # Each result's card shows its article's comment count: the page cache renews the page with it.
        pages.depends_on_comments(article.pk for article in context["articles"])
        results = [(article, search.snippet(article, self.query)) for article in context["articles"]]
        title = f"Search: {self.query.text}" if self.query.text else "Search"
        context.update(
            query=self.query,
            kind_label=KIND_GROUPS[self.kind][0].lower() if self.kind else "",
            kind_links=self.kind_links(),
            results=results,
            total=page_obj.paginator.count,
            more_than_ranked=search.more_than_ranked(page_obj.paginator.count),
            pagination=page_links(page_obj, self.page_url),
            meta=PageMeta(
                title=title,
                description=f"Search everything {settings.MAGAZINE_NAME} has published.",
                path=reverse("articles:search"),
                noindex=True,
                breadcrumbs=[HOME, ("Search", reverse("articles:search"))],
            ),
        )
        if self.query.is_empty:
            context["popular_tags"] = popular_tags()
        return context


# How many of the newest published articles the popular tags are counted over.
POPULAR_TAGS_OVER = 500


def popular_tags(limit: int = 12) -> list[Tag]:
    """The tags used most by the newest published articles, most used first.

    Counted over the newest few hundred: what readers find on the site now, at the same cost
    however large the archive (over all 20,000 articles of the bench corpus it took 130 ms).
    """
    newest = Article.objects.published().order_by("-publish_at", "-pk").values("pk")[:POPULAR_TAGS_OVER]
    return list(
        Tag.objects.filter(
            taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(Article),
            taggit_taggeditem_items__object_id__in=newest,
        )
        .annotate(uses=Count("taggit_taggeditem_items"))
        .order_by("-uses", "name")[:limit]
    )


# --- The article ----------------------------------------------------------------------------


class ArticleDetailView(DetailView):
    """The article page rendered from scratch, for previews (below) and for the tests that check the
    stored page against it. Readers get the stored page (renderings/views.py), which the page cache
    keeps; this one is never kept, so it tells the cache nothing."""

    model = Article

    def get_queryset(self) -> QuerySet[Article]:
        # Built per request: `published()` reads the clock, so a class-level queryset would
        # freeze "now" at import and scheduled articles would never appear.
        return Article.objects.published().with_related().defer("search_vector")

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # An address the article had before its slug changed: send readers (and search engines) on.
            if moved := FormerSlug.objects.published_article(kwargs.get("slug")):
                return HttpResponsePermanentRedirect(moved.get_absolute_url())
            raise


class ArticlePreviewView(ArticleDetailView):
    """The reader's page for any article, whatever its state, with a preview banner."""

    template_name = "articles/article_preview.html"
    preview: dict = {}

    def get(self, request, *args, **kwargs):
        return DetailView.get(self, request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Article]:
        return Article.objects.with_related().defer("search_vector")

    def get_context_data(self, **kwargs):
        # No comment form: the article is not public (a post would be refused), and a share link's
        # page carries no CSRF token for one.
        return super().get_context_data(preview=self.preview, is_preview=True, **kwargs)
