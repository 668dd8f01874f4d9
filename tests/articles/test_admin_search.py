"""Searching the desk's list of articles: the title and the fields named in the admin, and the text
itself as readers' search finds it (full-text on PostgreSQL, a plain match elsewhere)."""

import pytest
from django.db import connection
from django.urls import reverse

from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search needs PostgreSQL")


def titles(response) -> set[str]:
    return {article.title for article in response.context["cl"].result_list}


def search(client, q: str):
    response = client.get(reverse("admin:articles_article_changelist"), {"q": q})
    assert response.status_code == 200
    return titles(response)


@pytest.fixture
def articles(contributor):
    return [
        ArticleFactory(
            title="On Stalker",
            draft=True,
            body="<p>The zone answers wishes; the writer walks through the meat grinder.</p>",
            authors=[contributor.author],
        ),
        ArticleFactory(title="Mirror, mirror", body="<p>A dacha burns in the rain.</p>"),
        ArticleFactory(title="Zone of interest", body="<p>A garden wall.</p>"),
    ]


def test_editors_find_an_article_by_words_in_its_body(client, editor, articles):
    client.force_login(editor)

    assert search(client, "meat grinder") == {"On Stalker"}
    assert search(client, "dacha") == {"Mirror, mirror"}


def test_the_title_and_body_both_count(client, editor, articles):
    client.force_login(editor)

    assert search(client, "zone") == {"On Stalker", "Zone of interest"}


def test_every_word_must_be_found(client, editor, articles):
    client.force_login(editor)

    assert search(client, "dacha grinder") == set()


def test_a_writer_finds_only_their_own_articles_in_the_text(client, contributor, articles):
    client.force_login(contributor)

    assert search(client, "dacha") == set()
    assert search(client, "grinder") == {"On Stalker"}


@postgres_only
def test_on_postgresql_the_search_is_stemmed_as_readers_is(client, editor, articles):
    client.force_login(editor)

    # "wishes" in the body, "wished" typed: the same English stem.
    assert search(client, "wished") == {"On Stalker"}
    assert search(client, '"meat grinder" -dacha') == {"On Stalker"}


def test_an_odd_query_is_no_error(client, editor, articles):
    client.force_login(editor)

    search(client, '"" - or & | ! (')


def test_moderators_find_comments_by_their_text(client, moderator):
    CommentFactory(body="The long take in the hospital corridor is the film's heart.")
    CommentFactory(body="First!")
    client.force_login(moderator)

    response = client.get(reverse("admin:comments_comment_changelist"), {"q": "hospital corridor"})

    assert response.status_code == 200
    assert [comment.body[:8] for comment in response.context["cl"].result_list] == ["The long"]
