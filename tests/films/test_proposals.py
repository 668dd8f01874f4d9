"""Writers propose the film or person their article needs; editors confirm it or merge it into the
record it duplicates. A proposal is never public."""

import pytest
from django.db import connection
from django.urls import reverse

from articles import services
from articles.models import Article, ArticleWork
from films.models import Credit, Film, Person, Proposal
from films.services import MergeError, proposal_merge
from tests.factories import ArticleFactory, CreditFactory, FilmFactory, PersonFactory

pytestmark = pytest.mark.django_db


def film_form(**overrides) -> dict:
    data = {
        "title": "Happyend",
        "slug": "happyend-2024",
        "year": "2024",
        "release_date": "",
        "imdb_id": "",
        "summary": "",
        "credits-TOTAL_FORMS": "0",
        "credits-INITIAL_FORMS": "0",
    }
    return {**data, **overrides}


# --- Proposing -------------------------------------------------------------------------------


def test_a_writer_proposes_a_film_instead_of_meeting_a_403(client, contributor):
    client.force_login(contributor)

    form = client.get(reverse("admin:films_film_add"))
    assert form.status_code == 200
    # The writer fills in what identifies the film; distributor, poster and credits are the desk's.
    assert set(form.context["adminform"].form.fields) == {
        "title",
        "slug",
        "year",
        "release_date",
        "imdb_id",
        "summary",
        "not_a_duplicate",
    }
    response = client.post(reverse("admin:films_film_add"), film_form())

    assert response.status_code == 302
    film = Film.objects.get(slug="happyend-2024")
    assert film.status == Proposal.PENDING and film.proposed_by == contributor


def test_a_writer_proposes_a_person(client, contributor):
    client.force_login(contributor)

    response = client.post(reverse("admin:films_person_add"), {"name": "Neo Sora", "slug": "neo-sora", "bio": ""})

    assert response.status_code == 302
    person = Person.objects.get(slug="neo-sora")
    assert person.status == Proposal.PENDING and person.proposed_by == contributor


def test_a_writer_still_cannot_change_or_delete_a_film(client, contributor):
    film = FilmFactory()
    client.force_login(contributor)

    response = client.post(reverse("admin:films_film_change", args=[film.pk]), film_form(title="Renamed"))

    assert response.status_code == 403
    assert client.post(reverse("admin:films_film_delete", args=[film.pk]), {"post": "yes"}).status_code == 403


def test_the_plus_beside_a_work_in_the_article_form_opens_the_film_proposal_form(client, contributor):
    # Works are added in their kind's admin; the list of all works adds none, and its “+” would be missing.
    article = ArticleFactory(draft=True, authors=[contributor.author])
    client.force_login(contributor)

    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()

    assert 'id="add_id_article_works-0-work"' in html
    assert f'href="{reverse("admin:films_film_add")}?_to_field=id&amp;_popup=1' in html
    popup = client.get(reverse("admin:films_film_add"), {"_to_field": "id", "_popup": "1"})
    assert popup.status_code == 200


def test_what_an_editor_adds_is_confirmed(admin_client):
    admin_client.post(reverse("admin:films_film_add"), film_form(distributor="", runtime=""))

    assert Film.objects.get(slug="happyend-2024").status == Proposal.CONFIRMED


def test_a_writer_sees_their_own_proposals_but_not_others(client, contributor):
    from tests.factories import user_with_role

    other = user_with_role("Contributor", username="other-writer")
    FilmFactory(title="Mine", status=Proposal.PENDING, proposed_by=contributor)
    FilmFactory(title="Theirs", status=Proposal.PENDING, proposed_by=other)
    FilmFactory(title="The desk's")
    client.force_login(contributor)

    autocomplete = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "articlework", "field_name": "work", "term": ""},
    )

    assert {result["text"] for result in autocomplete.json()["results"]} == {"Mine (2024)", "The desk's (2024)"}


# --- Never public ---------------------------------------------------------------------------


def test_a_proposed_film_and_person_have_no_page_until_confirmed(client):
    film = FilmFactory(status=Proposal.PENDING)
    person = PersonFactory(status=Proposal.PENDING)

    assert client.get(film.get_absolute_url()).status_code == 404
    assert client.get(person.get_absolute_url()).status_code == 404

    Film.objects.filter(pk=film.pk).update(status=Proposal.CONFIRMED)
    Person.objects.filter(pk=person.pk).update(status=Proposal.CONFIRMED)

    assert client.get(film.get_absolute_url()).status_code == 200
    assert client.get(person.get_absolute_url()).status_code == 200


def test_proposals_are_not_in_the_sitemap(client):
    pending = FilmFactory(slug="pending-film", status=Proposal.PENDING)
    confirmed = FilmFactory(slug="confirmed-film")
    ArticleFactory(films=[pending, confirmed])

    xml = client.get("/sitemap-films.xml").content.decode()

    assert "/films/confirmed-film/" in xml and "/films/pending-film/" not in xml


