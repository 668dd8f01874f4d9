import re

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _csp(response) -> dict[str, list[str]]:
    directives = [part.strip().split() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    return {name: values for name, *values in directives}


def assert_security_headers(response):
    csp = _csp(response)
    assert csp["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_public_pages_send_security_headers(client):
    article = ArticleFactory()
    for url in ("/", article.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200
        assert_security_headers(response)
        assert response["X-Frame-Options"] == "DENY"


def test_admin_sends_security_headers(admin_client):
    response = admin_client.get("/admin/")

    assert response.status_code == 200
    assert_security_headers(response)
    assert response["X-Frame-Options"] == "DENY"


def test_static_files_send_security_headers(client, settings):
    # WhiteNoise serves the file itself; the headers come from the middleware above it.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True

    response = client.get("/static/css/site.css")
    response.close()

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert_security_headers(response)


def test_not_found_pages_send_security_headers(client):
    response = client.get("/articles/nothing-here/")

    assert response.status_code == 404
    assert_security_headers(response)


def test_no_template_carries_an_inline_event_handler_or_style():
    # The CSP refuses inline handlers and styles, so one in a template silently does nothing (the
    # share-preview link's onfocus did not select it); behaviour belongs in static/js/.
    from pathlib import Path

    from django.conf import settings

    found = []
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for template in Path(folder).rglob("*.html"):
            text = template.read_text()
            found += [
                f"{template.name}: {m.group()}" for m in re.finditer(r"<[^>]*\s(on[a-z]+|style)\s*=[^>]*>", text)
            ]
    assert found == []
