"""A published article's old address redirects (301) to its new one."""

import pytest
from django.urls import reverse

from articles.models import Article, FormerSlug
from tests.admin_forms import article_form
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_renaming_a_published_article_keeps_the_old_address_as_a_301(client, editor):
    article = ArticleFactory(slug="first-name")
    client.force_login(editor)

    client.post(reverse("admin:articles_article_change", args=[article.pk]), article_form(article, slug="second-name"))
    client.logout()

    response = client.get("/articles/first-name/")
    assert response.status_code == 301
    assert response["Location"] == "/articles/second-name/"
    assert client.get("/articles/second-name/").status_code == 200


def test_every_old_address_goes_straight_to_the_current_one(client):
    article = ArticleFactory(slug="one")
    for slug in ("two", "three"):
        article.slug = slug
        article.save()

    for old in ("one", "two"):
        response = client.get(f"/articles/{old}/")
        assert (response.status_code, response["Location"]) == (301, "/articles/three/")


def test_renaming_a_draft_keeps_no_redirect(client):
    article = ArticleFactory(draft=True, slug="draft-one")
    article.slug = "draft-two"
    article.save()

    assert not FormerSlug.objects.exists()


def test_an_old_address_of_an_unpublished_article_is_a_404(client, editor):
    from articles import services

    article = ArticleFactory(slug="was-here")
    article.slug = "is-here"
    article.save()
    services.article_unpublish(article, by=editor)

    assert client.get("/articles/was-here/").status_code == 404


def test_going_back_to_an_old_address_drops_its_redirect(client):
    article = ArticleFactory(slug="a")
    article.slug = "b"
    article.save()
    article.slug = "a"
    article.save()

    assert client.get("/articles/a/").status_code == 200
    assert (client.get("/articles/b/").status_code, client.get("/articles/b/")["Location"]) == (301, "/articles/a/")


def test_another_article_taking_an_old_address_wins_it(client):
    first = ArticleFactory(slug="contested", title="First")
    first.slug = "first-moved"
    first.save()

    ArticleFactory(slug="contested", title="Second")

    response = client.get("/articles/contested/")
    assert response.status_code == 200 and "Second" in response.content.decode()
    assert not FormerSlug.objects.filter(slug="contested").exists()


def test_the_change_form_lists_the_old_addresses(client, editor):
    article = ArticleFactory(slug="old-one")
    article.slug = "new-one"
    article.save()
    client.force_login(editor)

    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()

    assert "/articles/old-one/" in html
    assert Article.objects.get(pk=article.pk).former_slugs.count() == 1
