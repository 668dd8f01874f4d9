import datetime
import io

import pytest
from django.core.cache import cache
from django.test import override_settings

from articles.models import Article, Correction
from films.models import Credit
from front import sharing
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CompanyFactory,
    CreditFactory,
    FilmFactory,
    PersonFactory,
    SectionFactory,
)


@pytest.fixture(scope="session", autouse=True)
def _test_settings(tmp_path_factory):
    # Session-wide, so that the live server of browser tests sees the same settings.
    static_root = tmp_path_factory.mktemp("static")
    with override_settings(
        # The hashed-name storage needs `collectstatic` first; tests render templates without it.
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        STATIC_ROOT=static_root,
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        # Test clients post comments faster than people: the tests of that rule set it themselves.
        COMMENTS_MIN_SUBMIT_SECONDS=0,
    ):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rate limits and mail throttles live in the cache: each test starts with none. It knows what a
    # running site's cache knows, that the database (empty at a test's start) has no default share
    # picture, so that counting a page's queries counts what each render costs (front/sharing.py).
    cache.clear()
    cache.set(sharing.KEY, sharing.NONE)
    yield
    cache.clear()


@pytest.fixture
def no_page_cache(settings):
    """Every request runs its view: for counting the queries a page makes when rendered."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def contributor(db):
    from tests.factories import user_with_role

    return user_with_role("Contributor", username="contributor")


@pytest.fixture
def editor(db):
    from tests.factories import user_with_role

    return user_with_role("Editor", username="editor")


@pytest.fixture
def moderator(db):
    from tests.factories import user_with_role

    return user_with_role("Moderator", username="moderator")


def pytest_collection_modifyitems(items):
    # A transactional test ends by emptying every table, including the rows that data
    # migrations made (the role groups and their permissions); serialized rollback puts
    # them back for the tests that follow.
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and "serialized_rollback" not in marker.kwargs:
            item.add_marker(pytest.mark.django_db(**marker.kwargs, serialized_rollback=True), append=False)
        # The tests that commit (`transactional`) must still run after the others in their database, as
        # pytest-django orders a run: `make test`, which runs the suite in two processes, runs them in a
        # run of their own after the rest.
        commits = bool(marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        if commits or {"transactional_db", "live_server"} & set(item.fixturenames):
            item.add_marker(pytest.mark.transactional)


@pytest.fixture
def demo(settings):
    """The demo magazine, loaded into the test database."""
    from django.core.management import call_command

    settings.DEMO_PASSWORD = "demo-pass-for-tests"
    # Two threads a page, so that the demo's articles have later pages of comments to check.
    settings.COMMENTS_THREADS_PER_PAGE = 2
    call_command("load_demo", stdout=io.StringIO())


# Pages of the demo magazine that the accessibility and HTML checks visit.
DEMO_PAGES = {
    "home": "/",
    "article": "/articles/anora-sex-work-and-the-fantasies-of-genre/",
    "comments-page": "/articles/anora-sex-work-and-the-fantasies-of-genre/comments/page/2/",
    "review": "/articles/red-rocket-the-charm-offensive/",
    "film": "/films/anora/",
    "person": "/people/sean-baker/",
    # Works of other kinds: an album review with its card, the album's page with its tracks, a season's
    # review, a person across media, a company, the archive of one kind.
    "album-review": "/articles/spirit-of-eden-the-sound-of-a-band-leaving-the-room/",
    "album": "/albums/spirit-of-eden/",
    "season-review": "/articles/the-bear-season-three-review-a-kitchen-that-will-not-open/",
    "person-across-media": "/people/nick-cave/",
    "company": "/companies/pias/",
    "archive-kind": "/archive/albums/",
    "author": "/authors/maren-okafor/",
    "search": "/search/?q=sean+baker",
    "search-empty": "/search/?q=",
    "not-found": "/articles/no-such-article/",
}

# The desk's pages that the accessibility and HTML checks visit, as the demo's editor.
DEMO_DESK_PAGES = {
    "dashboard": "admin:index",
    "article-form": "admin:articles_article_change",
    "comment-queue": "admin:comments_comment_changelist",
    "media-library": "admin:images_image_changelist",
    "calendar": "admin:articles_article_calendar",
    "notifications": "admin:articles_notification_changelist",
    "mail-preferences": "admin:articles_notification_preferences",
}


def desk_address(name: str) -> str:
    """The address of one of DEMO_DESK_PAGES; the article form is the demo's Anora essay's (six works cited)."""
    from django.urls import reverse

    from articles.models import Article

    if name == "article-form":
        anora = Article.objects.get(slug="anora-sex-work-and-the-fantasies-of-genre")
        return reverse(DEMO_DESK_PAGES[name], args=[anora.pk])
    return reverse(DEMO_DESK_PAGES[name])


# A film review with every part search engines read (bylines, film card, tags, a correction): the
# article's, the film's and the author's SEO tests share it.
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


@pytest.fixture(autouse=True)
def _no_renderings_pending():
    # What a test's writes left pending is rolled back with them: the next test starts with none.
    from renderings import changes

    changes.discard()
    yield
    changes.discard()
