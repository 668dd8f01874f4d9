"""Threads: replies, the depth limit, thread order, removed parents; counts of approved comments."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from comments.counts import approved_counts
from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory
from tests.renderings.pages import drain_worker

from .helpers import post

pytestmark = pytest.mark.django_db


def _at(minutes: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=5) + datetime.timedelta(minutes=minutes)


def _ids_in_page_order(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<li id="comment-(\d+)"', html)]


def test_reply_page_shows_the_comment_and_a_reply_form(client, article):
    parent = CommentFactory(article=article, name="Bea", body="What about the ending?")

    response = client.get(reverse("comments:reply", args=[parent.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "What about the ending?" in html
    assert f'name="parent" value="{parent.pk}"' in html
    assert "Post reply" in html
    assert '<meta name="robots" content="noindex">' in html


def test_reply_is_stored_under_its_parent_one_level_deeper(client, article):
    parent = CommentFactory(article=article)

    response = post(client, article, parent=parent.pk, body="A reply.")

    reply = Comment.objects.get(body="A reply.")
    assert response.status_code == 302
    assert (reply.parent, reply.depth) == (parent, 1)


def test_threads_go_at_least_three_deep_and_stop_at_the_limit(client, article, settings):
    settings.COMMENTS_MAX_DEPTH = 3
    top = CommentFactory(article=article)
    second = CommentFactory(article=article, parent=top)
    third = CommentFactory(article=article, parent=second)
    assert (top.depth, second.depth, third.depth) == (0, 1, 2)

    response = post(client, article, parent=third.pk, body="Too deep.")

    assert response.status_code == 400
    html = response.content.decode()
    assert "This thread is as deep as it goes" in html
    assert "Too deep." in html
    assert not Comment.objects.filter(body="Too deep.").exists()
    page = client.get(article.get_absolute_url()).content.decode()
    assert reverse("comments:reply", args=[second.pk]) in page
    assert reverse("comments:reply", args=[third.pk]) not in page
    assert "as deep as it goes" in client.get(reverse("comments:reply", args=[third.pk])).content.decode()


def test_a_reply_to_a_reply_is_posted_three_levels_deep_at_the_smallest_limit(client, article, settings):
    settings.COMMENTS_MAX_DEPTH = 3
    top = CommentFactory(article=article)
    second = CommentFactory(article=article, parent=top)

    response = post(client, article, parent=second.pk, body="Third level.")

    assert response.status_code == 302
    third = Comment.objects.get(body="Third level.")
    assert (third.parent, third.depth) == (second, 2)


@pytest.mark.parametrize("status", [Comment.Status.PENDING, Comment.Status.REJECTED, Comment.Status.SPAM])
def test_replies_only_to_approved_comments(client, article, status):
    parent = CommentFactory(article=article, status=status)

    response = post(client, article, parent=parent.pk, body="Hello?")

    assert response.status_code == 400
    assert "not on the page any more" in response.content.decode()
    assert client.get(reverse("comments:reply", args=[parent.pk])).status_code == 404


def test_reply_to_a_comment_on_another_article_is_refused(client, article):
    elsewhere = CommentFactory(article=ArticleFactory())

    assert post(client, article, parent=elsewhere.pk).status_code == 400
    assert not Comment.objects.filter(article=article).exists()


def test_approved_comments_show_in_thread_order_with_featured_marked(client, article):
    first = CommentFactory(article=article, created_at=_at(0), body="First.")
    second = CommentFactory(article=article, created_at=_at(10), body="Second.", featured=True)
    reply_to_first = CommentFactory(article=article, parent=first, created_at=_at(20), body="Reply to first.")
    deeper = CommentFactory(article=article, parent=reply_to_first, created_at=_at(30))
    early_reply = CommentFactory(article=article, parent=first, created_at=_at(5))
    CommentFactory(article=article, parent=first, status=Comment.Status.PENDING, created_at=_at(6))

    html = client.get(article.get_absolute_url()).content.decode()

    assert _ids_in_page_order(html) == [first.pk, early_reply.pk, reply_to_first.pk, deeper.pk, second.pk]
    assert "Comments (5)" in html
    # Replies are nested inside their parent's list item.
    first_item = html[html.index(f'id="comment-{first.pk}"') : html.index(f'id="comment-{second.pk}"')]
    assert 'class="comment-replies"' in first_item
    assert "comment-featured" in re.search(rf'<li id="comment-{second.pk}" class="([^"]*)"', html).group(1)
    assert "Editor’s pick" in html[html.index(f'id="comment-{second.pk}"') :]
    assert html.count("Editor’s pick") == 1


def test_replies_to_a_removed_comment_keep_their_place(client, article):
    removed = CommentFactory(article=article, status=Comment.Status.REJECTED, body="Taken down.", created_at=_at(0))
    reply = CommentFactory(article=article, parent=removed, body="Still here.", created_at=_at(5))
    later = CommentFactory(article=article, body="Later.", created_at=_at(10))

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Taken down." not in html
    assert "This comment was removed." in html
    assert _ids_in_page_order(html) == [removed.pk, reply.pk, later.pk]
    assert "Comments (2)" in html


def test_a_removed_reply_keeps_its_place_by_time_among_its_siblings(client, article):
    head = CommentFactory(article=article, body="Head.", created_at=_at(0))
    # Stored before its earlier sibling, so only its time (read from above its reply) places it.
    removed = CommentFactory(
        article=article, parent=head, status=Comment.Status.REJECTED, body="Taken down.", created_at=_at(20)
    )
    under_removed = CommentFactory(article=article, parent=removed, body="Under it.", created_at=_at(25))
    earlier = CommentFactory(article=article, parent=head, body="Earlier.", created_at=_at(10))
    later = CommentFactory(article=article, parent=head, body="Later.", created_at=_at(30))

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Taken down." not in html and "This comment was removed." in html
    assert _ids_in_page_order(html) == [head.pk, earlier.pk, removed.pk, under_removed.pk, later.pk]


def test_article_page_counts_approved_comments_only(client, article):
    CommentFactory.create_batch(2, article=article)
    for status in (Comment.Status.PENDING, Comment.Status.REJECTED, Comment.Status.SPAM):
        CommentFactory(article=article, status=status, body=f"A {status} one.")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Comments (2)" in html
    assert "pending one" not in html and "spam one" not in html and "rejected one" not in html


def test_lists_show_approved_comment_counts_stored_with_their_cards(client):
    for _ in range(5):
        ArticleFactory(publish_at=timezone.now() - datetime.timedelta(days=2))
    busy, quiet = ArticleFactory(title="Busy"), ArticleFactory(title="Quiet")
    CommentFactory.create_batch(3, article=busy)
    CommentFactory(article=busy, status=Comment.Status.PENDING)
    CommentFactory(article=quiet, status=Comment.Status.SPAM)
    drain_worker()

    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()

    # Counted as the cards were rendered (renderings/), not as the list is read.
    assert [query for query in queries if "comments_comment" in query["sql"]] == []
    assert "3 comments" in html
    assert html.count(" comment") - html.count(" comments") == 0  # nothing says "1 comment"
    assert "0 comments" not in html


def test_approved_counts_for_feeds_and_lists():
    article, other = ArticleFactory(), ArticleFactory()
    CommentFactory.create_batch(2, article=article)
    CommentFactory(article=article, status=Comment.Status.PENDING)

    assert approved_counts([article, other.pk]) == {article.pk: 2, other.pk: 0}
    assert approved_counts([]) == {}
