"""The pages of works of every kind, of a company and of a person make as many queries for a small graph as
for a large one: two of everything (credits, articles, tracks, seasons, episodes, platforms, works) or twelve.

Each page is also held to a budget, the most queries it may make, so that a new query on it is a choice."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from films.models import Credit
from tests.factories import (
    AlbumFactory,
    ArticleFactory,
    AuthorFactory,
    BookFactory,
    CompanyFactory,
    CreditFactory,
    EpisodeFactory,
    FilmFactory,
    GameFactory,
    ImageFactory,
    PersonFactory,
    PlatformFactory,
    SeasonFactory,
    SeriesFactory,
    TrackFactory,
)
from tests.renderings.pages import drain_worker

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

SMALL, LARGE = 2, 12
# The most queries each page may make: the work, person or company with its stored header, the
# articles' count, their page of stored cards, the site's sections (core/views.py `ListReads`),
# whatever the kind and however much the header shows.
BUDGETS = dict.fromkeys(["film", "album", "book", "series", "season", "episode", "game", "company", "person"], 4)
ROLES = [Credit.Role.PRODUCER, Credit.Role.WRITER, Credit.Role.CAST, Credit.Role.COMPOSER, Credit.Role.TRANSLATOR]


def _queries(client, url: str) -> int:
    # The test's writes rendered first, as a request's end renders them: the page is what is measured.
    drain_worker()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.fixture
def picture(db):
    """One small picture for every hero, poster and portrait: encoding one each would be the tests' time."""
    return ImageFactory(size=(80, 45))


def _discussed(work, size: int, others, picture) -> None:
    """`size` articles on `work`, each with a picture, two authors and another work of some kind besides."""
    for n in range(size):
        ArticleFactory(works=[work, others[n % len(others)]], hero=picture, authors=[AuthorFactory(), AuthorFactory()])


def _others() -> list:
    """A work of each other kind for the articles to discuss too, so their cards are of every kind."""
    season = SeasonFactory()
    CreditFactory(work=season, role=Credit.Role.CREATOR)
    return [FilmFactory(), AlbumFactory(), BookFactory(), season, EpisodeFactory(), GameFactory()]


def _work(kind: str, size: int, picture):
    if kind == "film":
        work = FilmFactory(picture=picture)
    elif kind == "album":
        work = AlbumFactory(picture=picture)
        for number in range(1, size + 1):
            TrackFactory(album=work, number=number, duration=datetime.timedelta(seconds=200 + number))
    elif kind == "book":
        work = BookFactory(picture=picture)
    elif kind == "series":
        work = SeriesFactory(picture=picture)
        for number in range(1, size + 1):
            SeasonFactory(series=work, number=number, title="")
    elif kind == "season":
        work = SeasonFactory(picture=picture, title="")
        for number in range(1, size + 1):
            EpisodeFactory(season=work, number=number)
    elif kind == "episode":
        work = EpisodeFactory(picture=picture)
    else:
        platforms = [PlatformFactory(name=f"Platform {n}", slug=f"platform-{n}") for n in range(size)]
        work = GameFactory(picture=picture, platforms=platforms)
    maker = {"film": "director", "album": "artist", "book": "author", "game": "director"}.get(kind, "creator")
    for n in range(size):
        CreditFactory(work=work, role=maker, person=PersonFactory(portrait=picture))
        CreditFactory(work=work, role=ROLES[n % len(ROLES)], character="A part" if n % 2 else "")
    return work


@pytest.mark.parametrize("kind", ["film", "album", "book", "series", "season", "episode", "game"])
def test_a_work_page_costs_the_same_for_two_or_twelve_of_everything(client, kind, picture):
    others = _others()
    small, large = _work(kind, SMALL, picture), _work(kind, LARGE, picture)
    _discussed(small, SMALL, others, picture)
    _discussed(large, LARGE, others, picture)

    counts = [_queries(client, small.get_absolute_url()), _queries(client, large.get_absolute_url())]

    assert counts[1] == counts[0] <= BUDGETS[kind]


def _company(size: int, picture):
    """A company that distributed, released, published, broadcast, developed and published games: `size`
    works of each part, each discussed by an article."""
    company = CompanyFactory()
    works = []
    for _ in range(size):
        works += [
            FilmFactory(distributor=company),
            AlbumFactory(label=company),
            BookFactory(publisher=company),
            SeriesFactory(network=company),
            GameFactory(studio=company, publisher=company),
        ]
    for n, work in enumerate(works[: size * 2]):
        ArticleFactory(works=[work, works[-1 - n]], hero=picture)
    return company


def test_a_company_page_costs_the_same_for_two_or_twelve_works_of_each_part(client, picture):
    small, large = _company(SMALL, picture), _company(LARGE, picture)

    counts = [_queries(client, small.get_absolute_url()), _queries(client, large.get_absolute_url())]

    assert counts[1] == counts[0] <= BUDGETS["company"]


def _person(size: int, picture):
    """Someone who directed films, wrote books, performed on albums, created a series, starred in its
    seasons and designed games: `size` credits of each, every work discussed by an article."""
    person = PersonFactory(portrait=picture)
    for n in range(size):
        series = SeriesFactory()
        for work, role in (
            (FilmFactory(), Credit.Role.DIRECTOR),
            (BookFactory(), Credit.Role.AUTHOR),
            (AlbumFactory(), Credit.Role.ARTIST),
            (series, Credit.Role.CREATOR),
            (SeasonFactory(series=series, number=1), Credit.Role.CAST),
            (EpisodeFactory(), Credit.Role.WRITER),
            (GameFactory(), Credit.Role.DESIGNER),
        ):
            CreditFactory(work=work, person=person, role=role, character="Herself" if n % 2 else "")
            ArticleFactory(works=[work], hero=picture)
    return person


def test_a_person_page_costs_the_same_for_two_or_twelve_credits_of_every_kind(client, picture):
    small, large = _person(SMALL, picture), _person(LARGE, picture)

    counts = [_queries(client, small.get_absolute_url()), _queries(client, large.get_absolute_url())]

    assert counts[1] == counts[0] <= BUDGETS["person"]
