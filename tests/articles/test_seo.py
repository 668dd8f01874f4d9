"""Canonical URLs, meta descriptions, Open Graph and Twitter cards, JSON-LD."""

import pytest

from articles.models import Article
from tests.factories import (
    ArticleFactory,
    ImageFactory,
)
from tests.htmlparse import page

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


def test_article_head_has_canonical_description_open_graph_and_twitter(client, review):
    html = page(client.get(review.get_absolute_url() + "?utm_source=x"))
    url = f"{BASE}/articles/red-rocket-review/"

    assert html.title == "‘Red Rocket’ Review: The Charm Offensive · The Long Take"
    assert html.link("canonical") == url
    assert html.meta("description") == review.dek
    assert html.meta("og:type") == "article"
    assert html.meta("og:title") == review.title
    assert html.meta("og:description") == review.dek
    assert html.meta("og:url") == url
    assert html.meta("og:site_name") == "The Long Take"
    assert html.meta("article:published_time") == "2024-10-04T10:00:00+00:00"
    assert html.meta("article:modified_time") == "2024-10-06T09:30:00+00:00"
    assert html.meta("article:section") == "Film"
    assert html.metas("article:tag") == ["class", "sean baker"]
    assert html.metas("article:author") == [f"{BASE}/authors/jude-castellanos/"]
    assert html.meta("twitter:card") == "summary"
    assert html.meta("twitter:title") == review.title
    assert html.meta("robots") is None


def test_review_json_ld_is_a_critic_review_of_the_movie(client, review):
    html = page(client.get(review.get_absolute_url()))

    data = html.ld("Review")
    assert data["@context"] == "https://schema.org"
    assert data["name"] == review.title
    assert data["url"] == f"{BASE}/articles/red-rocket-review/"
    assert data["datePublished"] == "2024-10-04T10:00:00+00:00"
    assert data["dateModified"] == "2024-10-06T09:30:00+00:00"
    assert data["description"] == review.dek
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Jude Castellanos",
            "url": f"{BASE}/authors/jude-castellanos/",
            "sameAs": ["https://jude.example"],
        }
    ]
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == "The Long Take"
    assert data["publisher"]["url"] == f"{BASE}/"
    item = data["itemReviewed"]
    assert item["@type"] == "Movie"
    assert item["name"] == "Red Rocket"
    assert item["url"] == f"{BASE}/films/red-rocket/"
    assert item["datePublished"] == "2021-12-10"
    assert item["director"] == [{"@type": "Person", "name": "Sean Baker", "url": f"{BASE}/people/sean-baker/"}]
    assert data["reviewRating"] == {"@type": "Rating", "ratingValue": 4, "bestRating": 5, "worstRating": 1}


def test_essay_json_ld_is_an_article_about_its_films(client, review):
    essay = ArticleFactory(
        title="Essay", kind=Article.Kind.ESSAY, films=[review.card_work], section=review.section, dek="On work."
    )

    data = page(client.get(essay.get_absolute_url())).ld("Article")

    assert data["headline"] == "Essay"
    assert data["articleSection"] == "Film"
    assert data["about"][0]["name"] == "Red Rocket"
    assert data["dateModified"] == data["datePublished"]
    assert "reviewRating" not in data and "itemReviewed" not in data


def test_news_json_ld_is_a_news_article(client):
    news = ArticleFactory(kind=Article.Kind.NEWS)

    assert page(client.get(news.get_absolute_url())).ld("NewsArticle")["headline"] == news.title


def test_article_breadcrumbs_in_json_ld_and_on_the_page(client, review):
    response = client.get(review.get_absolute_url())

    crumbs = page(response).ld("BreadcrumbList")["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "Home", f"{BASE}/"),
        (2, "Film", f"{BASE}/sections/film/"),
        (3, review.title, f"{BASE}/articles/red-rocket-review/"),
    ]
    html = response.content.decode()
    assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in html


def test_json_ld_cannot_break_out_of_its_script(client):
    article = ArticleFactory(title="</script><script>alert(1)</script>", dek="<!-- & -->")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in html
    assert page(client.get(article.get_absolute_url())).ld("Article")["headline"] == article.title


def test_a_review_s_movie_carries_its_poster(client, review):
    film = review.card_work
    film.picture = ImageFactory(size=(1000, 1500))
    film.save()

    data = page(client.get(review.get_absolute_url())).ld("Review")

    assert data["itemReviewed"]["image"] == BASE + film.picture.share.url


def test_home_json_ld_is_the_website_with_its_search(client):
    html = page(client.get("/"))

    data = html.ld("WebSite")
    assert data["url"] == f"{BASE}/"
    assert data["potentialAction"]["target"]["urlTemplate"] == f"{BASE}/search/?q={{search_term_string}}"
    assert html.title == "The Long Take"
    assert html.link("canonical") == f"{BASE}/"
    assert html.meta("description")


@pytest.mark.parametrize(
    ("path", "canonical"),
    [
        ("/sections/film/?utm_campaign=x", "/sections/film/"),
        ("/sections/film/page/2/", "/sections/film/page/2/"),
        ("/tags/class/", "/tags/class/"),
        ("/archive/", "/archive/"),
        ("/archive/2024/", "/archive/2024/"),
        ("/archive/2024/10/", "/archive/2024/10/"),
        ("/search/?q=rocket", "/search/"),
    ],
)
def test_every_list_page_has_a_canonical_url_and_a_description(client, review, settings, path, canonical):
    ArticleFactory.create_batch(settings.ARTICLES_PER_PAGE, section=review.section)

    response = client.get(path)

    html = page(response)
    assert response.status_code == 200
    assert html.link("canonical") == BASE + canonical
    assert html.meta("og:url") == BASE + canonical
    assert html.meta("description")
    assert len(html.meta("description")) <= 160


def test_later_pages_say_which_page_they_are_and_link_prev_next(client, review, settings):
    ArticleFactory.create_batch(settings.ARTICLES_PER_PAGE * 2, section=review.section)

    html = page(client.get("/sections/film/page/2/"))

    assert html.title == "Film · page 2 · The Long Take"
    assert html.link("prev") == f"{BASE}/sections/film/"
    assert html.link("next") == f"{BASE}/sections/film/page/3/"


def test_search_and_error_pages_are_not_indexed(client):
    assert page(client.get("/search/?q=x")).meta("robots") == "noindex, follow"
    assert page(client.get("/no/such/page/")).meta("robots") == "noindex, follow"
