"""Merging duplicate people, works and companies keeps every link and credit, doubles none, and can be undone."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import ArticleWork, Citation
from films.merging import MergeError, merge_undo, records_merge
from films.models import Album, Book, Company, Credit, Episode, Film, Game, Merge, Person, Season, Series, Track, Work
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
    PlatformFactory,
    SeasonFactory,
    SeriesFactory,
    TrackFactory,
)

pytestmark = pytest.mark.django_db

KIND_FACTORIES = {"film": FilmFactory, "album": AlbumFactory, "book": BookFactory}
# The company each of those kinds names: a film's distributor, an album's label, a book's publisher.
PARTS = {"film": "distributor", "album": "label", "book": "publisher"}
ROLES = [Credit.Role.DIRECTOR, Credit.Role.WRITER, Credit.Role.ARTIST, Credit.Role.AUTHOR, Credit.Role.CAST]


def _state() -> dict:
    """Everything a merge may touch, as comparable values."""
    return {
        "people": set(Person.objects.values_list("pk", "name", "slug", "bio")),
        "works": set(Work.objects.values_list("pk", "kind", "title", "slug", "year", "summary")),
        "credits": set(Credit.objects.values_list("pk", "work_id", "person_id", "role", "character", "order")),
        "links": set(ArticleWork.objects.values_list("pk", "article_id", "work_id", "is_card", "order")),
        "citations": set(Citation.objects.values_list("pk", "work_id", "title")),
        "companies": set(Company.objects.values_list("pk", "name", "slug")),
        "parts": {
            *Film.objects.values_list("pk", "distributor_id"),
            *Album.objects.values_list("pk", "label_id"),
            *Book.objects.values_list("pk", "publisher_id"),
        },
    }


@st.composite
def graphs(draw):
    people = draw(st.integers(min_value=2, max_value=5))
    kinds = draw(st.lists(st.sampled_from(sorted(KIND_FACTORIES)), min_size=2, max_size=4))
    kinds[1] = kinds[0]  # two works of one kind, to merge
    credits = draw(
        st.sets(
            st.tuples(st.integers(0, people - 1), st.integers(0, len(kinds) - 1), st.sampled_from(ROLES)),
            max_size=14,
        )
    )
    articles = draw(st.integers(min_value=1, max_value=3))
    links = draw(st.sets(st.tuples(st.integers(0, articles - 1), st.integers(0, len(kinds) - 1)), max_size=8))
    # Which of each article's links has the card (none when past the last).
    cards = draw(st.lists(st.integers(min_value=0, max_value=4), min_size=articles, max_size=articles))
    citations = draw(st.lists(st.tuples(st.integers(0, articles - 1), st.integers(0, len(kinds) - 1)), max_size=4))
    # Each work's company (its distributor, label or publisher), of two or three, or none.
    companies = draw(st.integers(min_value=2, max_value=3))
    owners = draw(st.lists(st.none() | st.integers(0, companies - 1), min_size=len(kinds), max_size=len(kinds)))
    merged = draw(st.sampled_from(["people", "works", "companies"]))
    return people, kinds, credits, articles, links, cards, citations, companies, owners, merged


def _build(people, kinds, credits, articles, links, cards, citations, companies, owners):
    persons = [PersonFactory() for _ in range(people)]
    firms = [CompanyFactory() for _ in range(companies)]
    works = [
        KIND_FACTORIES[kind](**{PARTS[kind]: None if owner is None else firms[owner]})
        for kind, owner in zip(kinds, owners, strict=True)
    ]
    for person, work, role in credits:
        CreditFactory(person=persons[person], work=works[work], role=role)
    pieces = [ArticleFactory() for _ in range(articles)]
    for article in range(articles):
        linked = sorted(work for a, work in links if a == article)
        for order, work in enumerate(linked):
            ArticleWork.objects.create(
                article=pieces[article], work=works[work], order=order, is_card=order == cards[article]
            )
    for article, work in citations:
        CitationFactory(article=pieces[article], work=works[work], title="")
    return persons, works, firms


MERGES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@MERGES
@given(graph=graphs())
def test_a_merge_keeps_every_link_doubles_none_and_undoes_exactly(graph):
    people, kinds, credits, articles, links, cards, citations, companies, owners, merged = graph
    with transaction.atomic():
        persons, works, firms = _build(people, kinds, credits, articles, links, cards, citations, companies, owners)
        keep, duplicate = {"people": persons, "works": works, "companies": firms}[merged][:2]
        before = _state()

        def same(pk):  # what a link to the duplicate now points at
            return keep.pk if pk == duplicate.pk else pk

        merge_people = merged == "people"
        expected_credits = {
            (work if merged != "works" else same(work), same(person) if merge_people else person, role)
            for _, work, person, role, *_ in before["credits"]
        }
        expected_links = {
            (article, same(work) if merged == "works" else work) for _, article, work, *_ in before["links"]
        }
        articles_with_card = {link[1] for link in before["links"] if link[3]}

        merge = records_merge(keep=keep, duplicate=duplicate)

        after = _state()
        model = {"people": Person, "works": Work, "companies": Company}[merged]
        assert not model.objects.filter(pk=duplicate.pk).exists()
        if merged == "companies":
            # Every work that named either company names the one kept.
            assert after["parts"] == {(work, same(company)) for work, company in before["parts"]}
        # Every credit survives, pointing at the record kept, and none is doubled.
        assert {(c[1], c[2], c[3]) for c in after["credits"]} == expected_credits
        assert len(after["credits"]) == len(expected_credits)
        # Every article still discusses what it discussed, once, and keeps its card.
        assert {(link[1], link[2]) for link in after["links"]} == expected_links
        assert len(after["links"]) == len(expected_links)
        assert {link[1] for link in after["links"] if link[3]} == articles_with_card
        assert len(after["citations"]) == len(before["citations"])
        if merged == "works":
            assert not any(c[1] == duplicate.pk for c in after["citations"])

        merge_undo(merge=merge)

        assert _state() == before
        transaction.set_rollback(True)


def test_merging_two_people_moves_credits_and_logs_it(django_user_model):
    editor = django_user_model.objects.create(username="editor")
    keep, duplicate = PersonFactory(name="Sean Baker"), PersonFactory(name="Sean  Baker", bio="Filmmaker.")
    film, album = FilmFactory(), AlbumFactory()
    CreditFactory(person=keep, work=film, role=Credit.Role.DIRECTOR)
    CreditFactory(person=duplicate, work=film, role=Credit.Role.DIRECTOR)
    CreditFactory(person=duplicate, work=album, role=Credit.Role.PRODUCER)

    merge = records_merge(keep=keep, duplicate=duplicate, user=editor)

    assert sorted(Credit.objects.filter(person=keep).values_list("work_id", "role")) == sorted(
        [(film.pk, "director"), (album.pk, "producer")]
    )
    keep.refresh_from_db()
    assert keep.bio == "Filmmaker."  # an empty field takes the duplicate's value
    assert merge.kept_person == keep and merge.merged_by == editor
    assert "1 credits already there" in merge.summary and "1 credits moved" in merge.summary
    assert merge.revision.comment.startswith("Merged “Sean  Baker”")


def test_merging_two_series_merges_their_seasons_of_the_same_number_and_their_episodes():
    keep, duplicate = SeriesFactory(title="The Bear"), SeriesFactory(title="The Bear")
    first = SeasonFactory(series=keep, number=1)
    other_first = SeasonFactory(series=duplicate, number=1)
    second = SeasonFactory(series=duplicate, number=2)
    EpisodeFactory(season=first, number=1)
    EpisodeFactory(season=other_first, number=1)
    EpisodeFactory(season=other_first, number=2)
    review = ArticleFactory(works=[other_first])

    merge = records_merge(keep=keep, duplicate=duplicate)

    assert sorted(Season.objects.filter(series=keep).values_list("number", flat=True)) == [1, 2]
    assert sorted(Episode.objects.filter(season=first).values_list("number", flat=True)) == [1, 2]
    assert second.pk in Season.objects.filter(series=keep).values_list("pk", flat=True)
    assert list(review.article_works.values_list("work_id", flat=True)) == [first.pk]

    merge_undo(merge=merge)

    assert Season.objects.filter(series=duplicate).count() == 2
    assert list(review.article_works.values_list("work_id", flat=True)) == [other_first.pk]


def test_merging_albums_keeps_one_tracklist_and_games_join_their_platforms():
    keep, duplicate = AlbumFactory(), AlbumFactory()
    TrackFactory(album=keep, number=1)
    TrackFactory(album=duplicate, number=1)
    TrackFactory(album=duplicate, number=2)
    records_merge(keep=keep, duplicate=duplicate)
    assert sorted(Track.objects.filter(album=keep).values_list("number", flat=True)) == [1, 2]

    pc, switch = PlatformFactory(), PlatformFactory(name="Nintendo Switch", slug="switch")
    game, twin = GameFactory(platforms=[pc]), GameFactory(platforms=[switch])
    records_merge(keep=game, duplicate=twin)
    assert set(game.platforms.all()) == {pc, switch}


def test_works_of_different_kinds_or_one_record_cannot_be_merged():
    film, book = FilmFactory(), BookFactory()
    with pytest.raises(MergeError):
        records_merge(keep=film, duplicate=book)
    with pytest.raises(MergeError):
        records_merge(keep=film, duplicate=Work.objects.get(pk=film.pk))


def test_a_merge_is_undone_once():
    merge = records_merge(keep=PersonFactory(), duplicate=PersonFactory())
    merge_undo(merge=merge)
    with pytest.raises(MergeError):
        merge_undo(merge=merge)
    assert Merge.objects.get().undone_at is not None


def test_merging_two_companies_moves_every_part_to_the_one_kept_and_undoes_it(django_user_model):
    editor = django_user_model.objects.create(username="editor")
    keep, duplicate = CompanyFactory(name="A24"), CompanyFactory(name="A24 Films")
    film, album = FilmFactory(distributor=duplicate), AlbumFactory(label=duplicate)
    book, series = BookFactory(publisher=duplicate), SeriesFactory(network=duplicate)
    game, own = GameFactory(studio=duplicate, publisher=duplicate), AlbumFactory(label=keep)

    merge = records_merge(keep=keep, duplicate=duplicate, user=editor)

    assert not Company.objects.filter(pk=duplicate.pk).exists()
    assert Film.objects.get(pk=film.pk).distributor == keep
    assert set(Album.objects.filter(label=keep)) == {album, own}
    assert Book.objects.get(pk=book.pk).publisher == Series.objects.get(pk=series.pk).network == keep
    assert Game.objects.filter(pk=game.pk, studio=keep, publisher=keep).exists()
    assert merge.kept_company == keep and merge.kept == keep and merge.merged_by == editor
    assert "1 films moved" in merge.summary and "2 video games moved" in merge.summary

    merge_undo(merge=merge)

    assert Company.objects.get(pk=duplicate.pk).name == "A24 Films"
    assert Film.objects.get(pk=film.pk).distributor == duplicate
    assert set(Album.objects.filter(label=keep)) == {own}
    assert Game.objects.filter(pk=game.pk, studio=duplicate, publisher=duplicate).exists()


def test_a_company_and_a_person_cannot_be_merged():
    with pytest.raises(MergeError):
        records_merge(keep=CompanyFactory(), duplicate=PersonFactory())
