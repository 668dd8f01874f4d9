"""What each kept page says it shows, from the view that serves it: approving a comment renews
every page that shows it or its article's count, whichever way the page was put together.

(tests/front/test_page_cache.py proves the cache itself; these cover the pages it does not visit.)
"""

import pytest
from django.core.cache import cache
from django.urls import reverse

from comments import services as comment_services
from comments.models import Comment
from core import cards
from renderings import views as rendering_views
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def article():
    return ArticleFactory(title="A Cinderella Story in Brighton Beach", slug="anora")


@pytest.fixture
def pending(article):
    return CommentFactory(article=article, status=Comment.Status.PENDING, body="Held for a moderator.")


def kept(client, path: str) -> str:
    """`path` as the page cache keeps it (asked twice, the second from the copy)."""
    client.get(path)
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["X-Page-Cache"] == "hit", path
    return response.content.decode()


def test_a_feed_shows_a_new_count_once_a_comment_is_approved(client, moderator, pending):
    assert "<slash:comments>0</slash:comments>" in kept(client, "/feed/")

    comment_services.comment_approve(comment=pending, by=moderator)

    assert "<slash:comments>1</slash:comments>" in client.get("/feed/").content.decode()


def test_search_results_show_a_new_count_once_a_comment_is_approved(client, moderator, pending):
    assert "1 comment" not in kept(client, "/search/?q=brighton")

    comment_services.comment_approve(comment=pending, by=moderator)

    assert "1 comment" in client.get("/search/?q=brighton").content.decode()


def test_cards_rendered_now_show_a_new_count_once_a_comment_is_approved(client, moderator, pending, monkeypatch):
    # As before the first `rerender`: no card stored, so the list renders them.
    monkeypatch.setattr(cards, "_stored", None)
    assert "1 comment" not in kept(client, "/")

    comment_services.comment_approve(comment=pending, by=moderator)

    assert "1 comment" in client.get("/").content.decode()


def test_a_later_page_of_comments_not_stored_yet_is_renewed(client, moderator, article, settings, monkeypatch):
    settings.COMMENTS_THREADS_PER_PAGE = 1
    CommentFactory(article=article, body="On the first page.")
    late = CommentFactory(article=article, status=Comment.Status.PENDING, body="On the second page.")
    CommentFactory(article=article, body="Once on the second page.")
    monkeypatch.setattr(rendering_views, "_stored_comments", lambda slug, number: None)
    path = reverse("comments:page", kwargs={"slug": article.slug, "page": 2})
    assert "Once on the second page." in kept(client, path)

    comment_services.comment_approve(comment=late, by=moderator)

    assert "On the second page." in client.get(path).content.decode()
