"""Every kind of work has its page: picture, card, credits, its tracks, seasons or episodes, the
articles about it (what they cost in queries: test_query_budgets.py)."""

import datetime

import pytest

from films.models import Credit
from tests.factories import (
    AlbumFactory,
    ArticleFactory,
    BookFactory,
    CompanyFactory,
    CreditFactory,
    EpisodeFactory,
    GameFactory,
    ImageFactory,
    PersonFactory,
    SeasonFactory,
    SeriesFactory,
    TrackFactory,
)
from tests.htmlparse import work_by_role

pytestmark = pytest.mark.django_db


def test_an_album_page_shows_its_card_tracks_credits_and_articles(client):
    album = AlbumFactory(title="Wild God", year=2024, picture=ImageFactory(alt="A cover: a boy on a swing"))
    CreditFactory(
        work=album, person=PersonFactory(name="Nick Cave and the Bad Seeds", is_group=True), role=Credit.Role.ARTIST
    )
    CreditFactory(work=album, person=PersonFactory(name="Nick Launay"), role=Credit.Role.PRODUCER)
    TrackFactory(album=album, number=1, title="Song of the Lake", duration=datetime.timedelta(minutes=4, seconds=34))
    review = ArticleFactory(works=[album])
    ArticleFactory(works=[album], draft=True)

    response = client.get(album.get_absolute_url())

    html = response.content.decode()
    assert album.get_absolute_url().startswith("/albums/")
    assert '<p class="kicker">Album</p>' in html
    assert "<dt>Artist</dt>" in html and "Nick Cave and the Bad Seeds</a>" in html
    assert '<time datetime="PT4M34S">4:34</time>' in html
    assert "<dt>Producer</dt>" in html and "Nick Launay</a>" in html
    assert 'alt="A cover: a boy on a swing"' in html
    assert list(response.context["articles"]) == [review]


@pytest.mark.parametrize(
    ("factory", "prefix"),
    [
        (BookFactory, "/books/"),
        (SeriesFactory, "/tv/"),
        (SeasonFactory, "/tv/seasons/"),
        (EpisodeFactory, "/tv/episodes/"),
        (GameFactory, "/games/"),
    ],
)
def test_every_kind_has_a_page_with_its_card(client, factory, prefix):
    work = factory()
    url = work.get_absolute_url()

    response = client.get(url)

    assert url.startswith(prefix) and response.status_code == 200
    assert 'class="film-card"' in response.content.decode()


def test_a_series_lists_its_seasons_and_a_season_its_episodes(client):
    season = SeasonFactory(series=SeriesFactory(title="The Bear"), number=3, title="")
    EpisodeFactory(season=season, number=1, title="Tomorrow")

    assert f'href="{season.get_absolute_url()}">Season 3</a>' in client.get(season.series.get_absolute_url()).text
    assert ">Tomorrow</a>" in client.get(season.get_absolute_url()).text


def test_a_company_page_lists_its_works_by_part_and_the_articles_about_them(client):
    pias = CompanyFactory(name="PIAS", slug="pias")
    album = AlbumFactory(title="Wild God", label=pias, year=2024)
    game = GameFactory(title="Immortality", publisher=pias, studio=CompanyFactory(), year=2022)
    BookFactory(title="Not theirs")
    review = ArticleFactory(works=[album])
    ArticleFactory(works=[game], draft=True)

    response = client.get(pias.get_absolute_url())

    assert work_by_role(response.content.decode()) == {
        "Released (label)": ["Wild God (2024)"],
        "Published (games)": ["Immortality (2022)"],
    }
    assert list(response.context["articles"]) == [review]
    assert f'href="{album.get_absolute_url()}"' in response.content.decode()
