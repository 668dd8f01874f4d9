"""A film's page and a person's: credits, their work across kinds, pictures, the articles about them, their
queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from films.models import Credit
from tests.factories import (
    AlbumFactory,
    ArticleFactory,
    BookFactory,
    CreditFactory,
    FilmFactory,
    ImageFactory,
    PersonFactory,
)
from tests.htmlparse import credit_roles, work_by_role
from tests.renderings.pages import drain_worker

pytestmark = pytest.mark.django_db


def test_film_page_shows_credits_and_articles(client):
    film = FilmFactory(title="Tangerine")
    CreditFactory(work=film, person=PersonFactory(name="Mya Taylor"), role=Credit.Role.CAST, character="Alexandra")
    about = ArticleFactory(films=[film])
    ArticleFactory(films=[film], draft=True)

    response = client.get(film.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert 'Mya Taylor</a> <span class="character">as Alexandra</span>' in html
    assert list(response.context["articles"]) == [about]


def test_person_page_shows_filmography_and_articles_about_their_films(client):
    baker = PersonFactory(name="Sean Baker")
    red_rocket, tangerine = FilmFactory(title="Red Rocket", year=2021), FilmFactory(title="Tangerine", year=2015)
    CreditFactory(work=red_rocket, person=baker)
    CreditFactory(work=tangerine, person=baker)
    CreditFactory(work=tangerine, person=baker, role=Credit.Role.WRITER)
    about_both = ArticleFactory(films=[red_rocket, tangerine])
    ArticleFactory(films=[FilmFactory()])

    response = client.get(baker.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Red Rocket" in html and "Tangerine" in html
    assert list(response.context["articles"]) == [about_both]


def test_person_page_lists_their_work_by_what_they_did(client):
    person = PersonFactory(name="Sean Baker")
    directed = FilmFactory(title="Tangerine", year=2015)
    acted = FilmFactory(title="Cameo", year=2019)
    written = FilmFactory(title="Starlet", year=2012)
    CreditFactory(work=directed, person=person, role=Credit.Role.DIRECTOR)
    CreditFactory(work=acted, person=person, role=Credit.Role.CAST, character="Himself")
    CreditFactory(work=written, person=person, role=Credit.Role.WRITER)
    CreditFactory(work=written, person=person, role=Credit.Role.EDITOR)

    html = client.get(person.get_absolute_url()).content.decode()

    assert work_by_role(html) == {
        "Directed": ["Tangerine (2015)"],
        "Wrote": ["Starlet (2012)"],
        "Starred in": ["Cameo (2019) · as Himself"],
        "Other work": ["Starlet (2012) · Editor"],
    }
    assert f'href="{directed.get_absolute_url()}"' in html


def test_person_page_lists_works_of_every_kind_they_made(client):
    cave = PersonFactory(name="Nick Cave", slug="nick-cave")
    album = AlbumFactory(title="Wild God", year=2024)
    book = BookFactory(title="And the Ass Saw the Angel", year=1989)
    film = FilmFactory(title="The Proposition", year=2005)
    CreditFactory(work=album, person=cave, role=Credit.Role.MUSICIAN, character="vocals, piano")
    CreditFactory(work=book, person=cave, role=Credit.Role.AUTHOR)
    CreditFactory(work=film, person=cave, role=Credit.Role.WRITER)
    CreditFactory(work=film, person=cave, role=Credit.Role.COMPOSER)
    about_album, about_book = ArticleFactory(works=[album]), ArticleFactory(works=[book])

    response = client.get(cave.get_absolute_url())

    html = response.content.decode()
    assert work_by_role(html) == {
        "Wrote": ["The Proposition (2005)", "And the Ass Saw the Angel (1989) · book"],
        "Performed": ["Wild God (2024) · album"],
        "Scored": ["The Proposition (2005)"],
    }
    assert f'href="{album.get_absolute_url()}"' in html
    assert set(response.context["articles"]) == {about_album, about_book}


def test_film_page_lists_credits_in_the_order_of_their_roles(client):
    film = FilmFactory(title="Anora")
    CreditFactory(work=film, person=PersonFactory(name="Mikey Madison"), role=Credit.Role.CAST)
    CreditFactory(work=film, person=PersonFactory(name="Sean Baker"), role=Credit.Role.WRITER)

    response = client.get(film.get_absolute_url())

    assert credit_roles(response.content.decode()) == ["Writer", "Cast"]
    assert 'class="film-card"' in response.content.decode()


def test_film_page_names_its_director_once_on_its_card(client):
    film = FilmFactory(title="Anora")
    baker = PersonFactory(name="Sean Baker")
    CreditFactory(work=film, person=baker, role=Credit.Role.DIRECTOR)
    CreditFactory(work=film, person=baker, role=Credit.Role.WRITER)
    CreditFactory(work=film, person=PersonFactory(name="Mikey Madison"), role=Credit.Role.CAST)

    html = client.get(film.get_absolute_url()).content.decode()

    main = html[html.index("<main") : html.index('id="articles-title"')]
    assert main.count("<dt>Director</dt>") == 1
    card = main[main.index('class="film-card"') : main.index("</aside>")]
    assert "Sean Baker" in card
    # Named again for the screenplay, which the card does not show.
    assert main.count(">Sean Baker</a>") == 2


def test_person_page_shows_their_portrait_and_bio(client):
    person = PersonFactory(name="Sean Baker")
    assert "profile-photo" not in client.get(person.get_absolute_url()).content.decode()

    person.bio = "Writes, directs and edits films about people working at the edges of the American economy."
    person.portrait = ImageFactory(alt="A drawing of Sean Baker in a baseball cap")
    person.save()

    html = client.get(person.get_absolute_url()).content.decode()
    assert 'class="profile-photo"' in html
    assert 'alt="A drawing of Sean Baker in a baseball cap"' in html and f'src="{person.portrait.src}"' in html
    assert f'<p class="dek">{person.bio}</p>' in html


def _html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_film_page_shows_the_poster(client):
    poster = ImageFactory(size=(1000, 1500), alt="A poster: a woman in a fur coat on a boardwalk")
    film = FilmFactory(picture=poster)

    html = _html(client, film.get_absolute_url())

    assert f'srcset="{poster.srcset}"' in html
    assert 'width="1000" height="1500"' in html
    assert 'alt="A poster: a woman in a fur coat on a boardwalk"' in html


def _queries(client, url: str) -> int:
    # The test's writes rendered first, as a request's end renders them: the page is what is measured.
    drain_worker()
    with CaptureQueriesContext(connection) as queries:
        _html(client, url)
    return len(queries)


def test_film_page_queries_do_not_grow_with_a_poster(no_page_cache, client):
    plain, postered = FilmFactory(), FilmFactory(picture=ImageFactory(size=(1000, 1500)))

    assert _queries(client, postered.get_absolute_url()) == _queries(client, plain.get_absolute_url())


def test_person_page_queries_do_not_grow_with_a_portrait(no_page_cache, client):
    plain, pictured = PersonFactory(), PersonFactory(portrait=ImageFactory(size=(600, 600)))
    for person in (plain, pictured):
        CreditFactory(work=FilmFactory(), person=person)

    assert _queries(client, pictured.get_absolute_url()) == _queries(client, plain.get_absolute_url())
