"""The page headers of works, people, companies, authors, sections and tags: rendered when what they
show changes, stored, and what their pages serve."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from core.headers import ORIGIN
from films.merging import merge_undo, records_merge
from films.models import Credit, Film, Person, Proposal, Work
from films.services import proposal_confirm
from renderings import headers, registry
from renderings.models import PageHeader
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
    SeasonFactory,
    SectionFactory,
    SeriesFactory,
    TrackFactory,
)
from tests.htmlparse import page
from tests.renderings.pages import drain_worker

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def _tagged(name: str, slug: str) -> Tag:
    tag = Tag.objects.create(name=name, slug=slug)
    ArticleFactory().tags.add(tag)
    return tag


def _film():
    film = FilmFactory(title="Anora", slug="anora", picture=ImageFactory(size=(1000, 1500)), summary="A stripper.")
    CreditFactory(work=film, person=PersonFactory(name="Sean Baker", slug="sean-baker"))
    CreditFactory(work=film, person=PersonFactory(name="Mikey Madison"), role=Credit.Role.CAST, character="Ani")
    return film


def _album():
    album = AlbumFactory(title="Spirit of Eden", slug="spirit-of-eden", label=CompanyFactory(name="Parlophone"))
    CreditFactory(work=album, person=PersonFactory(name="Talk Talk", is_group=True), role=Credit.Role.ARTIST)
    for number in (1, 2):
        TrackFactory(album=album, number=number, duration=datetime.timedelta(minutes=9, seconds=5))
    return album


def _series():
    series = SeriesFactory(title="The Bear", slug="the-bear", network=CompanyFactory(name="FX"))
    SeasonFactory(series=series, number=3)
    return series


def _season():
    season = SeasonFactory(series=_series(), number=2)
    EpisodeFactory(season=season, number=1, title="Fishes")
    return season


def _person():
    person = PersonFactory(name="Nick Cave", slug="nick-cave", bio="A singer.", portrait=ImageFactory(size=(600, 600)))
    CreditFactory(work=AlbumFactory(title="Wild God"), person=person, role=Credit.Role.MUSICIAN, character="vocals")
    CreditFactory(work=BookFactory(title="And the Ass Saw the Angel"), person=person, role=Credit.Role.AUTHOR)
    return person


def _company():
    company = CompanyFactory(name="PIAS", slug="pias")
    AlbumFactory(title="Wild God", label=company)
    GameFactory(title="Immortality", publisher=company)
    return company


MAKERS = {
    "film": (_film, headers.WORK),
    "album": (_album, headers.WORK),
    "book": (lambda: BookFactory(title="Capitalist Realism", isbn="9781846943171"), headers.WORK),
    "series": (_series, headers.WORK),
    "season": (_season, headers.WORK),
    "episode": (lambda: EpisodeFactory(season=_season(), number=2, title="Pasta"), headers.WORK),
    "game": (lambda: GameFactory(title="Immortality"), headers.WORK),
    "person": (_person, headers.PERSON),
    "company": (_company, headers.COMPANY),
    "author": (
        lambda: AuthorFactory(name="Maren Okafor", bio="Writes.", website="https://example.org"),
        headers.AUTHOR,
    ),
    "section": (lambda: SectionFactory(name="Music", slug="music", description="Records."), headers.SECTION),
    "tag": (lambda: _tagged("sean baker", "sean-baker"), headers.TAG),
}


def _address(obj) -> str:
    if isinstance(obj, Tag):
        return f"/tags/{obj.slug}/"
    return obj.get_absolute_url()


def _row(name: str, obj) -> PageHeader:
    drain_worker()
    return headers.BY_NAME[name].rows({obj.pk}).get()


@pytest.mark.parametrize("kind", MAKERS)
def test_each_kind_of_page_serves_the_header_stored_for_it(client, kind):
    make, name = MAKERS[kind]
    obj = make()
    row = _row(name, obj)
    assert (getattr(obj, "title", None) or obj.name) in row.parts["header"]

    row.parts = {**row.parts, "header": row.parts["header"].replace("</h1>", " (as stored)</h1>")}
    row.save()

    assert "(as stored)</h1>" in client.get(_address(obj)).text


@pytest.mark.parametrize("kind", MAKERS)
def test_a_page_is_the_same_from_its_stored_header_as_rendered_afresh(client, settings, kind):
    # Two articles a page, so that page two exists and its head and page line are checked too.
    settings.ARTICLES_PER_PAGE = 2
    make, name = MAKERS[kind]
    obj = make()
    if kind == "author":
        about = {"authors": [obj]}
    elif kind == "section":
        about = {"section": obj}
    elif kind == "person":
        about = {"works": [obj.works.first()]}
    elif kind == "company":
        about = {"works": [obj.albums.first()]}
    else:
        about = {"works": [obj]} if name == headers.WORK else {}
    for _ in range(3):
        article = ArticleFactory(**about)
        if kind == "tag":
            article.tags.add(obj)
    addresses = [_address(obj), f"{_address(obj)}page/2/"]
    stored = [client.get(address) for address in addresses]

    headers.BY_NAME[name].rows({obj.pk}).delete()
    afresh = [client.get(address) for address in addresses]

    assert [response.status_code for response in stored] == [200, 200]
    assert [response.text for response in stored] == [response.text for response in afresh]


def test_the_header_of_the_demo_pages_is_what_they_show_rendered_afresh(demo, client):
    addresses = ["/films/anora/", "/albums/spirit-of-eden/", "/people/nick-cave/", "/companies/pias/"]
    addresses += ["/authors/maren-okafor/", "/sections/film/", "/tags/sean-baker/"]
    stored = {address: client.get(address).text for address in addresses}
    assert PageHeader.objects.count() > 50

    PageHeader.objects.all().delete()

    assert {address: client.get(address).text for address in addresses} == stored


def test_the_demo_headers_check_clean_after_loading(demo):
    for name in headers.BY_NAME:
        renderer = registry.get(name)
        assert renderer.check(renderer.all_ids()) == []


def test_renaming_a_person_changes_their_page_and_the_pages_of_works_crediting_them(client):
    baker = PersonFactory(name="Sean Baker", slug="sean-baker")
    anora, album = FilmFactory(title="Anora"), AlbumFactory(title="Red Rocket OST")
    CreditFactory(work=anora, person=baker)
    CreditFactory(work=album, person=baker, role=Credit.Role.PRODUCER)
    other = FilmFactory(title="Not his")

    baker.name = "Sean S. Baker"
    baker.save()

    assert '<h1 class="page-title">Sean S. Baker</h1>' in client.get(baker.get_absolute_url()).text
    for work in (anora, album):
        html = client.get(work.get_absolute_url()).text
        assert ">Sean S. Baker</a>" in html and ">Sean Baker</a>" not in html
        assert page(client.get(work.get_absolute_url())).json_ld[0]["url"].endswith(work.get_absolute_url())
    assert _row(headers.WORK, other).version == 1


def test_a_new_credit_shows_on_the_work_and_the_person(client):
    film, person = FilmFactory(title="Tangerine"), PersonFactory(name="Mya Taylor")

    CreditFactory(work=film, person=person, role=Credit.Role.CAST, character="Alexandra")

    assert 'Mya Taylor</a> <span class="character">as Alexandra</span>' in client.get(film.get_absolute_url()).text
    assert ">Tangerine</cite></a>" in client.get(person.get_absolute_url()).text


def test_a_credit_moved_to_another_person_leaves_the_first_ones_page(client):
    credit = CreditFactory(work=FilmFactory(title="Tangerine"), person=PersonFactory(name="First"))
    first, second = credit.person, PersonFactory(name="Second")

    credit.person = second
    credit.save()

    assert "Tangerine" not in client.get(first.get_absolute_url()).text
    assert "Tangerine" in client.get(second.get_absolute_url()).text


def test_renaming_a_company_renames_it_on_the_cards_of_its_works_and_their_seasons(client):
    network = CompanyFactory(name="FX")
    series = SeriesFactory(network=network)
    season = SeasonFactory(series=series, number=1)
    film = FilmFactory(distributor=network)

    network.name = "FX on Hulu"
    network.save()

    for work in (series, season, film):
        assert "<dd>FX on Hulu</dd>" in client.get(work.get_absolute_url()).text


def test_tracks_seasons_and_episodes_show_on_the_page_they_belong_to(client):
    album, series = AlbumFactory(), SeriesFactory()

    TrackFactory(album=album, number=1, title="The Rainbow")
    season = SeasonFactory(series=series, number=4)
    EpisodeFactory(season=season, number=1, title="Groundhog")

    assert "The Rainbow" in client.get(album.get_absolute_url()).text
    assert "Season 4</a>" in client.get(series.get_absolute_url()).text
    assert ">Groundhog</a>" in client.get(season.get_absolute_url()).text


def test_a_new_picture_alt_text_shows_on_the_pages_it_portrays(client):
    image = ImageFactory(size=(600, 600))
    person, film = PersonFactory(portrait=image), FilmFactory(picture=image)

    image.alt = "Seen from the side"
    image.save()

    for obj in (person, film):
        assert 'alt="Seen from the side"' in client.get(obj.get_absolute_url()).text


def test_publishing_an_article_leaves_the_headers_alone_but_the_tag_page_counts_it(client):
    film = FilmFactory()
    tag = _tagged("melodrama", "melodrama")
    versions = (_row(headers.WORK, film).version, _row(headers.TAG, tag).version)

    ArticleFactory(works=[film]).tags.add(tag)

    assert (_row(headers.WORK, film).version, _row(headers.TAG, tag).version) == versions
    assert '<p class="page-count">2 articles</p>' in client.get("/tags/melodrama/").text


def test_a_header_rendered_again_unchanged_keeps_its_version_and_a_change_bumps_it():
    film = FilmFactory()
    registry.get(headers.WORK).render([film.pk])
    assert _row(headers.WORK, film).version == 1

    film.summary = "Changed."
    film.save()

    assert _row(headers.WORK, film).version == 2


def test_the_stored_head_names_the_address_the_reader_asked_on(client, settings):
    settings.ALLOWED_HOSTS = ["magazine.example", "testserver"]
    film = FilmFactory(slug="anora")

    ld = page(client.get("/films/anora/", HTTP_HOST="magazine.example")).ld("Movie")

    assert ld["url"] == "http://magazine.example/films/anora/"
    assert ORIGIN not in client.get("/films/anora/").text
    assert ORIGIN in _row(headers.WORK, film).parts["head"]


# --- What has no page has no header ---------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "/films/nope/",
        "/albums/nope/",
        "/tv/seasons/nope/",
        "/people/nope/",
        "/companies/nope/",
        "/authors/nope/",
        "/sections/nope/",
        "/tags/nope/",
    ],
)
def test_an_unknown_object_is_404(client, address):
    assert client.get(address).status_code == 404


def test_a_proposal_has_no_header_until_it_is_confirmed(client):
    film = FilmFactory(status=Proposal.PENDING)
    person = PersonFactory(status=Proposal.PENDING)
    assert not PageHeader.objects.filter(object_id__in=[film.pk, person.pk]).exists()
    assert client.get(film.get_absolute_url()).status_code == 404

    proposal_confirm(Film.objects.filter(pk=film.pk))
    proposal_confirm(Person.objects.filter(pk=person.pk))

    assert client.get(film.get_absolute_url()).status_code == 200
    assert _row(headers.PERSON, person).parts["header"]


def test_a_deleted_object_loses_its_header_and_its_credits_leave_the_other_pages(client):
    baker = PersonFactory(name="Sean Baker")
    film = FilmFactory(title="Anora")
    CreditFactory(work=film, person=baker)
    work_id = film.pk

    film.delete()

    assert not headers.BY_NAME[headers.WORK].rows({work_id}).exists()
    assert "Anora" not in client.get(baker.get_absolute_url()).text
    assert client.get("/films/anora/").status_code == 404


def test_merging_two_people_moves_the_credits_onto_the_kept_ones_page_and_drops_the_others(client):
    kept, duplicate = PersonFactory(name="Sean Baker"), PersonFactory(name="Sean Baker (2)")
    film = FilmFactory(title="Tangerine")
    CreditFactory(work=film, person=duplicate)

    records_merge(keep=kept, duplicate=duplicate)

    assert ">Tangerine</cite></a>" in client.get(kept.get_absolute_url()).text
    assert not headers.BY_NAME[headers.PERSON].rows({duplicate.pk}).exists()
    assert ">Sean Baker</a>" in client.get(film.get_absolute_url()).text


def test_undoing_a_merge_gives_both_pages_back_their_headers(client):
    kept, duplicate = PersonFactory(name="Sean Baker"), PersonFactory(name="Sean Baker (2)")
    film = FilmFactory(title="Tangerine")
    CreditFactory(work=film, person=duplicate)
    merge = records_merge(keep=kept, duplicate=duplicate)

    # The undo puts the rows back as raw saves, which no save receiver renders.
    merge_undo(merge=merge)

    assert ">Tangerine</cite></a>" in client.get(duplicate.get_absolute_url()).text
    assert "Tangerine" not in client.get(kept.get_absolute_url()).text
    assert ">Sean Baker (2)</a>" in client.get(film.get_absolute_url()).text


# --- check() ---------------------------------------------------------------------------------


def test_check_reports_a_corrupted_a_missing_and_a_stray_header():
    corrupted, missing, stray = FilmFactory(), PersonFactory(), PersonFactory()
    row = _row(headers.WORK, corrupted)
    row.parts = {**row.parts, "header": row.parts["header"].replace(corrupted.title, "Something else")}
    row.save()
    _row(headers.PERSON, missing).delete()
    Person.objects.filter(pk=stray.pk).update(status=Proposal.PENDING)

    works = registry.get(headers.WORK).check([corrupted.pk])
    people = registry.get(headers.PERSON).check([missing.pk, stray.pk])

    assert [difference.key for difference in works] == [f"work {corrupted.pk} header"]
    assert works[0].detail.startswith("header differs at character") and "Something else" in works[0].detail
    assert {d.key: d.detail for d in people} == {
        f"person {missing.pk} header": "not stored",
        f"person {stray.pk} header": "stored, but it has no page (deleted, or a proposal)",
    }


def test_check_is_clean_when_every_header_is_current():
    _film(), _person(), _company()
    drain_worker()
    for name in headers.BY_NAME:
        renderer = registry.get(name)
        assert renderer.check(renderer.all_ids()) == []


def test_all_ids_are_the_objects_with_a_page():
    confirmed, proposed = FilmFactory(), FilmFactory(status=Proposal.PENDING)
    album = AlbumFactory()

    assert set(registry.get(headers.WORK).all_ids()) == {confirmed.pk, album.pk}
    assert Work.objects.filter(pk=proposed.pk).exists()


# --- What a page costs ------------------------------------------------------------------------


def _queries(client, address: str) -> tuple[int, int]:
    """All the queries of the page, and those that read a stored header."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries), sum("renderings_pageheader" in query["sql"] for query in queries)


