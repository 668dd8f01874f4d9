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
