"""Mail to moderators (throttled), to commenters on approval and on replies; signed mute links."""

import re

import pytest
from django.core import signing
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from comments import notifications, services
from comments.models import Comment, MailMute
from tests.factories import ArticleFactory, CommentFactory

from .helpers import make_trusted, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what services hand to on_commit, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _links(body: str) -> list[str]:
    return re.findall(r"http://testserver(/\S+)", body)


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "http://testserver"
    settings.COMMENTS_MODERATOR_MAIL_MINUTES = 30


# --- Moderators ------------------------------------------------------------------------


def test_moderators_are_told_when_comments_await_them(client, article, moderator, mailoutbox, on_commit):
    with on_commit():
        post(client, article, body="Please read me.")

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["moderator@example.org"]
    assert mail.subject == "[The Long Take] 1 comment awaiting moderation"
    assert "1 comment awaits moderation" in mail.body
    assert "held: first comment from this email" in mail.body
    assert "/admin/comments/comment/?status__exact=pending" in mail.body
    assert "Stop these emails: http://testserver/comments/mute/" in mail.body


def test_at_most_one_moderator_mail_per_interval(client, article, moderator, mailoutbox, on_commit):
    with on_commit():
        post(client, article, email="one@example.com", body="One.")
        post(client, article, email="two@example.com", body="Two.")
    assert len(mailoutbox) == 1

    cache.delete(notifications.MODERATOR_MAIL_KEY)  # the interval has passed
    with on_commit():
        post(client, article, email="three@example.com", body="Three.")

    assert len(mailoutbox) == 2
    assert "3 comments await moderation" in mailoutbox[1].body


def test_the_interval_is_the_setting_in_minutes(article, moderator, mailoutbox, settings, monkeypatch):
    settings.COMMENTS_MODERATOR_MAIL_MINUTES = 45
    windows = []
    add = cache.add

    def remembered_add(key, value, timeout=None, **kwargs):
        if key == notifications.MODERATOR_MAIL_KEY:
            windows.append(timeout)
        return add(key, value, timeout=timeout, **kwargs)

    monkeypatch.setattr(cache, "add", remembered_add)
    CommentFactory(article=article, status=Comment.Status.PENDING)

    assert notifications.notify_moderators() == 1
    assert notifications.notify_moderators() == 0
    assert windows == [45 * 60]
    assert len(mailoutbox) == 1


def test_within_the_interval_a_post_asks_nothing_more_of_the_database(article, moderator, mailoutbox):
    CommentFactory(article=article, status=Comment.Status.PENDING)
    assert notifications.notify_moderators() == 1

    with CaptureQueriesContext(connection) as queries:
        assert notifications.notify_moderators() == 0

    assert len(queries) == 0
    assert len(mailoutbox) == 1


def test_published_and_spam_comments_do_not_call_moderators(client, moderator, mailoutbox, on_commit):
    article = ArticleFactory(comment_mode=Article.CommentMode.POST)
    make_trusted("ada@example.com")

    with on_commit():
        post(client, article, body="Straight on the page.")
        post(client, article, body="Bot.", email="bot@example.com", website="x")

    assert mailoutbox == []


def test_only_users_allowed_to_moderate_get_the_mail(client, article, make_staff, mailoutbox, on_commit):
    make_staff("viewer", "comments.view_comment")
    make_staff("mod", "comments.moderate_comment", "comments.view_comment", email="MOD@example.org")

    with on_commit():
        post(client, article)

    assert [mail.to for mail in mailoutbox] == [["mod@example.org"]]


def test_a_moderator_who_muted_mail_gets_none(client, article, moderator, mailoutbox, on_commit):
    MailMute.objects.create(email="moderator@example.org")

    with on_commit():
        post(client, article)

    assert mailoutbox == []


# --- Commenters ------------------------------------------------------------------------


def test_commenter_is_told_when_their_comment_is_approved(admin_user, mailoutbox, on_commit):
    comment = CommentFactory(status="pending", email="ada@example.com", name="Ada")

    with on_commit():
        services.comment_approve(comment=comment, by=admin_user)

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["ada@example.com"]
    assert mail.subject == f"[The Long Take] Your comment on “{comment.article.title}” is published"
    assert f"http://testserver{comment.get_absolute_url()}" in mail.body
    assert "Stop emails about this thread: http://testserver/comments/mute/" in mail.body
    assert "Stop all emails from us: http://testserver/comments/mute/" in mail.body


def test_no_mail_when_a_comment_is_rejected(admin_user, mailoutbox, on_commit):
    with on_commit():
        services.comment_reject(comment=CommentFactory(status="pending"), by=admin_user)

    assert mailoutbox == []


