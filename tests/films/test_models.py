"""Works of every kind: what each kind keeps and checks, and the credits across them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from articles.models import Citation
from films.isbn import normalize, validate_isbn13
from films.models import Book, Credit, Film, Season, Work
from tests.factories import (
    AlbumFactory,
    ArticleFactory,
    BookFactory,
    CitationFactory,
    CompanyFactory,
    CreditFactory,
    EpisodeFactory,
    FilmFactory,
    GameFactory,
    PersonFactory,
    SeasonFactory,
    SeriesFactory,
    TrackFactory,
)

pytestmark = pytest.mark.django_db


# --- ISBN ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("978-0-571-33468-1", "9780571334681"),
        ("978 1 78663 178 7", "9781786631787"),
        ("ISBN: 9780099529118", "9780099529118"),
        # An ISBN-10 (check digit X) becomes its ISBN-13.
        ("0-8044-2957-X", "9780804429573"),
    ],
)
def test_an_isbn_is_stored_as_its_thirteen_digits(typed, stored):
    book = BookFactory.build(isbn=typed, slug="a-book")
    book.full_clean(exclude=["publisher"])
    assert book.isbn == stored


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("978-0-571-33468-6", "isbn_checksum"),
        ("12345", "isbn_length"),
        ("1234567890123", "isbn_prefix"),
        ("0-8044-2957-1", "isbn_length"),  # an ISBN-10 with a wrong check digit is not converted
    ],
)
def test_an_isbn_that_does_not_check_out_is_refused_with_a_reason(typed, code):
    with pytest.raises(ValidationError) as raised:
        validate_isbn13(normalize(typed))
    assert raised.value.code == code


def test_two_books_cannot_share_an_isbn_but_many_can_have_none():
    BookFactory(isbn="9780571334681")
    BookFactory(isbn="")
    BookFactory(isbn="")
    with pytest.raises(IntegrityError):
        BookFactory(isbn="9780571334681")


# --- Kinds ----------------------------------------------------------------------------------


def test_every_kind_is_a_work_with_its_kind_and_comes_back_as_itself():
    works = [
        FilmFactory(),
        AlbumFactory(),
        BookFactory(),
        SeriesFactory(),
        SeasonFactory(),
        EpisodeFactory(),
        GameFactory(),
    ]
    for work in works:
        generic = Work.objects.get(pk=work.pk)
        assert generic.kind == work.KIND
        assert generic.specific == work and type(generic.specific) is type(work)


def test_an_album_lists_its_tracks_in_order_and_adds_up_their_time():
    album = AlbumFactory()
    TrackFactory(album=album, number=2, title="Second", duration=datetime.timedelta(minutes=4, seconds=5))
    TrackFactory(album=album, number=1, title="First", duration=datetime.timedelta(minutes=3, seconds=58))

    assert [track.title for track in album.tracks.all()] == ["First", "Second"]
    assert album.running_time == datetime.timedelta(minutes=8, seconds=3)
    assert album.tracks.first().duration_display == "3:58"


def test_an_album_with_a_track_of_unknown_length_has_no_running_time():
    album = AlbumFactory()
    TrackFactory(album=album, number=1)
    TrackFactory(album=album, number=2, duration=None)
    assert album.running_time is None


def test_two_tracks_cannot_have_one_number_on_an_album():
    album = AlbumFactory()
    TrackFactory(album=album, number=1)
    with pytest.raises(IntegrityError):
        TrackFactory(album=album, number=1)


def test_a_season_is_named_after_its_series_and_an_episode_has_its_code():
    series = SeriesFactory(title="The Bear")
    season = SeasonFactory(series=series, number=3, title="")
    episode = EpisodeFactory(season=season, number=5)

    assert season.title == "The Bear, season 3"
    assert episode.code == "S03E05"
    with pytest.raises(IntegrityError):
        Season.objects.create(series=series, number=3, title="Again", slug="again")


def test_a_series_cannot_end_before_it_starts():
    series = SeriesFactory.build(
        slug="s", first_air_date=datetime.date(2022, 6, 23), last_air_date=datetime.date(2021, 1, 1)
    )
    with pytest.raises(ValidationError) as raised:
        series.full_clean(exclude=["network"])
    assert raised.value.error_dict["last_air_date"][0].code == "ends_before_start"


def test_a_work_takes_its_year_from_its_release_date():
    film = FilmFactory(year=None, release_date=datetime.date(2015, 7, 10))
    assert film.year == 2015


# --- Credits across kinds -------------------------------------------------------------------


def test_one_person_is_credited_across_kinds_and_each_card_names_its_own_makers():
    person = PersonFactory(name="Nick Cave")
    album, book, film = AlbumFactory(), BookFactory(), FilmFactory()
    CreditFactory(person=person, work=album, role=Credit.Role.ARTIST)
    CreditFactory(person=person, work=book, role=Credit.Role.AUTHOR)
    CreditFactory(person=person, work=film, role=Credit.Role.COMPOSER)

    assert set(person.works.values_list("kind", flat=True)) == {"album", "book", "film"}
    assert album.artists == [person] and book.authors == [person]
    assert film.directors == []
    assert {credit.group for credit in person.credits.all()} == {
        Credit.Group.PERFORMED,
        Credit.Group.WROTE,
        Credit.Group.SCORED,
    }


def test_cards_of_any_kind_come_in_a_fixed_number_of_queries(django_assert_num_queries):
    for factory in (FilmFactory, AlbumFactory, BookFactory, SeasonFactory, GameFactory):
        for _ in range(2):
            CreditFactory(work=factory(), role=Credit.Role.DIRECTOR)

    with django_assert_num_queries(2):
        works = [work.specific for work in Work.objects.with_card()]
        names = [(work.title, [person.name for person in work.card_people]) for work in works]
        labels = [getattr(work, "distributor", None) or getattr(work, "label", None) for work in works]
    assert len(names) == len(labels) == 12  # the seasons' series are works too


def test_possible_duplicates_are_the_same_title_and_year_of_the_same_kind():
    film = FilmFactory(title="Crash", year=2004)
    FilmFactory(title="Crash", year=1996, slug="crash-1996")
    BookFactory(title="Crash", year=2004)

    assert list(Work.objects.possible_duplicates(kind="film", title="  crash ", year=2004)) == [
        Work.objects.get(pk=film.pk)
    ]
    assert not Work.objects.possible_duplicates(kind="film", title="Crash", year=2004, exclude=film.pk)


# --- Works cited from a record ----------------------------------------------------------------


def test_a_work_cited_from_a_book_record_is_set_in_mla_from_its_facts():
    author, translator = PersonFactory(name="Annie Ernaux"), PersonFactory(name="Alison L. Strayer")
    book = BookFactory(
        title="The Years", year=2017, publisher=CompanyFactory(name="Seven Stories Press"), isbn="9781609808921"
    )
    CreditFactory(person=author, work=book, role=Credit.Role.AUTHOR)
    CreditFactory(person=translator, work=book, role=Credit.Role.TRANSLATOR)
    citation = CitationFactory(article=ArticleFactory(), work=book, title="", kind=Citation.Kind.OTHER)

    assert citation.title == "The Years"
    assert str(citation.as_mla()) == (
        f'Ernaux, Annie. <a href="{book.get_absolute_url()}"><cite>The Years</cite></a>. '
        "Translated by Alison L. Strayer, Seven Stories Press, 2017."
    )


def test_a_work_cited_from_a_film_links_to_its_page():
    film = FilmFactory(title="Tangerine", year=2015, distributor=CompanyFactory(name="Magnolia Pictures"))
    CreditFactory(person=PersonFactory(name="Sean Baker"), work=film, role=Credit.Role.DIRECTOR)
    citation = CitationFactory(article=ArticleFactory(), work=film, title="", author="")

    assert str(citation.as_mla()) == (
        f'<a href="{film.get_absolute_url()}"><cite>Tangerine</cite></a>. '
        "Directed by Sean Baker, Magnolia Pictures, 2015."
    )


def test_an_album_cited_by_a_band_keeps_the_bands_name_whole():
    band = PersonFactory(name="Nick Cave and the Bad Seeds", is_group=True)
    album = AlbumFactory(title="Wild God", year=2024, label=CompanyFactory(name="PIAS"))
    CreditFactory(person=band, work=album, role=Credit.Role.ARTIST)
    citation = CitationFactory(article=ArticleFactory(), work=album, title="")

    assert str(citation.as_mla()) == (
        f'Nick Cave and the Bad Seeds. <a href="{album.get_absolute_url()}"><cite>Wild God</cite></a>. PIAS, 2024.'
    )


def test_films_made_before_other_kinds_still_are_films():
    film = FilmFactory()
    assert Film.objects.get(pk=film.pk).work_ptr_id == film.pk
    assert Book.objects.count() == 0


def test_the_address_converter_knows_every_group_of_kinds():
    from core.converters import WorkGroupConverter
    from films.models import KIND_GROUPS

    assert set(WorkGroupConverter.regex.split("|")) == set(KIND_GROUPS)
    assert {kind for _, kinds in KIND_GROUPS.values() for kind in kinds} == set(Work.Kind.values)
