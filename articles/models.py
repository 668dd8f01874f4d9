"""Sections, articles and their works cited."""

from __future__ import annotations

import datetime
import re
import unicodedata
from functools import cached_property

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItem

from authors.models import Author
from core.addresses import slug_url
from core.sanitize import clean_html
from films.citing import mla_facts
from films.models import Work, card_credits, card_relations, kind_relations
from images.models import Image

from . import text as body_text


class Section(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True, help_text="One or two sentences shown on the section page.")
    order = models.PositiveSmallIntegerField(default=0, help_text="Sections are listed by this number.")

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return slug_url("articles:section", self.slug)


def public(at: datetime.datetime | None = None, *, through: str = "") -> Q:
    """The condition `ArticleQuerySet.published()` filters on, also for articles reached through a
    relation (`through="articles__"` from a film), so that a grouped query over them can join them
    once rather than test every link against a subquery of public articles.
    """
    return Q(**{f"{through}status": Article.Status.PUBLISHED}) & due(at, through=through)


def due(at: datetime.datetime | None = None, *, through: str = "") -> Q:
    """The clock's part of `public()`: the publish time has come and no embargo is still running.

    On its own for rows that hold published articles only (`SearchEntry`).
    """
    at = at or timezone.now()
    return Q(**{f"{through}publish_at__lte": at}) & (
        Q(**{f"{through}embargo_until__isnull": True}) | Q(**{f"{through}embargo_until__lte": at})
    )


def public_sql(at: datetime.datetime, using: str) -> tuple[str, list]:
    """`public(at)` as SQL on the table articles_article, with its parameters, for the few queries
    written out by hand (related articles, the front page's sections): the rule stays here."""
    queryset = Article.objects.using(using).filter(public(at))
    return queryset.query.get_compiler(using).compile(queryset.query.where)


