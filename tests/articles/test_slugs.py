"""A published article's old address redirects (301) to its new one."""

import pytest
from django.urls import reverse

from articles.models import Article, FormerSlug
from articles.writing import write_article
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
        write_article(article)

    for old in ("one", "two"):
        response = client.get(f"/articles/{old}/")
        assert (response.status_code, response["Location"]) == (301, "/articles/three/")


def test_renaming_a_draft_keeps_no_redirect(client):
    article = ArticleFactory(draft=True, slug="draft-one")
    article.slug = "draft-two"
    write_article(article)

    assert not FormerSlug.objects.exists()


def test_an_old_address_of_an_unpublished_article_is_a_404(client, editor):
    from articles import services

    article = ArticleFactory(slug="was-here")
    article.slug = "is-here"
    write_article(article)
    services.article_unpublish(article, by=editor)

    assert client.get("/articles/was-here/").status_code == 404


def test_going_back_to_an_old_address_drops_its_redirect(client):
    article = ArticleFactory(slug="a")
    article.slug = "b"
    write_article(article)
    article.slug = "a"
    write_article(article)

    assert client.get("/articles/a/").status_code == 200
    assert (client.get("/articles/b/").status_code, client.get("/articles/b/")["Location"]) == (301, "/articles/a/")


def test_a_save_outside_the_form_never_deletes_another_articles_redirect(client):
    first = ArticleFactory(slug="contested", title="First")
    first.slug = "first-moved"
    write_article(first)

    ArticleFactory(slug="contested", title="Second")

    response = client.get("/articles/contested/")
    assert response.status_code == 200 and "Second" in response.content.decode()
    assert FormerSlug.objects.get(slug="contested").article == first


@pytest.fixture
def moved(client, editor):
    """A published article whose address changed in the admin: its old one redirects."""
    article = ArticleFactory(slug="first-name", title="First name")
    client.force_login(editor)
    client.post(reverse("admin:articles_article_change", args=[article.pk]), article_form(article, slug="second-name"))
    return article


def slug_errors(response) -> list:
    return response.context["adminform"].form.errors.as_data().get("slug", [])


def test_a_new_article_cannot_take_an_address_that_redirects(client, moved):
    response = client.post(reverse("admin:articles_article_add"), article_form(title="First name", slug="first-name"))

    assert response.status_code == 200
    [error] = slug_errors(response)
    assert error.code == "slug_redirects"
    assert "was the address of “First name” and still takes readers there" in response.content.decode()
    assert "first-name-2" in response.content.decode()
    assert not Article.objects.filter(title="First name").exclude(pk=moved.pk).exists()
    client.logout()
    assert client.get("/articles/first-name/")["Location"] == "/articles/second-name/"


def test_the_proposed_address_can_be_taken(client, moved):
    response = client.post(reverse("admin:articles_article_add"), article_form(title="First name", slug="first-name"))
    proposal = slug_errors(response)[0].params["free"]

    response = client.post(reverse("admin:articles_article_add"), article_form(title="First name", slug=proposal))

    assert response.status_code == 302
    assert Article.objects.filter(slug="first-name-2").exists()
    assert FormerSlug.objects.get(slug="first-name").article == moved


def test_the_proposal_passes_over_addresses_taken_or_redirecting(client, moved):
    ArticleFactory(slug="first-name-2")
    other = ArticleFactory(slug="first-name-3")
    other.slug = "elsewhere"
    write_article(other)

    response = client.post(reverse("admin:articles_article_add"), article_form(slug="first-name"))

    assert slug_errors(response)[0].params["free"] == "first-name-4"


def test_an_address_another_article_has_is_refused_with_a_free_one_proposed(client, editor):
    ArticleFactory(slug="taken", title="The taker")
    client.force_login(editor)

    response = client.post(reverse("admin:articles_article_add"), article_form(slug="taken"))

    [error] = slug_errors(response)
    assert error.code == "unique"
    assert "the address of “The taker”" in response.content.decode() and "taken-2" in response.content.decode()


def test_an_article_may_go_back_to_its_own_old_address(client, moved):
    moved.refresh_from_db()

    response = client.post(
        reverse("admin:articles_article_change", args=[moved.pk]), article_form(moved, slug="first-name")
    )

    assert response.status_code == 302
    assert list(FormerSlug.objects.values_list("slug", flat=True)) == ["second-name"]


def test_the_change_form_lists_the_old_addresses(client, editor):
    article = ArticleFactory(slug="old-one")
    article.slug = "new-one"
    write_article(article)
    client.force_login(editor)

    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()

    assert "/articles/old-one/" in html
    assert Article.objects.get(pk=article.pk).former_slugs.count() == 1
