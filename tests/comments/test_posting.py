"""Posting: POST, redirect, GET; errors keep the text; modes; double submits; spam signals."""

import datetime
import re

import pytest
from django.core import signing
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.forms import TOKEN_SALT, issue_form_token
from comments.models import Comment, Commenter, ModerationLog
from tests.factories import ArticleFactory, AuthorFactory, CommentFactory, FilmFactory

from .helpers import form_data, make_trusted, post

pytestmark = pytest.mark.django_db

AWAITING = "awaiting moderation"
PUBLISHED = "Your comment is published."


def test_posted_comment_waits_for_moderation(client, article):
    response = post(client, article)

    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#comments"
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.ip_address == "127.0.0.1"
    assert comment.held_reason == "held: first comment from this email; article is pre-moderated"
    page = client.get(response["Location"]).content.decode()
    assert AWAITING in page
    assert "A fine essay." not in page
    assert "Comments (0)" in page


def test_a_post_costs_a_fixed_number_of_queries_whatever_the_sender_posted_before(
    client, article, django_assert_num_queries
):
    # The article with what triage and the block check read (one statement: blocks, the sender's
    # comments, trust and a duplicate, the word list's version); the comment, whose insert passes
    # over a double submit itself (no savepoint); the log entry. No savepoint around it all: the
    # request's transaction is the only one (the tests' own makes that one a savepoint, not counted
    # here either way).
    post(client, article, email="someone-else@example.com")  # this process compiles the word list
    CommentFactory.create_batch(5, email="regular@example.com", article=article)
    make_trusted("regular@example.com", trust=1)
    with django_assert_num_queries(3):
        response = post(client, article, email="regular@example.com", body="Once more, with feeling.")
    assert response.status_code == 302
    assert Comment.objects.filter(email="regular@example.com").count() == 7


def test_a_new_commenters_post_costs_as_much_on_postgresql(client, article, django_assert_num_queries):
    # What the bench's posts cost: a new address, so a Commenter row too (trust 0), inserted in the
    # log entry's statement on PostgreSQL; one statement more elsewhere.
    post(client, article, email="someone-else@example.com")
    with django_assert_num_queries(3 if connection.vendor == "postgresql" else 4):
        response = post(client, article, email="new@example.com", body="My first comment here.")
    assert response.status_code == 302
    assert Commenter.objects.get(email="new@example.com").trust == 0
    assert Comment.objects.get(email="new@example.com").status == Comment.Status.PENDING


def test_posting_is_logged_with_the_triage_decision(client, article):
    post(client, article)

    entry = ModerationLog.objects.get()
    assert (entry.action, entry.actor, entry.actor_name) == ("posted", None, "triage")
    assert (entry.from_state, entry.to_state) == ("", "pending")
    assert entry.note.startswith("held: first comment")


def test_trusted_commenter_on_post_moderated_article_is_published_at_once(client):
    article = ArticleFactory(comment_mode=Article.CommentMode.POST)
    make_trusted("ada@example.com")

    response = post(client, article, body="Shown at once.")

    comment = Comment.objects.get(body="Shown at once.")
    assert comment.status == Comment.Status.APPROVED
    assert comment.held_reason == "published: trusted commenter on a post-moderated article"
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
    page = client.get(response["Location"]).content.decode()
    assert PUBLISHED in page
    assert "Shown at once." in page


def test_invalid_comment_returns_the_form_with_errors_and_text_intact(client, article):
    response = post(client, article, email="not-an-email", name="Ada Q", body="My careful paragraph.")

    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a valid email address." in html
    assert "My careful paragraph." in html
    assert 'value="Ada Q"' in html
    assert 'aria-invalid="true"' in html
    assert not Comment.objects.exists()


def test_form_shown_again_keeps_the_whole_article_page(client):
    author, film = AuthorFactory(name="Ines Marlow"), FilmFactory(title="Anora")
    article = ArticleFactory(authors=[author], films=[film], body="<p>The essay itself.</p>")
    article.tags.add("sex work")

    html = post(client, article, email="not-an-email").content.decode()

    assert f'href="{author.get_absolute_url()}"' in html
    assert f'href="{film.get_absolute_url()}"' in html
    assert "The essay itself." in html
    assert "sex work" in html


@pytest.mark.parametrize("body", ["", "   ", "\u200b\u200b"])
def test_blank_comment_is_refused(client, article, body):
    response = post(client, article, body=body)

    assert response.status_code == 400
    assert "Write something before posting." in response.content.decode()


def test_overlong_comment_is_refused_saying_by_how_much_with_text_kept(client, article):
    pasted = "A long paste. " * 1428 + "The end."  # 20,000 characters

    response = post(client, article, body=pasted)

    html = response.content.decode()
    assert response.status_code == 400
    assert (
        "Your comment is 20,000 characters long; the limit is 5,000. Shorten it by 15,000 characters "
        "and post it again: your text is still here."
    ) in html
    assert f"{pasted}</textarea>" in html
    assert not Comment.objects.exists()


