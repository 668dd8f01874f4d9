"""Works of every kind, the people who make them and the companies that put them out.

One `Work` table holds what every kind shares (title, address, year, release date, picture,
summary) and is what every link points at: credits, the articles that discuss a work, works cited.
Each kind keeps its own facts in a table of its own (`films.models.kinds`), joined one to one.
People and companies are one graph across kinds: a director who writes novels is one `Person`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q

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
    is_group = models.BooleanField(
        "a group",
        default=False,
        db_default=False,
        help_text="Tick for a band, a duo, an orchestra or a collective credited under one name.",
    )
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

    def get_absolute_url(self) -> str:
        return slug_url("films:company", self.slug)

    def work_ids(self) -> models.QuerySet:
        """The ids of the works it played any part in, as one UNION of its parts (a query to use inside
        another): reading each kind's foreign key by its index, where one OR over the six parts joined
        every kind's table to every work (the articles about the bench corpus's busiest company: 21 ms
        to count, 13 now)."""
        parts = [getattr(self, related).order_by().values("pk") for _label, related in COMPANY_PARTS]
        return parts[0].union(*parts[1:])

    def works_by_role(self) -> list[tuple[str, list[Work]]]:
        """What the company put out, by its part (distributor, label, publisher, network, studio), newest
        first: one query a part, however many works."""
        parts = []
        for label, related in COMPANY_PARTS:
            works = list(getattr(self, related).order_by(models.F("year").desc(nulls_last=True), "title", "pk"))
            if works:
                parts.append((label, works))
        return parts


def _own_card_relations(model) -> list[str]:
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.many_to_one and not field.remote_field.parent_link and field.name != "proposed_by"
    ]


class WorkQuerySet(models.QuerySet):
    def with_card(self) -> WorkQuerySet:
        """Fetch what a work's card shows, whatever its kind: its picture, its kind's row with that
        row's companies, and the people the card names (directors, artists, authors, creators)."""
        if self.model is not Work:
            # One kind's rows (Album.objects…, the desk's list of albums): its companies and picture are
            # its own fields, and the other kinds' links are no relation of it (a FieldError, a 500).
            return self.select_related(*_own_card_relations(self.model)).prefetch_related(card_credits())
        return self.select_related(*card_relations()).prefetch_related(card_credits())

    def of_kind(self, kind: str) -> WorkQuerySet:
        return self.filter(kind=kind)

    def possible_duplicates(
        self, *, kind: str, title: str, year: int | None, exclude: int | None = None
    ) -> WorkQuerySet:
        """Works of `kind` with the same title, whatever its case, and the same year (or none given):
        what the desk asks about before it saves another."""
        found = self.filter(kind=kind, title__iexact=" ".join(title.split()))
        if year:
            found = found.filter(Q(year=year) | Q(year__isnull=True))
        if exclude:
            found = found.exclude(pk=exclude)
        return found


def card_relations(through: str = "") -> list[str]:
    """The joins a card of any kind needs, for works reached `through` a relation ("work__")."""
    return [
        f"{through}{path}"
        for path in (
            "picture",
            "film__distributor",
            "album__label",
            "book__publisher",
            "tv_series__network",
            "tv_season__series__network",
            "episode__season__series__network",
            "game__studio",
            "game__publisher",
        )
    ]


def kind_relations(through: str = "") -> list[str]:
    """The joins to each kind's row, so that `Work.specific` needs no query (a list card's title
    and address come with the right kind)."""
    return [
        f"{through}{accessor}" for accessor in ("film", "album", "book", "tv_series", "tv_season", "episode", "game")
    ]


def card_credits(through: str = "") -> Prefetch:
    """The prefetch of the people a card names, for works reached `through` a relation ("work__")
    or queried themselves; `Work.card_people` reads it."""
    return Prefetch(
        f"{through}credits",
        queryset=Credit.objects.filter(role__in=CARD_ROLES).select_related("person"),
        to_attr="card_credits",
    )


