import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def _login(client, password: str):
    return client.post("/admin/login/", {"username": "editor", "password": password, "next": "/admin/"})


def test_repeated_failed_logins_lock_the_account_out_for_that_address(client, settings):
    get_user_model().objects.create_user("editor", password="right-password-123", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "wrong").status_code == 200

    locked = _login(client, "wrong")
    with_right_password = _login(client, "right-password-123")

    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert with_right_password.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_successful_login_resets_the_failure_count(client, settings):
    get_user_model().objects.create_user("editor", password="right-password-123", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "wrong")

    assert _login(client, "right-password-123").status_code == 302
    client.logout()
    assert _login(client, "wrong").status_code == 200