class ArticleQuerySet(models.QuerySet):
    def published(self, at: datetime.datetime | None = None) -> ArticleQuerySet:
        """Articles readers may see at `at` (default: now): the one definition of public.

        Published, with a publish time that has passed and no embargo still running. A
        future publish time means scheduled: the article appears by itself once the clock
        passes it, with no job to run.
        """
        return self.filter(public(at))

    def in_review(self) -> ArticleQuerySet:
        return self.filter(status=Article.Status.REVIEW)

    def scheduled(self, at: datetime.datetime | None = None) -> ArticleQuerySet:
        """Published articles that are not public yet: their publish time or embargo is still ahead."""
        at = at or timezone.now()
        return self.filter(status=Article.Status.PUBLISHED).filter(Q(publish_at__gt=at) | Q(embargo_until__gt=at))

    def in_state(self, state: str, at: datetime.datetime | None = None) -> ArticleQuerySet:
        """Articles whose `Article.state` at `at` (default: now) is `state`: the admin's status filter."""
        at = at or timezone.now()
        published = self.filter(status=Article.Status.PUBLISHED)
        if state == Article.State.LIVE:
            return self.published(at)
        if state == Article.State.EMBARGOED:
            return published.filter(embargo_until__gt=at)
        if state == Article.State.SCHEDULED:
            return published.filter(publish_at__gt=at).exclude(embargo_until__gt=at)
        return self.filter(status=state)

    def embargoed(self, at: datetime.datetime | None = None) -> ArticleQuerySet:
        """Articles, in any state but archived, whose embargo has not lifted yet."""
        return self.filter(embargo_until__gt=at or timezone.now()).exclude(status=Article.Status.ARCHIVED)

    def written_by(self, user) -> ArticleQuerySet:
        """Articles on whose byline `user` stands (through the author linked to the login)."""
        return self.filter(article_authors__author__user_id=user.pk) if user.pk else self.none()

    def tagged(self, tag: Tag) -> ArticleQuerySet:
        """Articles with `tag`.

        As `pk IN (the tag's items)` rather than a join through taggit's table: its object_id is
        an integer cast to the article's bigint id, which no index serves from the article side,
        so a join read every article to find a tag's newest twelve (43 ms for a tag on 2,900 of
        the bench corpus's articles); this walks the date index and stops at the twelfth (0.8 ms).
        """
        items = TaggedItem.objects.filter(tag=tag, content_type=ContentType.objects.get_for_model(Article))
        return self.filter(pk__in=items.values("object_id"))

    def about_kinds(self, kinds) -> ArticleQuerySet:
        """Articles that discuss a work of one of `kinds` (films.models.Work.Kind values).

        As `pk IN (...)`: an article about two albums comes once, without a DISTINCT over whole rows.
        """
        return self.filter(pk__in=ArticleWork.objects.filter(work__kind__in=kinds).values("article"))

    def featured(self) -> ArticleQuerySet:
        """Articles the editors put on the front page, in their order."""
        return self.filter(featured__isnull=False).order_by("featured__order", "featured__pk")

    def newest_in_each_section(
        self,
        section_ids: list[int],
        per_section: int,
        exclude: set[int] | frozenset[int] | list[int] = frozenset(),
        at: datetime.datetime | None = None,
    ) -> ArticleQuerySet:
        """The newest `per_section` public articles of each section at `at` (default: now), leaving out `exclude`.

        A UNION of each section's newest, each read off the section's date index (a window over
        every public article, to number them within their section, sorted them all instead).
        Written out as SQL: composed from querysets, the eight sections' blocks took 28-31 ms on
        the bench machine, most of it Django building and compiling the UNION; now 11-13 ms.
        """
        if not section_ids:
            return self.none()
        using = self.db
        where, params = public_sql(at or timezone.now(), using)
        if exclude:
            where += f" AND articles_article.id NOT IN ({', '.join(['%s'] * len(exclude))})"
            params = [*params, *exclude]
        newest = (
            "SELECT articles_article.id FROM articles_article"
            f" WHERE articles_article.section_id = %s AND {where}"
            " ORDER BY articles_article.publish_at DESC, articles_article.id DESC LIMIT %s"
        )
        # Each part wrapped in a SELECT: SQLite allows no LIMIT in the parts of a UNION.
        union = " UNION ALL ".join(f"SELECT * FROM ({newest}) AS section{n}" for n in range(len(section_ids)))
        return self.filter(pk__in=RawSQL(union, [value for pk in section_ids for value in (pk, *params, per_section)]))

    def without_text(self) -> ArticleQuerySet:
        """Leave out the columns no list shows: the body and its search document."""
        return self.defer("body", "search_vector")

    def with_cards(self) -> ArticleQuerySet:
        """Fetch what a list card shows: section, hero image, bylines, the card's work (never the body)."""
        return self.without_text().select_related("section", "hero").prefetch_related(*card_prefetches())

    def with_modified(self) -> ArticleQuerySet:
        """Annotate the date of the latest correction or update, which `modified_at` reads."""
        latest = Correction.objects.filter(article=OuterRef("pk")).order_by("-date").values("date")[:1]
        return self.annotate(last_correction_at=Subquery(latest))

    def with_related(self) -> ArticleQuerySet:
        """Fetch everything the article page shows, in a fixed number of queries."""
        return self.select_related("section", "hero", "share_image").prefetch_related(
            Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author")),
            # The works with what their cards show, whatever their kind, joined to their links; the
            # people the cards name in one more query.
            Prefetch(
                "article_works",
                queryset=ArticleWork.objects.select_related(*card_relations("work__")).prefetch_related(
                    card_credits("work__"), "work__game__platforms"
                ),
            ),
            "tags",
            Prefetch(
                "citations",
                queryset=Citation.objects.select_related(*card_relations("work__")).prefetch_related(
                    card_credits("work__")
                ),
            ),
            "corrections",
        )


def card_prefetches() -> list[Prefetch]:
    """The prefetches a list card needs; also usable with `prefetch_related_objects`."""
    return [
        Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author")),
        Prefetch(
            "article_works",
            queryset=ArticleWork.objects.filter(is_card=True).select_related(*kind_relations("work__")),
            to_attr="card_links",
        ),
    ]


