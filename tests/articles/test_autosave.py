"""Autosave: the article form's unsaved fields kept per person, without a revision or a move of the lock."""

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.autosave import Autosave
from articles.models import Article
from tests.admin_forms import article_form
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def autosave_url(article=None):
    if article is None:
        return reverse("admin:articles_article_autosave_new")
    return reverse("admin:articles_article_autosave", args=[article.pk])


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def post_autosave(client, article=None, **fields):
    payload = {"fields": {"title": "Half a headline", "body": "<p>The motel's walls are</p>", **fields}}
    if article is not None:
        payload["lock_version"] = article.lock_version
    return client.post(autosave_url(article), json.dumps(payload), content_type="application/json")


@pytest.fixture
def writer(contributor):
    return contributor


@pytest.fixture
def own_draft(writer):
    return ArticleFactory(draft=True, title="Saved headline", authors=[writer.author])


@pytest.fixture
def writer_client(client, writer):
    client.force_login(writer)
    return client


def test_an_autosave_keeps_the_fields_for_the_writer_to_read_back(writer_client, own_draft):
    response = post_autosave(writer_client, own_draft, tags=["sean baker", "motels"])

    assert response.status_code == 200
    assert response.json()["message"].startswith("Autosaved at ")
    read = writer_client.get(autosave_url(own_draft)).json()
    assert read["fields"]["title"] == ["Half a headline"]
    assert read["fields"]["tags"] == ["sean baker", "motels"]
    assert read["lock_version"] == own_draft.lock_version


def test_an_autosave_creates_no_revision_and_leaves_the_article_and_its_lock_alone(writer_client, own_draft):
    before = Article.objects.get(pk=own_draft.pk)
    versions = Version.objects.count()

    for words in ("The motel", "The motel's walls", "The motel's walls are purple"):
        assert post_autosave(writer_client, own_draft, body=f"<p>{words}</p>").status_code == 200

    after = Article.objects.get(pk=own_draft.pk)
    assert Version.objects.count() == versions
    assert (after.title, after.body, after.lock_version, after.updated_at) == (
        before.title,
        before.body,
        before.lock_version,
        before.updated_at,
    )
    assert Autosave.objects.filter(article=own_draft).count() == 1


def test_saving_the_form_after_autosaves_is_not_refused_as_stale_and_ends_the_autosave(writer_client, own_draft):
    opened = article_form(own_draft)
    post_autosave(writer_client, own_draft)
    post_autosave(writer_client, own_draft, title="A whole headline")

    response = writer_client.post(change_url(own_draft), {**opened, "title": "A whole headline"})

    assert response.status_code == 302
    assert Article.objects.get(pk=own_draft.pk).title == "A whole headline"
    assert not Autosave.objects.exists()


def test_reopening_offers_an_autosave_newer_than_the_saved_article(writer_client, own_draft):
    post_autosave(writer_client, own_draft)

    html = writer_client.get(change_url(own_draft)).content.decode()

    assert 'id="autosave-offer"' in html
    assert "You have unsaved changes from" in html
    assert "Restore my changes" in html and "Discard them" in html


def test_an_autosave_older_than_the_last_save_is_not_offered(writer_client, own_draft):
    post_autosave(writer_client, own_draft)
    Autosave.objects.update(updated_at=timezone.now() - datetime.timedelta(hours=1))

    html = writer_client.get(change_url(own_draft)).content.decode()

    assert 'id="autosave-offer"' not in html


def test_the_offer_warns_when_someone_saved_the_article_since(writer_client, own_draft, editor):
    post_autosave(writer_client, own_draft)
    own_draft.updated_by = editor
    own_draft.save()
    Autosave.objects.update(updated_at=timezone.now() + datetime.timedelta(seconds=5))

    html = writer_client.get(change_url(own_draft)).content.decode()

    assert "The article has been saved since you typed them" in html


def test_each_person_reads_only_their_own_autosave(writer_client, own_draft, editor):
    post_autosave(writer_client, own_draft)
    other = Client()
    other.force_login(editor)

    assert other.get(autosave_url(own_draft)).status_code == 404
    assert 'id="autosave-offer"' not in other.get(change_url(own_draft)).content.decode()


def test_discarding_deletes_the_autosave(writer_client, own_draft):
    post_autosave(writer_client, own_draft)

    response = writer_client.delete(autosave_url(own_draft))

    assert response.status_code == 200
    assert not Autosave.objects.exists()


