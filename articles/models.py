"""Sections, articles and their works cited."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from taggit.managers import TaggableManager

from authors.models import Author
from films.models import Film
from images.models import Image
from images.richtext import render_figures
from magazine.sanitize import clean_html


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
        return reverse("articles:section", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def published(self, at: datetime.datetime | None = None) -> ArticleQuerySet:
        """Articles readers may see at `at` (default: now)."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=at or timezone.now())

    def with_cards(self) -> ArticleQuerySet:
        """Fetch what a list card shows: section, hero image, bylines, the card's film."""
        return self.select_related("section", "hero").prefetch_related(
            Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author")),
            Prefetch(
                "article_films",
                queryset=ArticleFilm.objects.filter(is_card=True).select_related("film"),
                to_attr="card_links",
            ),
        )

    def with_related(self) -> ArticleQuerySet:
        """Fetch everything the article page shows, in a fixed number of queries."""
        return self.select_related("section", "hero").prefetch_related(
            Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author")),
            Prefetch(
                "article_films",
                queryset=ArticleFilm.objects.prefetch_related(Prefetch("film", queryset=Film.objects.with_card())),
            ),
            "tags",
            "citations",
        )


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
        ARCHIVED = "archived", "Archived"

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
    films = models.ManyToManyField(
        Film, through="ArticleFilm", related_name="articles", help_text="Films this article discusses."
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
    rating = models.PositiveSmallIntegerField(
        choices=Rating.choices, null=True, blank=True, help_text="Reviews only: the magazine's rating out of five."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        "publish time", null=True, blank=True, help_text="Set when the article is first published."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        indexes = [models.Index(fields=["status", "-publish_at"], name="article_status_publish_idx")]
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
        self.body = render_figures(clean_html(self.body))
        if self.status == self.Status.PUBLISHED and self.publish_at is None:
            self.publish_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        errors = {}
        if self.rating is not None and self.kind != self.Kind.REVIEW:
            errors["rating"] = ValidationError("Only reviews carry a rating.", code="rating_not_review")
        if errors:
            raise ValidationError(errors)

    @property
    def is_published(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED and self.publish_at is not None and self.publish_at <= timezone.now()
        )

    @property
    def bylines(self) -> list[Author]:
        """The authors in byline order (cheap after `with_related()` or `with_cards()`)."""
        return [link.author for link in self.article_authors.all()]

    @property
    def card_film(self) -> Film | None:
        """The film whose card heads the article, if any."""
        links = getattr(self, "card_links", None)
        if links is None:
            links = [link for link in self.article_films.all() if link.is_card]
        return links[0].film if links else None


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


class ArticleFilm(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="article_films")
    film = models.ForeignKey(Film, on_delete=models.PROTECT, related_name="article_links")
    is_card = models.BooleanField(
        "film card", default=False, help_text="Show this film's card at the top of the article (one film at most)."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "film discussed"
        verbose_name_plural = "films discussed"
        constraints = [
            models.UniqueConstraint(fields=["article", "film"], name="unique_article_film"),
            models.UniqueConstraint(fields=["article"], condition=Q(is_card=True), name="one_card_film_per_article"),
        ]

    def __str__(self) -> str:
        return str(self.film)


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
        OTHER = "other", "Other"

        @property
        def is_part_of_larger_work(self) -> bool:
            """MLA sets titles of parts in quotation marks and whole works in italics."""
            return self in {self.CHAPTER, self.ARTICLE, self.WEB, self.SONG}

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="citations")
    order = models.PositiveSmallIntegerField(default=0)
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
        super().save(*args, **kwargs)

    @property
    def published(self) -> str:
        if self.date:
            # MLA abbreviates months longer than four letters: 18 Oct. 2024, 3 June 2025.
            month = self.date.strftime("%B")
            month = month if len(month) <= 4 else f"{month[:3]}."
            return f"{self.date.day} {month} {self.date.year}"
        return str(self.year or "")

    def as_mla(self) -> SafeString:
        """The entry as MLA 9 sets it, with the title in italics or quotation marks."""
        if self.Kind(self.kind).is_part_of_larger_work:
            title = format_html("“{}”", _end_sentence(self.title))
        else:
            title = format_html("<cite>{}</cite>{}", self.title, "" if _ends_sentence(self.title) else ".")
        parts = []
        if self.author:
            parts.append(_end_sentence(self.author))
        parts.append(title)
        details = [
            format_html("<cite>{}</cite>", self.container) if self.container else "",
            self.contributors,
            f"vol. {self.volume}" if self.volume else "",
            f"no. {self.issue}" if self.issue else "",
            self.publisher,
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


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "?", "!"))


def _end_sentence(text: str) -> str:
    """`text` with a full stop, unless it already ends with . ? or !"""
    text = text.rstrip()
    return text if _ends_sentence(text) else f"{text}."
