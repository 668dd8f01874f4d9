"""A contributor's page as search engines read it: JSON-LD, description, canonical URL."""

import pytest

from tests.htmlparse import page

pytestmark = pytest.mark.django_db


BASE = "http://testserver"


def test_author_page_json_ld_and_description(client, review):
    author = review.bylines[0]
    author.bio = "Writes about films that do not flatter their audience."
    author.save()

    html = page(client.get(author.get_absolute_url()))

    assert html.ld("Person")["name"] == "Jude Castellanos"
    assert html.meta("description") == author.bio
    assert html.link("canonical") == f"{BASE}/authors/jude-castellanos/"