def test_the_comment_box_shows_its_limit_and_has_no_maxlength_to_cut_a_paste(client, article):
    html = client.get(article.get_absolute_url()).content.decode()

    box = re.search(r"<textarea[^>]*>", html).group(0)
    assert not re.search(r"\smaxlength=", box)
    assert 'data-maxlength="5000"' in box
    assert "Plain text, up to 5,000 characters." in html
    assert not re.search(r"\smaxlength=", re.search(r"<input[^>]*name=\"name\"[^>]*>", html).group(0))
    assert "js/textlimit.js" in html


def test_a_comment_at_the_limit_is_taken_though_its_line_breaks_arrive_as_two_characters(client, article):
    body = "A line.\r\n" * 555  # 8 characters a line as typed, 9 as sent

    response = post(client, article, body=body + "x" * (5000 - 555 * 8))

    assert response.status_code == 302
    assert len(Comment.objects.get().body) == 5000


def test_an_overlong_name_is_refused_not_cut(client, article):
    response = post(client, article, name="N" * 81)

    assert response.status_code == 400
    assert "The name is 81 characters long; the limit is 80. Shorten it by 1." in response.content.decode()
    assert 'value="' + "N" * 81 + '"' in response.content.decode()


def test_a_refused_comment_opens_the_page_at_its_error_summary(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'action="/comments/post/{article.pk}/#comment-errors"' in page

    html = post(client, article, email="").content.decode()

    summary = re.search(r'<div id="comment-errors"[^>]*>(.*?)</div>', html, re.DOTALL)
    assert summary is not None
    assert 'tabindex="-1"' in summary.group(0) and 'role="alert"' in summary.group(0)
    assert '<a href="#id_email">Email: Give an email address; it is never shown.</a>' in summary.group(1)


def test_a_comment_refused_because_comments_closed_opens_the_page_at_the_reason(client):
    article = ArticleFactory(comment_mode=Article.CommentMode.CLOSED)

    html = post(client, article).content.decode()

    assert re.search(r'<p class="comments-closed" id="comment-errors" role="alert" tabindex="-1">', html)


def test_comments_on_unpublished_articles_are_404(client):
    assert post(client, ArticleFactory(draft=True)).status_code == 404
    assert post(client, ArticleFactory(scheduled=True)).status_code == 404
    embargoed = ArticleFactory(embargo_until=timezone.now() + datetime.timedelta(hours=1))
    # Published an hour ago, under an embargo that still runs (update(): save() would move the time).
    Article.objects.filter(pk=embargoed.pk).update(publish_at=timezone.now() - datetime.timedelta(hours=1))
    assert post(client, embargoed).status_code == 404
    assert post(client, ArticleFactory(status=Article.Status.REVIEW)).status_code == 404
    assert post(client, type("Gone", (), {"pk": 999_999})()).status_code == 404
    assert post(client, type("Gone", (), {"pk": 999_999})(), email="not an address").status_code == 404
    assert not Comment.objects.exists()


def test_posting_needs_post(client, article):
    assert client.get(reverse("comments:post", kwargs={"article_id": article.pk})).status_code == 405


def test_new_comments_are_pending_by_default():
    assert Comment(article=ArticleFactory(), name="x", email="x@example.com", body="x").status == "pending"


# --- Double submits ------------------------------------------------------------


def test_the_same_form_submitted_twice_stores_one_comment(client, article):
    data = form_data()
    url = reverse("comments:post", kwargs={"article_id": article.pk})

    first = client.post(url, data)
    second = client.post(url, data)

    assert Comment.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]


def test_a_held_comment_submitted_twice_is_answered_and_logged_as_once(client, article):
    data = form_data()
    url = reverse("comments:post", kwargs={"article_id": article.pk})
    client.post(url, data)

    second = client.post(url, data)

    assert AWAITING in client.get(second["Location"]).content.decode()
    assert Comment.objects.count() == 1
    assert ModerationLog.objects.count() == 1
    assert Commenter.objects.filter(email="ada@example.com").count() == 1


