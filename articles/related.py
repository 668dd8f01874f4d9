"""Articles to read next: same film first, then same director, then shared tags."""

from __future__ import annotations

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from taggit.models import TaggedItem

from films.models import Credit

from .models import Article, ArticleFilm

RELATED_COUNT = 4
# How much each kind of kinship weighs in the ordering.
SAME_FILM, SAME_DIRECTOR, PER_SHARED_TAG = 8, 4, 1


def related_articles(article: Article, limit: int = RELATED_COUNT) -> list[Article]:
    """Published articles related to `article`, best first, ready for cards.

    Reads the films, directors and tags `with_related()` prefetched, then makes one query for
    the candidates and two for their bylines and card films, however many there are.
    """
    film_ids = [link.film_id for link in article.article_films.all()]
    director_ids = {person.pk for link in article.article_films.all() for person in link.film.directors}
    tag_ids = [tag.pk for tag in article.tags.all()]
    if not (film_ids or director_ids or tag_ids):
        return []

    same_film = Exists(ArticleFilm.objects.filter(article=OuterRef("pk"), film_id__in=film_ids))
    same_director = Exists(
        ArticleFilm.objects.filter(
            article=OuterRef("pk"),
            film__credits__role=Credit.Role.DIRECTOR,
            film__credits__person_id__in=director_ids,
        )
    )
    shared_tags = Coalesce(
        Subquery(
            TaggedItem.objects.filter(
                content_type__app_label="articles",
                content_type__model="article",
                object_id=OuterRef("pk"),
                tag_id__in=tag_ids,
            )
            .order_by()
            .values("object_id")
            .annotate(count=Count("pk"))
            .values("count"),
            output_field=IntegerField(),
        ),
        Value(0),
    )
    score = SAME_FILM * _one_if(same_film) + SAME_DIRECTOR * _one_if(same_director) + PER_SHARED_TAG * shared_tags
    candidates = (
        Article.objects.published()
        .exclude(pk=article.pk)
        .annotate(score=score)
        .filter(score__gt=0)
        .order_by("-score", "-publish_at", "-pk")
        .with_cards()
    )
    return list(candidates[:limit])


def _one_if(condition) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())