class Article(models.Model):
    class Kind(models.TextChoices):
        ESSAY = "essay", "Essay"
        REVIEW = "review", "Review"
        FEATURE = "feature", "Feature"
        INTERVIEW = "interview", "Interview"
        NEWS = "news", "News"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Unpublished"

    class State(models.TextChoices):
        """What the status and the clock say together: a published article may still be waiting."""

        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        SCHEDULED = "scheduled", "Scheduled"
        EMBARGOED = "embargoed", "Under embargo"
        LIVE = "live", "Published"
        ARCHIVED = "archived", "Unpublished"

    class CommentMode(models.TextChoices):
        DEFAULT = "default", "Site default"
        PRE = "pre", "Pre-moderated: nothing shows before approval"
        POST = "post", "Post-moderated: shows at once, can be taken down"
        CLOSED = "closed", "Closed"

    class Rating(models.IntegerChoices):
        ONE = 1, "★☆☆☆☆"
        TWO = 2, "★★☆☆☆"
        THREE = 3, "★★★☆☆"
        FOUR = 4, "★★★★☆"
        FIVE = 5, "★★★★★"

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True, help_text="The last part of the article's address.")
    dek = models.CharField(
        max_length=400, blank=True, help_text="The standfirst: one sentence under the headline that sells the piece."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ESSAY)
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    authors = models.ManyToManyField(Author, through="ArticleAuthor", related_name="articles")
    works = models.ManyToManyField(
        Work,
        through="ArticleWork",
        related_name="articles",
        help_text="Films, albums, books, TV series, seasons or episodes and games this article discusses.",
    )
    body = models.TextField(blank=True, help_text="Cleaned of scripts, styles and unknown markup when saved.")
    hero = models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="hero image",
        help_text="The picture at the top of the article and on its cards, from the media library.",
    )
    # hero_image, hero_alt, hero_caption and hero_credit are replaced by `hero` (the media library)
    # and no longer read or written: to drop in a later release, once no running release uses them.
    hero_image = models.ImageField(upload_to="articles/%Y/", blank=True)
    hero_alt = models.CharField(
        "hero image alt text",
        max_length=300,
        blank=True,
        help_text="What the image shows, for readers who cannot see it.",
    )
    hero_caption = models.CharField(max_length=300, blank=True)
    hero_credit = models.CharField(max_length=200, blank=True)
    tags = TaggableManager(blank=True)
    # Search and sharing: each empty one falls back to what readers see (headline, dek, hero).
    seo_title = models.CharField(
        "SEO title",
        max_length=70,
        blank=True,
        default="",
        db_default="",
        help_text="The title search engines and social sites show, when it should differ from the headline. "
        "Search results show about 60 characters.",
    )
    seo_description = models.CharField(
        "meta description",
        max_length=160,
        blank=True,
        default="",
        db_default="",
        help_text="The line under the title in search results and on shared cards. The dek when empty.",
    )
    share_image = models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="share picture",
        help_text="The picture on social sites' cards. The hero image when empty.",
    )
    rating = models.PositiveSmallIntegerField(
        choices=Rating.choices, null=True, blank=True, help_text="Reviews only: the magazine's rating out of five."
    )
    reading_minutes = models.PositiveSmallIntegerField(
        default=1, db_default=1, editable=False, help_text="Counted from the body when the article is saved."
    )
    # For the desk's list, which shows it for every row: counted once per save, never per render.
    word_count = models.PositiveIntegerField(
        "words", default=0, db_default=0, editable=False, help_text="Counted from the body when the article is saved."
    )
    # Title (A), dek, works, the people and companies their cards name, ISBNs and the authors (B), body (C);
    # kept current by articles.search.
    search_vector = SearchVectorField(null=True, editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        help_text="When readers first see the article. A time in the future schedules it; it then appears by itself.",
    )
    embargo_until = models.DateTimeField(
        "embargo until",
        null=True,
        blank=True,
        help_text="Nothing publishes before this time, whatever the publish time says.",
    )
    embargo_set_by = models.CharField(
        "embargo set by",
        max_length=200,
        blank=True,
        # `default` too: with only the database's, a new article held an expression object that the
        # writer's form showed as text ("<DatabaseDefault object at 0x…>").
        default="",
        db_default="",
        help_text="Who set the embargo: the distributor or the festival, e.g. “Neon” or “Festival de Cannes”.",
    )
    editor_note = models.TextField(
        "note from the editor",
        blank=True,
        default="",
        db_default="",
        help_text="Why the article was sent back to its writer.",
    )
    submitted_at = models.DateTimeField("submitted for review", null=True, blank=True, editable=False)
    # Optimistic locking: every save adds one; a form saved from an older number is refused.
    lock_version = models.PositiveIntegerField(default=0, db_default=0, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    citations_in_entered_order = models.BooleanField(
        "keep works cited in the order entered",
        default=False,
        db_default=False,
        help_text="Works cited are listed alphabetically, as MLA asks: by author, or by title when there is none. "
        "Tick to list them in the order given to them here instead.",
    )
    comment_mode = models.CharField(
        "comments",
        max_length=10,
        choices=CommentMode.choices,
        default=CommentMode.DEFAULT,
        db_default=CommentMode.DEFAULT,
        help_text="How comments are moderated here; they also close a set number of days after publication.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    # The body `set_clean_body()` took, which `derive()` need not clean again.
    _clean_body: str | None = None

    class Meta:
        ordering = ["-publish_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-publish_at"], name="article_status_publish_idx"),
            # Lists, counts and the archive of published articles (bench/README.md): newest first,
            # with the embargo in the index so that counting them never reads the table.
            models.Index(
                fields=["-publish_at", "-id"],
                include=["embargo_until"],
                condition=Q(status="published"),
                name="article_published_idx",
            ),
            models.Index(
                fields=["section", "-publish_at", "-id"],
                include=["embargo_until"],
                condition=Q(status="published"),
                name="article_section_published_idx",
            ),
        ]
        permissions = [
            ("publish_article", "Can publish, schedule and unpublish articles"),
            ("edit_any_article", "Can see and edit every writer’s articles"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_at__isnull=False),
                name="published_article_has_publish_time",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="article_rating_one_to_five",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        # What belongs to the row only: no other table is read or written here. Rendering the
        # library's pictures into the body and keeping a changed address are the write path's
        # (articles/writing.py), which the desk, the importer and the demo go through.
        self.derive()
        self.lock_version = (self.lock_version or 0) + 1
        if kwargs.get("update_fields") is not None:
            derived = {"body", "reading_minutes", "word_count", "publish_at", "lock_version", "updated_at"}
            kwargs["update_fields"] = {*kwargs["update_fields"], *derived}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return slug_url("articles:detail", self.slug)

    def derive(self) -> None:
        """Set what the row derives from itself before it is written: the cleaned body, its
        anchors and reading time, the publish time. `save()` calls it; so do bulk writers."""
        # A body the write path has just cleaned (and rendered pictures into) is not cleaned
        # again: `is`, not `==`, so that any later change to the body is cleaned.
        if self.body is not self._clean_body:
            self.body = clean_html(self.body)
        self.derive_from_clean_body()

    def set_clean_body(self, body: str) -> None:
        """Take `body`, already through `clean_html` or made from it by our own templates, as the
        body that `save()` stores without cleaning it a second time (bleach takes 10-25 ms over
        a long body)."""
        self.body = self._clean_body = body

    def derive_from_clean_body(self) -> None:
        """`derive()` for a body already through `clean_html` (the WordPress import cleans each
        body itself, to report what cleaning dropped, and need not pay for it twice)."""
        # Subheadings get their anchors here, once, so that pages never rewrite the body.
        self.body = body_text.separate_blocks(body_text.add_heading_ids(body_text.number_footnotes(self.body)))
        self.word_count = body_text.word_count(self.body)
        self.reading_minutes = body_text.reading_minutes(self.body)
        if self.status == self.Status.PUBLISHED:
            if self.publish_at is None:
                self.publish_at = timezone.now()
            # Nothing publishes before the embargo; `published()` enforces it too.
            if self.embargo_until and self.publish_at < self.embargo_until:
                self.publish_at = self.embargo_until

    def slug_is_free(self, slug: str) -> bool:
        """Whether this article may take the address `slug`: no other article has it, and no
        other article's former address is it (that one still takes readers to its article)."""
        others = Article.objects.exclude(pk=self.pk) if self.pk else Article.objects.all()
        redirects = FormerSlug.objects.filter(slug=slug)
        if self.pk:
            redirects = redirects.exclude(article_id=self.pk)
        return not others.filter(slug=slug).exists() and not redirects.exists()

    def free_slug(self) -> str:
        """An address to propose instead of a taken one: the first free of <slug>-2, <slug>-3…"""
        max_length = self._meta.get_field("slug").max_length
        number = 2
        while True:
            suffix = f"-{number}"
            candidate = self.slug[: max_length - len(suffix)].rstrip("-") + suffix
            if self.slug_is_free(candidate):
                return candidate
            number += 1

    def validate_unique(self, exclude=None) -> None:
        super().validate_unique(exclude=exclude)
        if (exclude and "slug" in exclude) or not self.slug:
            return
        former = FormerSlug.objects.filter(slug=self.slug).select_related("article").first()
        if former is not None and former.article_id != self.pk:
            raise ValidationError(
                {
                    "slug": ValidationError(
                        "“%(slug)s” was the address of “%(title)s” and still takes readers there. "
                        "Choose another address, such as “%(free)s”.",
                        code="slug_redirects",
                        params={"slug": self.slug, "title": former.article.title, "free": self.free_slug()},
                    )
                }
            )

    def unique_error_message(self, model_class, unique_check):
        if unique_check == ("slug",):
            holder = Article.objects.filter(slug=self.slug).exclude(pk=self.pk).first()
            return ValidationError(
                "“%(slug)s” is the address of “%(title)s”. Choose another address, such as “%(free)s”.",
                code="unique",
                params={
                    "slug": self.slug,
                    "title": holder.title if holder else "another article",
                    "free": self.free_slug(),
                },
            )
        return super().unique_error_message(model_class, unique_check)

    def clean(self) -> None:
        errors = {}
        if self.rating is not None and self.kind != self.Kind.REVIEW:
            errors["rating"] = ValidationError("Only reviews carry a rating.", code="rating_not_review")
        if self.embargo_until and not self.embargo_set_by.strip():
            errors["embargo_set_by"] = ValidationError(
                "Say who set the embargo: the distributor or the festival.", code="embargo_without_source"
            )
        if errors:
            raise ValidationError(errors)

    @property
    def goes_live_at(self) -> datetime.datetime | None:
        """When readers see it: the publish time, or the end of the embargo if that is later."""
        if self.publish_at is None:
            return None
        if self.embargo_until and self.embargo_until > self.publish_at:
            return self.embargo_until
        return self.publish_at

    @property
    def is_embargoed(self) -> bool:
        return self.embargo_until is not None and self.embargo_until > timezone.now()

    @property
    def is_published(self) -> bool:
        """Whether readers see it now; the same rule as `Article.objects.published()`."""
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
            and not self.is_embargoed
        )

    @property
    def state(self) -> Article.State:
        if self.status == self.Status.PUBLISHED:
            if self.is_published:
                return self.State.LIVE
            return self.State.EMBARGOED if self.is_embargoed else self.State.SCHEDULED
        return self.State(self.status)

    def get_state_display(self) -> str:
        return self.state.label

    @property
    def modified_at(self) -> datetime.datetime | None:
        """When readers last saw the article change: its latest dated correction or update, else publication.

        Cheap after `with_related()` (prefetched corrections) or `with_modified()` (annotation).
        """
        latest = getattr(self, "last_correction_at", _UNSET)
        if latest is _UNSET:
            latest = max((correction.date for correction in self.corrections.all()), default=None)
        dates = [date for date in (self.publish_at, latest) if date is not None]
        return max(dates) if dates else None

    @property
    def is_modified(self) -> bool:
        return self.modified_at is not None and self.publish_at is not None and self.modified_at > self.publish_at

    @property
    def table_of_contents(self) -> list[body_text.Heading]:
        """The body's subheadings when there are enough of them for a table of contents."""
        return body_text.table_of_contents(self.body)

    @property
    def sorted_tags(self) -> list:
        """The tags in alphabetical order (cheap after `with_related()`)."""
        return sorted(self.tags.all(), key=lambda tag: tag.name.lower())

    @property
    def bylines(self) -> list[Author]:
        """The authors in byline order (cheap after `with_related()` or `with_cards()`)."""
        return [link.author for link in self.article_authors.all()]

    @property
    def works_cited(self) -> list[Citation]:
        """The works cited as the page lists them (cheap after `with_related()`): alphabetically, as
        MLA lists them, unless the article keeps the order they were given."""
        citations = list(self.citations.all())
        if self.citations_in_entered_order:
            return citations
        return sorted(citations, key=lambda citation: citation.sort_key)

    @property
    def card_work(self) -> Work | None:
        """The work whose card heads the article, if any."""
        links = getattr(self, "card_links", None)
        if links is None:
            links = [link for link in self.article_works.all() if link.is_card]
        return links[0].work.specific if links else None

    @property
    def reviewed_work(self) -> Work | None:
        """What a review rates: its card's work (a review rates one)."""
        return self.card_work if self.kind == self.Kind.REVIEW else None

    @property
    def share_picture(self) -> Image | None:
        """The picture shared with the article: the one chosen for it, else its hero."""
        return self.share_image or self.hero


