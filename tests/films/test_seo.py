"""Film and person pages as search engines and other sites read them: canonical URL, Open Graph, JSON-LD."""

import pytest

from tests.factories import (
    ImageFactory,
)
from tests.htmlparse import page

pytestmark = pytest.mark.django_db


BASE = "http://testserver"


def test_film_page_json_ld_is_a_movie(client, review):
    film = review.card_work

    html = page(client.get(film.get_absolute_url()))

    data = html.ld("Movie")
    assert data["name"] == "Red Rocket"
    assert data["datePublished"] == "2021-12-10"
    assert data["duration"] == "PT130M"
    assert data["director"][0]["name"] == "Sean Baker"
    assert data["actor"] == [{"@type": "Person", "name": "Simon Rex", "url": f"{BASE}/people/simon-rex/"}]
    assert html.ld("BreadcrumbList")["itemListElement"][-1]["item"] == f"{BASE}/films/red-rocket/"
    assert html.link("canonical") == f"{BASE}/films/red-rocket/"
    assert html.meta("og:type") == "video.movie"
    assert "Red Rocket" in html.meta("description")


def test_person_page_json_ld_is_a_person(client, review):
    html = page(client.get("/people/sean-baker/"))

    data = html.ld("Person")
    assert data["name"] == "Sean Baker"
    assert data["url"] == f"{BASE}/people/sean-baker/"
    assert data["jobTitle"] == ["Director"]
    assert html.ld("BreadcrumbList")["itemListElement"][-1]["name"] == "Sean Baker"
    assert html.meta("og:type") == "profile"


def test_film_page_is_shared_with_its_poster(client, review):
    film = review.card_work
    film.picture = ImageFactory(size=(1000, 1500), alt="The poster: a pink ring over grey")
    film.save()
    share = film.picture.share

    html = page(client.get(film.get_absolute_url()))

    assert html.meta("og:image") == BASE + share.url
    assert (html.meta("og:image:width"), html.meta("og:image:height")) == (str(share.width), str(share.height))
    assert html.meta("og:image:alt") == "The poster: a pink ring over grey"
    assert html.meta("twitter:card") == "summary_large_image"
    assert html.meta("twitter:image") == BASE + share.url
    assert html.meta("twitter:image:alt") == "The poster: a pink ring over grey"
    assert html.ld("Movie")["image"] == BASE + share.url


def test_person_page_is_shared_with_their_portrait_and_described_by_their_bio(client, review):
    baker = review.card_work.directors[0]
    baker.bio = "Makes films about work, money and the people who get by on little of either."
    baker.portrait = ImageFactory(size=(900, 900), alt="A drawing of Sean Baker")
    baker.save()
    share = baker.portrait.share

    html = page(client.get(baker.get_absolute_url()))

    assert html.meta("og:image") == BASE + share.url
    assert html.meta("og:image:alt") == "A drawing of Sean Baker"
    assert html.meta("description") == baker.bio
    data = html.ld("Person")
    assert data["image"] == BASE + share.url
    assert data["description"] == baker.bio
