"""RSS 2.0 and Atom feeds of published articles: the whole magazine, each section, author and tag, and
the articles about each kind of work (films, albums, books, TV, games)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from taggit.models import Tag

from articles.models import Article, ArticleAuthor, Section
from authors.models import Author
from comments.counts import approved_counts
from core import pages
from core.pages import CachedPageMixin
from core.seo import TAGLINE
from films.models import KIND_GROUPS

FEED_LENGTH = 20
SLASH_NS = "http://purl.org/rss/1.0/modules/slash/"
THREAD_NS = "http://purl.org/syndication/thread/1.0"


class CountedRssFeed(Rss201rev2Feed):
    """RSS 2.0 with each article's approved comments counted: <slash:comments>."""

    def rss_attributes(self) -> dict:
        return {**super().rss_attributes(), "xmlns:slash": SLASH_NS}

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        handler.addQuickElement("slash:comments", str(item["comment_count"]))


class CountedAtomFeed(Atom1Feed):
    """Atom with each article's approved comments counted: <thr:total> (RFC 4685)."""

    def root_attributes(self) -> dict:
        return {**super().root_attributes(), "xmlns:thr": THREAD_NS}

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        handler.addQuickElement("thr:total", str(item["comment_count"]))


class ArticleFeed(CachedPageMixin, Feed):
    """The latest published articles of the whole magazine (RSS 2.0)."""

    url_name = "feed"
    feed_type = CountedRssFeed

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
        items = list(queryset[:FEED_LENGTH])
        # Each item carries its article's comment count: the page cache renews the feed with them.
        pages.depends_on_comments(item.pk for item in items)
        # Approved comments only, for every item in one query.
        counts = approved_counts(items)
        for item in items:
            item.approved_comments = counts.get(item.pk, 0)
        return items

    def item_extra_kwargs(self, item: Article) -> dict:
        return {"comment_count": item.approved_comments}

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
    feed_type = CountedAtomFeed

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
    url_name = "section_feed"

    def title(self, obj=None) -> str:
        return f"{obj.name} · {settings.MAGAZINE_NAME}"

    def description(self, obj=None) -> str:
        return obj.description or f"The latest {obj.name.lower()} articles in {settings.MAGAZINE_NAME}."

    subtitle = description


class AuthorFeed(_AboutFeed):
    model_queryset = Author.objects.all()
    lookup = "article_authors__author"
    url_name = "author_feed"

    def title(self, obj=None) -> str:
        return f"{obj.name} · {settings.MAGAZINE_NAME}"

    def description(self, obj=None) -> str:
        return f"Articles by {obj.name} in {settings.MAGAZINE_NAME}."

    subtitle = description


class TagFeed(_AboutFeed):
    model_queryset = Tag.objects.all()
    url_name = "tag_feed"

    def articles(self, obj) -> QuerySet[Article]:
        return Article.objects.published().tagged(obj)

    def title(self, obj=None) -> str:
        return f"{obj.name} · {settings.MAGAZINE_NAME}"

    def description(self, obj=None) -> str:
        return f"Articles tagged “{obj.name}” in {settings.MAGAZINE_NAME}."

    subtitle = description


class KindFeed(ArticleFeed):
    """The latest published articles about works of one kind, whatever their section."""

    url_name = "kind_feed"

    def get_object(self, request, kind: str) -> str:
        return kind

    def _reverse(self, kind: str, name: str) -> str:
        return reverse(name, kwargs={"kind": kind})

    def feed_url(self, kind=None) -> str:
        return self._reverse(kind, self.url_name)

    def link(self, kind=None) -> str:
        return self.feed_url(kind)

    def title(self, kind=None) -> str:
        return f"{KIND_GROUPS[kind][0]} · {settings.MAGAZINE_NAME}"

    def description(self, kind=None) -> str:
        return f"The latest articles about {KIND_GROUPS[kind][0].lower()} in {settings.MAGAZINE_NAME}."

    subtitle = description

    def articles(self, kind) -> QuerySet[Article]:
        return Article.objects.published().about_kinds(KIND_GROUPS[kind][1])


class KindAtomFeed(AtomMixin, KindFeed):
    pass


class SectionAtomFeed(AtomMixin, SectionFeed):
    pass


class AuthorAtomFeed(AtomMixin, AuthorFeed):
    pass


class TagAtomFeed(AtomMixin, TagFeed):
    pass
