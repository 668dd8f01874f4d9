"""A film's page and a person's: who made it, what they made, and the articles about them
(found through core/about.py: films/ never imports articles/)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import F, Prefetch, QuerySet

from core.seo import PageMeta
from core.views import AboutPageView

from . import jsonld
from .models import CARD_ROLES, Credit, Film, Person


class FilmDetailView(AboutPageView):
    about_name = "film"
    url_name = "films:film"
    template_name = "films/film_detail.html"

    def get_about_queryset(self) -> QuerySet[Film]:
        return Film.objects.select_related("distributor", "picture").prefetch_related(
            Prefetch("credits", queryset=Credit.objects.select_related("person"))
        )

    def get_object(self) -> Film:
        film = super().get_object()
        # The card's directors come from the credits already fetched.
        film.card_credits = [credit for credit in film.credits.all() if credit.role in CARD_ROLES]
        return film

    def page_title(self) -> str:
        return str(self.object)

    def page_description(self) -> str:
        film = self.object
        directors = " and ".join(person.name for person in film.directors)
        made = f"{film}, directed by {directors}" if directors else str(film)
        return film.summary or f"{made}: credits and every article about it in {settings.MAGAZINE_NAME}."

    def get_meta(self, page_obj) -> PageMeta:
        meta = super().get_meta(page_obj)
        meta.type = "video.movie"
        meta.share(self.object.picture)
        meta.json_ld = [jsonld.film_page(self.request, self.object)]
        return meta

    def get_context_data(self, **kwargs):
        order = {role: position for position, role in enumerate(Credit.Role.values)}
        # The directors are on the film's card, above the credits: named once.
        credits = sorted(
            (credit for credit in self.object.credits.all() if credit.role != Credit.Role.DIRECTOR),
            key=lambda credit: (order[credit.role], credit.order, credit.pk),
        )
        return super().get_context_data(credits=credits, **kwargs)


class PersonDetailView(AboutPageView):
    about_queryset = Person.objects.select_related("portrait")
    about_name = "person"
    url_name = "films:person"
    template_name = "films/person_detail.html"

    def page_description(self) -> str:
        return (
            self.object.bio
            or f"{self.object.name}: filmography and articles about their films in {settings.MAGAZINE_NAME}."
        )

    def get_context_data(self, **kwargs):
        credits = list(
            Credit.objects.filter(person=self.object)
            .select_related("work")
            .order_by(F("work__year").desc(nulls_last=True), "work__title", "work__pk", "role")
        )
        self.credits = credits
        filmography = {
            "directed": [credit for credit in credits if credit.role == Credit.Role.DIRECTOR],
            "cast": [credit for credit in credits if credit.role == Credit.Role.CAST],
            # Other work, one line a film: "Anora (2024) · Writer, Producer, Editor".
            "other": [],
        }
        for credit in credits:
            if credit.role in {Credit.Role.DIRECTOR, Credit.Role.CAST}:
                continue
            if filmography["other"] and filmography["other"][-1]["film"] == credit.work:
                filmography["other"][-1]["roles"].append(credit.get_role_display())
            else:
                filmography["other"].append({"film": credit.work, "roles": [credit.get_role_display()]})
        return super().get_context_data(filmography=filmography, credits=credits, **kwargs)

    def get_meta(self, page_obj) -> PageMeta:
        meta = super().get_meta(page_obj)
        meta.type = "profile"
        meta.share(self.object.portrait)
        meta.json_ld = [jsonld.person_page(self.request, self.object, self.credits)]
        return meta