def test_a_new_article_is_autosaved_offered_on_the_add_form_and_ended_by_adding_it(writer_client, writer):
    assert post_autosave(writer_client, None).status_code == 200
    assert Autosave.objects.get().article is None

    add_form = writer_client.get(reverse("admin:articles_article_add")).content.decode()
    assert "You were writing a new article" in add_form
    response = writer_client.post(reverse("admin:articles_article_add"), article_form())

    assert response.status_code == 302
    assert not Autosave.objects.exists()


def test_the_body_is_cleaned_on_the_way_in(writer_client, own_draft):
    post_autosave(writer_client, own_draft, body='<p onclick="steal()">Hi<script>alert(1)</script></p>')

    assert writer_client.get(autosave_url(own_draft)).json()["fields"]["body"] == ["<p>Hi</p>"]


# Permissions ------------------------------------------------------------------------------


def test_a_writer_cannot_autosave_or_read_another_writer_s_article(writer_client):
    theirs = ArticleFactory(draft=True)

    response = post_autosave(writer_client, theirs)

    assert response.status_code == 403
    assert "You may not edit this article" in response.json()["error"]
    assert writer_client.get(autosave_url(theirs)).status_code == 403
    assert not Autosave.objects.exists()


def test_a_writer_cannot_autosave_their_published_article(writer_client, writer):
    published = ArticleFactory(authors=[writer.author])

    assert post_autosave(writer_client, published).status_code == 403


def test_a_moderator_has_no_autosave_of_a_new_article(client, moderator):
    client.force_login(moderator)

    assert post_autosave(client, None).status_code == 403


def test_an_editor_autosaves_anyone_s_article(client, editor, own_draft):
    client.force_login(editor)

    assert post_autosave(client, own_draft).status_code == 200


def test_without_a_login_the_endpoint_sends_to_the_login_page(client, own_draft):
    response = post_autosave(client, own_draft)

    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Autosave.objects.exists()


def test_the_csrf_token_is_required(writer, own_draft):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(writer)

    assert post_autosave(browser, own_draft).status_code == 403


# Bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("not json", "not JSON"),
        ("[1, 2]", "needs “fields”"),
        ('{"fields": "title"}', "needs “fields”"),
        ('{"fields": {"title": 3}}', "must be text"),
        ('{"fields": {"title": ["a", null]}}', "must be text"),
        ('{"fields": {"": "x"}}', "is not a field"),
        ('{"fields": {"title": "x\\u0000y"}}', "null character"),
        ('{"fields": {"title": "x"}, "lock_version": "three"}', "lock_version"),
        ('{"fields": {"title": "x"}, "lock_version": -1}', "lock_version"),
        ('{"fields": {"title": "x"}, "labels": []}', "labels"),
        ("\xff\xfe", "not JSON"),
    ],
)
def test_bad_input_is_a_400_that_says_what_is_wrong(writer_client, own_draft, body, says):
    response = writer_client.post(autosave_url(own_draft), body, content_type="application/json")

    assert response.status_code == 400
    assert says in response.json()["error"]
    assert not Autosave.objects.exists()


def test_too_many_fields_is_a_400(writer_client, own_draft):
    fields = {f"field-{n}": "x" for n in range(2001)}
    response = writer_client.post(
        autosave_url(own_draft), json.dumps({"fields": fields}), content_type="application/json"
    )

    assert response.status_code == 400 and "2,001 fields" in response.json()["error"]


def test_an_autosave_over_the_request_size_limit_is_a_413(writer_client, own_draft, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = post_autosave(writer_client, own_draft, body="<p>" + "word " * 1000 + "</p>")

    assert response.status_code == 413 and "too large" in response.json()["error"]


def test_other_methods_are_a_405(writer_client, own_draft):
    response = writer_client.put(autosave_url(own_draft), "{}", content_type="application/json")

    assert response.status_code == 405
    assert response["Allow"] == "GET, POST, DELETE"


@pytest.mark.parametrize("object_id", ["999999", "not-a-number"])
def test_an_unknown_article_is_a_404(writer_client, object_id):
    url = reverse("admin:articles_article_autosave", args=[object_id])

    response = writer_client.post(url, '{"fields": {}}', content_type="application/json")

    assert response.status_code == 404 and "no such article" in response.json()["error"]


def test_reading_when_there_is_no_autosave_is_a_404(writer_client, own_draft):
    assert writer_client.get(autosave_url(own_draft)).status_code == 404


# Cost -------------------------------------------------------------------------------------


def test_an_autosave_costs_a_fixed_few_queries(writer_client, own_draft, django_assert_max_num_queries):
    post_autosave(writer_client, own_draft)  # the session and permissions, as every later one finds them

    with django_assert_max_num_queries(8):
        assert post_autosave(writer_client, own_draft, body="<p>" + "word " * 3000 + "</p>").status_code == 200
