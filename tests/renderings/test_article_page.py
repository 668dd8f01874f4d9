"""The article page readers get, put together from its stored parts, and how those parts follow changes."""

import datetime

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import transaction
from django.test import RequestFactory
from django.utils import timezone

from articles.models import Article, ArticleAuthor, ArticleWork, Correction
from articles.views import ArticleDetailView
from articles.writing import write_article
from comments.models import Comment
from core.tasks import run_queued
from renderings import changes
from renderings.models import ArticleCard, ArticlePage, CommentsPage
from tests.admin_forms import article_form
from tests.comments.helpers import make_trusted, post
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CitationFactory,
    CommentFactory,
    FilmFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

ANORA = "/articles/anora-sex-work-and-the-fantasies-of-genre/"


def _from_scratch(path: str) -> bytes:
    """The page as articles' own view renders it on request, from the article's rows."""
    request = RequestFactory().get(path)
    request._messages = CookieStorage(request)
    response = ArticleDetailView.as_view()(request, slug=path.split("/")[2])
    response.render()
    return response.content


def test_readers_get_the_same_page_as_a_rendering_from_scratch(demo, client):
    stored = client.get(ANORA)

    assert stored.status_code == 200
    assert stored.content.decode() == _from_scratch(ANORA).decode()
    assert "Read next" in stored.content.decode()
    assert "Comments (4)" in stored.content.decode()


def test_the_page_and_card_are_written_in_the_same_transaction_as_the_publication():
    article = ArticleFactory(draft=True)
    changes.flush()
    assert not ArticlePage.objects.filter(pk=article.pk).exists()

    with transaction.atomic():
        article.status = Article.Status.PUBLISHED
        write_article(article)
        # What RenderInTransaction does before the request's transaction ends.
        changes.flush()
        page = ArticlePage.objects.get(pk=article.pk)
        card = ArticleCard.objects.get(pk=article.pk)

    assert article.title in page.parts["header"]
    assert article.title in card.variants["h2"]


def test_an_editors_save_through_the_admin_writes_the_page_in_its_request(client, editor):
    article = ArticleFactory(title="Before")
    changes.flush()
    client.force_login(editor)
    data = article_form(article, title="After the edit")

    response = client.post(f"/admin/articles/article/{article.pk}/change/", data)

    assert response.status_code == 302
    # No read in between: the request itself wrote them.
    assert "After the edit" in ArticlePage.objects.get(pk=article.pk).parts["header"]
    assert "After the edit" in ArticleCard.objects.get(pk=article.pk).variants["h3-compact"]


def test_an_edited_title_changes_the_page_and_the_card(client):
    article = ArticleFactory(title="First title")
    client.get(article.get_absolute_url())

    article.title = "Second title"
    write_article(article)

    assert "Second title" in client.get(article.get_absolute_url()).content.decode()
    assert "Second title" in ArticleCard.objects.get(pk=article.pk).variants["h2"]
    assert "First title" not in ArticlePage.objects.get(pk=article.pk).parts["head"]


def test_an_unpublished_article_loses_its_renderings_and_its_page(client):
    article = ArticleFactory()
    CommentFactory(article=article)
    assert client.get(article.get_absolute_url()).status_code == 200

    article.status = Article.Status.ARCHIVED
    write_article(article)

    assert client.get(article.get_absolute_url()).status_code == 404
    assert not ArticlePage.objects.filter(pk=article.pk).exists()
    assert not ArticleCard.objects.filter(pk=article.pk).exists()
    assert not CommentsPage.objects.filter(article=article).exists()


def test_a_scheduled_article_is_written_ahead_and_shows_once_its_time_comes(client):
    article = ArticleFactory(scheduled=True)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert ArticlePage.objects.filter(pk=article.pk).exists()

    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() - datetime.timedelta(minutes=1))

    assert client.get(article.get_absolute_url()).status_code == 200


def test_approving_a_comment_rewrites_the_thread_and_the_count_in_the_same_request(client, moderator):
    article = ArticleFactory()
    pending = CommentFactory(article=article, status=Comment.Status.PENDING, body="Worth reading twice.")
    client.get(article.get_absolute_url())
    assert CommentsPage.objects.get(article=article, number=1).count == 0
    client.force_login(moderator)

    response = client.post("/admin/comments/comment/", {"action": "approve", "_selected_action": [pending.pk]})

    assert response.status_code == 302
    first = CommentsPage.objects.get(article=article, number=1)
    assert first.count == 1
    assert "Worth reading twice." in first.html
    assert "1 comment</a>" in ArticleCard.objects.get(pk=article.pk).variants["h2"]


