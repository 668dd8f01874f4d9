"""Tags keep the names they were typed with, save after save, and every tag has a page."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from taggit.models import Tag

from articles.tagging import tag_names
from tests.admin_forms import article_form, selected_options
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NAMES = ["sean baker", "sex work", "Crouching Tiger, Hidden Dragon", 'Say "when"', "Céline Sciamma", "東京物語"]
# Any name a writer can type: every character but control characters (refused) and lone surrogates (not text);
# a name of spaces alone is no tag (the field drops it), so the pages test needs something else in it.
NAME = st.text(st.characters(exclude_categories=["Cc", "Cs"]), min_size=1, max_size=100).filter(str.strip)
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def save_as_loaded(client, article) -> list[str]:
    """Open the change form, press Save without touching anything; the tags the form sent."""
    article.refresh_from_db()
    names = selected_options(client.get(change_url(article)).content.decode(), "tags")
    response = client.post(change_url(article), article_form(article, tags=names))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return names


def tags_of(article) -> list[tuple[int, str]]:
    return sorted(article.tags.values_list("pk", "name"))


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def test_saving_unchanged_keeps_every_tag_as_named(desk):
    article = ArticleFactory()
    article.tags.add(*NAMES)

    sent = save_as_loaded(desk, article)

    assert sorted(sent) == sorted(NAMES)
    assert sorted(article.tags.names()) == sorted(NAMES)
    assert not Tag.objects.filter(name__in=["sean", "baker", "sex", "work"]).exists()


def test_a_typed_name_with_spaces_is_one_tag(desk):
    response = desk.post(reverse("admin:articles_article_add"), article_form(tags=["Celine Song", "A24"]))

    assert response.status_code == 302
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["A24", "Celine Song"]


def test_a_typed_name_matches_an_existing_tag_in_any_case(desk):
    existing = Tag.objects.create(name="Friendship", slug="friendship")

    desk.post(reverse("admin:articles_article_add"), article_form(tags=["friendship", " FRIENDSHIP "]))

    assert list(Tag.objects.all()) == [existing]
    assert existing.taggit_taggeditem_items.count() == 1


@pytest.mark.parametrize(
    ("name", "code"), [("x" * 101, "too_long"), ("nul\x00l", "control_characters"), ("bell\x07", "control_characters")]
)
def test_a_tag_the_database_cannot_hold_is_refused_with_a_message(desk, name, code):
    response = desk.post(reverse("admin:articles_article_add"), article_form(tags=["fine", name]))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors.as_data()["tags"][0].code == code
    assert not Tag.objects.exists()


@given(names=st.lists(NAME, min_size=1, max_size=6))
@example(names=NAMES)
@example(names=["  padded  ", "'single' \"double\" «guillemets»", ",", "a, b, c", "i", "ı", "kept"])
@PROPERTY
def test_tags_survive_save_reload_save_as_typed(desk, names):
    Tag.objects.all().delete()
    article = ArticleFactory()
    article.tags.add("kept")

    first = desk.post(change_url(article), article_form(article, tags=names))
    assert first.status_code == 302, first.context["adminform"].form.errors
    saved = tags_of(article)
    save_as_loaded(desk, article)

    assert tags_of(article) == saved
    assert sorted(name for _, name in saved) == sorted(tag_names(names))


@given(names=st.lists(NAME, min_size=1, max_size=3))
@example(names=["Céline Sciamma", "東京物語", "★★★", "☆☆☆", "-", "x" * 100, "x" * 99 + "!", "x" * 99 + "?"])
@PROPERTY
def test_every_tag_has_a_page_and_a_feed(desk, names):
    Tag.objects.all().delete()
    article = ArticleFactory()
    desk.post(change_url(article), article_form(article, tags=names))
    reader = Client()

    assert reader.get(article.get_absolute_url()).status_code == 200
    assert article.tags.exists()
    for tag in article.tags.all():
        url = reverse("articles:tag", args=[tag.slug])
        assert len(tag.slug) <= 100
        assert reader.get(url).status_code == 200, url
        assert reader.get(reverse("tag_feed", args=[tag.slug])).status_code == 200
