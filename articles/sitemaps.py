"""Sitemaps of every public page. The pages about a section, an author, a film or a person are listed
when something published is about them, by the one definition of published: `Article.objects.published()`.
"""

from __future__ import annotations

import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import F, Max, Model
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils.functional import cached_property

from authors.models import Author
from films.models import COMPANY_PATHS, Film, Person, Work

from .models import Article, Section, public


class ArticleSitemap(Sitemap):
    """Published articles; lastmod is the latest dated correction or update, else publication."""

    changefreq = "weekly"
    priority = 0.8
    limit = 5000

    def items(self):
        return Article.objects.published().with_modified().only("slug", "publish_at").order_by("-publish_at", "-pk")

    def lastmod(self, article: Article):
        return article.modified_at

    def get_latest_lastmod(self):
        # The sitemap index asks for this: one aggregate rather than every article.
        modified = Greatest("publish_at", Coalesce("last_correction_at", "publish_at"))
        return Article.objects.published().with_modified().aggregate(latest=Max(modified))["latest"]


class AboutSitemap(Sitemap):
    """Pages about something with published articles; lastmod is the newest of them."""

    changefreq = "weekly"
    model: type[Model]
    # The lookup from an article to the thing the page is about, and from the thing to its articles.
    articles_lookup: str
    about_lookup = "articles"

    def listed(self):
        """The things that may have a page at all."""
        return self.model.objects.all()

    def published_about(self):
        return Article.objects.published().filter(**{f"{self.articles_lookup}__isnull": False})

    def items(self):
        # One grouped MAX over the public articles, rather than a subquery per row (10 s for the
        # 10,000 people of the bench corpus). In one filter() before the annotation, the condition
        # and the MAX read the same joined articles: the newest is taken over public ones alone.
        return (
            self.listed()
            .filter(public(through=f"{self.about_lookup}__"))
            .annotate(newest=Max(f"{self.about_lookup}__publish_at"))
            .order_by("pk")
        )

    def lastmod(self, thing):
        return thing.newest

    def get_latest_lastmod(self):
        return self.published_about().aggregate(latest=Max("publish_at"))["latest"]


class SectionSitemap(AboutSitemap):
    model = Section
    articles_lookup = "section"
    changefreq = "daily"
    priority = 0.6


class AuthorSitemap(AboutSitemap):
    model = Author
    articles_lookup = "article_authors__author"
    priority = 0.5


class FilmSitemap(AboutSitemap):
    model = Film
    articles_lookup = "works__film"
    priority = 0.5

    def listed(self):
        # A writer's proposal has no page until an editor confirms it.
        return self.model.objects.confirmed()


class WorkSitemap(AboutSitemap):
    """The pages of works of `kinds` that published articles are about."""

    model = Work
    kinds: tuple[str, ...]
    priority = 0.5

    def published_about(self):
        return Article.objects.published().filter(works__kind__in=self.kinds)

    def items(self):
        return super().items().filter(kind__in=self.kinds)


class AlbumSitemap(WorkSitemap):
    kinds = (Work.Kind.ALBUM,)


class BookSitemap(WorkSitemap):
    kinds = (Work.Kind.BOOK,)


class TelevisionSitemap(WorkSitemap):
    kinds = (Work.Kind.SERIES, Work.Kind.SEASON, Work.Kind.EPISODE)


class GameSitemap(WorkSitemap):
    kinds = (Work.Kind.GAME,)


class PersonSitemap(AboutSitemap):
    model = Person
    articles_lookup = "works__credits__person"
    about_lookup = "works__articles"
    priority = 0.4

    def listed(self):
        # A writer's proposal has no page until an editor confirms it.
        return self.model.objects.confirmed()


class CompanySitemap(Sitemap):
    """The pages of companies whose works published articles discuss; lastmod is the newest of them.

    A company's part is a foreign key on the kind's row (a film's distributor, an album's label…): one
    grouped MAX a part, in one UNION ALL, as joining the six parts at once would multiply their rows.
    Companies are the desk's records, never a writer's proposal, and a proposed work has no published
    article about it.
    """

    changefreq = "weekly"
    priority = 0.4

    @cached_property
    def newest(self) -> dict[str, datetime.datetime]:
        """{company slug: its newest public article}, read once for the items, their count and lastmod."""
        parts = [
            Work.objects.filter(public(through="articles__"), **{f"{path}__isnull": False})
            .order_by()
            .values(company=F(f"{path}__slug"))
            .annotate(newest=Max("articles__publish_at"))
            for path in COMPANY_PATHS
        ]
        newest: dict[str, datetime.datetime] = {}
        for row in parts[0].union(*parts[1:], all=True):
            slug = row["company"]
            newest[slug] = max(newest.get(slug, row["newest"]), row["newest"])
        return newest

    def items(self) -> list[str]:
        return sorted(self.newest)

    def location(self, slug: str) -> str:
        return reverse("films:company", kwargs={"slug": slug})

    def lastmod(self, slug: str) -> datetime.datetime:
        return self.newest[slug]

    def get_latest_lastmod(self) -> datetime.datetime | None:
        return max(self.newest.values(), default=None)


class FrontPageSitemap(Sitemap):
    """The front page and the archive, changed whenever an article is published."""

    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["home", "articles:archive"]

    def location(self, name: str) -> str:
        return reverse(name)

    def lastmod(self, name: str):
        if not hasattr(self, "_newest"):
            self._newest = Article.objects.published().aggregate(newest=Max("publish_at"))["newest"]
        return self._newest

    def get_latest_lastmod(self):
        return self.lastmod("home")