class SearchEntryQuerySet(models.QuerySet):
    def public(self, at: datetime.datetime | None = None) -> SearchEntryQuerySet:
        """The entries of articles readers may see at `at` (default: now)."""
        return self.filter(due(at))


class SearchEntry(models.Model):
    """What full-text search reads: the search document of a published article, with its times.

    One row per published article, public or still waiting for its publish time or embargo (the
    clock makes those public with nothing written, so search filters on the times it keeps here).
    A copy of `Article.search_vector`, kept in step by `articles.search.update_search_vectors`
    (PostgreSQL only; elsewhere search reads the articles and this table stays empty). Ranking
    reads the document of every match: here it is kept in the row (storage MAIN, set by the
    migration), one read per match, where the article's own copy is cut into TOAST chunks that
    cost an index lookup each; and a newest-first walk for common words reads these rows only.
    """

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="search_entry")
    publish_at = models.DateTimeField()
    embargo_until = models.DateTimeField(null=True)
    document = SearchVectorField()

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "search entries"
        # The GIN index on the document is made by the migration, on PostgreSQL only.
        indexes = [models.Index(fields=["-publish_at", "-article"], name="search_entry_newest_idx")]

    def __str__(self) -> str:
        return f"search entry of article {self.article_id}"


class FormerSlugQuerySet(models.QuerySet):
    def published_article(self, slug: str) -> Article | None:
        """The published article whose address was `slug` before its slug changed, if any."""
        former = self.filter(slug=slug, article__in=Article.objects.published()).select_related("article").first()
        return former.article if former else None


