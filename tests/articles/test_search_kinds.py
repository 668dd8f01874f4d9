"""A search narrowed to the articles about one kind of work: ?kind=films, albums, books, tv or games (the keys of
films.models.KIND_GROUPS), linked from the results page; any other value searches everything."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import search
from films.models import KIND_GROUPS
from tests.factories import AlbumFactory, ArticleFactory, EpisodeFactory, FilmFactory, GameFactory, SeasonFactory

pytestmark = pytest.mark.django_db

URL = reverse("articles:search")


@pytest.fixture
def found():
    """An article on each kind of work that a search for "melancholy" finds, and one on no work."""
    season = SeasonFactory()
    return {
        "films": ArticleFactory(title="Melancholy on film", works=[FilmFactory()]),
        "albums": ArticleFactory(title="Melancholy on record", works=[AlbumFactory()]),
        # A series, a season or an episode: television, whichever the article is about.
        "tv": ArticleFactory(title="Melancholy on television", works=[EpisodeFactory(season=season), season]),
        "games": ArticleFactory(title="Melancholy at play", works=[GameFactory()]),
        None: ArticleFactory(title="Melancholy in general"),
    }


def _listed(client, **params) -> set:
    response = client.get(URL, {"q": "melancholy", **params})
    assert response.status_code == 200
    return {article for article, _snippet in response.context["results"]}


def test_a_search_narrowed_to_a_kind_lists_only_the_articles_about_it(client, found):
    assert _listed(client) == set(found.values())
    for kind in ("films", "albums", "tv", "games"):
        assert _listed(client, kind=kind) == {found[kind]}, kind
    assert _listed(client, kind="books") == set()


@pytest.mark.parametrize("full_text", [False, pytest.param(True, id="full text")])
def test_both_ways_of_searching_narrow_alike(found, full_text):
    if full_text and connection.vendor != "postgresql":
        pytest.skip("full-text search needs PostgreSQL")
    query = search.clean_query("melancholy")

    assert list(search.search(query, full_text=full_text, kinds=KIND_GROUPS["albums"][1])) == [found["albums"]]


def test_the_results_link_to_the_same_search_over_each_kind(client, found):
    response = client.get(URL, {"q": "melancholy", "kind": "albums"})

    html = response.content.decode()
    assert '<a href="/search/?q=melancholy">Everything</a>' in html
    assert '<a href="/search/?q=melancholy&amp;kind=albums" aria-current="page">Albums</a>' in html
    for kind, (label, _kinds) in KIND_GROUPS.items():
        assert f'href="/search/?q=melancholy&amp;kind={kind}"' in html and f">{label}</a>" in html
    assert "1 article about albums matches “melancholy”" in html


@pytest.mark.parametrize("kind", ["nonsense", "", "Films", "albums ", "film", "\x00", "%00", "tv/../games", "x" * 500])
def test_a_kind_we_do_not_have_searches_everything(client, found, kind):
    response = client.get(URL, {"q": "melancholy", "kind": kind})

    assert response.status_code == 200
    assert {article for article, _snippet in response.context["results"]} == set(found.values())
    assert '<a href="/search/?q=melancholy" aria-current="page">Everything</a>' in response.content.decode()


def test_a_repeated_kind_takes_the_last(client, found):
    response = client.get(f"{URL}?q=melancholy&kind=nonsense&kind=games")

    assert response.status_code == 200
    assert [article for article, _snippet in response.context["results"]] == [found["games"]]


def test_later_pages_keep_the_kind(client, found, settings):
    settings.ARTICLES_PER_PAGE = 1
    ArticleFactory(title="Melancholy again on record", works=[AlbumFactory()])

    response = client.get(URL, {"q": "melancholy", "kind": "albums"})

    assert response.context["pagination"]["next"] == "/search/?q=melancholy&kind=albums&page=2"
    assert len(_listed(client, kind="albums", page=2)) == 1


def test_the_page_cache_keeps_each_kind_apart(client, found, settings):
    settings.PAGE_CACHE_SECONDS = 600

    everything = client.get(URL, {"q": "melancholy"}).content
    albums = client.get(URL, {"q": "melancholy", "kind": "albums"}).content

    assert albums != everything
    assert b"1 article about albums matches" in albums


def test_a_narrowed_search_costs_no_more_queries(client, found, no_page_cache):
    def queries(**params) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, {"q": "melancholy", **params}).status_code == 200
        return len(captured)

    assert queries(kind="tv") == queries(kind="nonsense") == queries()
