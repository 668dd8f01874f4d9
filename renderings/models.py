"""Readers' pages rendered when what they show changes, stored beside the rows they come from.

These are data, not a cache: a row exists for every published article (live, or scheduled: its
rows are written ahead, and readers' queries check the article's publish time as always, so it
appears by itself when its time comes) and is rewritten whenever what it shows changes
(renderings/changes.py). `rerender --check` compares them with a rendering from scratch.

`version` is bumped on every write that changes a row (microseconds of the write: the ETag's
stuff, never compared across rows for order).
"""

from __future__ import annotations

import datetime
import time

from django.contrib.contenttypes.models import ContentType
from django.db import models

from articles.models import Article, public


def new_version() -> int:
    return time.time_ns() // 1000


class StoredQuerySet(models.QuerySet):
    def public(self, at: datetime.datetime | None = None) -> StoredQuerySet:
        """Rows of articles readers may see at `at` (default: now): `Article.objects.published()`'s
        rule, through the join."""
        return self.filter(public(at, through="article__"))


class ArticlePage(models.Model):
    """An article's page, in the parts articles/page.py renders (PARTS), with the "Read next" chosen."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="stored_page")
    # Part name → HTML. The head's absolute addresses start with ORIGIN (renderings/renderers.py),
    # which the page takes the reader's host for.
    parts = models.JSONField()
    # The ids of the "Read next" articles, best first: their stored cards are read as the page is.
    related = models.JSONField(default=list)
    version = models.BigIntegerField(default=new_version)
    rendered_at = models.DateTimeField()
    # When the page or its comments change by themselves (comments close; a scheduled article goes
    # public and changes others' "Read next"): the first read after it renders them again.
    stale_at = models.DateTimeField(null=True, blank=True)

    objects = StoredQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["stale_at"], condition=models.Q(stale_at__isnull=False), name="page_stale_idx")
        ]

    def __str__(self) -> str:
        return f"page of article {self.article_id}"


class ArticleCard(models.Model):
    """An article's card, as every list shows it, in each of articles.page.CARD_VARIANTS.

    For the lists: `ArticleCard.objects.public()` (the rows of scheduled articles exist too),
    ordered by the article's columns; `variants[name]` is the HTML of the card with its comment
    count. A list that loads the first card's picture at once uses `eager(html)`.
    """

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="stored_card")
    variants = models.JSONField()
    version = models.BigIntegerField(default=new_version)
    rendered_at = models.DateTimeField()

    objects = StoredQuerySet.as_manager()

    def __str__(self) -> str:
        return f"card of article {self.article_id}"


LAZY = ' loading="lazy" decoding="async"'
EAGER = ' loading="eager" fetchpriority="high" decoding="async"'


def eager(card_html: str) -> str:
    """A stored card whose picture loads at once, first of all: the first card of a list."""
    return card_html.replace(LAZY, EAGER, 1)


class CommentsPage(models.Model):
    """One page of an article's approved comment threads (comments/_list.html), with the article's count.

    Holds nothing of any one reader. The later pages put the count's heading and the form around
    it as they are read; the first page, which the article page shows, keeps the whole section too.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="stored_comment_pages")
    number = models.PositiveIntegerField()
    html = models.TextField()
    # Page one only: the comments section as the article page shows it (comments/_thread.html: the
    # count, the threads, the form or why comments are closed), the same for every reader, whose form
    # gets its tokens from static/js/comments.js.
    section = models.TextField(blank=True, default="")
    # Approved comments on the whole article ("Comments (N)").
    count = models.PositiveIntegerField()
    version = models.BigIntegerField(default=new_version)
    rendered_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="one_stored_comments_page")]

    def __str__(self) -> str:
        return f"comments of article {self.article_id}, page {self.number}"


class PageHeader(models.Model):
    """The header of the page about one object (a work, a person, a company, an author, a section,
    a tag): its parts as core/headers.py reads them. Written by renderings/headers.py."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    # core.headers.HeaderParts: "header" (HTML above the list), "head" (JSON-LD), "meta" (the head's fields).
    parts = models.JSONField()
    # One more each time the parts change: a page's ETag can be made from it.
    version = models.PositiveBigIntegerField(default=1)
    rendered_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_page_header_per_object"),
        ]

    def __str__(self) -> str:
        return f"header of {self.content_type.model} {self.object_id} (version {self.version})"
