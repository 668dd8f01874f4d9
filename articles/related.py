"""Articles to read next: same work first (of any kind), then the same makers (the people its card
names: a film's directors, an album's artists, a book's authors...), then shared tags."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from films.models import MAKER_ROLES

from .models import Article, public_sql

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
    return list(_related(article).with_cards()[:limit])


def related_ids(article: Article, limit: int = RELATED_COUNT) -> list[int]:
    """The ids of `related_articles(article)`, in one query (for a page whose cards are stored)."""
    return list(_related(article).values_list("pk", flat=True)[:limit])


def _related(article: Article) -> QuerySet[Article]:
    film_ids = sorted({link.work_id for link in article.article_works.all()})
    director_ids = sorted({person.pk for link in article.article_works.all() for person in link.work.card_people})
    tag_ids = sorted({tag.pk for tag in article.tags.all()})
    if not (film_ids or director_ids or tag_ids):
        return Article.objects.none()
    now = timezone.now()
    kin = Kin(article.pk, film_ids, director_ids, tag_ids, now)
    related = (
        Article.objects.published(now)
        .exclude(pk=article.pk)
        .filter(pk__in=RawSQL(*kin.candidates()))
        .annotate(score=RawSQL(*kin.score(), output_field=IntegerField()))
        .order_by("-score", "-publish_at", "-pk")
    )
    return related


@dataclass(frozen=True)
class Kin:
    """The SQL that finds and scores an article's kin, written out rather than composed with the ORM.

    The same query built from querysets (a UNION of three capped subqueries, scored by two
    EXISTS and a counting subquery) took Django 13 ms to build and compile on the bench
    machine, to find four cards in 1 ms; written out, that goes (PostgreSQL still takes 3-4 ms
    to plan it). Only the rule of what is public comes from the ORM: `public_sql()`. The SQL
    is plain enough for PostgreSQL and SQLite alike.
    """

    exclude: int
    film_ids: Sequence[int]
    director_ids: Sequence[int]
    tag_ids: Sequence[int]
    at: datetime.datetime

    def candidates(self) -> tuple[str, list]:
        """The ids put forward: the newest public articles on the same films, the newest by the same
        directors, and those sharing the most tags (newest id first among equals), each kind capped.

        Only an article that shares something scores above nothing, so only these are scored
        (scoring all 18,600 public articles of the bench corpus took 80-160 ms). Each kind is
        capped, so a director or tag with thousands of articles costs little more than one with a
        few; the tags' kind reads only the tags' table (joining every tagged article to read its
        date is what made tag pages slow). Only when more than the cap tie for a place can the last
        places go to an older article with the same score.
        """
        public_where, public_params = public_sql(self.at, Article.objects.db)
        newest = "ORDER BY articles_article.publish_at DESC, articles_article.id DESC"
        kinds: list[tuple[str, list]] = []
        for _, films_sql, films_params in self._film_conditions():
            kinds.append(
                (
                    "SELECT articles_article.id FROM articles_article"
                    " INNER JOIN articles_articlefilm link ON link.article_id = articles_article.id"
                    f" WHERE {films_sql} AND articles_article.id <> %s AND {public_where} {newest} LIMIT %s",
                    [*films_params, self.exclude, *public_params, CANDIDATES_PER_KIND],
                )
            )
        if self.tag_ids:
            kinds.append(
                (
                    "SELECT item.object_id FROM taggit_taggeditem item"
                    f" WHERE {self._tagged('item')} AND item.object_id <> %s"
                    " GROUP BY item.object_id ORDER BY COUNT(*) DESC, item.object_id DESC LIMIT %s",
                    [*self._tagged_params(), self.exclude, CANDIDATES_PER_KIND],
                )
            )
        # Each capped kind is wrapped in a SELECT: SQLite allows no LIMIT in the parts of a UNION.
        sql = " UNION ".join(f"SELECT * FROM ({kind_sql}) AS kind{n}" for n, (kind_sql, _) in enumerate(kinds))
        return sql, [param for _, params in kinds for param in params]

    def score(self) -> tuple[str, list]:
        """How close each candidate is: per kind shared, its weight; per shared tag, one more.

        Correlated with the outer query's `articles_article`, the table of the articles scored.
        """
        terms: list[tuple[str, list]] = []
        for weight, films_sql, films_params in self._film_conditions():
            terms.append(
                (
                    "CASE WHEN EXISTS (SELECT 1 FROM articles_articlefilm link"
                    f" WHERE link.article_id = articles_article.id AND {films_sql}) THEN %s ELSE 0 END",
                    [*films_params, weight],
                )
            )
        if self.tag_ids:
            terms.append(
                (
                    "%s * (SELECT COUNT(*) FROM taggit_taggeditem item"
                    f" WHERE item.object_id = articles_article.id AND {self._tagged('item')})",
                    [PER_SHARED_TAG, *self._tagged_params()],
                )
            )
        return " + ".join(f"({sql})" for sql, _ in terms), [param for _, params in terms for param in params]

    def _film_conditions(self) -> list[tuple[int, str, list]]:
        """Conditions on `link` (an article's film link) with their weights: one of the same films;
        one by the same directors. A kind the article has nothing of is left out."""
        conditions = []
        if self.film_ids:
            conditions.append((SAME_FILM, f"link.film_id IN ({_marks(self.film_ids)})", list(self.film_ids)))
        if self.director_ids:
            conditions.append(
                (
                    SAME_DIRECTOR,
                    "link.film_id IN (SELECT credit.film_id FROM films_credit credit"
                    f" WHERE credit.role IN ({_marks(MAKER_ROLES)})"
                    f" AND credit.person_id IN ({_marks(self.director_ids)}))",
                    [*MAKER_ROLES, *self.director_ids],
                )
            )
        return conditions

    def _tagged(self, alias: str) -> str:
        return f"{alias}.content_type_id = %s AND {alias}.tag_id IN ({_marks(self.tag_ids)})"

    def _tagged_params(self) -> list:
        return [ContentType.objects.get_for_model(Article).pk, *self.tag_ids]


def _marks(values: Sequence) -> str:
    return ", ".join(["%s"] * len(values))
