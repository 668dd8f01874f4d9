"""Films, the people who make them and the companies that release them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Prefetch

from core.addresses import slug_url
from images.models import Image


class Proposal(models.TextChoices):
    """Whether a film or person is the desk's record, or a writer's proposal an editor has yet to confirm."""

    CONFIRMED = "confirmed", "Confirmed"
    PENDING = "pending", "Proposed, awaiting an editor"


def proposal_fields() -> tuple[models.CharField, models.ForeignKey]:
    status = models.CharField(
        max_length=10,
        choices=Proposal.choices,
        default=Proposal.CONFIRMED,
        db_default=Proposal.CONFIRMED,
        help_text="A writer's proposal stays off the site until an editor confirms it (or merges it into "
        "an existing record).",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    return status, proposed_by


class ProposalQuerySet(models.QuerySet):
    def confirmed(self):
        """What readers may see: never a pending proposal."""
        return self.filter(status=Proposal.CONFIRMED)

    def pending(self):
        return self.filter(status=Proposal.PENDING)


class Person(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    bio = models.TextField(
        blank=True, default="", db_default="", help_text="A sentence or two, shown on the person's page."
    )
    portrait = models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="A photo or drawing of them, from the media library.",
    )
    status, proposed_by = proposal_fields()

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return slug_url("films:person", self.slug)


class Company(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"

    def __str__(self) -> str:
        return self.name


class FilmQuerySet(ProposalQuerySet):
    def with_card(self) -> FilmQuerySet:
        """Fetch what a film card shows: distributor, poster and directors."""
        return self.select_related("distributor", "poster").prefetch_related(director_credits())


def director_credits(through: str = "") -> Prefetch:
    """The prefetch of the directors a film card shows, for films reached `through` a relation
    ("film__" from an article's film link) or queried themselves; `Film.directors` reads it."""
    return Prefetch(
        f"{through}credits", queryset=Credit.objects.directors().select_related("person"), to_attr="director_credits"
    )


class Film(models.Model):
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Year of first release; tells apart films of the same title."
    )
    release_date = models.DateField(
        null=True, blank=True, help_text="Release date shown on the film card (the home market's)."
    )
    distributor = models.ForeignKey(Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="films")
    runtime = models.PositiveSmallIntegerField(null=True, blank=True, help_text="In minutes.")
    synopsis = models.TextField(blank=True)
    poster = models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The film's poster or a still from it, from the media library.",
    )
    imdb_id = models.CharField("IMDb ID", max_length=20, blank=True, help_text="For example tt28607951.")
    people = models.ManyToManyField(Person, through="Credit", related_name="films")
    status, proposed_by = proposal_fields()

    objects = FilmQuerySet.as_manager()

    class Meta:
        ordering = ["title", "year"]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title

    def get_absolute_url(self) -> str:
        return slug_url("films:film", self.slug)

    @property
    def directors(self) -> list[Person]:
        """The film's directors; cheap after `Film.objects.with_card()`."""
        credits = getattr(self, "director_credits", None)
        if credits is None:
            credits = self.credits.directors().select_related("person")
        return [credit.person for credit in credits]


class CreditQuerySet(models.QuerySet):
    def directors(self) -> CreditQuerySet:
        return self.filter(role=Credit.Role.DIRECTOR)


class Credit(models.Model):
    class Role(models.TextChoices):
        DIRECTOR = "director", "Director"
        WRITER = "writer", "Writer"
        PRODUCER = "producer", "Producer"
        CINEMATOGRAPHER = "cinematographer", "Cinematographer"
        EDITOR = "editor", "Editor"
        COMPOSER = "composer", "Composer"
        CAST = "cast", "Cast"

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="credits")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.DIRECTOR)
    character = models.CharField(max_length=200, blank=True, help_text="For cast: the part played.")
    order = models.PositiveSmallIntegerField(default=0)

    objects = CreditQuerySet.as_manager()

    class Meta:
        ordering = ["film", "role", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["film", "person", "role"], name="unique_credit_per_role"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.film})"
