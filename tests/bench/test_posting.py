"""Comment posting's "nothing lost": wrk's answers against the comments stored with the run's tag."""

import pytest

from bench.loadgen import parse_wrk
from bench.run import stored_comments
from comments.models import Comment
from tests.bench.test_runner import WRK_OUTPUT
from tests.factories import ArticleFactory, CommentFactory


def test_the_posting_script_reports_posts_sent_and_answered():
    output = WRK_OUTPUT.replace(
        '"tokens_reused": 0}', '"tokens_reused": 0, "repeats": null, "sent": 22574, "answered": 22566}'
    )

    result = parse_wrk(output)

    assert (result.sent, result.answered, result.repeats) == (22574, 22566, None)


@pytest.mark.django_db
def test_stored_comments_of_a_run_are_counted_by_their_tag():
    article = ArticleFactory()
    for who in ("a1b2c3wm-0-1", "a1b2c3wm-1-1", "a1b2c3wm-0-2"):
        CommentFactory(article=article, email=f"bench-{who}@example.com", status=Comment.Status.PENDING)
    # The same post stored twice, and another run's post.
    CommentFactory(article=article, email="bench-a1b2c3wm-0-2@example.com", status=Comment.Status.PENDING)
    CommentFactory(article=article, email="bench-a1b2c3ww-0-1@example.com", status=Comment.Status.PENDING)

    assert stored_comments("a1b2c3wm") == (4, 3)
