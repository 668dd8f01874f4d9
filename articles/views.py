"""Reader-facing pages built around published articles.

The pages about a section, a film, a person, an author or a tag are lists of the
articles about them, so they live here: films/ and authors/ know nothing of articles.

Every list is paginated with addresses that do not move: page one is the page's own
address, later pages are `…/page/N/`; `?page=N` is redirected there.
"""

from __future__ import annotations

import calendar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Prefetch, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.generic import DetailView, ListView, TemplateView
from reversion.errors import RevertError
from taggit.models import Tag

from authors.models import Author
from films.models import Credit, Film, Person
from magazine.pagination import page_links, requested_page
from magazine.seo import FeedLink, PageMeta

from . import jsonld, previews, search
from .models import Article, ArticleFilm, FormerSlug, Section

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


class ArticleListView(PaginatedMixin, ListView):
    """Published articles, newest first, as cards."""

    context_object_name = "articles"
    # The heading level of a card's title on this page.
    card_heading = "h2"

    def get_queryset(self) -> QuerySet[Article]:
        return Article.objects.published().with_cards()

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


class ArticlesAboutView(ArticleListView):
    """A page about one thing, found by its slug, with the published articles about it."""

    about_queryset: QuerySet
    about_name: str
    # The lookup from an article to the thing, e.g. "films" for a film.
    articles_lookup: str
    feed_url_name = ""
    card_heading = "h3"

    def get_about_queryset(self) -> QuerySet:
        return self.about_queryset.all()

    def get_object(self):
        return get_object_or_404(self.get_about_queryset(), slug=self.kwargs["slug"])

    def get_queryset(self) -> QuerySet[Article]:
        self.object = self.get_object()
        return self.about(super().get_queryset())

    def about(self, articles: QuerySet[Article]) -> QuerySet[Article]:
        return articles.filter(**{self.articles_lookup: self.object})

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


class SectionDetailView(ArticlesAboutView):
    about_queryset = Section.objects.all()
    about_name = "section"
    articles_lookup = "section"
    url_name = "articles:section"
    feed_url_name = "articles:section_feed"
    template_name = "articles/section_detail.html"
    card_heading = "h2"

    def page_description(self) -> str:
        return self.object.description or f"{self.object.name}: the latest articles in {settings.MAGAZINE_NAME}."


class TagDetailView(ArticlesAboutView):
    about_queryset = Tag.objects.all()
    about_name = "tag"
    url_name = "articles:tag"
    feed_url_name = "articles:tag_feed"
    template_name = "articles/tag_detail.html"
    card_heading = "h2"

    def about(self, articles: QuerySet[Article]) -> QuerySet[Article]:
        return articles.tagged(self.object)

    def page_description(self) -> str:
        return f"Articles tagged “{self.object.name}” in {settings.MAGAZINE_NAME}."

    def breadcrumbs(self):
        return [HOME, (f"Tag: {self.object.name}", self.page_url(1))]


class AuthorDetailView(ArticlesAboutView):
    about_queryset = Author.objects.select_related("portrait")
    about_name = "author"
    articles_lookup = "article_authors__author"
    url_name = "articles:author"
    feed_url_name = "articles:author_feed"
    template_name = "authors/author_detail.html"

    def page_description(self) -> str:
        return self.object.bio or f"Articles by {self.object.name} in {settings.MAGAZINE_NAME}."

    def get_meta(self, page_obj) -> PageMeta:
        meta = super().get_meta(page_obj)
        meta.type = "profile"
        meta.share(self.object.portrait)
        meta.json_ld = [{"@context": jsonld.CONTEXT, **jsonld.author(self.request, self.object)}]
        return meta


class FilmDetailView(ArticlesAboutView):
    about_name = "film"
    articles_lookup = "article_films__film"
    url_name = "articles:film"
    template_name = "films/film_detail.html"

    def get_about_queryset(self) -> QuerySet[Film]:
        # A writer's proposal (films.Proposal) has no page until an editor confirms it.
        return (
            Film.objects.confirmed()
            .select_related("distributor", "poster")
            .prefetch_related(Prefetch("credits", queryset=Credit.objects.select_related("person")))
        )

    def get_object(self) -> Film:
        film = super().get_object()
        # The card's directors come from the credits already fetched.
        film.director_credits = [credit for credit in film.credits.all() if credit.role == Credit.Role.DIRECTOR]
        return film

    def page_title(self) -> str:
        return str(self.object)

    def page_description(self) -> str:
        film = self.object
        directors = " and ".join(person.name for person in film.directors)
        made = f"{film}, directed by {directors}" if directors else str(film)
        return film.synopsis or f"{made}: credits and every article about it in {settings.MAGAZINE_NAME}."

    def get_meta(self, page_obj) -> PageMeta:
        meta = super().get_meta(page_obj)
        meta.type = "video.movie"
        meta.share(self.object.poster)
        meta.json_ld = [jsonld.film_page(self.request, self.object)]
        return meta

    def get_context_data(self, **kwargs):
        order = {role: position for position, role in enumerate(Credit.Role.values)}
        # The directors are on the film's card, above the credits: named once.
        credits = sorted(
            (credit for credit in self.object.credits.all() if credit.role != Credit.Role.DIRECTOR),
            key=lambda credit: (order[credit.role], credit.order, credit.pk),
        )
        return super().get_context_data(credits=credits, **kwargs)


