"""List pages rendered inside a frame their process keeps (core/skeleton.py `render_framed`) are the
pages their templates render in full, byte for byte, on every read; and their reads are compiled once
(core/views.py `ListReads`): the object with its header, the count, the page of cards, the sections."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Section
from authors.models import Author
from films.models import Company, Film, Person
from tests.factories import ArticleFactory, SectionFactory
from tests.renderings.pages import drain_worker

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def _tagged(tag: str, count: int = 1, **fields) -> list[Article]:
    articles = ArticleFactory.create_batch(count, **fields)
    for article in articles:
        article.tags.add(tag)
    return articles


def _in_full(client, path: str) -> str:
    """The page rendered in full: as for a reader with a message waiting (an empty one here)."""
    client.cookies["messages"] = ""
    try:
        return client.get(path).content.decode()
    finally:
        del client.cookies["messages"]


def _list_pages() -> list[str]:
    pages = ["/", "/archive/2025/", "/archive/films/", "/sections/film/page/2/"]
    pages += [section.get_absolute_url() for section in Section.objects.all()]
    pages += [f"/tags/{slug}/" for slug in Article.objects.published().values_list("tags__slug", flat=True) if slug]
    pages += [author.get_absolute_url() for author in Author.objects.all()]
    pages += [film.get_absolute_url() for film in Film.objects.confirmed()[:5]]
    pages += [person.get_absolute_url() for person in Person.objects.confirmed()[:5]]
    pages += [company.get_absolute_url() for company in Company.objects.all()[:3]]
    return list(dict.fromkeys(pages))


def test_every_list_page_read_from_its_kept_frame_is_its_page_in_full(demo, client, settings):
    settings.ARTICLES_PER_PAGE = 2
    pages = _list_pages()
    assert len(pages) > 20

    for path in pages:
        first = client.get(path)
        assert first.status_code == 200, path
        # The second read of each, and every page after the first of its template, fills a kept frame.
        again = client.get(path).content.decode()
        assert again == first.content.decode() == _in_full(client, path), path


def test_the_navigation_marks_the_section_whose_page_it_is_and_no_other(client):
    film, music = SectionFactory(name="Film", slug="film"), SectionFactory(name="Music", slug="music")
    ArticleFactory(section=film)
    _tagged("jazz", section=music)
    drain_worker()

    for _ in range(2):
        on_film = client.get("/sections/film/").content.decode()
        on_music = client.get("/sections/music/").content.decode()
        on_tag = client.get("/tags/jazz/").content.decode()

    assert '<a href="/sections/film/" aria-current="page">Film</a>' in on_film
    assert '<a href="/sections/music/">Music</a>' in on_film
    assert '<a href="/sections/music/" aria-current="page">Music</a>' in on_music
    assert '<a href="/sections/film/">Film</a>' in on_music
    assert 'aria-current="page">Film' not in on_tag and 'aria-current="page">Music' not in on_tag


def test_two_tags_in_one_frame_each_show_their_own_title_head_and_cards(client):
    _tagged("strings", title="On cellos")
    _tagged("percussion", title="On drums")
    drain_worker()

    client.get("/tags/strings/")
    drums = client.get("/tags/percussion/").content.decode()

    assert "<title>percussion · " in drums
    assert 'href="http://testserver/tags/percussion/"' in drums
    assert "On drums" in drums and "On cellos" not in drums


def test_a_tag_page_reads_its_tag_count_cards_and_sections_in_four_queries_at_any_depth(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    _tagged("noir", 7)
    drain_worker()
    for path in ["/tags/noir/", "/tags/noir/page/3/"]:
        client.get(path)

        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)

        assert response.status_code == 200
        assert len(queries) == 4, [query["sql"][:80] for query in queries]


def test_a_page_past_the_end_of_a_list_is_not_found(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    _tagged("short", 3)
    drain_worker()

    assert client.get("/tags/short/page/2/").status_code == 200
    assert client.get("/tags/short/page/3/").status_code == 404
