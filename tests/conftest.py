import pytest
from django.core.cache import cache
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
        # Test clients post comments faster than people: the tests of that rule set it themselves.
        COMMENTS_MIN_SUBMIT_SECONDS=0,
    ):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rate limits and mail throttles live in the cache: each test starts with none.
    cache.clear()
    yield
    cache.clear()
