"""JSON-LD of every kind of work carries the vocabulary's required and recommended properties, and a
review of any kind is a critic's Review of it with its rating."""

import datetime
import json

import pytest
from django.test import RequestFactory

from articles import jsonld as article_jsonld
from articles.models import Article
from films import jsonld
from films.models import Credit, Work
from tests.factories import (
    AlbumFactory,
    ArticleFactory,
    BookFactory,
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

pytestmark = pytest.mark.django_db

# schema.org's types for each kind, with what search engines require of them and what they recommend
# (Google's structured-data guides where they cover the type, schema.org's expected properties else).
EXPECTED = {
    "film": ("Movie", {"name", "url", "director"}, {"datePublished", "image", "actor", "duration"}),
    "album": (
        "MusicAlbum",
        {"name", "url", "byArtist"},
        {"datePublished", "recordLabel", "track", "numTracks", "albumProductionType", "image", "producer"},
    ),
    "book": (
        "Book",
        {"name", "url", "author"},
        {"isbn", "publisher", "datePublished", "numberOfPages", "bookEdition", "translator", "image"},
    ),
    "series": (
        "TVSeries",
        {"name", "url"},
        {"creator", "startDate", "numberOfSeasons", "containsSeason", "publisher"},
    ),
    "season": (
        "TVSeason",
        {"name", "url", "partOfSeries", "seasonNumber"},
        {"startDate", "numberOfEpisodes", "episode"},
    ),
    "episode": (
        "TVEpisode",
        {"name", "url", "partOfSeries", "partOfSeason", "episodeNumber"},
        {"datePublished", "director"},
    ),
    "game": (
        "VideoGame",
        {"name", "url"},
        {"author", "publisher", "gamePlatform", "datePublished", "applicationCategory", "director"},
    ),
}


@pytest.fixture
def request_():
    return RequestFactory().get("/")


@pytest.fixture
def works():
    """One work of each kind with everything its record can say."""
    director, artist = PersonFactory(name="Sean Baker"), PersonFactory(name="Big Thief", is_group=True)
    author, translator = PersonFactory(name="Annie Ernaux"), PersonFactory(name="Alison L. Strayer")
    creator = PersonFactory(name="Christopher Storer")
    film = FilmFactory(picture=ImageFactory(size=(400, 600)), runtime=139)
    CreditFactory(work=film, person=director, role=Credit.Role.DIRECTOR)
    CreditFactory(work=film, person=PersonFactory(name="Mikey Madison"), role=Credit.Role.CAST)
    album = AlbumFactory(picture=ImageFactory(size=(600, 600)))
    CreditFactory(work=album, person=artist, role=Credit.Role.ARTIST)
    CreditFactory(work=album, person=PersonFactory(name="Dom Monks"), role=Credit.Role.PRODUCER)
    TrackFactory(album=album, number=1, title="Change", duration=datetime.timedelta(minutes=4, seconds=2))
    book = BookFactory(
        isbn="9781609808921",
        pages=240,
        edition="Paperback",
        release_date=datetime.date(2017, 10, 3),
        picture=ImageFactory(),
    )
    CreditFactory(work=book, person=author, role=Credit.Role.AUTHOR)
    CreditFactory(work=book, person=translator, role=Credit.Role.TRANSLATOR)
    series = SeriesFactory(title="The Bear")
    CreditFactory(work=series, person=creator, role=Credit.Role.CREATOR)
    season = SeasonFactory(series=series, number=3, title="")
    CreditFactory(work=season, person=creator, role=Credit.Role.CREATOR)
    episode = EpisodeFactory(season=season, number=1, title="Tomorrow", release_date=datetime.date(2024, 6, 26))
    CreditFactory(work=episode, person=creator, role=Credit.Role.DIRECTOR)
    game = GameFactory(platforms=[PlatformFactory(), PlatformFactory(name="PlayStation 5", slug="ps5")])
    CreditFactory(work=game, person=PersonFactory(name="Sam Barlow"), role=Credit.Role.DIRECTOR)
    return {work.kind: work for work in (film, album, book, series, season, episode, game)}


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_each_kind_has_its_types_required_and_recommended_properties(request_, works, kind):
    schema_type, required, recommended = EXPECTED[kind]

    data = jsonld.work_page(request_, Work.objects.get(pk=works[kind].pk))

    assert data["@context"] == "https://schema.org" and data["@type"] == schema_type
    assert required <= data.keys(), required - data.keys()
    assert recommended <= data.keys(), recommended - data.keys()
    assert None not in data.values()
    json.dumps(data)  # serialisable as it is


def test_an_album_names_its_band_label_and_tracks_with_their_durations(request_, works):
    data = jsonld.work_page(request_, works["album"])

    assert data["byArtist"][0]["@type"] == "MusicGroup" and data["byArtist"][0]["name"] == "Big Thief"
    assert data["recordLabel"]["@type"] == "Organization"
    track = data["track"]["itemListElement"][0]
    assert track == {
        "@type": "ListItem",
        "position": 1,
        "item": {"@type": "MusicRecording", "name": "Change", "duration": "PT4M2S"},
    }


def test_a_book_names_its_isbn_author_translator_and_publisher(request_, works):
    data = jsonld.work_page(request_, works["book"])

    assert data["isbn"] == "9781609808921"
    assert [person["name"] for person in data["author"]] == ["Annie Ernaux"]
    assert [person["name"] for person in data["translator"]] == ["Alison L. Strayer"]
    assert data["datePublished"] == "2017-10-03"


def test_an_episode_is_part_of_its_season_and_series(request_, works):
    data = jsonld.work_page(request_, works["episode"])

    assert data["partOfSeries"]["name"] == "The Bear"
    assert data["partOfSeason"] == {"@type": "TVSeason", "name": "The Bear, season 3", "seasonNumber": 3}
    assert data["episodeNumber"] == 1


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_a_review_of_any_kind_is_a_critics_review_with_its_rating(request_, works, kind):
    review = ArticleFactory(kind=Article.Kind.REVIEW, rating=4, works=[works[kind]])
    review = Article.objects.with_related().get(pk=review.pk)

    data = article_jsonld.article(request_, review)

    assert data["@type"] == "Review"
    assert data["itemReviewed"]["@type"] == EXPECTED[kind][0]
    assert EXPECTED[kind][1] <= data["itemReviewed"].keys()
    assert data["reviewRating"] == {"@type": "Rating", "ratingValue": 4, "bestRating": 5, "worstRating": 1}
    assert {"author", "publisher", "datePublished", "name"} <= data.keys()


def test_an_essay_is_about_works_of_several_kinds(request_, works):
    essay = ArticleFactory(works=[works["album"], works["film"], works["book"]])
    essay = Article.objects.with_related().get(pk=essay.pk)

    data = article_jsonld.article(request_, essay)

    assert data["@type"] == "Article"
    assert [about["@type"] for about in data["about"]] == ["MusicAlbum", "Movie", "Book"]


def test_a_company_less_record_leaves_the_property_out(request_):
    album = AlbumFactory(label=None, picture=None)
    data = jsonld.work_page(request_, album)
    assert "recordLabel" not in data and "image" not in data
