"""A contributor's page as search engines read it: JSON-LD, description, canonical URL."""

import datetime

import pytest

from articles.models import Article, Correction
from films.models import Credit
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CompanyFactory,
    CreditFactory,
    FilmFactory,
    PersonFactory,
    SectionFactory,
)
from tests.htmlparse import page

pytestmark = pytest.mark.django_db


BASE = "http://testserver"


@pytest.fixture
def review():
    baker = PersonFactory(name="Sean Baker", slug="sean-baker")
    rex = PersonFactory(name="Simon Rex", slug="simon-rex")
    film = FilmFactory(
        title="Red Rocket", slug="red-rocket", year=2021, release_date=datetime.date(2021, 12, 10),
        distributor=CompanyFactory(name="A24"), runtime=130,
    )  # fmt: skip
    CreditFactory(work=film, person=baker, role=Credit.Role.DIRECTOR)
    CreditFactory(work=film, person=rex, role=Credit.Role.CAST, character="Mikey")
    article = ArticleFactory(
        title="‘Red Rocket’ Review: The Charm Offensive",
        slug="red-rocket-review",
        dek="Simon Rex plays a broke porn veteran talking his way back home.",
        kind=Article.Kind.REVIEW,
        rating=4,
        section=SectionFactory(name="Film", slug="film"),
        authors=[AuthorFactory(name="Jude Castellanos", slug="jude-castellanos", website="https://jude.example")],
        films=[film],
        publish_at=datetime.datetime(2024, 10, 4, 10, tzinfo=datetime.UTC),
    )
    article.tags.add("sean baker", "class")
    Correction.objects.create(
        article=article, text="Fixed the year.", date=datetime.datetime(2024, 10, 6, 9, 30, tzinfo=datetime.UTC)
    )
    return article


def test_author_page_json_ld_and_description(client, review):
    author = review.bylines[0]
    author.bio = "Writes about films that do not flatter their audience."
    author.save()

    html = page(client.get(author.get_absolute_url()))

    assert html.ld("Person")["name"] == "Jude Castellanos"
    assert html.meta("description") == author.bio
    assert html.link("canonical") == f"{BASE}/authors/jude-castellanos/"
