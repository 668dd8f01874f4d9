import pytest

from tests.factories import ArticleFactory

from .helpers import MODERATOR_PERMISSIONS, permissions


@pytest.fixture
def make_staff(django_user_model):
    def make(username: str, *perms: str, email: str | None = None):
        user = django_user_model.objects.create_user(
            username=username, password="pw", is_staff=True, email=email or f"{username}@example.org"
        )
        user.user_permissions.set(permissions(*perms))
        return user

    return make


@pytest.fixture
def moderator(make_staff):
    return make_staff("moderator", *MODERATOR_PERMISSIONS)


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def article():
    return ArticleFactory()
