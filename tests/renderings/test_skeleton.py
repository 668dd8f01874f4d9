"""The article page filled into its template's skeleton (core/skeleton.py) is the page the template
renders in full, byte for byte, whichever article fills it, and the frame around it follows changes."""

from __future__ import annotations

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import RequestFactory

from articles.views import ArticleDetailView
from tests.factories import ArticleFactory, FilmFactory, SectionFactory
from tests.renderings.pages import drain_worker

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

ANORA = "/articles/anora-sex-work-and-the-fantasies-of-genre/"


def _in_full(path: str, host: str = "testserver") -> str:
    """The page as articles' own view renders it, its template in full."""
    request = RequestFactory().get(path, HTTP_HOST=host)
    request._messages = CookieStorage(request)
    response = ArticleDetailView.as_view()(request, slug=path.strip("/").split("/")[-1])
    response.render()
    return response.content.decode()


def test_every_article_filled_into_the_same_skeleton_is_its_page_in_full(demo, client):
    paths = ["/articles/" + slug + "/" for slug in demo_slugs()]
    assert ANORA in paths

    for path in [ANORA, *paths]:
        assert client.get(path).content.decode() == _in_full(path), path


def demo_slugs() -> list[str]:
    from articles.models import Article

    return list(Article.objects.published().values_list("slug", flat=True))


def test_a_page_for_another_host_has_its_own_addresses(demo, client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "magazine.example"]
    client.get(ANORA)

    other = client.get(ANORA, HTTP_HOST="magazine.example")

    assert other.content.decode() == _in_full(ANORA, host="magazine.example")
    assert "http://magazine.example/feed/" in other.content.decode()


def test_an_article_without_read_next_and_one_with_share_a_frame_but_not_a_skeleton(client):
    alone = ArticleFactory(title="Alone")
    film = FilmFactory()
    kin = ArticleFactory.create_batch(2, films=[film])
    drain_worker()

    for article in [kin[0], alone, kin[1]]:
        page = client.get(article.get_absolute_url()).content.decode()
        assert page == _in_full(article.get_absolute_url())
    assert "Read next" not in client.get(alone.get_absolute_url()).content.decode()


def test_a_renamed_section_shows_in_the_navigation_of_the_next_article_read(client):
    section = SectionFactory(name="Reviews", slug="reviews")
    article = ArticleFactory(section=section)
    drain_worker()
    client.get(article.get_absolute_url())

    section.name = "Criticism"
    section.save()
    drain_worker()

    page = client.get(article.get_absolute_url()).content.decode()
    assert ">Criticism</a></li>" in page
    assert page == _in_full(article.get_absolute_url())


def test_a_reader_with_a_message_waiting_gets_it_on_the_page(client):
    article = ArticleFactory()
    drain_worker()
    client.get(article.get_absolute_url())
    request = RequestFactory().get("/")
    storage = CookieStorage(request)
    storage.add(messages.SUCCESS, "Thank you: your comment awaits moderation.")
    response = HttpResponse()
    storage.update(response)
    client.cookies["messages"] = response.cookies["messages"].value

    page = client.get(article.get_absolute_url()).content.decode()

    assert "Thank you: your comment awaits moderation." in page


def test_the_magazine_s_name_set_anew_shows_on_the_next_page(client, settings):
    article = ArticleFactory()
    drain_worker()
    client.get(article.get_absolute_url())

    settings.MAGAZINE_NAME = "The Other Magazine"

    assert "The Other Magazine" in client.get(article.get_absolute_url()).content.decode()
