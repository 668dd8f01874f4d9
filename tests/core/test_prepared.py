"""Reads compiled once and run again as SQL (core/prepared.py) give what the ORM would, value for value."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, public
from core.prepared import SHAPE, Prepared
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _by_slug(slug: str, at: datetime.datetime):
    return Article.objects.filter(public(at), slug=slug).values("pk", "title", "publish_at", "slug")


def _by_ids(ids: list[int], at: datetime.datetime):
    return (
        Article.objects.filter(public(at), pk__in=ids)
        .annotate(section_name=F("section__name"))
        .values("pk", "section_name", "publish_at")
        .order_by("pk")
    )


def test_a_prepared_read_gives_the_rows_the_queryset_gives_for_each_call_s_values():
    now = timezone.now()
    first, second = ArticleFactory(slug="first"), ArticleFactory(slug="second")
    ArticleFactory(slug="later", publish_at=now + datetime.timedelta(days=1))
    by_slug = Prepared(_by_slug, slug=str, at=datetime.datetime)

    assert by_slug.first(slug="first", at=now) == _by_slug("first", now).first()
    assert by_slug.first(slug="second", at=now) == _by_slug("second", now).first()
    assert by_slug.first(slug="second", at=now)["pk"] == second.pk
    # The clock is a value too: the scheduled article is there only once its time has come.
    assert by_slug.first(slug="later", at=now) is None
    assert by_slug.first(slug="later", at=now + datetime.timedelta(days=2))["publish_at"] > now
    assert isinstance(by_slug.first(slug="first", at=now)["publish_at"], datetime.datetime)
    assert first.pk != second.pk


def test_a_list_of_ids_compiles_once_per_length_and_an_empty_one_makes_no_query():
    now = timezone.now()
    articles = ArticleFactory.create_batch(3)
    ids = [article.pk for article in articles]
    by_ids = Prepared(_by_ids, ids=list, at=datetime.datetime)

    assert by_ids.rows(ids=ids, at=now) == list(_by_ids(ids, now))
    assert by_ids.rows(ids=ids[:1], at=now) == list(_by_ids(ids[:1], now))
    assert [row["pk"] for row in by_ids.rows(ids=[ids[2], ids[0]], at=now)] == [ids[0], ids[2]]
    with CaptureQueriesContext(connection) as queries:
        assert by_ids.rows(ids=[], at=now) == []
    assert len(queries) == 0


def test_after_the_first_call_a_read_is_one_query_and_no_compiling():
    now = timezone.now()
    ArticleFactory(slug="only")
    by_slug = Prepared(_by_slug, slug=str, at=datetime.datetime)
    by_slug.first(slug="only", at=now)

    with CaptureQueriesContext(connection) as queries:
        found = by_slug.first(slug="only", at=now)

    assert found["slug"] == "only"
    assert len(queries) == 1


def _page(page: int, at: datetime.datetime):
    # Django writes a slice's bounds into the SQL: each page is a shape of its own.
    return Article.objects.filter(public(at)).order_by("pk").values("pk")[(page - 1) * 2 : page * 2]


def test_a_page_of_a_list_is_compiled_for_its_own_bounds():
    now = timezone.now()
    ids = [article.pk for article in ArticleFactory.create_batch(5)]
    paged = Prepared(_page, page=SHAPE, at=datetime.datetime)

    assert [row["pk"] for row in paged.rows(page=1, at=now)] == ids[:2]
    assert [row["pk"] for row in paged.rows(page=3, at=now)] == ids[4:]
    assert [row["pk"] for row in paged.rows(page=2, at=now)] == ids[2:4]
    assert paged.rows(page=4, at=now) == []
    # Each page's SQL is kept: asked again, a page is one query.
    with CaptureQueriesContext(connection) as queries:
        assert [row["pk"] for row in paged.rows(page=1, at=now)] == ids[:2]
    assert len(queries) == 1


def test_a_value_a_lookup_changes_cannot_be_a_stand_in():
    search = Prepared(lambda text: Article.objects.filter(title__icontains=text).values("pk"), text=str)

    with pytest.raises(ValueError, match="text not found"):
        search.rows(text="Anora")


def test_only_values_querysets_can_be_prepared():
    whole = Prepared(lambda slug: Article.objects.filter(slug=slug), slug=str)

    with pytest.raises(ValueError, match="values"):
        whole.rows(slug="anora")


def test_a_prepared_read_goes_where_the_routers_send_the_model_s_reads(monkeypatch):
    ArticleFactory(slug="routed")
    by_slug = Prepared(_by_slug, slug=str, at=datetime.datetime)
    asked = []

    def db_for_read(model, **hints):
        asked.append(model)
        return "default"

    monkeypatch.setattr("core.prepared.router.db_for_read", db_for_read)

    assert by_slug.first(slug="routed", at=timezone.now())["slug"] == "routed"
    assert asked == [Article]
