"""A contributor's page: their bio, portrait and published articles, and its queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
)
from tests.renderings.pages import drain_worker

pytestmark = pytest.mark.django_db


def test_author_page_lists_their_published_articles(client):
    author = AuthorFactory(name="Hannah Okafor", bio="Writes about songs.")
    theirs = ArticleFactory(authors=[author])
    ArticleFactory(authors=[author], draft=True)
    ArticleFactory()

    response = client.get(author.get_absolute_url())

    assert response.status_code == 200
    assert list(response.context["articles"]) == [theirs]
    assert "Writes about songs." in response.content.decode()
    assert author.email not in response.content.decode()


def test_author_page_shows_the_photo_when_there_is_one(client):
    author = AuthorFactory(name="Maren Okafor")
    assert "profile-photo" not in client.get(author.get_absolute_url()).content.decode()

    author.portrait = ImageFactory(alt="Portrait of Maren Okafor")
    author.save()

    html = client.get(author.get_absolute_url()).content.decode()
    assert 'class="profile-photo"' in html
    assert 'alt="Portrait of Maren Okafor"' in html and f'src="{author.portrait.src}"' in html


def _html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_author_page_shows_the_portrait(client):
    portrait = ImageFactory(size=(600, 600), alt="A drawing of the critic")
    author = AuthorFactory(portrait=portrait)

    html = _html(client, author.get_absolute_url())

    assert f'srcset="{portrait.srcset}"' in html and 'alt="A drawing of the critic"' in html


def _queries(client, url: str) -> int:
    # The test's writes rendered first, as a request's end renders them: the page is what is measured.
    drain_worker()
    with CaptureQueriesContext(connection) as queries:
        _html(client, url)
    return len(queries)


def test_author_page_queries_do_not_grow_with_a_portrait(no_page_cache, client):
    plain, pictured = AuthorFactory(), AuthorFactory(portrait=ImageFactory(size=(600, 600)))
    ArticleFactory(authors=[plain])
    ArticleFactory(authors=[pictured], hero=ImageFactory(size=(800, 450)))

    assert _queries(client, pictured.get_absolute_url()) == _queries(client, plain.get_absolute_url())
