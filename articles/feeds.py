"""RSS 2.0 and Atom feeds of published articles: the whole magazine, each section, author and tag."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from taggit.models import Tag

from authors.models import Author
from magazine.seo import TAGLINE

from .models import Article, ArticleAuthor, Section

FEED_LENGTH = 20


class ArticleFeed(Feed):
    """The latest published articles of the whole magazine (RSS 2.0)."""

    url_name = "articles:feed"

    def title(self, obj=None) -> str:
        return settings.MAGAZINE_NAME

    def description(self, obj=None) -> str:
        return TAGLINE

    subtitle = description

    def link(self, obj=None) -> str:
        return reverse("home")

    def feed_url(self, obj=None) -> str:
        return reverse(self.url_name)

    def articles(self, obj) -> QuerySet[Article]:
        return Article.objects.published()

    def items(self, obj=None) -> list[Article]:
        queryset = (
            self.articles(obj)
            .with_modified()
            .defer("body", "search_vector")
            .select_related("section")
            .prefetch_related(
                Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author")), "tags"
            )
            .order_by("-publish_at", "-pk")
        )
        return list(queryset[:FEED_LENGTH])

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.dek or item.title

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Article):
        return item.publish_at

    def item_updateddate(self, item: Article):
        return item.modified_at

    def item_author_name(self, item: Article) -> str:
        return ", ".join(author.name for author in item.bylines)

    def item_categories(self, item: Article) -> list[str]:
        return [item.section.name, *(tag.name for tag in item.tags.all())]


class AtomMixin:
    feed_type = Atom1Feed

    def feed_url(self, obj=None) -> str:
        return self._reverse(obj, f"{self.url_name}_atom")


class ArticleAtomFeed(AtomMixin, ArticleFeed):
    def _reverse(self, obj, name: str) -> str:
        return reverse(name)


class _AboutFeed(ArticleFeed):
    """Feeds about one thing found by its slug."""

    model_queryset: QuerySet
    lookup: str

    def get_object(self, request, slug: str):
        return get_object_or_404(self.model_queryset.all(), slug=slug)

    def _reverse(self, obj, name: str) -> str:
        return reverse(name, kwargs={"slug": obj.slug})

    def feed_url(self, obj=None) -> str:
        return self._reverse(obj, self.url_name)

    def link(self, obj=None) -> str:
        return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else reverse("articles:tag", args=[obj.slug])

    def articles(self, obj) -> QuerySet[Article]:
        return Article.objects.published().filter(**{self.lookup: obj})


class SectionFeed(_AboutFeed):
    model_queryset = Section.objects.all()
    lookup = "section"
    url_name = "articles:section_feed"

    def title(self, obj=None) -> str:
        return f"{obj.name} · {settings.MAGAZINE_NAME}"

    def description(self, obj=None) -> str:
        return obj.description or f"The latest {obj.name.lower()} articles in {settings.MAGAZINE_NAME}."

    subtitle = description


class AuthorFeed(_AboutFeed):
    model_queryset = Author.objects.all()
    lookup = "article_authors__author"
    url_name = "articles:author_feed"

    def title(self, obj=None) -> str:
        return f"{obj.name} · {settings.MAGAZINE_NAME}"

    def description(self, obj=None) -> str:
        return f"Articles by {obj.name} in {settings.MAGAZINE_NAME}."

    subtitle = description


class TagFeed(_AboutFeed):
    model_queryset = Tag.objects.all()
    url_name = "articles:tag_feed"

    def articles(self, obj) -> QuerySet[Article]:
        return Article.objects.published().tagged(obj)

    def title(self, obj=None) -> str:
        return f"{obj.name} · {settings.MAGAZINE_NAME}"

    def description(self, obj=None) -> str:
        return f"Articles tagged “{obj.name}” in {settings.MAGAZINE_NAME}."

    subtitle = description


class SectionAtomFeed(AtomMixin, SectionFeed):
    pass


class AuthorAtomFeed(AtomMixin, AuthorFeed):
    pass


class TagAtomFeed(AtomMixin, TagFeed):
    pass
