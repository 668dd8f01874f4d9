"""The table full-text search reads: one entry per published article, in step with every change
that shows in search, and a search page whose cost does not grow with its results (PostgreSQL)."""

import datetime

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import search
from articles.models import Article, SearchEntry
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search needs PostgreSQL"),
    pytest.mark.usefixtures("no_page_cache"),
]
URL = reverse("articles:search")


def _found(q: str) -> list[Article]:
    return list(search.search(search.clean_query(q)))


def _entries() -> set[int]:
    return set(SearchEntry.objects.values_list("article_id", flat=True))


@pytest.mark.django_db
def test_only_published_articles_have_an_entry_and_only_public_ones_are_found():
    now = timezone.now()
    public = ArticleFactory(title="Melodrama today")
    scheduled = ArticleFactory(title="Melodrama next week", scheduled=True)
    embargoed = ArticleFactory(title="Melodrama at the festival", embargo_until=now + datetime.timedelta(hours=2))
    draft = ArticleFactory(title="Melodrama draft", draft=True)
    in_review = ArticleFactory(title="Melodrama in review", status=Article.Status.REVIEW, publish_at=None)

    assert _found("melodrama") == [public]
    # Waiting ones are kept, so that their time makes them found with nothing written.
    assert _entries() == {public.pk, scheduled.pk, embargoed.pk}
    later = now + datetime.timedelta(days=8)
    assert set(SearchEntry.objects.public(later).values_list("article_id", flat=True)) == _entries()
    assert draft.pk not in _entries() and in_review.pk not in _entries()


@pytest.mark.django_db
def test_an_unpublished_article_leaves_the_table_and_comes_back_when_published_again():
    article = ArticleFactory(title="Melodrama now")
    assert _found("melodrama") == [article]

    article.status = Article.Status.ARCHIVED
    article.save()
    assert _entries() == set()
    assert _found("melodrama") == []

    article.status = Article.Status.PUBLISHED
    article.save()
    assert _found("melodrama") == [article]


@pytest.mark.django_db
def test_a_changed_title_is_found_by_its_new_word_and_no_longer_by_the_old_one():
    article = ArticleFactory(title="Melodrama now", body="<p>Nothing else.</p>")

    article.title = "Montage now"
    article.save()

    assert _found("montage") == [article]
    assert _found("melodrama") == []


@pytest.mark.django_db
def test_an_article_rescheduled_to_the_future_is_not_found_until_then():
    article = ArticleFactory(title="Melodrama now")

    article.publish_at = timezone.now() + datetime.timedelta(days=2)
    article.save()

    assert _found("melodrama") == []
    assert SearchEntry.objects.get().publish_at == article.publish_at


@pytest.mark.django_db
def test_a_deleted_article_takes_its_entry_with_it():
    article = ArticleFactory(title="Melodrama now")

    article.delete()

    assert _entries() == set()


@pytest.mark.django_db
def test_the_entries_hold_the_articles_own_documents():
    articles = [ArticleFactory(title=f"Melodrama {n}") for n in range(3)] + [ArticleFactory(draft=True)]
    SearchEntry.objects.all().delete()

    search.update_search_vectors()

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM articles_searchentry e JOIN articles_article a ON a.id = e.article_id"
            " WHERE e.document = a.search_vector AND e.publish_at = a.publish_at"
        )
        assert cursor.fetchone()[0] == 3
    assert _entries() == {article.pk for article in articles[:3]}


@pytest.mark.django_db
def test_search_finds_its_matches_through_the_entries_gin_index():
    ArticleFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = SearchEntry.objects.filter(document=SearchQuery("melodrama", config=search.config())).explain()
    assert "search_entry_document_gin" in plan


@pytest.mark.django_db
def test_the_search_page_costs_the_same_queries_for_three_results_and_for_thirty(client, settings):
    settings.ARTICLES_PER_PAGE = 12

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL, {"q": "melodrama"})
        return len(captured), response.context["total"]

    for n in range(3):
        ArticleFactory(title=f"Melodrama {n}")
    few, total = queries()
    assert total == 3
    for n in range(3, 30):
        ArticleFactory(title=f"Melodrama {n}")
    many, total = queries()

    assert total == 30
    assert many == few


@pytest.mark.django_db(transaction=True)
def test_the_migration_makes_entries_for_the_published_articles_already_there():
    executor = MigrationExecutor(connection)
    executor.migrate([("articles", "0012_works")])
    old = MigrationExecutor(connection).loader.project_state([("articles", "0012_works")]).apps
    Section, OldArticle = old.get_model("articles", "Section"), old.get_model("articles", "Article")
    section = Section.objects.create(name="Film", slug="film")
    published = OldArticle.objects.create(
        title="Melodrama now", slug="now", section=section, status="published", publish_at=timezone.now()
    )
    OldArticle.objects.create(title="Melodrama draft", slug="draft", section=section, status="draft")
    search.update_search_documents()

    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert _entries() == {published.pk}
    assert [article.pk for article in _found("melodrama")] == [published.pk]
