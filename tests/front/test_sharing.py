"""Pages shared on other sites carry a picture: their own, else the editors' default share picture."""

import datetime

import pytest

from films.models import Credit
from front import sharing
from images.services import image_set_default_share
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CreditFactory,
    FilmFactory,
    ImageFactory,
    PersonFactory,
    SectionFactory,
)
from tests.htmlparse import page

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


@pytest.fixture
def magazine():
    director = PersonFactory(slug="sean-baker")
    film = FilmFactory(slug="anora")
    CreditFactory(work=film, person=director, role=Credit.Role.DIRECTOR)
    article = ArticleFactory(
        slug="on-anora",
        section=SectionFactory(name="Film", slug="film"),
        authors=[AuthorFactory(slug="maren-okafor")],
        films=[film],
        publish_at=datetime.datetime(2025, 1, 14, 9, tzinfo=datetime.UTC),
    )
    article.tags.add("sex work")
    return article


@pytest.fixture
def default_share(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return image_set_default_share(image=ImageFactory(size=(1600, 900), alt="The magazine's masthead"))


PAGES_WITHOUT_A_PICTURE = [
    "/",
    "/sections/film/",
    "/tags/sex-work/",
    "/archive/",
    "/archive/2025/",
    "/search/?q=anora",
    "/search/?q=",
    "/articles/on-anora/",
    "/films/anora/",
    "/people/sean-baker/",
    "/authors/maren-okafor/",
    "/no-such-page/",
]


@pytest.mark.parametrize("path", PAGES_WITHOUT_A_PICTURE)
def test_a_page_without_a_picture_is_shared_with_the_default(client, magazine, default_share, path):
    share = default_share.share

    html = page(client.get(path))

    assert html.meta("og:image") == BASE + share.url
    assert (html.meta("og:image:width"), html.meta("og:image:height")) == (str(share.width), str(share.height))
    assert html.meta("og:image:alt") == "The magazine's masthead"
    assert html.meta("twitter:card") == "summary_large_image"
    assert html.meta("twitter:image") == BASE + share.url


def test_a_page_with_a_picture_of_its_own_is_shared_with_it(client, magazine, default_share):
    magazine.hero = ImageFactory(size=(1600, 900), alt="A punch card and a glass slipper")
    magazine.save()

    html = page(client.get(magazine.get_absolute_url()))

    assert html.metas("og:image") == [BASE + magazine.hero.share.url]
    assert html.meta("og:image:alt") == "A punch card and a glass slipper"


def test_without_a_default_a_page_without_a_picture_has_the_small_card(client, magazine):
    ImageFactory(size=(600, 400))

    html = page(client.get("/"))

    assert html.meta("og:image") is None and html.meta("twitter:image") is None
    assert html.meta("twitter:card") == "summary"


def test_a_new_default_reaches_the_pages_at_once(client, magazine, default_share, django_capture_on_commit_callbacks):
    assert page(client.get("/")).meta("og:image") == BASE + default_share.share.url
    other = ImageFactory(size=(1200, 630), alt="A strip of film")

    with django_capture_on_commit_callbacks(execute=True):
        image_set_default_share(image=other)

    assert page(client.get("/")).meta("og:image") == BASE + other.share.url


def test_no_default_any_more_reaches_the_pages_at_once(
    client, magazine, default_share, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        image_set_default_share(image=default_share, chosen=False)

    assert page(client.get("/")).meta("og:image") is None


def test_the_default_is_read_from_the_cache_once_it_is_chosen(default_share, django_assert_num_queries):
    with django_assert_num_queries(0):
        picture = sharing.default_picture()

    assert (picture.url, picture.alt) == (default_share.share.url, "The magazine's masthead")


def test_with_the_cache_cold_the_default_is_looked_up_once(default_share, django_assert_num_queries):
    sharing.cache.delete(sharing.KEY)

    with django_assert_num_queries(1):
        sharing.default_picture()
    with django_assert_num_queries(0):
        assert sharing.default_picture().alt == "The magazine's masthead"


def test_a_new_alt_text_of_the_default_reaches_the_pages(
    client, magazine, default_share, django_capture_on_commit_callbacks
):
    default_share.alt = "The masthead, redrawn"

    with django_capture_on_commit_callbacks(execute=True):
        default_share.save()

    assert page(client.get("/")).meta("og:image:alt") == "The masthead, redrawn"


def test_a_deleted_default_leaves_the_pages_without_one(
    client, magazine, default_share, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        default_share.delete()

    assert page(client.get("/")).meta("og:image") is None


def test_saving_other_pictures_does_not_look_the_default_up_again(default_share, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        ImageFactory(size=(60, 40))

    assert sharing._refill not in callbacks
