"""JSON-LD for article, film and person pages, as plain dicts (rendered by `magazine.seo`)."""

from __future__ import annotations

from django.http import HttpRequest

from authors.models import Author
from films.models import Credit, Film, Person
from magazine.seo import absolute, publisher

from .models import Article

CONTEXT = "https://schema.org"


def person(request: HttpRequest, someone: Person) -> dict:
    return {"@type": "Person", "name": someone.name, "url": absolute(request, someone.get_absolute_url())}


def author(request: HttpRequest, writer: Author) -> dict:
    data = {"@type": "Person", "name": writer.name, "url": absolute(request, writer.get_absolute_url())}
    if writer.portrait and (share := writer.portrait.share):
        data["image"] = absolute(request, share.url)
    if writer.website:
        data["sameAs"] = [writer.website]
    return data


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


def article(request: HttpRequest, piece: Article) -> dict:
    """An Article (NewsArticle for news); for a rated film review, a critic's Review of the Movie.

    Reads what `Article.objects.with_related()` prefetches.
    """
    url = absolute(request, piece.get_absolute_url())
    film = piece.card_film
    is_review = piece.kind == Article.Kind.REVIEW and film is not None
    if is_review:
        kind = "Review"
    elif piece.kind == Article.Kind.NEWS:
        kind = "NewsArticle"
    else:
        kind = "Article"
    data = {
        "@context": CONTEXT,
        "@type": kind,
        "headline": piece.title[:110],
        "name": piece.title,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": piece.publish_at.isoformat() if piece.publish_at else None,
        "dateModified": piece.modified_at.isoformat() if piece.modified_at else None,
        "author": [author(request, writer) for writer in piece.bylines],
        "publisher": publisher(request),
        "inLanguage": "en",
        "keywords": [tag.name for tag in piece.sorted_tags],
    }
    if description := piece.seo_description or piece.dek:
        data["description"] = description
    if (picture := piece.share_picture) and (share := picture.share):
        data["image"] = [absolute(request, share.url)]
    if is_review:
        data["itemReviewed"] = movie(request, film)
        if piece.rating:
            data["reviewRating"] = {
                "@type": "Rating",
                "ratingValue": piece.rating,
                "bestRating": max(Article.Rating.values),
                "worstRating": min(Article.Rating.values),
            }
    else:
        data["articleSection"] = piece.section.name
        films = [link.film for link in piece.article_films.all()]
        if films:
            data["about"] = [movie(request, about) for about in films]
    if not data["keywords"]:
        del data["keywords"]
    return {key: value for key, value in data.items() if value is not None}