def test_commenter_is_told_when_a_reply_to_them_is_published(admin_user, mailoutbox, on_commit):
    parent = CommentFactory(email="ada@example.com", name="Ada")
    reply = CommentFactory(article=parent.article, parent=parent, status="pending", name="Bea", body="Good point!")

    with on_commit():
        services.comment_approve(comment=reply, by=admin_user)

    to_ada = [mail for mail in mailoutbox if mail.to == ["ada@example.com"]]
    assert len(to_ada) == 1
    assert to_ada[0].subject == f"[The Long Take] Bea replied to your comment on “{parent.article.title}”"
    assert "Good point!" in to_ada[0].body
    # Its links mute Ada's mail (not Bea's): about this thread, or all of it.
    links = [link for link in _links(to_ada[0].body) if link.startswith("/comments/mute/")]
    tokens = [link.removeprefix("/comments/mute/").rstrip("/") for link in links]
    assert [notifications.read_mute_token(token) for token in tokens] == [
        ("ada@example.com", parent.pk),
        ("ada@example.com", None),
    ]


def test_a_reply_published_at_once_is_announced_too(client, mailoutbox, on_commit):
    article = ArticleFactory(comment_mode=Article.CommentMode.POST)
    parent = CommentFactory(article=article, email="ada@example.com")
    make_trusted("bea@example.com")

    with on_commit():
        post(client, article, email="bea@example.com", parent=parent.pk, body="Agreed.")

    assert [mail.to for mail in mailoutbox] == [["ada@example.com"]]


def test_no_mail_for_replying_to_yourself(admin_user, mailoutbox, on_commit):
    parent = CommentFactory(email="ada@example.com")
    reply = CommentFactory(article=parent.article, parent=parent, status="pending", email="ada@example.com")

    with on_commit():
        services.comment_approve(comment=reply, by=admin_user)

    assert [mail.subject for mail in mailoutbox] == [
        f"[The Long Take] Your comment on “{parent.article.title}” is published"
    ]


# --- Mute links --------------------------------------------------------------------------


def test_mute_thread_link_stops_mail_about_that_thread_only(client, admin_user, mailoutbox, on_commit):
    root = CommentFactory(email="ada@example.com", status="pending")
    with on_commit():
        services.comment_approve(comment=root, by=admin_user)
    mute_thread = _links(mailoutbox[0].body)[1]
    assert "Stop emails about this thread" in mailoutbox[0].body

    page = client.get(mute_thread)
    assert page.status_code == 200 and "Stop these emails" in page.content.decode()
    assert not MailMute.objects.exists()  # a GET (a mail scanner) changes nothing
    done = client.post(mute_thread)
    assert "no more emails to <strong>ada@example.com</strong> about that thread" in done.content.decode()

    mailoutbox.clear()
    reply = CommentFactory(article=root.article, parent=root, status="pending")
    other = CommentFactory(email="ada@example.com", status="pending")
    with on_commit():
        services.comment_approve(comment=reply, by=admin_user)
        services.comment_approve(comment=other, by=admin_user)
    assert [mail.to for mail in mailoutbox if "ada" in mail.to[0]] == [["ada@example.com"]]
    assert "is published" in mailoutbox[-1].subject


def test_mute_all_link_stops_all_mail(client, admin_user, mailoutbox):
    client.post(notifications.mute_url("ADA@example.com").removeprefix("http://testserver"))

    assert MailMute.objects.get().thread is None
    comment = CommentFactory(email="ada@example.com", status="pending")
    services.comment_approve(comment=comment, by=admin_user)
    assert notifications.notify_approved(comment) is False


def test_tampered_mute_link_is_refused(client):
    url = notifications.mute_url("ada@example.com").removeprefix("http://testserver")

    response = client.post(url.replace("/mute/", "/mute/x"))

    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert not MailMute.objects.exists()


def test_mute_tokens_are_signed_per_address():
    token = notifications.mute_token("ada@example.com", 7)

    assert notifications.read_mute_token(token) == ("ada@example.com", 7)
    payload, signature = token.split(":", 1)
    forged = signing.dumps({"e": "eve@example.com", "t": 7}, salt=notifications.MUTE_SALT).split(":", 1)[0]
    assert notifications.read_mute_token(f"{forged}:{signature}") is None
    assert notifications.read_mute_token(signing.dumps({"e": "eve@example.com", "t": 7}, salt="other")) is None
    assert reverse("comments:mute", kwargs={"token": token})


def test_muting_twice_is_harmless(client):
    url = notifications.mute_url("ada@example.com").removeprefix("http://testserver")

    client.post(url)
    client.post(url)

    assert MailMute.objects.count() == 1
    assert Comment.objects.count() == 0


def test_a_mail_server_that_is_down_loses_no_comment(client, article, moderator, monkeypatch, on_commit):
    def down(*args, **kwargs):
        raise ConnectionRefusedError("smtp is down")

    monkeypatch.setattr(notifications, "send_mail", down)

    with on_commit():
        response = post(client, article, body="Still saved.")

    assert response.status_code == 302
    assert Comment.objects.filter(body="Still saved.").exists()
