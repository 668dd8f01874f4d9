"""Each kind of work: what its card, page and structured data need beyond what every work has."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from films.isbn import ISBNField

from .base import Company, Credit, Person, ProposalQuerySet, Work, card_credits, proposal_fields


class FilmQuerySet(ProposalQuerySet):
    def with_card(self) -> FilmQuerySet:
        """Fetch what a film card shows: distributor, poster and directors."""
        return self.select_related("distributor", "picture").prefetch_related(card_credits())


class Film(Work):
    KIND = Work.Kind.FILM

    # The film's row keeps its column `id`, now the link to its work (which has the same id), so every
    # existing reference to a film still holds: films were works' only kind before the others came.
    work_ptr = models.OneToOneField(
        Work, on_delete=models.CASCADE, parent_link=True, primary_key=True, db_column="id", serialize=False
    )
    distributor = models.ForeignKey(Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="films")
    runtime = models.PositiveSmallIntegerField(null=True, blank=True, help_text="In minutes.")
    imdb_id = models.CharField("IMDb ID", max_length=20, blank=True, help_text="For example tt28607951.")
    # Films' and people's alone for now: works of the other kinds are the desk's (README, not yet).
    status, proposed_by = proposal_fields()

    objects = FilmQuerySet.as_manager()

    class Meta:
        ordering = ["title", "year"]

    @property
    def directors(self) -> list[Person]:
        """The film's directors; cheap after `Film.objects.with_card()`."""
        return self._credited(Credit.Role.DIRECTOR)


class Album(Work):
    KIND = Work.Kind.ALBUM

    class Format(models.TextChoices):
        # The values are schema.org's MusicAlbumReleaseType and MusicAlbumProductionType members.
        STUDIO = "StudioAlbum", "Studio album"
        LIVE = "LiveAlbum", "Live album"
        COMPILATION = "CompilationAlbum", "Compilation"
        SOUNDTRACK = "SoundtrackAlbum", "Soundtrack"
        EP = "EPRelease", "EP"
        SINGLE = "SingleRelease", "Single"

    label = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="albums", help_text="The record label."
    )
    format = models.CharField(max_length=20, choices=Format.choices, default=Format.STUDIO)

    class Meta:
        ordering = ["title", "year"]

    @property
    def artists(self) -> list[Person]:
        return self._credited(Credit.Role.ARTIST)

    @property
    def running_time(self) -> datetime.timedelta | None:
        """The tracks' durations added up (None when any is missing: a partial sum would mislead)."""
        durations = [track.duration for track in self.tracks.all()]
        if not durations or None in durations:
            return None
        return sum(durations, datetime.timedelta())


class Track(models.Model):
    album = models.ForeignKey(Album, on_delete=models.CASCADE, related_name="tracks")
    number = models.PositiveSmallIntegerField(help_text="Its place on the album, from 1.")
    title = models.CharField(max_length=300)
    duration = models.DurationField(null=True, blank=True, help_text="Minutes and seconds, e.g. 4:05.")

    class Meta:
        ordering = ["album", "number"]
        constraints = [
            models.UniqueConstraint(fields=["album", "number"], name="unique_track_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="track_number_from_one"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def duration_iso(self) -> str:
        """ISO 8601, for `<time datetime>` and schema.org: PT4M5S."""
        if self.duration is None:
            return ""
        minutes, seconds = divmod(int(self.duration.total_seconds()), 60)
        hours, minutes = divmod(minutes, 60)
        return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{seconds}S"

    @property
    def duration_display(self) -> str:
        """m:ss, as a sleeve prints it."""
        if self.duration is None:
            return ""
        minutes, seconds = divmod(int(self.duration.total_seconds()), 60)
        return f"{minutes}:{seconds:02d}"


class Book(Work):
    KIND = Work.Kind.BOOK

    publisher = models.ForeignKey(Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="books")
    isbn = ISBNField(
        "ISBN-13",
        blank=True,
        default="",
        help_text="Of the edition discussed; hyphens are fine, and an ISBN-10 is turned into its ISBN-13.",
    )
    pages = models.PositiveIntegerField(null=True, blank=True)
    edition = models.CharField(max_length=100, blank=True, help_text="For example “First edition” or “Paperback”.")

    class Meta:
        ordering = ["title", "year"]
        constraints = [
            models.UniqueConstraint(fields=["isbn"], condition=~Q(isbn=""), name="unique_book_isbn"),
        ]

    @property
    def authors(self) -> list[Person]:
        return self._credited(Credit.Role.AUTHOR)

    @property
    def translators(self) -> list[Person]:
        return self._credited(Credit.Role.TRANSLATOR)


class Series(Work):
    KIND = Work.Kind.SERIES

    # Named so that a work's accessor for its series row does not clash with `Season.series`.
    work_ptr = models.OneToOneField(
        Work, on_delete=models.CASCADE, parent_link=True, primary_key=True, related_name="tv_series"
    )

    network = models.ForeignKey(
        Company,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="series",
        help_text="The channel or streaming service that first showed it.",
    )
    first_air_date = models.DateField(null=True, blank=True)
    last_air_date = models.DateField(null=True, blank=True, help_text="Empty while it is still on the air.")

    class Meta:
        ordering = ["title", "year"]
        verbose_name = "TV series"
        verbose_name_plural = "TV series"
        constraints = [
            models.CheckConstraint(
                condition=Q(last_air_date__isnull=True)
                | Q(first_air_date__isnull=True)
                | Q(last_air_date__gte=F("first_air_date")),
                name="series_ends_after_it_starts",
            ),
        ]

    def clean(self) -> None:
        if self.first_air_date and self.last_air_date and self.last_air_date < self.first_air_date:
            raise ValidationError(
                {"last_air_date": ValidationError("It cannot end before it starts.", code="ends_before_start")}
            )

    def save(self, *args, **kwargs) -> None:
        if self.first_air_date and not self.release_date:
            self.release_date = self.first_air_date
        super().save(*args, **kwargs)

    @property
    def creators(self) -> list[Person]:
        return self._credited(Credit.Role.CREATOR)


class Season(Work):
    KIND = Work.Kind.SEASON

    # As for series: `Episode.season` has the name.
    work_ptr = models.OneToOneField(
        Work, on_delete=models.CASCADE, parent_link=True, primary_key=True, related_name="tv_season"
    )

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="seasons")
    number = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["series", "number"]
        verbose_name = "TV season"
        constraints = [models.UniqueConstraint(fields=["series", "number"], name="unique_season_number")]

    def save(self, *args, **kwargs) -> None:
        if not self.title:
            self.title = f"{self.series.title}, season {self.number}"
        super().save(*args, **kwargs)


class Episode(Work):
    KIND = Work.Kind.EPISODE

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="episodes")
    number = models.PositiveSmallIntegerField(help_text="Its place in the season, from 1.")

    class Meta:
        ordering = ["season", "number"]
        verbose_name = "TV episode"
        constraints = [models.UniqueConstraint(fields=["season", "number"], name="unique_episode_number")]

    @property
    def code(self) -> str:
        """S02E05, as listings write it."""
        return f"S{self.season.number:02d}E{self.number:02d}"


class Platform(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Game(Work):
    KIND = Work.Kind.GAME

    studio = models.ForeignKey(
        Company,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="games_developed",
        help_text="The studio that made it (its developer).",
    )
    publisher = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="games_published"
    )
    platforms = models.ManyToManyField(Platform, blank=True, related_name="games")

    class Meta:
        ordering = ["title", "year"]
        verbose_name = "video game"