class Work(models.Model):
    """A film, album, book, TV series, season or episode, or video game; see `Work.specific`."""

    class Kind(models.TextChoices):
        FILM = "film", "Film"
        ALBUM = "album", "Album"
        BOOK = "book", "Book"
        SERIES = "series", "TV series"
        SEASON = "season", "TV season"
        EPISODE = "episode", "TV episode"
        GAME = "game", "Video game"

    # Which kind's row holds the rest (`specific` reads it).
    kind = models.CharField(max_length=10, choices=Kind.choices, editable=False)
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True, help_text="The last part of the work's address.")
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Year of first release; tells apart works of the same title."
    )
    release_date = models.DateField(
        null=True, blank=True, help_text="Release date shown on the card (the home market's)."
    )
    picture = models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="A poster, cover or still, from the media library.",
    )
    summary = models.TextField(blank=True, default="", db_default="", help_text="A few sentences about the work.")
    people = models.ManyToManyField(Person, through="Credit", related_name="works")

    objects = WorkQuerySet.as_manager()

    # Set by each kind.
    KIND: str = ""

    class Meta:
        ordering = ["title", "year"]
        indexes = [models.Index(fields=["kind", "title"], name="work_kind_title_idx")]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title

    def save(self, *args, **kwargs) -> None:
        if self.KIND:
            self.kind = self.KIND
        if self.release_date and not self.year:
            self.year = self.release_date.year
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str | None:
        name = PAGE_NAMES.get(self.kind)
        return slug_url(name, self.slug) if name else None

    @property
    def specific(self) -> Work:
        """The row of the work's own kind (a `Film`, an `Album`...); no query after `with_card()`."""
        if self.KIND or not self.kind:
            return self
        specific = getattr(self, ACCESSORS.get(self.kind, self.kind))
        if hasattr(self, "card_credits"):
            specific.card_credits = self.card_credits
        return specific

    def _credited(self, role: str) -> list[Person]:
        credits = getattr(self, "card_credits", None)
        if credits is None:
            credits = self.credits.filter(role__in=CARD_ROLES).select_related("person")
        return [credit.person for credit in credits if credit.role == role]

    @property
    def card_template(self) -> str:
        """The card an article about it opens with: the film card as it always was, else its kind's."""
        return "films/_card.html" if self.kind == Work.Kind.FILM else f"films/_card_{self.kind}.html"

    @property
    def card_people(self) -> list[Person]:
        """Who the card names for this kind: directors, artists, authors or creators."""
        role = CARD_ROLE_OF_KIND.get(self.kind)
        return self._credited(role) if role else []


# A company's parts, as its page lists them: the label and the reverse relation from each kind.
COMPANY_PARTS = [
    ("Distributed", "films"),
    ("Released (label)", "albums"),
    ("Published (books)", "books"),
    ("Broadcast (network)", "series"),
    ("Developed (studio)", "games_developed"),
    ("Published (games)", "games_published"),
]

# The paths from a work to the companies its own kind names (a season's network is its series'), for
# queries that find the works, or the articles, of a company whatever its part.
COMPANY_PATHS = (
    "film__distributor",
    "album__label",
    "book__publisher",
    "tv_series__network",
    "game__studio",
    "game__publisher",
)

# A work's accessor for its kind's row, where it is not the kind's value.
ACCESSORS = {Work.Kind.SERIES: "tv_series", Work.Kind.SEASON: "tv_season"}

# The readers' page of each kind of work.
PAGE_NAMES = {kind: f"films:{kind}" for kind in Work.Kind.values}

# The kinds as readers' lists group them (feeds, the archive): the address's name, the label, the kinds.
# core.converters.WorkGroupConverter matches the names.
KIND_GROUPS = {
    "films": ("Films", (Work.Kind.FILM,)),
    "albums": ("Albums", (Work.Kind.ALBUM,)),
    "books": ("Books", (Work.Kind.BOOK,)),
    "tv": ("Television", (Work.Kind.SERIES, Work.Kind.SEASON, Work.Kind.EPISODE)),
    "games": ("Video games", (Work.Kind.GAME,)),
}


