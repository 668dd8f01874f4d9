"""Readers flag approved comments; at the threshold a comment goes back to the queue."""

import pytest
from django.urls import reverse

from comments import services
from comments.models import Comment, Flag, ModerationLog
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def _flag(client, comment, reason="abuse", ip="10.0.0.1"):
    return client.post(reverse("comments:flag", args=[comment.pk]), {"reason": reason}, REMOTE_ADDR=ip)


def test_flag_page_offers_a_short_list_of_reasons(client):
    comment = CommentFactory(body="Flag me.")

    html = client.get(reverse("comments:flag", args=[comment.pk])).content.decode()

    assert "Flag me." in html
    for label in ("Abusive or hateful", "Spam or advertising", "Off-topic", "Something else"):
        assert label in html
    assert html.count('type="radio"') == len(Flag.Reason.choices)


def test_every_comment_on_the_page_has_a_flag_link(client):
    comment = CommentFactory()

    html = client.get(comment.article.get_absolute_url()).content.decode()

    assert reverse("comments:flag", args=[comment.pk]) in html


def test_a_flag_is_recorded_and_the_reader_thanked(client):
    comment = CommentFactory()

    response = _flag(client, comment, reason="spam")

    assert response.status_code == 302
    assert response["Location"] == comment.get_absolute_url()
    flag = Flag.objects.get()
    assert (flag.reason, flag.ip_address, flag.comment) == ("spam", "10.0.0.1", comment)
    comment.refresh_from_db()
    assert (comment.flag_count, comment.status) == (1, "approved")
    assert "A moderator will look at the comment" in client.get(response["Location"]).content.decode()


def test_a_reason_is_required(client):
    response = client.post(reverse("comments:flag", args=[CommentFactory().pk]), {})

    assert response.status_code == 400
    assert "Choose what is wrong with the comment." in response.content.decode()
    assert not Flag.objects.exists()


def test_one_reader_flagging_twice_counts_once(client):
    comment = CommentFactory()

    _flag(client, comment)
    response = _flag(client, comment, reason="spam")

    assert Flag.objects.count() == 1
    comment.refresh_from_db()
    assert comment.flag_count == 1
    assert "already flagged" in client.get(response["Location"]).content.decode()


def test_only_published_comments_can_be_flagged(client):
    pending = CommentFactory(status=Comment.Status.PENDING)

    assert client.get(reverse("comments:flag", args=[pending.pk])).status_code == 404
    assert _flag(client, pending).status_code == 404


def test_n_flags_send_a_comment_back_to_the_queue(client, settings):
    settings.COMMENTS_FLAG_THRESHOLD = 3
    comment = CommentFactory(body="Contested.")

    _flag(client, comment, "abuse", "10.0.0.1")
    _flag(client, comment, "abuse", "10.0.0.2")
    comment.refresh_from_db()
    assert comment.status == "approved"
    _flag(client, comment, "off_topic", "10.0.0.3")

    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert comment.held_reason == "held: flagged by 3 readers (abusive or hateful, off-topic)"
    assert comment.reason_codes == ",flagged,"
    entry = ModerationLog.objects.get(action="flagged")
    assert (entry.actor, entry.actor_name, entry.from_state, entry.to_state) == (
        None,
        "readers",
        "approved",
        "pending",
    )
    assert "Contested." not in client.get(comment.article.get_absolute_url()).content.decode()


def test_a_moderators_approval_answers_the_flags(client, settings, admin_user):
    settings.COMMENTS_FLAG_THRESHOLD = 2
    comment = CommentFactory()
    _flag(client, comment, ip="10.0.0.1")
    _flag(client, comment, ip="10.0.0.2")

    services.comment_approve(comment=comment, by=admin_user)

    comment.refresh_from_db()
    assert (comment.status, comment.flag_count) == ("approved", 0)
    assert not Flag.objects.filter(resolved=False).exists()
    # The same readers cannot take it down again; a new one only starts a new count.
    _flag(client, comment, ip="10.0.0.1")
    _flag(client, comment, ip="10.0.0.3")
    comment.refresh_from_db()
    assert (comment.status, comment.flag_count) == ("approved", 1)