def test_an_article_discussing_a_proposed_film_waits_for_it(editor):
    film = FilmFactory(title="Happyend", status=Proposal.PENDING)
    article = ArticleFactory(status=Article.Status.REVIEW, publish_at=None, films=[film])

    with pytest.raises(services.WorkflowError, match="“Happyend \\(2024\\)”, proposed by a writer"):
        services.article_publish(article, by=editor)
    assert not Article.objects.get(pk=article.pk).is_published

    Film.objects.filter(pk=film.pk).update(status=Proposal.CONFIRMED)
    assert services.article_publish(article, by=editor).is_published


# --- Confirming and merging -----------------------------------------------------------------


def test_an_editor_confirms_proposals_in_the_list(client, editor):
    films = [FilmFactory(status=Proposal.PENDING) for _ in range(2)]
    client.force_login(editor)

    client.post(
        reverse("admin:films_film_changelist"),
        {"action": "confirm_proposals", "_selected_action": [film.pk for film in films]},
    )

    assert set(Film.objects.values_list("status", flat=True)) == {Proposal.CONFIRMED}


def test_writers_have_no_confirm_or_merge(client, contributor):
    film = FilmFactory(status=Proposal.PENDING, proposed_by=contributor)
    client.force_login(contributor)

    client.post(reverse("admin:films_film_changelist"), {"action": "confirm_proposals", "_selected_action": [film.pk]})

    assert Film.objects.get(pk=film.pk).status == Proposal.PENDING
    assert client.get(reverse("admin:films_film_merge", args=[film.pk])).status_code == 403


def test_merging_a_film_moves_its_credits_and_articles(editor):
    existing = FilmFactory(title="Happyend")
    director = PersonFactory(name="Neo Sora")
    CreditFactory(work=existing, person=director, role=Credit.Role.DIRECTOR)
    proposal = FilmFactory(title="Happy End", status=Proposal.PENDING)
    # The same director credit on both (not doubled), and a writer credit only the proposal has.
    CreditFactory(work=proposal, person=director, role=Credit.Role.DIRECTOR)
    CreditFactory(work=proposal, person=director, role=Credit.Role.WRITER)
    essay = ArticleFactory(films=[proposal])
    review = ArticleFactory(films=[proposal, existing])

    proposal_merge(source=proposal, into=existing)

    assert not Film.objects.filter(pk=proposal.pk).exists()
    assert sorted(existing.credits.values_list("role", flat=True)) == ["director", "writer"]
    assert [work.pk for work in essay.works.all()] == [existing.pk]
    assert [work.pk for work in review.works.all()] == [existing.pk]
    assert ArticleWork.objects.filter(work=existing).count() == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search needs PostgreSQL")
def test_a_merged_film_s_articles_are_found_by_its_title():
    from articles.search import clean_query, search

    existing = FilmFactory(title="Happyend")
    ArticleFactory(title="An essay", films=[FilmFactory(title="Hapy End typo", status=Proposal.PENDING)])
    proposal = Film.objects.get(title="Hapy End typo")

    proposal_merge(source=proposal, into=existing)

    assert [article.title for article in search(clean_query("happyend"))] == ["An essay"]


def test_merging_a_person_moves_their_credits(editor):
    existing = PersonFactory(name="Neo Sora")
    proposal = PersonFactory(name="Sora Neo", status=Proposal.PENDING)
    credit = CreditFactory(person=proposal)

    proposal_merge(source=proposal, into=existing)

    credit.refresh_from_db()
    assert credit.person == existing and not Person.objects.filter(pk=proposal.pk).exists()


def test_only_a_proposal_is_merged_and_only_into_another_record():
    film, other = FilmFactory(), FilmFactory()
    proposal = FilmFactory(status=Proposal.PENDING)

    with pytest.raises(MergeError):
        proposal_merge(source=film, into=other)
    with pytest.raises(MergeError):
        proposal_merge(source=proposal, into=proposal)


def test_the_merge_page(client, editor, django_assert_max_num_queries):
    existing = FilmFactory(title="Happyend")
    proposal = FilmFactory(title="Happy End", status=Proposal.PENDING, proposed_by=editor)
    ArticleFactory(films=[proposal])
    client.force_login(editor)
    url = reverse("admin:films_film_merge", args=[proposal.pk])

    with django_assert_max_num_queries(8):
        page = client.get(url)
    assert page.status_code == 200 and b"The record it duplicates" in page.content

    # A proposal is no record to merge into.
    other_proposal = FilmFactory(status=Proposal.PENDING)
    assert client.post(url, {"into": other_proposal.pk}).status_code == 200

    response = client.post(url, {"into": existing.pk})

    assert response.url == reverse("admin:films_film_change", args=[existing.pk])
    assert existing.articles.count() == 1


def test_the_dashboard_counts_proposals_for_editors(client, editor, contributor):
    FilmFactory(status=Proposal.PENDING)
    FilmFactory(status=Proposal.PENDING)
    client.force_login(editor)

    html = client.get(reverse("admin:index")).content.decode()

    assert 'Proposed films <span class="desk-count">2</span>' in html
    assert "/admin/films/film/?status__exact=pending" in html
    assert "Proposed people" not in html
    client.force_login(contributor)
    assert "Proposed films" not in client.get(reverse("admin:index")).content.decode()