class FormerSlug(models.Model):
    """An address a published article had before its slug changed; it redirects (301) to the current one."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="former_slugs")
    slug = models.SlugField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FormerSlugQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "former address"
        verbose_name_plural = "former addresses"

    def __str__(self) -> str:
        return self.slug

    def get_absolute_url(self) -> str:
        return slug_url("articles:detail", self.slug)


_UNSET = object()


class FeaturedArticle(models.Model):
    """An article the editors put on the front page; the lowest order comes first."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="featured")
    order = models.PositiveSmallIntegerField(default=0, help_text="The front page shows the lowest numbers first.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "featured article"

    def __str__(self) -> str:
        return str(self.article)


class Correction(models.Model):
    """A dated correction or update shown under the article; it moves the article's modified date."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    date = models.DateTimeField(default=timezone.now, help_text="When the article was corrected or updated.")
    text = models.TextField(help_text="Plain text, shown under the article: what was wrong, or what is new.")

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = "correction or update"
        verbose_name_plural = "corrections and updates"
        indexes = [models.Index(fields=["article", "-date"], name="correction_article_date_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.date:%Y-%m-%d}"


class ArticleAuthor(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="article_links")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "byline"
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="unique_article_author")]

    def __str__(self) -> str:
        return str(self.author)


class ArticleWork(models.Model):
    """A work an article discusses; one of them may head it with its card."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="article_works")
    # Table and column keep the names they had when films were the only works (docs/deploy.md).
    work = models.ForeignKey(Work, on_delete=models.PROTECT, related_name="article_links", db_column="film_id")
    is_card = models.BooleanField(
        "card", default=False, help_text="Show this work's card at the top of the article (one work at most)."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "articles_articlefilm"
        ordering = ["order", "pk"]
        verbose_name = "work discussed"
        verbose_name_plural = "works discussed"
        constraints = [
            models.UniqueConstraint(fields=["article", "work"], name="unique_article_film"),
            models.UniqueConstraint(fields=["article"], condition=Q(is_card=True), name="one_card_film_per_article"),
        ]

    def __str__(self) -> str:
        return str(self.work)

    def absorb(self, duplicate: ArticleWork) -> None:
        """Take over what a duplicate link to the same article says, before it goes (a merge of works):
        the card stays on the article, and the link keeps the earlier place."""
        self.is_card = self.is_card or duplicate.is_card
        self.order = min(self.order, duplicate.order)


class Citation(models.Model):
    """One entry of an article's Works Cited, rendered in MLA style."""

    class Kind(models.TextChoices):
        BOOK = "book", "Book"
        CHAPTER = "chapter", "Chapter or essay in a book"
        ARTICLE = "article", "Article (journal, magazine, newspaper)"
        WEB = "web", "Web page"
        FILM = "film", "Film"
        SONG = "song", "Song"
        ALBUM = "album", "Album"
        TV = "tv", "TV series or season"
        EPISODE = "episode", "TV episode"
        GAME = "game", "Video game"
        OTHER = "other", "Other"

        @property
        def is_part_of_larger_work(self) -> bool:
            """MLA sets titles of parts in quotation marks and whole works in italics."""
            return self in {self.CHAPTER, self.ARTICLE, self.WEB, self.SONG, self.EPISODE}

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="citations")
    order = models.PositiveSmallIntegerField(default=0)
    work = models.ForeignKey(
        Work,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="citations",
        verbose_name="work in our records",
        help_text="A film, album, book, series or game we keep: the entry then links to its page and takes "
        "its author, title, publisher and date from the record (fields typed here fill what the record lacks).",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.BOOK)
    author = models.CharField(
        max_length=300, blank=True, help_text="As MLA lists it: “Last, First” — or a band or an organisation."
    )
    title = models.CharField(max_length=500)
    container = models.CharField(
        max_length=300, blank=True, help_text="The larger work it is part of: journal, book, album, website."
    )
    contributors = models.CharField(max_length=300, blank=True, help_text="For example “directed by Sean Baker”.")
    publisher = models.CharField(max_length=200, blank=True)
    volume = models.CharField(max_length=20, blank=True)
    issue = models.CharField(max_length=20, blank=True)
    pages = models.CharField(max_length=20, blank=True, help_text="For example 12–30.")
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    date = models.DateField(null=True, blank=True, help_text="Only when the full date matters (articles, web pages).")
    url = models.URLField("URL", blank=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "work cited"
        verbose_name_plural = "works cited"

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if self.date:
            self.year = self.date.year
        if self.work_id and not self.title:
            self.title = self.work.title
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.work_id and not self.title:
            self.title = self.work.title

    @cached_property
    def facts(self) -> dict:
        """The entry's elements: the record's facts when it points at a work, else what was typed."""
        typed = {
            "kind": self.kind,
            "author": self.author,
            "title": self.title,
            "container": self.container,
            "contributors": self.contributors,
            "publisher": self.publisher,
            "year": self.year,
            "date": self.date,
        }
        if self.work_id is None:
            return typed
        record = mla_facts(self.work)
        return {name: record.get(name) or value for name, value in typed.items()}

    @property
    def sort_key(self) -> tuple:
        """Where MLA puts the entry in a list of works cited: by its first element (the author, or
        the title when there is none, without a leading A, An or The), then by title."""
        facts = self.facts
        title = _sortable(facts["title"], title=True)
        author = facts["author"]
        return (_sortable(author) if author.strip() else title, title, self.order, self.pk or 0)

    @property
    def published(self) -> str:
        facts = self.facts
        if date := facts["date"]:
            # MLA abbreviates months longer than four letters: 18 Oct. 2024, 3 June 2025.
            month = date.strftime("%B")
            month = month if len(month) <= 4 else f"{month[:3]}."
            return f"{date.day} {month} {date.year}"
        return str(facts["year"] or "")

    def as_mla(self) -> SafeString:
        """The entry as MLA 9 sets it, with the title in italics or quotation marks, linked to the
        work's page when it points at a work that has one."""
        facts = self.facts
        page = self.work.get_absolute_url() if self.work_id else None
        if self.Kind(facts["kind"]).is_part_of_larger_work:
            title = format_html("“{}”", _end_sentence(facts["title"]))
            if page:
                title = format_html('<a href="{}">{}</a>', page, title)
        else:
            title = format_html("<cite>{}</cite>", facts["title"])
            if page:
                title = format_html('<a href="{}">{}</a>', page, title)
            title = format_html("{}{}", title, "" if _ends_sentence(facts["title"]) else ".")
        parts = []
        if facts["author"]:
            parts.append(_end_sentence(facts["author"]))
        parts.append(title)
        details = [
            format_html("<cite>{}</cite>", facts["container"]) if facts["container"] else "",
            facts["contributors"],
            f"vol. {self.volume}" if self.volume else "",
            f"no. {self.issue}" if self.issue else "",
            facts["publisher"],
            self.published,
            f"pp. {self.pages}" if self.pages else "",
            self.url,
        ]
        details = [detail for detail in details if detail]
        if details:
            # After a full stop the next element starts with a capital ("Directed by ...").
            if not isinstance(details[0], SafeString):
                details[0] = details[0][:1].upper() + details[0][1:]
            parts.append(format_html("{}.", format_html_join(", ", "{}", ((d,) for d in details))))
        return format_html_join(" ", "{}", ((part,) for part in parts))


_LEADING_MARKS = re.compile(r"^[\W_]+")
_LEADING_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)


def _sortable(text: str, *, title: bool = False) -> str:
    """`text` as it is alphabetised: without accents, case or leading quotation marks, and for a
    title without its leading article ("The Florida Project" under F)."""
    text = "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))
    text = _LEADING_MARKS.sub("", text)
    if title:
        text = _LEADING_MARKS.sub("", _LEADING_ARTICLE.sub("", text))
    return text.casefold()


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "?", "!"))


