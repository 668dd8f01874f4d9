"""The desk adds works of every kind, is warned of duplicates, and merges them (and undoes it)."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from articles.models import ArticleWork
from films.models import Album, Book, Credit, Film, Merge, Person, Track, Work
from tests.factories import (
    AlbumFactory,
    ArticleFactory,
    BookFactory,
    CompanyFactory,
    CreditFactory,
    EpisodeFactory,
    FilmFactory,
    GameFactory,
    PersonFactory,
    SeasonFactory,
    SeriesFactory,
)

pytestmark = pytest.mark.django_db


def _inline(prefix: str, rows: list[dict]) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for number, row in enumerate(rows):
        data.update({f"{prefix}-{number}-{name}": value for name, value in row.items()})
    return data


def _work(**fields) -> dict:
    data = {"title": "", "slug": "", "year": "", "release_date": "", "picture": "", "summary": ""}
    data.update(fields)
    return data


def test_an_editor_adds_an_album_with_its_artist_tracks_and_label(client, editor):
    client.force_login(editor)
    artist, label = PersonFactory(name="Nick Cave and the Bad Seeds", is_group=True), CompanyFactory(name="PIAS")
    data = _work(title="Wild God", slug="wild-god", year="2024", label=label.pk, format="StudioAlbum")
    data |= _inline("credits", [{"person": artist.pk, "role": "artist", "character": "", "order": "0"}])
    data |= _inline(
        "tracks",
        [
            {"number": "1", "title": "Song of the Lake", "duration": "4:34"},
            {"number": "2", "title": "Wild God", "duration": "4:45"},
        ],
    )

    response = client.post(reverse("admin:films_album_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    album = Album.objects.get(slug="wild-god")
    assert album.kind == "album" and album.label == label and album.artists == [artist]
    assert [(track.number, track.duration_display) for track in album.tracks.all()] == [(1, "4:34"), (2, "4:45")]


def test_the_desk_warns_of_a_work_with_the_same_title_and_year_and_saves_it_when_told(client, editor):
    client.force_login(editor)
    existing = FilmFactory(title="Crash", year=2004, slug="crash")
    data = _work(title="crash", slug="crash-2", year="2004", runtime="", imdb_id="", distributor="")
    data |= _inline("credits", [])

    response = client.post(reverse("admin:films_film_add"), data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors().as_data()
    assert [error.code for error in errors] == ["possible_duplicate"]
    assert reverse("admin:films_film_change", args=[existing.pk]) in response.content.decode()

    response = client.post(reverse("admin:films_film_add"), {**data, "not_a_duplicate": "on"})
    assert response.status_code == 302
    assert Film.objects.filter(title__iexact="crash").count() == 2


def test_a_book_with_an_isbn_we_have_is_refused_with_a_link_to_it(client, editor):
    client.force_login(editor)
    existing = BookFactory(title="The Years", isbn="9781609808921")
    data = _work(title="Les Années", slug="les-annees", year="2008", isbn="978-1-60980-892-1", pages="", edition="")
    data |= _inline("credits", []) | {"publisher": ""}

    response = client.post(reverse("admin:films_book_add"), data)

    form = response.context["adminform"].form
    assert [error.code for error in form.errors.as_data()["isbn"]] == ["duplicate_isbn"]
    assert reverse("admin:films_book_change", args=[existing.pk]) in response.content.decode()
    assert Book.objects.count() == 1


def test_a_wrong_isbn_is_refused_at_the_desk(client, editor):
    client.force_login(editor)
    data = _work(title="The Years", slug="the-years", isbn="978-1-60980-892-2", pages="", edition="", publisher="")
    data |= _inline("credits", [])

    response = client.post(reverse("admin:films_book_add"), data)

    assert [error.code for error in response.context["adminform"].form.errors.as_data()["isbn"]] == ["isbn_checksum"]


def test_a_season_takes_its_title_and_address_from_its_series(client, editor):
    client.force_login(editor)
    series = SeriesFactory(title="The Bear", slug="the-bear")
    data = _work(series=series.pk, number="3") | _inline("credits", [])

    response = client.post(reverse("admin:films_season_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    season = series.seasons.get()
    assert (season.title, season.slug) == ("The Bear, season 3", "the-bear-season-3")


def test_every_kind_has_its_add_form_for_editors(client, editor):
    client.force_login(editor)
    for model in ("film", "album", "book", "series", "season", "episode", "game"):
        response = client.get(reverse(f"admin:films_{model}_add"))
        assert response.status_code == 200, model
        assert 'data-field-name="person"' in response.content.decode(), model


@pytest.mark.parametrize(
    "factory",
    [FilmFactory, AlbumFactory, BookFactory, SeriesFactory, SeasonFactory, EpisodeFactory, GameFactory],
    ids=lambda factory: factory._meta.model._meta.model_name,
)
def test_every_kind_is_listed_and_edited_at_the_desk(client, editor, factory):
    # The list, the change form, and a save with everything left out (the form comes back with its
    # errors): the kinds but films had 500ed, their own rows asked for the other kinds' links.
    work = factory()
    name = work._meta.model_name
    client.force_login(editor)

    assert client.get(reverse(f"admin:films_{name}_changelist")).status_code == 200
    change = reverse(f"admin:films_{name}_change", args=[work.pk])
    assert client.get(change).status_code == 200
    response = client.post(change, {})
    assert response.status_code == 200
    assert "Please correct the error" in response.content.decode()


def test_writers_find_works_of_every_kind_for_their_articles(client, contributor):
    FilmFactory(title="Wild Strawberries")
    AlbumFactory(title="Wild God")
    client.force_login(contributor)
    params = {"app_label": "articles", "model_name": "articlework", "field_name": "work", "term": "wild"}

    response = client.get(reverse("admin:autocomplete"), params)

    assert response.status_code == 200
    assert len(response.json()["results"]) == 2


def _merge(client, changelist: str, first, second, keep=None):
    data = {"action": "merge_duplicates", ACTION_CHECKBOX_NAME: [first.pk, second.pk]}
    if keep is not None:
        data["keep"] = keep.pk
    return client.post(reverse(changelist), data, follow=keep is not None)


def test_an_editor_merges_two_people_then_undoes_it_from_the_log(client, editor):
    client.force_login(editor)
    keep, twin = PersonFactory(name="Sean Baker"), PersonFactory(name="Sean Baker")
    film = FilmFactory()
    CreditFactory(person=keep, work=film, role=Credit.Role.DIRECTOR)
    CreditFactory(person=twin, work=film, role=Credit.Role.WRITER)

    page = _merge(client, "admin:films_person_changelist", keep, twin)
    assert page.status_code == 200 and "Merge two duplicates" in page.content.decode()
    response = _merge(client, "admin:films_person_changelist", keep, twin, keep=keep)

    assert "is merged into" in response.content.decode()
    assert not Person.objects.filter(pk=twin.pk).exists()
    assert set(film.credits.values_list("person_id", "role")) == {(keep.pk, "director"), (keep.pk, "writer")}
    merge = Merge.objects.get()
    assert merge.merged_by == editor

    response = client.post(
        reverse("admin:films_merge_changelist"), {"action": "undo", ACTION_CHECKBOX_NAME: [merge.pk]}, follow=True
    )

    assert "Undone" in response.content.decode()
    assert Person.objects.get(pk=twin.pk).name == "Sean Baker"
    assert set(film.credits.values_list("person_id", "role")) == {(keep.pk, "director"), (twin.pk, "writer")}


def test_an_editor_merges_two_companies_from_their_list_then_undoes_it(client, editor):
    client.force_login(editor)
    keep, twin = CompanyFactory(name="A24"), CompanyFactory(name="A24 Films")
    film, album = FilmFactory(distributor=twin), AlbumFactory(label=twin)

    page = _merge(client, "admin:films_company_changelist", keep, twin)
    assert page.status_code == 200 and "1 distributed, 1 released (label)" in page.content.decode()
    response = _merge(client, "admin:films_company_changelist", keep, twin, keep=keep)

    assert "is merged into" in response.content.decode()
    assert Film.objects.get(pk=film.pk).distributor == Album.objects.get(pk=album.pk).label == keep
    merge = Merge.objects.get()
    assert merge.kept_company == keep

    client.post(
        reverse("admin:films_merge_changelist"), {"action": "undo", ACTION_CHECKBOX_NAME: [merge.pk]}, follow=True
    )

    assert Film.objects.get(pk=film.pk).distributor.name == "A24 Films"
    assert Album.objects.get(pk=album.pk).label_id == twin.pk


def test_merging_two_albums_keeps_the_articles_about_either(client, editor):
    client.force_login(editor)
    keep, twin = AlbumFactory(title="Wild God"), AlbumFactory(title="Wild God")
    Track.objects.create(album=twin, number=1, title="Song of the Lake")
    review, essay = ArticleFactory(works=[twin]), ArticleFactory(works=[keep, twin])

    _merge(client, "admin:films_work_changelist", keep, twin, keep=keep)

    assert not Work.objects.filter(pk=twin.pk).exists()
    assert list(review.article_works.values_list("work_id", "is_card")) == [(keep.pk, True)]
    assert list(essay.article_works.values_list("work_id", flat=True)) == [keep.pk]
    assert keep.tracks.count() == 1
    assert ArticleWork.objects.count() == 2


def test_only_two_records_of_one_kind_are_merged(client, editor):
    client.force_login(editor)
    film, book = FilmFactory(), BookFactory()

    response = _merge(client, "admin:films_work_changelist", film, book, keep=film)

    assert "not of the same kind" in response.content.decode()
    assert Work.objects.count() == 2


def test_contributors_cannot_merge(client, contributor):
    client.force_login(contributor)
    first, second = PersonFactory(), PersonFactory()

    response = _merge(client, "admin:films_person_changelist", first, second, keep=first)

    assert response.status_code == 403 or Person.objects.count() == 2
    assert Person.objects.count() == 2


def test_a_work_cited_is_picked_from_our_records_and_takes_its_title(client, editor):
    from tests.admin_forms import article_form

    client.force_login(editor)
    book = BookFactory(title="The Years", year=2017)
    data = article_form()
    data |= {"citations-TOTAL_FORMS": "2", "citations-INITIAL_FORMS": "0"}
    for number, (work, title) in enumerate([(book.pk, ""), ("", "")]):
        data |= {
            f"citations-{number}-kind": "book",
            f"citations-{number}-order": str(number),
            f"citations-{number}-work": work,
            f"citations-{number}-title": title,
        }

    response = client.post(reverse("admin:articles_article_add"), data)

    # The second names neither a title nor a work.
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][2].formset.errors
    assert [form.get("title", [""])[0] for form in errors] == ["", "Give the title, or pick the work in our records."]

    data["citations-TOTAL_FORMS"] = "1"
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302
    citation = book.citations.get()
    assert citation.title == "The Years" and citation.article.title == "A new essay"