class PersonDetailView(ArticlesAboutView):
    about_queryset = Person.objects.confirmed().select_related("portrait")
    about_name = "person"
    url_name = "articles:person"
    template_name = "films/person_detail.html"

    def about(self, articles: QuerySet[Article]) -> QuerySet[Article]:
        # The articles on any film of theirs, as `pk IN (...)`: an article on two of their films is
        # listed once without a DISTINCT over whole rows, and the page walks the date index.
        films = Credit.objects.filter(person=self.object).values("film")
        return articles.filter(pk__in=ArticleFilm.objects.filter(film__in=films).values("article"))

    def page_description(self) -> str:
        return (
            self.object.bio
            or f"{self.object.name}: filmography and articles about their films in {settings.MAGAZINE_NAME}."
        )

    def get_context_data(self, **kwargs):
        credits = list(
            Credit.objects.filter(person=self.object)
            .select_related("film")
            .order_by(F("film__year").desc(nulls_last=True), "film__title", "film__pk", "role")
        )
        self.credits = credits
        filmography = {
            "directed": [credit for credit in credits if credit.role == Credit.Role.DIRECTOR],
            "cast": [credit for credit in credits if credit.role == Credit.Role.CAST],
            # Other work, one line a film: "Anora (2024) · Writer, Producer, Editor".
            "other": [],
        }
        for credit in credits:
            if credit.role in {Credit.Role.DIRECTOR, Credit.Role.CAST}:
                continue
            if filmography["other"] and filmography["other"][-1]["film"] == credit.film:
                filmography["other"][-1]["roles"].append(credit.get_role_display())
            else:
                filmography["other"].append({"film": credit.film, "roles": [credit.get_role_display()]})
        return super().get_context_data(filmography=filmography, credits=credits, **kwargs)

    def get_meta(self, page_obj) -> PageMeta:
        meta = super().get_meta(page_obj)
        meta.type = "profile"
        meta.share(self.object.portrait)
        meta.json_ld = [jsonld.person_page(self.request, self.object, self.credits)]
        return meta


# --- The date archive -------------------------------------------------------------------


class ArchiveIndexView(TemplateView):
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
        return super().get_context_data(years=years, meta=meta, **kwargs)


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


class SearchView(ListView):
    """Full-text search on PostgreSQL, a plain match elsewhere; never an error, whatever is typed."""

    template_name = "articles/search.html"
    context_object_name = "articles"

    def get_paginate_by(self, queryset) -> int:
        return settings.ARTICLES_PER_PAGE

    def get(self, request, *args, **kwargs):
        self.query = search.clean_query(request.GET.get("q", ""))
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Article] | search.RankedMatches:
        return search.search(self.query)

    def paginate_queryset(self, queryset, page_size):
        try:
            return super().paginate_queryset(queryset, page_size)
        except Http404:
            # A page past the end of the results: show the last one rather than an error.
            paginator = self.get_paginator(queryset, page_size)
            page = paginator.page(paginator.num_pages)
            return paginator, page, page.object_list, page.has_other_pages()

    def page_url(self, number: int) -> str:
        params = urlencode({"q": self.query.text, **({"page": number} if number > 1 else {})})
        return f"{reverse('articles:search')}?{params}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_obj = context["page_obj"]
        results = [(article, search.snippet(article, self.query)) for article in context["articles"]]
        title = f"Search: {self.query.text}" if self.query.text else "Search"
        context.update(
            query=self.query,
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


def shared_preview(request, token: str):
    """A preview opened from a share link: no login, but a signed token that expires."""
    try:
        article_pk, version_pk = previews.read_token(token)
    except previews.PreviewLinkExpired:
        return render(request, "articles/preview_expired.html", status=410)
    except previews.PreviewLinkInvalid:
        return render(request, "articles/preview_invalid.html", status=403)
    version = previews.version_of(article_pk, version_pk) if version_pk else None
    get_object_or_404(Article, pk=article_pk)
    try:
        return previews.render_preview(request, article_pk, version, shared=True)
    except RevertError:
        # That revision names something deleted since (a film, an author): show the article as it is.
        return previews.render_preview(request, article_pk, None, shared=True)
