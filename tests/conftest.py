import io

import pytest
from django.test import override_settings


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
    ):
        yield


@pytest.fixture
def demo(settings):
    """The demo magazine, loaded into the test database."""
    from django.core.management import call_command

    settings.DEMO_PASSWORD = "demo-pass-for-tests"
    call_command("load_demo", stdout=io.StringIO())


# Pages of the demo magazine that the accessibility and HTML checks visit.
DEMO_PAGES = {
    "home": "/",
    "article": "/articles/anora-sex-work-and-the-fantasies-of-genre/",
    "review": "/articles/red-rocket-the-charm-offensive/",
    "film": "/films/anora/",
    "person": "/people/sean-baker/",
    "author": "/authors/maren-okafor/",
    "search": "/search/?q=sean+baker",
    "search-empty": "/search/?q=",
    "not-found": "/articles/no-such-article/",
}
