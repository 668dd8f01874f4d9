"""The dashboard on the admin's front page: what waits for the desk today, for each role."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def test_dashboard_counts_what_waits_for_the_desk(client, editor):
    ArticleFactory(title="Waiting one", status=Article.Status.REVIEW, publish_at=None)
    ArticleFactory(title="Next week", scheduled=True)
    CommentFactory(status=Comment.Status.PENDING)
    CommentFactory(status=Comment.Status.PENDING)
    client.force_login(editor)

    response = client.get(reverse("admin:index"))

    html = response.content.decode()
    assert "In review" in html and "Waiting one" in html
    assert "Scheduled" in html and "Next week" in html
    assert 'Comments awaiting moderation <span class="desk-count">2</span>' in html
    assert reverse("admin:articles_article_calendar") in html


def test_each_dashboard_count_is_what_its_link_lists(client, editor):
    ArticleFactory(title="Next week", scheduled=True)
    ArticleFactory(title="Held by the festival", embargo_until=timezone.now() + datetime.timedelta(days=2))
    client.force_login(editor)

    panels = {panel["key"]: panel for panel in client.get(reverse("admin:index")).context["panels"]}

    assert [a.title for a in panels["scheduled"]["articles"]] == ["Next week"]
    assert [a.title for a in panels["embargoed"]["articles"]] == ["Held by the festival"]
    for key in ("review", "scheduled", "embargoed"):
        listed = client.get(panels[key]["url"]).context["cl"].result_count
        assert listed == panels[key]["count"], key


def test_dashboard_shows_each_role_what_is_theirs(client, contributor, moderator):
    ArticleFactory(title="Mine in review", status=Article.Status.REVIEW, publish_at=None, authors=[contributor.author])
    ArticleFactory(title="Theirs in review", status=Article.Status.REVIEW, publish_at=None)
    CommentFactory(status=Comment.Status.PENDING)

    client.force_login(contributor)
    html = client.get(reverse("admin:index")).content.decode()
    assert "Mine in review" in html and "Theirs in review" not in html
    assert "Comments awaiting moderation" not in html and "calendar" not in html.lower()

    client.force_login(moderator)
    html = client.get(reverse("admin:index")).content.decode()
    assert "Comments awaiting moderation" in html and "In review" not in html
