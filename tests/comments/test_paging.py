"""Long threads in pages: top-level comments with all their replies, later pages at their own addresses."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, FormerSlug
from comments import threads
from comments.models import Comment
from tests.factories import CommentFactory

from .helpers import make_trusted, post

pytestmark = pytest.mark.django_db


def _at(minutes: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=5) + datetime.timedelta(minutes=minutes)


def _ids_in_page_order(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<li id="comment-(\d+)"', html)]


def _page(article, number: int) -> str:
    return reverse("comments:page", kwargs={"slug": article.slug, "page": number})


@pytest.fixture
def small_pages(settings):
    settings.COMMENTS_THREADS_PER_PAGE = 2


@pytest.fixture
def five_threads(article, small_pages):
    """Five top-level comments a minute apart, the first two with a reply each, on pages of two."""
    heads = [CommentFactory(article=article, created_at=_at(10 * n), body=f"Thread {n}.") for n in range(5)]
    replies = [CommentFactory(article=article, parent=heads[n], created_at=_at(10 * n + 5)) for n in range(2)]
    return heads, replies


def test_article_page_shows_the_first_page_of_threads_and_counts_them_all(client, article, five_threads):
    heads, replies = five_threads

    html = client.get(article.get_absolute_url()).content.decode()

    assert _ids_in_page_order(html) == [heads[0].pk, replies[0].pk, heads[1].pk, replies[1].pk]
    assert "Comments (7)" in html
    assert "Thread 2." not in html
    assert 'id="comment-form-title"' in html


def test_later_pages_hold_the_next_threads_oldest_first(client, article, five_threads):
    heads, _ = five_threads
    reply = CommentFactory(article=article, parent=heads[2], created_at=_at(40))

    second = client.get(_page(article, 2))
    third = client.get(_page(article, 3))

    assert second.status_code == third.status_code == 200
    assert _ids_in_page_order(second.content.decode()) == [heads[2].pk, reply.pk, heads[3].pk]
    assert _ids_in_page_order(third.content.decode()) == [heads[4].pk]


def test_later_page_links_back_to_the_article_and_to_its_form(client, article, five_threads):
    html = client.get(_page(article, 2)).content.decode()

    assert f'<a href="{article.get_absolute_url()}">{article.title}</a>' in html
    assert f'href="{article.get_absolute_url()}#comment-form-title">Add a comment</a>' in html
    assert "<form" not in html.split('id="main"')[1].split("</main>")[0]
    assert "8 comments" not in html and "7 comments · page 2 of 3" in html


def test_closed_article_later_page_says_so_and_offers_no_form(client, article, five_threads):
    article.comment_mode = article.CommentMode.CLOSED
    article.save()

    html = client.get(_page(article, 2)).content.decode()

    assert "Comments are closed on this article." in html
    assert "Add a comment" not in html
    assert "Reply<span" not in html


def test_pagination_links_to_every_page_with_page_one_on_the_article(client, article, five_threads):
    html = client.get(_page(article, 2)).content.decode()

    nav = html[html.index('aria-label="Pages of comments"') :]
    nav = nav[: nav.index("</nav>")]
    assert f'href="{article.get_absolute_url()}#comments" rel="prev"' in nav
    assert f'href="{_page(article, 3)}" rel="next"' in nav
    assert f'<a href="{_page(article, 2)}" aria-current="page">' in nav
    first = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{_page(article, 2)}" rel="next"' in first
    assert 'rel="prev"' not in first.split('aria-label="Pages of comments"')[1]


def test_one_page_of_threads_has_no_pagination(client, article):
    CommentFactory.create_batch(3, article=article)

    assert "Pages of comments" not in client.get(article.get_absolute_url()).content.decode()


def test_later_page_metadata_is_its_own_and_not_indexed(client, article, five_threads):
    html = client.get(_page(article, 2)).content.decode()
    head = html.split("</head>")[0]

    assert f"<title>Comments on {article.title} · page 2 · " in head
    assert f'<link rel="canonical" href="http://testserver{_page(article, 2)}">' in head
    assert '<meta name="robots" content="noindex, follow">' in head
    assert f'<link rel="prev" href="http://testserver{article.get_absolute_url()}">' in head
    assert f'<link rel="next" href="http://testserver{_page(article, 3)}">' in head


def test_page_past_the_end_is_404(client, article, five_threads):
    assert client.get(_page(article, 4)).status_code == 404
    assert client.get(_page(article, 10**12)).status_code == 404


def test_no_later_pages_without_comments(client, article):
    assert client.get(_page(article, 2)).status_code == 404


def test_page_one_address_redirects_to_the_article_comments(client, article, five_threads):
    response = client.get(_page(article, 1))

    assert response.status_code == 301
    assert response["Location"] == f"{article.get_absolute_url()}#comments"


@pytest.mark.parametrize(("query", "target"), [("?page=3", 3), ("?page=1", 1)])
def test_page_in_the_query_string_is_redirected_to_its_address(client, article, five_threads, query, target):
    response = client.get(_page(article, 2) + query)

    assert response.status_code == 301
    assert response["Location"] == threads.page_url(article, target)


@pytest.mark.parametrize("value", ["0", "-1", "two", "¹", ""])
def test_page_in_the_query_string_must_be_a_number(client, article, five_threads, value):
    assert client.get(_page(article, 2) + f"?page={value}").status_code == 404


def test_comments_of_an_unpublished_article_have_no_pages(client, article, five_threads):
    article.status = article.Status.DRAFT
    article.save()

    assert client.get(_page(article, 2)).status_code == 404


def test_former_address_of_the_article_redirects_to_the_same_page(client, article, five_threads):
    FormerSlug.objects.create(article=article, slug="old-address")

    response = client.get(reverse("comments:page", kwargs={"slug": "old-address", "page": 2}))

    assert response.status_code == 301
    assert response["Location"] == _page(article, 2)


def test_removed_top_level_comment_with_replies_keeps_its_slot(client, article, small_pages):
    first = CommentFactory(article=article, created_at=_at(0))
    removed = CommentFactory(article=article, status=Comment.Status.REJECTED, body="Gone.", created_at=_at(10))
    reply = CommentFactory(article=article, parent=removed, body="Still here.", created_at=_at(20))
    CommentFactory(article=article, status=Comment.Status.SPAM, created_at=_at(25))
    third = CommentFactory(article=article, created_at=_at(30))

    html = client.get(article.get_absolute_url()).content.decode()
    later = client.get(_page(article, 2)).content.decode()

    assert _ids_in_page_order(html) == [first.pk, removed.pk, reply.pk]
    assert "This comment was removed." in html and "Gone." not in html
    assert _ids_in_page_order(later) == [third.pk]
    assert "Comments (3)" in html


def test_removed_comment_on_a_later_page_shows_its_replies(client, article, small_pages):
    CommentFactory.create_batch(2, article=article, created_at=_at(0))
    removed = CommentFactory(article=article, status=Comment.Status.SPAM, created_at=_at(10))
    middle = CommentFactory(article=article, parent=removed, status=Comment.Status.REJECTED, created_at=_at(20))
    deep = CommentFactory(article=article, parent=middle, body="Two levels under.", created_at=_at(30))

    html = client.get(_page(article, 2)).content.decode()

    assert _ids_in_page_order(html) == [removed.pk, middle.pk, deep.pk]
    assert html.count("This comment was removed.") == 2
    assert re.search(rf'<li id="comment-{deep.pk}" class="comment" data-depth="2">', html)


def test_removed_comment_without_visible_replies_takes_no_slot(client, article, small_pages):
    removed = CommentFactory(article=article, status=Comment.Status.REJECTED, created_at=_at(0))
    CommentFactory(article=article, parent=removed, status=Comment.Status.PENDING, created_at=_at(5))
    kept = CommentFactory.create_batch(2, article=article, created_at=_at(10))

    html = client.get(article.get_absolute_url()).content.decode()

    assert _ids_in_page_order(html) == [comment.pk for comment in kept]
    assert client.get(_page(article, 2)).status_code == 404


def test_replies_are_nested_at_every_level_on_later_pages(client, article, small_pages):
    CommentFactory.create_batch(2, article=article, created_at=_at(0))
    head = CommentFactory(article=article, created_at=_at(10))
    one = CommentFactory(article=article, parent=head, created_at=_at(20))
    two = CommentFactory(article=article, parent=one, created_at=_at(30))
    three = CommentFactory(article=article, parent=two, created_at=_at(40))
    earlier_one = CommentFactory(article=article, parent=head, created_at=_at(15))

    html = client.get(_page(article, 2)).content.decode()

    assert _ids_in_page_order(html) == [head.pk, earlier_one.pk, one.pk, two.pk, three.pk]
    inside_head = html[html.index(f'id="comment-{head.pk}"') :]
    assert inside_head.count('class="comment-replies"') == 3


def test_reply_on_page_three_links_to_page_three(article, small_pages):
    heads = [CommentFactory(article=article, created_at=_at(n)) for n in range(6)]
    reply = CommentFactory(article=article, parent=heads[4], created_at=_at(30))
    deeper = CommentFactory(article=article, parent=reply, created_at=_at(31))

    assert reply.get_absolute_url() == f"{_page(article, 3)}#comment-{reply.pk}"
    assert deeper.get_absolute_url() == f"{_page(article, 3)}#comment-{deeper.pk}"
    assert heads[3].get_absolute_url() == f"{_page(article, 2)}#comment-{heads[3].pk}"
    assert heads[0].get_absolute_url() == f"{article.get_absolute_url()}#comment-{heads[0].pk}"


def test_comment_link_takes_at_most_three_queries(article, small_pages):
    head = CommentFactory(article=article)
    reply = CommentFactory(article=article, parent=CommentFactory(article=article, parent=head))
    reply = Comment.objects.get(pk=reply.pk)

    with CaptureQueriesContext(connection) as queries:
        reply.get_absolute_url()

    # The article (for its address), the top-level comment, the count before it.
    assert len(queries) == 3


def test_published_comment_redirects_to_its_page(client, article, small_pages):
    article.comment_mode = Article.CommentMode.POST
    article.save()
    CommentFactory.create_batch(2, article=article, created_at=_at(0))
    make_trusted("ada@example.com")

    response = post(client, article, body="Late to this.")

    comment = Comment.objects.get(body="Late to this.")
    assert comment.status == Comment.Status.APPROVED
    assert response["Location"] == f"{_page(article, 2)}#comment-{comment.pk}"


def test_reply_page_links_back_to_the_parent_on_its_page(client, article, small_pages):
    CommentFactory.create_batch(2, article=article, created_at=_at(0))
    parent = CommentFactory(article=article, created_at=_at(10))

    html = client.get(reverse("comments:reply", args=[parent.pk])).content.decode()

    assert f'href="{_page(article, 2)}#comment-{parent.pk}"' in html


def test_a_two_level_limit_pages_comments_and_replies(client, article, settings, small_pages):
    settings.COMMENTS_MAX_DEPTH = 2
    heads = [CommentFactory(article=article, created_at=_at(10 * n)) for n in range(3)]
    reply = CommentFactory(article=article, parent=heads[2], created_at=_at(25))

    html = client.get(_page(article, 2)).content.decode()

    assert _ids_in_page_order(html) == [heads[2].pk, reply.pk]
    assert reply.get_absolute_url() == f"{_page(article, 2)}#comment-{reply.pk}"
