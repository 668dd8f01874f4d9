"""An article's own SEO title, meta description and share picture: on its page's meta tags and
JSON-LD, with the headline, dek and hero when they are empty; and on the change form, with
their live counts and the search-result and shared-card previews."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from tests.admin_forms import article_form
from tests.factories import ArticleFactory, ImageFactory
from tests.htmlparse import page

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


@pytest.fixture
def article():
    return ArticleFactory(
        title="The Long Goodbye, Fifty Years On",
        slug="long-goodbye",
        dek="Altman's Marlowe mumbles through a Los Angeles that has stopped caring.",
        hero=ImageFactory(alt="Elliott Gould lights a match"),
    )


def test_seo_title_and_description_head_the_page_but_not_the_article(client, article):
    article.seo_title = "The Long Goodbye at 50: Altman's Marlowe"
    article.seo_description = "Why Robert Altman's 1973 noir still feels modern."
    article.save()

    html = page(client.get(article.get_absolute_url()))

    assert html.title == "The Long Goodbye at 50: Altman's Marlowe · The Long Take"
    for key in ["og:title", "twitter:title"]:
        assert html.meta(key) == "The Long Goodbye at 50: Altman's Marlowe"
    for key in ["description", "og:description", "twitter:description"]:
        assert html.meta(key) == "Why Robert Altman's 1973 noir still feels modern."
    data = html.ld("Article")
    assert data["description"] == "Why Robert Altman's 1973 noir still feels modern."
    # The headline is the article's: readers and structured data keep it.
    assert data["headline"] == data["name"] == "The Long Goodbye, Fifty Years On"
    assert '<h1 id="article-title">The Long Goodbye, Fifty Years On</h1>' in html.html


def test_empty_seo_fields_leave_the_headline_and_dek(client, article):
    html = page(client.get(article.get_absolute_url()))

    assert html.title == "The Long Goodbye, Fifty Years On · The Long Take"
    assert html.meta("og:title") == "The Long Goodbye, Fifty Years On"
    assert html.meta("description") == html.meta("og:description") == article.dek
    assert html.ld("Article")["description"] == article.dek


def test_the_share_picture_is_the_one_chosen(client, article):
    article.share_image = ImageFactory(alt="Marlowe and his cat at 3 a.m.")
    article.save()
    share = article.share_image.share

    html = page(client.get(article.get_absolute_url()))

    assert html.meta("og:image") == html.meta("twitter:image") == BASE + share.url
    assert html.meta("og:image:alt") == "Marlowe and his cat at 3 a.m."
    assert html.ld("Article")["image"] == [BASE + share.url]


def test_without_a_share_picture_the_hero_is_shared(client, article):
    html = page(client.get(article.get_absolute_url()))

    assert html.meta("og:image") == BASE + article.hero.share.url
    assert html.meta("og:image:alt") == "Elliott Gould lights a match"
    assert html.ld("Article")["image"] == [BASE + article.hero.share.url]


def test_a_share_picture_costs_the_page_no_query(client, article, no_page_cache):
    url = article.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as with_hero_only:
        client.get(url)
    article.share_image = ImageFactory()
    article.save()
    client.get(url)

    with CaptureQueriesContext(connection) as with_share_picture:
        client.get(url)

    assert len(with_share_picture) == len(with_hero_only)


# --- The change form ------------------------------------------------------------------------


def test_the_form_counts_the_seo_fields_as_they_are_typed(admin_client, article):
    html = admin_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()

    assert 'name="seo_title"' in html and 'data-maxlength="70"' in html
    assert 'name="seo_description"' in html and 'data-maxlength="160"' in html
    assert "js/seo-preview.js" in html


def test_the_previews_show_what_readers_pages_will_say(admin_client, article, settings):
    settings.SITE_URL = "https://magazine.example"

    html = admin_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()

    assert "https://magazine.example/articles/long-goodbye/" in html
    assert "data-seo-title data-seo-shorten>The Long Goodbye, Fifty Years On</span>" in html
    assert "Altman&#x27;s Marlowe mumbles" in html
    assert article.hero.share.url in html and "The hero image, as no share picture is chosen." in html
    assert "magazine.example" in html


def test_saving_the_seo_fields(admin_client, article):
    picture = ImageFactory()
    url = reverse("admin:articles_article_change", args=[article.pk])

    response = admin_client.post(
        url,
        article_form(
            article, seo_title="Altman's Marlowe at 50", seo_description="A noir at fifty.", share_image=picture.pk
        ),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(pk=article.pk)
    assert (article.seo_title, article.seo_description, article.share_image) == (
        "Altman's Marlowe at 50",
        "A noir at fifty.",
        picture,
    )


def test_an_overlong_meta_description_is_refused_not_cut(admin_client, article):
    url = reverse("admin:articles_article_change", args=[article.pk])

    response = admin_client.post(url, article_form(article, seo_description="x" * 175))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["seo_description"]
    assert "175 characters long; the limit is 160. Shorten it by 15" in errors[0]
    assert Article.objects.get(pk=article.pk).seo_description == ""


def test_the_add_form_shows_empty_previews(admin_client):
    response = admin_client.get(reverse("admin:articles_article_add"))

    assert response.status_code == 200
    assert b"data-seo-preview" in response.content


def test_the_history_shows_changes_to_the_seo_fields(admin_client, article):
    from articles.history import versions_of

    url = reverse("admin:articles_article_change", args=[article.pk])
    admin_client.post(url, article_form(article))
    article.refresh_from_db()
    admin_client.post(url, article_form(article, seo_title="Altman's Marlowe at 50"))
    new, old = versions_of(article)[:2]

    response = admin_client.get(
        reverse("admin:articles_article_compare", args=[article.pk]), {"old": old.pk, "new": new.pk}
    )

    changes = {change.label: change for change in response.context["changes"]}
    assert set(changes) == {"SEO title"}
    assert changes["SEO title"].new == "Altman's Marlowe at 50"
