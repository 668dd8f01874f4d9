"""A work's page (a film's, an album's, a book's, a TV series', season's or episode's, a game's) and a
person's: who made it, what they made across every kind, and the articles about them (found through
core/about.py: films/ never imports articles/)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import F, Prefetch, QuerySet
from django.utils.functional import cached_property

from core.seo import PageMeta
from core.views import AboutPageView

from . import jsonld
from .models import CARD_ROLES, Album, Book, Company, Credit, Episode, Film, Game, Person, Season, Series, Work


class FilmDetailView(AboutPageView):
    about_name = "film"
    url_name = "films:film"
    template_name = "films/film_detail.html"
    header_template = "films/_header_film.html"

    def get_about_queryset(self) -> QuerySet[Film]:
        # A writer's proposal (films.Proposal) has no page until an editor confirms it.
        return Film.objects.confirmed()

    def get_header_queryset(self) -> QuerySet[Film]:
        return (
            super()
            .get_header_queryset()
            .select_related("distributor", "picture")
            .prefetch_related(Prefetch("credits", queryset=Credit.objects.select_related("person")))
        )

    def page_title(self) -> str:
        return str(self.object)

    def render_header(self):
        # The card's directors come from the credits already fetched.
        self.object.card_credits = [credit for credit in self.object.credits.all() if credit.role in CARD_ROLES]
        return super().render_header()

    def describe(self) -> str:
        film = self.object
        directors = " and ".join(person.name for person in film.directors)
        made = f"{film}, directed by {directors}" if directors else str(film)
        return film.summary or f"{made}: credits and every article about it in {settings.MAGAZINE_NAME}."

    def head_meta(self, meta: PageMeta) -> None:
        meta.type = "video.movie"
        meta.share(self.object.picture)
        meta.json_ld = [jsonld.film_page(self.request, self.object)]

    def header_context(self) -> dict:
        order = {role: position for position, role in enumerate(Credit.Role.values)}
        # The directors are on the film's card, above the credits: named once.
        credits = sorted(
            (credit for credit in self.object.credits.all() if credit.role != Credit.Role.DIRECTOR),
            key=lambda credit: (order[credit.role], credit.order, credit.pk),
        )
        return {"credits": credits}


class PersonDetailView(AboutPageView):
    about_queryset = Person.objects.confirmed()
    about_name = "person"
    url_name = "films:person"
    template_name = "films/person_detail.html"
    header_template = "films/_header_person.html"

    def get_header_queryset(self) -> QuerySet[Person]:
        return super().get_header_queryset().select_related("portrait")

    def describe(self) -> str:
        return (
            self.object.bio or f"{self.object.name}: their work and the articles about it in {settings.MAGAZINE_NAME}."
        )

    @cached_property
    def credits(self) -> list[Credit]:
        return list(
            Credit.objects.filter(person=self.object)
            .select_related("work")
            .order_by(F("work__year").desc(nulls_last=True), "work__title", "work__pk", "role")
        )

    def header_context(self) -> dict:
        return {"career": career(self.credits), "credits": self.credits}

    def head_meta(self, meta: PageMeta) -> None:
        meta.type = "profile"
        meta.share(self.object.portrait)
        meta.json_ld = [jsonld.person_page(self.request, self.object, self.credits)]


class CompanyDetailView(AboutPageView):
    """A company's page: what it distributed, released, published, broadcast or made, and the articles
    about those works."""

    about_queryset = Company.objects.all()
    about_name = "company"
    url_name = "films:company"
    template_name = "films/company_detail.html"
    header_template = "films/_header_company.html"

    def describe(self) -> str:
        return f"{self.object.name}: its films, records, books, series and games, and the articles about them."

    def header_context(self) -> dict:
        return {"parts": self.object.works_by_role()}


def career(credits: list[Credit]) -> list[dict]:
    """A person's credits as their page lists them: by what they did (directed, wrote, performed,
    starred in…, `Credit.Group`, in its order), newest first within each, one line a work with its
    roles (“Writer, Producer”) and, for cast, the part."""
    groups: dict[str, list[dict]] = {}
    for credit in credits:
        entries = groups.setdefault(credit.group, [])
        if entries and entries[-1]["work"].pk == credit.work_id:
            entries[-1]["roles"].append(credit.get_role_display())
        else:
            entries.append({"work": credit.work, "roles": [credit.get_role_display()], "character": credit.character})
    for group, entries in groups.items():
        for entry in entries:
            # Films are most of the list; other kinds say what they are.
            entry["kind"] = "" if entry["work"].kind == Work.Kind.FILM else entry["work"].get_kind_display().lower()
            if entry["character"] and group == Credit.Group.STARRED:
                entry["note"] = f"as {entry['character']}"
            elif group == Credit.Group.OTHER or len(entry["roles"]) > 1:
                entry["note"] = ", ".join(entry["roles"])
            else:
                entry["note"] = ""
    return [{"label": group.label, "entries": groups[group]} for group in Credit.Group if group in groups]


class WorkDetailView(AboutPageView):
    """The page of an album, a book, a TV series, season or episode, or a game: its picture, its card,
    the credits the card does not name, its kind's lists (tracks, seasons, episodes) and the articles
    about it."""

    model: type[Work]
    about_name = "work"
    template_name = "films/work_detail.html"
    header_template = "films/_header_work.html"
    # What the kind's card names (its companies, its series) and lists below it, fetched with it.
    companies: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()

    def get_about_queryset(self) -> QuerySet[Work]:
        return self.model.objects.all()

    def get_header_queryset(self) -> QuerySet[Work]:
        return (
            super()
            .get_header_queryset()
            .select_related("picture", *self.companies)
            .prefetch_related(Prefetch("credits", queryset=Credit.objects.select_related("person")), *self.lists)
        )

    def page_title(self) -> str:
        return str(self.object)

    def render_header(self):
        work = self.object
        work.card_credits = [credit for credit in work.credits.all() if credit.role in CARD_ROLES]
        return super().render_header()

    def describe(self) -> str:
        work = self.object
        kind = work.get_kind_display().lower()
        return work.summary or f"{work}, {kind}: credits and every article about it in {settings.MAGAZINE_NAME}."

    def head_meta(self, meta: PageMeta) -> None:
        meta.share(self.object.picture)
        meta.json_ld = [jsonld.work_page(self.request, self.object)]

    def header_context(self) -> dict:
        order = {role: position for position, role in enumerate(Credit.Role.values)}
        on_card = {credit.pk for credit in self.object.card_credits}
        # The people on the card are named there, above the credits: once.
        credits = sorted(
            (credit for credit in self.object.credits.all() if credit.pk not in on_card),
            key=lambda credit: (order[credit.role], credit.order, credit.pk),
        )
        # Tracks, seasons or episodes, for the kinds that have them.
        lists_template = f"films/_lists_{self.model.KIND}.html" if self.lists and self.model is not Game else ""
        return {"credits": credits, "lists_template": lists_template}


class AlbumDetailView(WorkDetailView):
    companies = ("label",)
    model = Album
    url_name = "films:album"
    lists = ("tracks",)


class BookDetailView(WorkDetailView):
    companies = ("publisher",)
    model = Book
    url_name = "films:book"


class SeriesDetailView(WorkDetailView):
    companies = ("network",)
    model = Series
    url_name = "films:series"
    lists = ("seasons",)


class SeasonDetailView(WorkDetailView):
    companies = ("series__network",)
    model = Season
    url_name = "films:season"
    lists = ("episodes",)


class EpisodeDetailView(WorkDetailView):
    companies = ("season__series__network",)
    model = Episode
    url_name = "films:episode"


class GameDetailView(WorkDetailView):
    companies = ("studio", "publisher")
    model = Game
    url_name = "films:game"
    lists = ("platforms",)
