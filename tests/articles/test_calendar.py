"""The month calendar of the desk, and the autocompletes of the article form."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def next_month():
    return (timezone.localdate().replace(day=1) + datetime.timedelta(days=40)).replace(day=1)


def entries(response) -> dict[str, list[tuple[int, str]]]:
    found = {}
    for week in response.context["weeks"]:
        for day, day_entries in week:
            for entry in day_entries:
                if day.month == response.context["month"].month:
                    found.setdefault(entry["kind"], []).append((day.day, entry["article"].title))
    return found


def test_calendar_shows_scheduled_embargoed_and_in_review(client, editor, next_month):
    ArticleFactory(title="Scheduled piece", publish_at=at(next_month.replace(day=3), 9))
    ArticleFactory(
        title="Festival review",
        status=Article.Status.REVIEW,
        publish_at=None,
        embargo_until=at(next_month.replace(day=12), 18),
        embargo_set_by="Festival de Cannes",
    )
    planned = ArticleFactory(title="Planned in review", status=Article.Status.REVIEW, publish_at=None)
    Article.objects.filter(pk=planned.pk).update(publish_at=at(next_month.replace(day=20), 7))
    ArticleFactory(title="Already out")
    ArticleFactory(title="Just a draft", draft=True)
    client.force_login(editor)

    response = client.get(
        reverse("admin:articles_article_calendar"), {"year": next_month.year, "month": next_month.month}
    )

    assert response.status_code == 200
    found = entries(response)
    assert found["scheduled"] == [(3, "Scheduled piece")]
    assert found["embargo"] == [(12, "Festival review")]
    assert (20, "Planned in review") in found["review"]
    html = response.content.decode()
    assert "set by Festival de Cannes" in html
    assert "Already out" not in html and "Just a draft" not in html
    assert {a.title for a in response.context["in_review"]} == {"Festival review", "Planned in review"}


def test_calendar_shows_the_article_that_went_live_today(client, editor):
    now = timezone.localtime()
    this_morning = max(now.replace(hour=0, minute=0, second=0, microsecond=0), now - datetime.timedelta(minutes=1))
    ArticleFactory(title="Out this morning", publish_at=this_morning)
    client.force_login(editor)

    response = client.get(reverse("admin:articles_article_calendar"))

    assert entries(response)["live"] == [(now.day, "Out this morning")]
    assert "Went live" in response.content.decode()


def test_an_article_held_by_an_embargo_went_live_the_day_it_lifted(client, editor):
    last_month = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    ArticleFactory(title="Out on the 2nd", publish_at=at(last_month.replace(day=2), 9))
    held = ArticleFactory(title="Held until the 5th", publish_at=at(last_month.replace(day=2), 9))
    Article.objects.filter(pk=held.pk).update(
        embargo_until=at(last_month.replace(day=5), 18), embargo_set_by="Festival de Cannes"
    )
    client.force_login(editor)

    response = client.get(
        reverse("admin:articles_article_calendar"), {"year": last_month.year, "month": last_month.month}
    )

    assert sorted(entries(response)["live"]) == [(2, "Out on the 2nd"), (5, "Held until the 5th")]


def test_calendar_opens_on_this_month_and_moves_between_months(client, editor):
    client.force_login(editor)
    url = reverse("admin:articles_article_calendar")

    response = client.get(url)
    today = timezone.localdate()
    assert response.context["month"] == today.replace(day=1)
    html = response.content.decode()
    following = response.context["following"]
    assert f"?year={following.year}&amp;month={following.month}" in html
    assert client.get(url, {"year": 2030, "month": 13}).status_code == 404


def test_tag_autocomplete_suggests_names_for_article_editors(client, contributor, moderator):
    ArticleFactory().tags.add("sean baker", "sex work", "genre")
    url = reverse("admin:articles_article_tags_autocomplete")

    client.force_login(contributor)
    response = client.get(url, {"term": "se"})
    assert [r["id"] for r in response.json()["results"]] == ["sean baker", "sex work"]

    client.force_login(moderator)
    assert client.get(url, {"term": "se"}).status_code == 403


def test_the_article_form_uses_autocompletes(client, editor):
    client.force_login(editor)

    html = client.get(reverse("admin:articles_article_add")).content.decode()

    assert 'data-ajax--url="/admin/articles/article/tags/autocomplete/"' in html
    assert 'data-tags="true"' in html
    assert 'data-field-name="author"' in html and 'data-field-name="work"' in html


@pytest.mark.parametrize("query", ["?year=9999&month=12", "?year=1&month=1", "?year=2025&month=13", "?year=x"])
def test_calendar_of_a_month_that_cannot_be_shown_is_a_404(client, editor, query):
    client.force_login(editor)

    assert client.get(reverse("admin:articles_article_calendar") + query).status_code == 404