def test_a_published_comment_submitted_twice_sends_both_to_it(client):
    article = ArticleFactory(comment_mode=Article.CommentMode.POST)
    make_trusted("ada@example.com")
    data = form_data(body="Clicked twice.")
    url = reverse("comments:post", kwargs={"article_id": article.pk})
    first = client.post(url, data)

    second = client.post(url, data)

    comment = Comment.objects.get(body="Clicked twice.")
    assert first["Location"] == second["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
    page = client.get(second["Location"]).content.decode()
    assert PUBLISHED in page
    assert page.count("Clicked twice.") == 1


def test_a_comment_published_at_once_shows_on_the_article_page_readers_had_cached(client):
    article = ArticleFactory(comment_mode=Article.CommentMode.POST)
    make_trusted("ada@example.com")
    client.get(article.get_absolute_url())
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"

    post(client, article, body="Seen at once.")

    assert "Seen at once." in type(client)().get(article.get_absolute_url()).content.decode()


def test_a_form_without_a_token_is_stored_each_time_it_is_sent(client, article):
    post(client, article, token="", body="No script, no token.")
    post(client, article, token="", body="No script, no token.")

    assert Comment.objects.filter(body="No script, no token.").count() == 2


def test_two_forms_store_two_comments(client, article):
    post(client, article, body="One.")
    post(client, article, body="Two.")

    assert Comment.objects.count() == 2


# --- Spam signals: stored as spam, the sender is told the same as anyone held ---


def test_honeypot_filled_is_spam_and_the_bot_is_not_told(client, article):
    response = post(client, article, website="http://cheap.example")

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert "honeypot field filled" in comment.held_reason
    assert comment.held_reason.startswith("spam:")
    assert AWAITING in client.get(response["Location"]).content.decode()


def test_honeypot_field_is_hidden_from_people_and_screen_readers(client, article):
    html = client.get(article.get_absolute_url()).content.decode()

    assert '<div class="comment-hp" aria-hidden="true">' in html
    assert 'name="website"' in html
    assert 'tabindex="-1"' in html


def test_form_submitted_faster_than_a_person_types_is_spam(client, article, settings):
    settings.COMMENTS_MIN_SUBMIT_SECONDS = 5

    post(client, article)

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert "after the form was shown" in comment.held_reason
    assert ",too_fast," in comment.reason_codes


def test_form_submitted_after_a_human_pause_is_not_spam(client, article, settings):
    settings.COMMENTS_MIN_SUBMIT_SECONDS = 5
    shown = int((timezone.now() - datetime.timedelta(seconds=30)).timestamp())
    token = signing.dumps({"n": "a-nonce", "t": shown}, salt=TOKEN_SALT)

    post(client, article, token=token)

    assert Comment.objects.get().status == Comment.Status.PENDING


@pytest.mark.parametrize(
    "token",
    ["", "forged", signing.dumps({"n": "x", "t": 1}, salt="another-salt")],
    ids=["missing", "forged", "signed-elsewhere"],
)
def test_missing_or_forged_form_token_is_spam(client, article, token):
    post(client, article, token=token)

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert "form token missing or tampered with" in comment.held_reason


def test_expired_form_asks_to_post_again_with_text_kept(client, article):
    shown = int((timezone.now() - datetime.timedelta(days=3)).timestamp())
    old = signing.dumps({"n": "old-nonce", "t": shown}, salt=TOKEN_SALT)

    response = post(client, article, token=old, body="Written slowly.")

    assert response.status_code == 400
    html = response.content.decode()
    assert "post it again" in html
    assert "Written slowly." in html
    assert old not in html  # a fresh token replaces the expired one
    assert not Comment.objects.exists()


def test_form_token_endpoint_gives_a_fresh_uncached_token(client):
    response = client.get(reverse("comments:token"))

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    token = response.json()["token"]
    assert signing.loads(token, salt=TOKEN_SALT)["n"]
    assert token != issue_form_token()


def test_duplicate_of_a_recent_comment_is_spam(client, article):
    CommentFactory(email="ada@example.com", body="Buy my book at my site!", status=Comment.Status.APPROVED)

    post(client, article, body="buy my  BOOK at my site!")

    latest = Comment.objects.latest("pk")
    assert latest.status == Comment.Status.SPAM
    assert "duplicate of recent comment" in latest.held_reason


def test_the_commenters_email_is_shown_on_no_public_page(client, settings):
    settings.COMMENTS_THREADS_PER_PAGE = 1
    article = ArticleFactory(comment_mode=Article.CommentMode.POST)
    first = CommentFactory(article=article, email="first.secret@example.com", featured=True)
    later = CommentFactory(article=article, email="later.secret@example.com")
    CommentFactory(article=article, parent=later, email="reply.secret@example.com")
    pages = [
        article.get_absolute_url(),
        reverse("comments:page", kwargs={"slug": article.slug, "page": 2}),
        reverse("comments:reply", args=[first.pk]),
        reverse("comments:flag", args=[later.pk]),
        reverse("feed"),
        reverse("home"),
    ]

    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert ".secret@" not in response.content.decode(), url
        assert "secret%40" not in response.content.decode(), url


# --- The form on the page ------------------------------------------------------


def test_the_article_page_has_the_comment_form_and_its_policy(client, article):
    html = client.get(article.get_absolute_url()).content.decode()

    assert 'action="/comments/post/' in html
    assert "A moderator reads every comment before it appears." in html
    assert 'data-token-url="/comments/form-token/"' in html
    assert "css/comments.css" in html
    assert "js/comments.js" in html


def test_the_readers_address_comes_through_our_proxy(client, article, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    url = reverse("comments:post", kwargs={"article_id": article.pk})

    client.post(url, form_data(), REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.4, 203.0.113.7")

    assert Comment.objects.get().ip_address == "203.0.113.7"
