"""Presence: two people with one article's form open each learn who the other is, and since when."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import presence
from articles.presence import Presence
from tests.factories import ArticleFactory, user_with_role

pytestmark = pytest.mark.django_db


def presence_url(article):
    return reverse("admin:articles_article_presence", args=[article.pk])


@pytest.fixture
def two_editors(client, editor):
    other = user_with_role("Editor", username="second-editor", first_name="Rosa", last_name="Lind")
    second = Client()
    second.force_login(other)
    editor.first_name, editor.last_name = "Dana", "Whitcombe"
    editor.save()
    client.force_login(editor)
    return client, second


def test_each_of_two_editors_sees_the_other(two_editors):
    first, second = two_editors
    article = ArticleFactory(draft=True)

    alone = first.post(presence_url(article)).json()
    rosa_sees = second.post(presence_url(article)).json()
    dana_sees = first.post(presence_url(article)).json()

    assert alone == {"others": [], "message": ""}
    assert [other["name"] for other in rosa_sees["others"]] == ["Dana Whitcombe"]
    assert rosa_sees["message"].startswith("Dana Whitcombe has been editing this article since ")
    assert "the later save is refused" in rosa_sees["message"]
    assert [other["name"] for other in dana_sees["others"]] == ["Rosa Lind"]


def test_since_is_when_they_opened_it_not_their_last_heartbeat(two_editors):
    first, second = two_editors
    article = ArticleFactory(draft=True)
    first.post(presence_url(article))
    opened = timezone.now() - datetime.timedelta(minutes=5)
    Presence.objects.update(started_at=opened, seen_at=timezone.now() - datetime.timedelta(seconds=10))
    first.post(presence_url(article))

    seen = second.post(presence_url(article)).json()["others"][0]

    assert datetime.datetime.fromisoformat(seen["since"]) == opened


def test_someone_silent_past_the_timeout_is_gone(two_editors):
    first, second = two_editors
    article = ArticleFactory(draft=True)
    first.post(presence_url(article))
    Presence.objects.update(seen_at=timezone.now() - datetime.timedelta(seconds=presence.TIMEOUT_SECONDS + 1))

    assert second.post(presence_url(article)).json()["others"] == []


def test_closing_the_form_is_gone_at_once_and_a_reload_keeps_since(two_editors):
    first, second = two_editors
    article = ArticleFactory(draft=True)
    first.post(presence_url(article))
    started = Presence.objects.get().started_at

    assert first.post(presence_url(article), {"leaving": "1"}).status_code == 204
    assert second.post(presence_url(article)).json()["others"] == []
    first.post(presence_url(article))  # the form again, after "Save and continue editing"

    assert Presence.objects.get(user__username="editor").started_at == started


def test_the_change_form_shows_who_else_is_editing_when_it_opens(two_editors):
    first, second = two_editors
    article = ArticleFactory(draft=True)
    second.post(presence_url(article))

    html = first.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()

    assert 'id="desk-presence"' in html
    assert "Rosa Lind has been editing this article since" in html


def test_a_writer_has_no_presence_on_another_writer_s_article(client, contributor):
    client.force_login(contributor)
    theirs = ArticleFactory(draft=True)

    response = client.post(presence_url(theirs))

    assert response.status_code == 403 and "You may not edit this article" in response.json()["error"]
    assert not Presence.objects.exists()


def test_a_writer_is_present_on_their_own_draft(client, contributor):
    client.force_login(contributor)
    own = ArticleFactory(draft=True, authors=[contributor.author])

    assert client.post(presence_url(own)).status_code == 200


def test_a_heartbeat_must_be_a_post(client, editor):
    client.force_login(editor)
    response = client.get(presence_url(ArticleFactory(draft=True)))

    assert response.status_code == 405 and response["Allow"] == "POST"


def test_an_unknown_article_is_a_404(client, editor):
    client.force_login(editor)

    assert client.post(reverse("admin:articles_article_presence", args=["424242"])).status_code == 404


def test_a_heartbeat_costs_a_fixed_few_queries(two_editors, django_assert_max_num_queries):
    first, second = two_editors
    article = ArticleFactory(draft=True)
    for _ in range(3):
        other = user_with_role("Editor")
        Presence.objects.create(article=article, user=other)
    first.post(presence_url(article))

    with django_assert_max_num_queries(7):
        assert len(first.post(presence_url(article)).json()["others"]) == 3
