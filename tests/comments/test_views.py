import pytest
from django.urls import reverse

from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def _post(client, article, **overrides):
    data = {"name": "Ada", "email": "ada@example.com", "body": "A fine essay."} | overrides
    return client.post(reverse("comments:post", kwargs={"article_id": article.pk}), data)


def test_posted_comment_waits_for_moderation(client):
    article = ArticleFactory()

    response = _post(client, article)

    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#comments"
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.ip_address == "127.0.0.1"
    page = client.get(response["Location"]).content.decode()
    assert "awaiting moderation" in page
    assert "A fine essay." not in page
    assert "Comments (0)" in page


def test_invalid_comment_returns_the_form_with_errors_and_text_intact(client):
    article = ArticleFactory()

    response = _post(client, article, email="not-an-email", body="My careful paragraph.")

    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a valid email address." in html
    assert "My careful paragraph." in html
    assert not Comment.objects.exists()


def test_blank_comment_is_refused(client):
    response = _post(client, ArticleFactory(), body="   ")

    assert response.status_code == 400
    assert "Write something before posting." in response.content.decode()


def test_comments_on_unpublished_articles_are_404(client):
    assert _post(client, ArticleFactory(draft=True)).status_code == 404
    assert not Comment.objects.exists()


def test_posting_needs_post(client):
    article = ArticleFactory()

    assert client.get(reverse("comments:post", kwargs={"article_id": article.pk})).status_code == 405


def test_comment_text_is_escaped(client):
    article = ArticleFactory()
    CommentFactory(article=article, name="<b>bold</b>", body="<script>alert(1)</script>")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_count_shows_approved_comments_only(client):
    article = ArticleFactory()
    CommentFactory.create_batch(2, article=article)
    for status in (Comment.Status.PENDING, Comment.Status.REJECTED, Comment.Status.SPAM):
        CommentFactory(article=article, status=status)

    assert "Comments (2)" in client.get(article.get_absolute_url()).content.decode()


def test_new_comments_are_pending_by_default():
    assert Comment(article=ArticleFactory(), name="x", email="x@example.com", body="x").status == "pending"
