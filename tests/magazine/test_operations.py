import json
import logging

import pytest
from django.db import OperationalError, connection
from django.urls import path

from core.logging import JsonFormatter

pytestmark = pytest.mark.django_db


def test_healthz_says_ok_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_the_database_does_not_answer(client, monkeypatch):
    def unreachable():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", unreachable)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def _database_away(request):
    raise OperationalError("could not connect to server: secret-host:5432")


def _bug(request):
    raise ValueError("secret detail from the code")


urlpatterns = [path("database-away/", _database_away), path("bug/", _bug)]
handler500 = "front.views.server_error"


@pytest.fixture
def failing_urls(settings, client):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    return client


def test_database_errors_give_a_friendly_503_that_leaks_nothing(failing_urls):
    response = failing_urls.get("/database-away/")

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    html = response.content.decode()
    assert "Back in a moment" in html
    assert "secret-host" not in html and "Traceback" not in html


def test_other_errors_give_a_friendly_500_that_leaks_nothing(failing_urls):
    response = failing_urls.get("/bug/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "secret detail" not in html and "Traceback" not in html


def test_json_log_lines_carry_the_request_and_the_status(rf):
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/x",), None)
    record.request = rf.get("/x")
    record.status_code = 404

    entry = json.loads(JsonFormatter().format(record))

    assert entry["level"] == "WARNING"
    assert entry["message"] == "Not Found: /x"
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", "/x", 404)
