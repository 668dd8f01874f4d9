"""JSON-LD for film and person pages, and the Movie an article is about, as plain dicts (rendered by `core.seo`)."""

from __future__ import annotations

from django.http import HttpRequest

from core.seo import CONTEXT, absolute

from .models import Credit, Film, Person


def person(request: HttpRequest, someone: Person) -> dict:
    return {"@type": "Person", "name": someone.name, "url": absolute(request, someone.get_absolute_url())}


def _release(film: Film) -> str | None:
    if film.release_date:
        return film.release_date.isoformat()
    return str(film.year) if film.year else None


def movie(request: HttpRequest, film: Film, *, full: bool = False) -> dict:
    """A Movie: name, page, release date, poster and directors; with `full`, cast, runtime and
    synopsis too.

    Reads `film.poster`, and with `full` `film.credits.all()`: fetch the poster with the film and
    prefetch credits with their people first.
    """
    data = {"@type": "Movie", "name": film.title, "url": absolute(request, film.get_absolute_url())}
    if released := _release(film):
        data["datePublished"] = released
    if film.poster and (share := film.poster.share):
        data["image"] = absolute(request, share.url)
    directors = film.directors
    if full:
        credits = list(film.credits.all())
        directors = [credit.person for credit in credits if credit.role == Credit.Role.DIRECTOR]
        cast = [credit.person for credit in credits if credit.role == Credit.Role.CAST]
        if cast:
            data["actor"] = [person(request, actor) for actor in cast]
        if film.runtime:
            data["duration"] = f"PT{film.runtime}M"
        if film.synopsis:
            data["description"] = film.synopsis
        if film.imdb_id:
            data["sameAs"] = [f"https://www.imdb.com/title/{film.imdb_id}/"]
    if directors:
        data["director"] = [person(request, director) for director in directors]
    return data


def film_page(request: HttpRequest, film: Film) -> dict:
    return {"@context": CONTEXT, **movie(request, film, full=True)}


def person_page(request: HttpRequest, someone: Person, credits: list[Credit]) -> dict:
    data = {"@context": CONTEXT, **person(request, someone)}
    if someone.portrait and (share := someone.portrait.share):
        data["image"] = absolute(request, share.url)
    if someone.bio:
        data["description"] = someone.bio
    roles = sorted({credit.get_role_display() for credit in credits if credit.role != Credit.Role.CAST})
    if any(credit.role == Credit.Role.CAST for credit in credits):
        roles.append("Actor")
    if roles:
        data["jobTitle"] = roles
    return data
