"""Many readers posting at the same moment: every accepted comment is stored exactly once."""

import threading
from collections import Counter

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from comments.forms import issue_form_token, read_form_token
from comments.models import Comment, Commenter
from tests.factories import ArticleFactory

from .helpers import form_data

THREADS = 8
FORMS = 40  # each form is submitted twice, by two threads at once

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL's concurrent writers; SQLite serialises them (CI runs this on PostgreSQL)",
    ),
]


def test_concurrent_posts_and_double_submits_store_each_comment_exactly_once(settings):
    settings.COMMENTS_RATE_LIMIT_PER_IP = 10_000
    settings.COMMENTS_RATE_LIMIT_PER_EMAIL = 10_000
    article = ArticleFactory()
    url = reverse("comments:post", kwargs={"article_id": article.pk})
    forms = [
        form_data(email=f"reader{n % 10}@example.com", body=f"Comment number {n}.", token=issue_form_token())
        for n in range(FORMS)
    ]
    # Threads work in pairs: both threads of a pair submit the same forms in the same order, at once.
    per_pair = FORMS // (THREADS // 2)
    work = [
        [(n, forms[n]) for n in range(pair * per_pair, (pair + 1) * per_pair)]
        for pair in range(THREADS // 2)
        for _ in range(2)
    ]
    start = threading.Barrier(THREADS)
    results: list[tuple[int, int]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def reader(batch):
        client = Client(REMOTE_ADDR="203.0.113.9")
        try:
            start.wait()
            for n, data in batch:
                status = client.post(url, data).status_code
                with lock:
                    results.append((n, status))
        except BaseException as error:  # reported below, in the test's own thread
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=reader, args=(batch,)) for batch in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors
    assert len(results) == 2 * FORMS
    assert Counter(status for _, status in results) == {302: 2 * FORMS}
    stored = Counter(Comment.objects.values_list("form_token", flat=True))
    nonces = {read_form_token(data["token"]).nonce for data in forms}
    assert set(stored) == nonces  # none lost
    assert set(stored.values()) == {1}  # none twice
    assert Comment.objects.count() == FORMS
    assert Commenter.objects.count() == 10