class CreditQuerySet(models.QuerySet):
    def directors(self) -> CreditQuerySet:
        return self.filter(role=Credit.Role.DIRECTOR)


class Credit(models.Model):
    """A person's part in a work, in any medium."""

    class Role(models.TextChoices):
        DIRECTOR = "director", "Director"
        WRITER = "writer", "Writer"
        PRODUCER = "producer", "Producer"
        CINEMATOGRAPHER = "cinematographer", "Cinematographer"
        EDITOR = "editor", "Editor"
        COMPOSER = "composer", "Composer"
        CAST = "cast", "Cast"
        ARTIST = "artist", "Artist"
        MUSICIAN = "musician", "Musician"
        AUTHOR = "author", "Author"
        TRANSLATOR = "translator", "Translator"
        CREATOR = "creator", "Creator"
        DESIGNER = "designer", "Designer"

        @property
        def group(self) -> Credit.Group:
            return ROLE_GROUPS.get(self, Credit.Group.OTHER)

    class Group(models.TextChoices):
        """How a person's page gathers their credits across kinds, in this order."""

        DIRECTED = "directed", "Directed"
        CREATED = "created", "Created"
        WROTE = "wrote", "Wrote"
        PERFORMED = "performed", "Performed"
        STARRED = "starred", "Starred in"
        PRODUCED = "produced", "Produced"
        SCORED = "scored", "Scored"
        TRANSLATED = "translated", "Translated"
        OTHER = "other", "Other work"

    # The column keeps its name from when credits were films' only (docs/deploy.md: renamed later).
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="credits", db_column="film_id")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="credits")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.DIRECTOR)
    character = models.CharField(
        max_length=200, blank=True, help_text="For cast: the part played; for musicians: the instrument."
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = CreditQuerySet.as_manager()

    class Meta:
        ordering = ["work", "role", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["work", "person", "role"], name="unique_credit_per_role"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.work})"

    @property
    def group(self) -> Credit.Group:
        return self.Role(self.role).group


ROLE_GROUPS = {
    Credit.Role.DIRECTOR: Credit.Group.DIRECTED,
    Credit.Role.CREATOR: Credit.Group.CREATED,
    Credit.Role.DESIGNER: Credit.Group.CREATED,
    Credit.Role.WRITER: Credit.Group.WROTE,
    Credit.Role.AUTHOR: Credit.Group.WROTE,
    Credit.Role.ARTIST: Credit.Group.PERFORMED,
    Credit.Role.MUSICIAN: Credit.Group.PERFORMED,
    Credit.Role.CAST: Credit.Group.STARRED,
    Credit.Role.PRODUCER: Credit.Group.PRODUCED,
    Credit.Role.COMPOSER: Credit.Group.SCORED,
    Credit.Role.TRANSLATOR: Credit.Group.TRANSLATED,
}

# The people a card names, by kind: a film's directors, an album's artists, a book's authors...
CARD_ROLE_OF_KIND = {
    Work.Kind.FILM: Credit.Role.DIRECTOR,
    Work.Kind.ALBUM: Credit.Role.ARTIST,
    Work.Kind.BOOK: Credit.Role.AUTHOR,
    Work.Kind.SERIES: Credit.Role.CREATOR,
    Work.Kind.SEASON: Credit.Role.CREATOR,
    Work.Kind.EPISODE: Credit.Role.DIRECTOR,
    Work.Kind.GAME: Credit.Role.DIRECTOR,
}
# The roles a card names as a work's makers.
MAKER_ROLES = sorted(set(CARD_ROLE_OF_KIND.values()))
# Translators too: a translated book's card names them after its authors.
CARD_ROLES = sorted({*CARD_ROLE_OF_KIND.values(), Credit.Role.TRANSLATOR})
