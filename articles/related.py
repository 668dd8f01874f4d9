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
# How many articles each way of finding kin may put forward to be scored.
CANDIDATES_PER_KIND = 100


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

    directed = Credit.objects.filter(role=Credit.Role.DIRECTOR, person_id__in=director_ids).values("film_id")
    tagged = TaggedItem.objects.filter(
        content_type__app_label="articles", content_type__model="article", tag_id__in=tag_ids
    )
    public = Article.objects.published().exclude(pk=article.pk)
    newest = ("-publish_at", "-pk")
    # Only an article that shares a film, a director or a tag scores above nothing, so those
    # are picked first through the indexes of the links and only they are scored (scoring all
    # 18,600 public articles of the bench corpus took 80-160 ms). Each kind is capped, so a
    # director or tag with thousands of articles costs little more than one with a few: the
    # newest on the same films, the newest by the same directors, and those sharing the most
    # tags, newest id first among equals (the tags' table alone: joining every tagged article
    # to read its date is what made tag pages slow). Only when more than the cap tie for a
    # place can the last places go to an older article with the same score.
    kinds = [
        public.filter(article_films__film_id__in=film_ids).order_by(*newest).values("pk"),
        public.filter(article_films__film_id__in=directed).order_by(*newest).values("pk"),
        tagged.exclude(object_id=article.pk)
        .values("object_id")
        .annotate(shared=Count("pk"))
        .order_by("-shared", "-object_id")
        .values("object_id"),
    ]
    # Each capped list is wrapped in `pk__in`: SQLite allows no LIMIT in the parts of a UNION.
    first, *others = (
        Article.objects.filter(pk__in=kind[:CANDIDATES_PER_KIND]).order_by().values("pk") for kind in kinds
    )
    score = (
        SAME_FILM * _one_if(Exists(ArticleFilm.objects.filter(article=OuterRef("pk"), film_id__in=film_ids)))
        + SAME_DIRECTOR * _one_if(Exists(ArticleFilm.objects.filter(article=OuterRef("pk"), film_id__in=directed)))
        + PER_SHARED_TAG * Coalesce(_count(tagged.filter(object_id=OuterRef("pk"))), Value(0))
    )
    related = public.filter(pk__in=first.union(*others)).annotate(score=score).order_by("-score", *newest).with_cards()
    return list(related[:limit])


def _one_if(condition) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def _count(tagged_items) -> Subquery:
    """How many of `tagged_items` (filtered on the outer article) there are, as a subquery."""
    return Subquery(
        tagged_items.order_by().values("object_id").annotate(count=Count("pk")).values("count"),
        output_field=IntegerField(),
    )