def _end_sentence(text: str) -> str:
    """`text` with a full stop, unless it already ends with . ? or !"""
    text = text.rstrip()
    return text if _ends_sentence(text) else f"{text}."


# --- Notifications of the workflow -----------------------------------------------------------


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user) -> NotificationQuerySet:
        return self.filter(recipient_id=user.pk) if user.pk else self.none()

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)

    def mark_read(self) -> int:
        return self.unread().update(read_at=timezone.now())


class Notification(models.Model):
    """A step of the workflow told to someone it concerns (articles/notifications.py makes them)."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for review"
        SENT_BACK = "sent_back", "Sent back to the writer"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="desk_notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="notifications")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="by"
    )
    # What the person reads: "Sent back by Ada: …the note…", "Scheduled for 3 May, 09:00".
    message = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The header's unread count on every admin page.
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.article}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """Which notifications one person also gets by mail (all of them until they say otherwise)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="desk_mail_preference"
    )
    mail_submitted = models.BooleanField("an article is submitted for review", default=True)
    mail_sent_back = models.BooleanField("my article is sent back to me", default=True)
    mail_scheduled = models.BooleanField("my article is scheduled", default=True)
    mail_published = models.BooleanField("my article is published", default=True)

    class Meta:
        verbose_name = "mail preference"

    def __str__(self) -> str:
        return f"Mail preferences of {self.user}"

    def wants_mail(self, kind: str) -> bool:
        return getattr(self, f"mail_{kind}")


# The desk's autosaves and presence live in modules of their own; Django finds models here.
from .autosave import Autosave  # noqa: E402, F401
from .presence import Presence  # noqa: E402, F401
