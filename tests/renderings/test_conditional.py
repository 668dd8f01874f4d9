"""Conditional GET on pages put together from stored renderings: the ETag comes from the versions of
what the page is made of, so a reader who has the page gets a 304 before any template renders, and
any change a reader would see (a card, the header, the list's length, the navigation, a new
release) gives the page a new ETag."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.writing import write_article
from core import release
from tests.factories import ArticleFactory, SectionFactory
from tests.renderings.pages import drain_worker

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def section():
    section = SectionFactory(name="Reviews", slug="reviews")
    ArticleFactory.create_batch(3, section=section)
    drain_worker()
    return section


def etag_of(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response["ETag"]


@pytest.mark.parametrize("path", ["/", "/sections/reviews/"])
def test_a_reader_who_has_the_page_gets_a_304_without_its_template_rendering(client, section, path):
    etag = etag_of(client, path)

    with (
        mock.patch("django.template.response.SimpleTemplateResponse.render") as render,
        CaptureQueriesContext(connection) as queries,
    ):
        again = client.get(path, HTTP_IF_NONE_MATCH=etag)

    assert again.status_code == 304
    assert not render.called
    assert len(queries) <= 5, [query["sql"] for query in queries]


def test_a_card_that_changes_changes_the_list_pages_etag(client, section):
    etag = etag_of(client, "/sections/reviews/")
    article = section.articles.first()
    article.title = "A title the card now shows"
    write_article(article)
    drain_worker()

    response = client.get("/sections/reviews/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert "A title the card now shows" in response.text
    assert response["ETag"] != etag


def test_a_new_article_in_the_list_changes_its_etag(client, section):
    etag = etag_of(client, "/sections/reviews/")
    ArticleFactory(section=section, title="The newest review")
    drain_worker()

    response = client.get("/sections/reviews/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert "The newest review" in response.text


def test_renaming_a_section_changes_every_pages_etag_through_the_navigation(client, section):
    other = SectionFactory(name="Essays", slug="essays")
    ArticleFactory(section=other)
    drain_worker()
    etag = etag_of(client, "/sections/essays/")
    section.name = "Film reviews"
    section.save()
    drain_worker()

    response = client.get("/sections/essays/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert "Film reviews" in response.text


@pytest.mark.parametrize("path", ["/", "/sections/reviews/"])
def test_a_new_release_changes_the_etag_of_an_unchanged_page(client, section, path):
    etag = etag_of(client, path)

    with mock.patch.object(release, "fingerprint", return_value="next-release"):
        response = client.get(path, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200


def test_an_article_pages_etag_changes_with_the_release_too(client, section):
    article = section.articles.first()
    etag = etag_of(client, article.get_absolute_url())

    with mock.patch.object(release, "fingerprint", return_value="next-release"):
        response = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200


def test_the_release_fingerprint_follows_the_templates(tmp_path, settings):
    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("<p>one</p>")
    settings.BASE_DIR = tmp_path
    release.fingerprint.cache_clear()
    try:
        first = release.fingerprint()
        page.write_text("<p>two</p>")
        release.fingerprint.cache_clear()
        assert release.fingerprint() != first
    finally:
        release.fingerprint.cache_clear()
