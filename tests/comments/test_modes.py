"""Comment modes per article with a site default, auto-close, suspensions and bans."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.models import Block, Comment
from comments.policy import comment_mode
from tests.factories import ArticleFactory, CommentFactory

from .helpers import make_trusted, post

pytestmark = pytest.mark.django_db
Mode = Article.CommentMode


def test_pre_moderated_holds_even_a_trusted_commenter(client):
    article = ArticleFactory(comment_mode=Mode.PRE)
    make_trusted("ada@example.com")

    post(client, article, body="Hold me.")

    comment = Comment.objects.get(body="Hold me.")
    assert comment.status == Comment.Status.PENDING
    assert comment.held_reason == "held: article is pre-moderated"
    assert "Hold me." not in client.get(article.get_absolute_url()).content.decode()


def test_post_moderated_shows_at_once_and_can_be_taken_down(client, admin_user):
    from comments.services import comment_reject

    article = ArticleFactory(comment_mode=Mode.POST)
    make_trusted("ada@example.com")
    post(client, article, body="Visible now.")
    comment = Comment.objects.get(body="Visible now.")
    assert "Visible now." in client.get(article.get_absolute_url()).content.decode()

    comment_reject(comment=comment, by=admin_user)

    assert "Visible now." not in client.get(article.get_absolute_url()).content.decode()


def test_post_moderated_still_holds_commenters_below_the_trust_threshold(client):
    article = ArticleFactory(comment_mode=Mode.POST)
    make_trusted("ada@example.com", trust=1)

    post(client, article, body="Not yet trusted.")

    comment = Comment.objects.get(body="Not yet trusted.")
    assert comment.status == Comment.Status.PENDING
    assert comment.held_reason == "held: not yet trusted (1 of 3 approved)"


def test_closed_article_shows_comments_but_no_form_and_refuses_posts(client):
    article = ArticleFactory(comment_mode=Mode.CLOSED)
    CommentFactory(article=article, body="From before.")

    html = client.get(article.get_absolute_url()).content.decode()
    response = post(client, article, body="Too late.")

    assert "From before." in html
    assert "Comments are closed on this article." in html
    assert 'class="comment-form"' not in html
    assert "Reply" not in html
    assert response.status_code == 403
    assert "Comments are closed on this article." in response.content.decode()
    assert "Too late." in response.content.decode()
    assert not Comment.objects.filter(body="Too late.").exists()


@pytest.mark.parametrize(("default", "expected"), [("pre", "pending"), ("post", "approved")])
def test_articles_follow_the_site_default(client, settings, default, expected):
    settings.COMMENTS_DEFAULT_MODE = default
    article = ArticleFactory()  # comment_mode "default"
    make_trusted("ada@example.com")

    post(client, article, body="Which way?")

    assert Comment.objects.get(body="Which way?").status == expected


def test_site_default_closed_closes_default_articles_only(client, settings):
    settings.COMMENTS_DEFAULT_MODE = "closed"

    assert post(client, ArticleFactory()).status_code == 403
    assert post(client, ArticleFactory(comment_mode=Mode.PRE)).status_code == 302


def test_comments_close_by_themselves_n_days_after_publication(client, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    now = timezone.now()
    old = ArticleFactory(publish_at=now - datetime.timedelta(days=30, minutes=1), comment_mode=Mode.POST)
    recent = ArticleFactory(publish_at=now - datetime.timedelta(days=29))

    assert comment_mode(old).value == "closed"
    assert comment_mode(recent).value == "pre"
    assert "close 30 days after publication" in client.get(old.get_absolute_url()).content.decode()
    assert post(client, old).status_code == 403
    page = client.get(recent.get_absolute_url()).content.decode()
    assert "Comments close on" in page
    assert post(client, recent).status_code == 302


def test_no_auto_close_when_the_setting_is_zero(settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 0
    article = ArticleFactory(publish_at=timezone.now() - datetime.timedelta(days=3650))

    assert comment_mode(article).is_open


def test_mode_is_an_admin_field_of_the_article(admin_client):
    article = ArticleFactory()

    html = admin_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()

    assert 'name="comment_mode"' in html
    assert "Post-moderated: shows at once, can be taken down" in html


# --- Suspensions and bans -------------------------------------------------------


def test_suspended_address_is_refused_with_the_date_and_text_kept(client, article):
    until = timezone.now() + datetime.timedelta(days=7)
    Block.objects.create(kind=Block.Kind.EMAIL, value="ADA@example.com", until=until)

    response = post(client, article, body="Let me in.")

    assert response.status_code == 403
    html = response.content.decode()
    assert "This email address is suspended from commenting until" in html
    assert str(timezone.localtime(until).year) in html
    assert "Let me in." in html
    assert not Comment.objects.exists()


def test_suspension_ends_by_itself(client, article):
    Block.objects.create(kind=Block.Kind.EMAIL, value="ada@example.com", until=timezone.now() - datetime.timedelta(1))

    assert post(client, article).status_code == 302


def test_banned_address_is_refused(client, article):
    Block.objects.create(kind=Block.Kind.EMAIL, value="ada@example.com")

    response = post(client, article)

    assert response.status_code == 403
    assert "This email address can no longer comment here." in response.content.decode()


def test_banned_domain_refuses_every_address_in_it(client, article):
    Block.objects.create(kind=Block.Kind.DOMAIN, value="spam.example")

    response = post(client, article, email="anyone@SPAM.example")

    assert response.status_code == 403
    assert "Comments from this email domain are not accepted." in response.content.decode()
    assert post(client, article, email="ada@other.example").status_code == 302
