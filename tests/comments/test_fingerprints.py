"""Duplicates are found by the text's fingerprint, kept with each comment."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from comments import matching
from comments.matching import fingerprint
from comments.models import Comment
from comments.triage import find_duplicate
from tests.comments.helpers import post
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

BEFORE, AFTER = [("comments", "0008_moderation_reasons")], [("comments", "0009_comment_fingerprint")]


def test_texts_that_read_the_same_share_a_fingerprint():
    assert fingerprint("Same  TEXT") == fingerprint("same text") == fingerprint("ｓａｍｅ text")
    assert fingerprint("Same text") != fingerprint("Other text")
    assert fingerprint("  ") == ""


def test_a_comment_keeps_its_texts_fingerprint_when_its_text_is_edited():
    comment = CommentFactory(body="First words.")
    assert comment.fingerprint == fingerprint("First words.")
    comment.body = "Second words."
    comment.save(update_fields=["body"])
    comment.refresh_from_db()
    assert comment.fingerprint == fingerprint("Second words.")


def test_a_duplicate_is_found_among_many_recent_comments_by_one_lookup_not_by_reading_them(
    client, settings, monkeypatch, django_assert_num_queries
):
    settings.COMMENTS_RATE_LIMIT_PER_IP = settings.COMMENTS_RATE_LIMIT_PER_EMAIL = 10_000
    article = ArticleFactory()
    CommentFactory.create_batch(30, article=article, ip_address="10.0.0.9")
    CommentFactory(article=article, ip_address="10.0.0.9", body="A repeat.")
    normalised = []
    original = matching.normalize_for_matching
    monkeypatch.setattr(matching, "normalize_for_matching", lambda text: normalised.append(text) or original(text))

    since = timezone.now() - datetime.timedelta(hours=1)
    with django_assert_num_queries(1):
        assert find_duplicate(email="new@example.com", ip="10.0.0.9", body="a   REPEAT.", since=since) is not None
    # Only the new text is normalised, not the address's 31 recent comments (7 ms a post from one
    # busy address, when every post read and normalised up to 200 of them).
    assert normalised == ["a   REPEAT."]
    post(client, article, body="A repeat.", email="new@example.com", ip="10.0.0.9")
    assert Comment.objects.get(email="new@example.com").status == Comment.Status.SPAM


@pytest.mark.django_db(transaction=True)
def test_the_upgrade_fingerprints_the_comments_inside_the_duplicate_window():
    article = ArticleFactory()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("comments", "Comment")
    recent, stale = old.objects.bulk_create(
        [
            old(article_id=article.pk, name="A", email="a@example.com", body="Said today."),
            old(
                article_id=article.pk,
                name="B",
                email="b@example.com",
                body="Said long ago.",
                created_at=timezone.now() - datetime.timedelta(days=30),
            ),
        ]
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    try:
        assert Comment.objects.get(pk=recent.pk).fingerprint == fingerprint("Said today.")
        assert Comment.objects.get(pk=stale.pk).fingerprint == ""
    finally:
        # On to the head again: the tests after this one in the process need every later migration.
        MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