def test_a_comment_published_at_once_is_on_the_page_the_reader_is_sent_back_to(client):
    article = ArticleFactory(comment_mode=Article.CommentMode.POST)
    make_trusted("ada@example.com")

    response = post(client, article, body="Shown at once, stored at once.")

    assert response.status_code == 302
    assert "Shown at once, stored at once." in CommentsPage.objects.get(article=article, number=1).html


def test_renaming_a_film_rewrites_every_article_that_discusses_it(client):
    film = FilmFactory(title="Old Name")
    articles = [ArticleFactory(films=[film]) for _ in range(5)]
    changes.flush()

    # As the desk saves it: one request, whose fan-out it leaves to the worker.
    with transaction.atomic():
        film.title = "New Name"
        film.save()
        changes.flush()
    assert all("Old Name" in ArticlePage.objects.get(pk=article.pk).parts["header"] for article in articles)

    assert run_queued()

    for article in articles:
        assert "New Name" in ArticlePage.objects.get(pk=article.pk).parts["header"]
        assert "New Name" in ArticleCard.objects.get(pk=article.pk).variants["h2"]


def test_a_new_article_enters_the_read_next_of_the_articles_it_is_related_to():
    film = FilmFactory()
    first = ArticleFactory(films=[film])
    changes.flush()
    assert ArticlePage.objects.get(pk=first.pk).related == []

    second = ArticleFactory(films=[film])
    changes.flush()
    run_queued()  # the worker sees to the other articles

    assert ArticlePage.objects.get(pk=first.pk).related == [second.pk]


def test_read_next_shows_a_scheduled_article_s_card_only_once_it_is_public(client):
    film = FilmFactory()
    article = ArticleFactory(films=[film])
    later = ArticleFactory(films=[film], title="Not Out Yet", scheduled=True)
    changes.flush()
    run_queued()
    ArticlePage.objects.filter(pk=article.pk).update(related=[later.pk])

    assert "Not Out Yet" not in client.get(article.get_absolute_url()).content.decode()

    Article.objects.filter(pk=later.pk).update(publish_at=timezone.now() - datetime.timedelta(minutes=1))

    assert "Not Out Yet" in client.get(article.get_absolute_url()).content.decode()


def test_the_article_page_costs_two_queries_however_much_it_holds(client, django_assert_max_num_queries):
    article = ArticleFactory(films=[FilmFactory()])
    client.get(article.get_absolute_url())
    with django_assert_max_num_queries(2):
        small = client.get(article.get_absolute_url())

    for n in range(6):
        film = FilmFactory()
        ArticleWork.objects.create(article=article, work=film, order=n + 1)
        ArticleAuthor.objects.create(article=article, author=AuthorFactory(), order=n + 1)
        CitationFactory(article=article)
        Correction.objects.create(article=article, text=f"Fixed {n}.")
        article.tags.add(f"tag {n}")
        CommentFactory.create_batch(3, article=article)
        ArticleFactory(films=[film]).tags.add(f"tag {n}")
    client.get(article.get_absolute_url())
    with django_assert_max_num_queries(2):
        large = client.get(article.get_absolute_url())

    assert small.status_code == large.status_code == 200
    assert "Comments (18)" in large.content.decode()
    assert large.content.decode().count('<article class="card') == 4


@pytest.mark.parametrize("path", ["/articles/no-such-article/", "/articles/a%00b/", "/articles/%E2%80%AE/"])
def test_unknown_or_malformed_slugs_are_404(client, path):
    assert client.get(path).status_code == 404


def test_a_former_address_still_redirects(client):
    article = ArticleFactory(slug="old-address")
    article.slug = "new-address"
    write_article(article)

    response = client.get("/articles/old-address/")

    assert response.status_code == 301
    assert response["Location"] == "/articles/new-address/"


def test_a_second_read_with_the_etag_is_not_modified(client):
    article = ArticleFactory()
    first = client.get(article.get_absolute_url())

    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304


def test_the_worker_takes_pages_that_name_a_change_before_other_articles_read_next():
    from django_tasks_db.models import DBTaskResult

    from renderings.renderers import PAGE

    # A publication's "Read next" for its kin first, then a rename's pages: the rename's go first.
    changes.enqueue(changes.RELATED, [1, 2, 3])
    changes.enqueue(PAGE, [4])

    queued = [row.args_kwargs["args"][0] for row in DBTaskResult.objects.ready()]
    assert queued == [PAGE, changes.RELATED]