def _grow(kind: str, size: int):
    if kind == "film":
        obj = FilmFactory()
        for _ in range(size):
            CreditFactory(work=obj, role=Credit.Role.CAST)
    elif kind == "album":
        obj = AlbumFactory()
        for number in range(1, size + 1):
            TrackFactory(album=obj, number=number)
            CreditFactory(work=obj, role=Credit.Role.PRODUCER)
    elif kind == "series":
        obj = SeriesFactory()
        for number in range(1, size + 1):
            SeasonFactory(series=obj, number=number)
    elif kind == "season":
        obj = SeasonFactory()
        for number in range(1, size + 1):
            EpisodeFactory(season=obj, number=number)
    elif kind == "person":
        obj = PersonFactory(portrait=ImageFactory(size=(60, 60)) if size > 1 else None)
        for _ in range(size):
            CreditFactory(person=obj, work=AlbumFactory(), role=Credit.Role.ARTIST)
    elif kind == "company":
        obj = CompanyFactory()
        for _ in range(size):
            AlbumFactory(label=obj)
            GameFactory(studio=obj)
    elif kind == "author":
        obj = AuthorFactory(portrait=ImageFactory(size=(60, 60)) if size > 1 else None)
    elif kind == "section":
        obj = SectionFactory(name=f"Section {size}", slug=f"section-{size}")
    else:
        obj = _tagged(f"tag {size}", f"tag-{size}")
    ArticleFactory(**({"authors": [obj]} if kind == "author" else {"section": obj} if kind == "section" else {}))
    return obj


@pytest.mark.parametrize(
    "kind", ["film", "album", "series", "season", "person", "company", "author", "section", "tag"]
)
def test_a_page_reads_its_header_in_one_query_however_much_it_shows(client, kind):
    small, large = _grow(kind, 1), _grow(kind, 8)
    drain_worker()

    small_queries, small_reads = _queries(client, _address(small))
    large_queries, large_reads = _queries(client, _address(large))

    assert small_reads == large_reads == 1
    assert large_queries == small_queries
