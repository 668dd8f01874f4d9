"""The workflow: draft → in review → published (now or scheduled) → unpublished; embargoes."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from articles import services
from articles.history import versions_of
from articles.models import Article
from films.models import Credit
from tests.admin_forms import article_form
from tests.factories import ArticleFactory, AuthorFactory, FilmFactory, PersonFactory, SectionFactory

pytestmark = pytest.mark.django_db


def later(**delta) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    """Move the clock: `clock(days=8)` makes every `timezone.now()` eight days later."""

    real_now = timezone.now

    def move(**delta):
        monkeypatch.setattr(timezone, "now", lambda: real_now() + datetime.timedelta(**delta))

    return move


# --- Services -------------------------------------------------------------------


def test_the_whole_workflow_through_the_services(contributor, editor):
    article = ArticleFactory(draft=True, authors=[contributor.author])

    article = services.article_submit(article, by=contributor)
    assert article.status == Article.Status.REVIEW and article.submitted_at

    article = services.article_send_back(article, by=editor, note="Tighten the opening.")
    assert article.status == Article.Status.DRAFT and article.editor_note == "Tighten the opening."

    article = services.article_submit(article, by=contributor)
    assert article.editor_note == ""

    article = services.article_schedule(article, by=editor, at=later(days=2))
    assert article.state == Article.State.SCHEDULED and not article.is_published

    article = services.article_publish(article, by=editor)
    assert article.state == Article.State.LIVE and Article.objects.published().filter(pk=article.pk).exists()

    article = services.article_unpublish(article, by=editor)
    assert article.status == Article.Status.ARCHIVED
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_sending_back_needs_a_note(editor):
    article = ArticleFactory(status=Article.Status.REVIEW, publish_at=None)

    with pytest.raises(services.WorkflowError, match="note"):
        services.article_send_back(article, by=editor, note="  ")


def test_contributors_cannot_publish_schedule_or_send_back(contributor):
    article = ArticleFactory(status=Article.Status.REVIEW, publish_at=None, authors=[contributor.author])

    for transition, kwargs in [
        (services.article_publish, {}),
        (services.article_schedule, {"at": later(days=1)}),
        (services.article_send_back, {"note": "No."}),
        (services.article_unpublish, {}),
    ]:
        with pytest.raises(PermissionDenied):
            transition(article, by=contributor, **kwargs)
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


def test_a_contributor_cannot_submit_someone_elses_draft(contributor):
    article = ArticleFactory(draft=True)

    with pytest.raises(PermissionDenied):
        services.article_submit(article, by=contributor)


def test_scheduling_needs_a_future_time(editor):
    article = ArticleFactory(draft=True)

    with pytest.raises(services.WorkflowError, match="future"):
        services.article_schedule(article, by=editor, at=timezone.now() - datetime.timedelta(minutes=1))


def test_republishing_keeps_the_original_date(editor):
    first = timezone.now() - datetime.timedelta(days=30)
    article = ArticleFactory(status=Article.Status.ARCHIVED, publish_at=first)

    article = services.article_publish(article, by=editor)

    assert article.publish_at == first and article.is_published


def test_every_transition_leaves_a_revision_saying_who_and_what(contributor, editor):
    article = ArticleFactory(draft=True, authors=[contributor.author])
    services.article_submit(article, by=contributor)
    services.article_send_back(article, by=editor, note="More on the ending.")

    revisions = [(v.revision.user, v.revision.comment) for v in versions_of(article)]
    assert revisions == [
        (editor, "Sent back to the writer: More on the ending."),
        (contributor, "Submitted for review."),
    ]


# --- The admin's buttons and actions -------------------------------------------------


def workflow(client, article, action, **data):
    url = reverse("admin:articles_article_workflow", args=[article.pk, action])
    return client.post(url, {"lock_version": article.lock_version, **data}, follow=True)


def test_change_form_offers_the_steps_the_state_allows(client, editor, contributor):
    article = ArticleFactory(status=Article.Status.REVIEW, publish_at=None, authors=[contributor.author])
    change = reverse("admin:articles_article_change", args=[article.pk])

    client.force_login(editor)
    html = client.get(change).content.decode()
    for label in ("Send back to the writer", "Publish now", "Schedule", "Preview"):
        assert label in html
    assert "Unpublish" not in html

    client.force_login(contributor)
    html = client.get(change).content.decode()
    assert "Send back to the writer" not in html and "Publish now" not in html


def test_writer_saves_and_submits_in_one_step(client, contributor):
    article = ArticleFactory(draft=True, authors=[contributor.author])
    client.force_login(contributor)
    change = reverse("admin:articles_article_change", args=[article.pk])

    assert "Save and submit for review" in client.get(change).content.decode()
    response = client.post(change, article_form(article, title="Final title", _submit_for_review="1"), follow=True)

    article.refresh_from_db()
    assert article.title == "Final title" and article.status == Article.Status.REVIEW
    assert "submitted for review" in response.content.decode()
    assert versions_of(article).first().revision.comment == "Changed Title. Submitted for review."


def test_editor_sends_back_with_a_note_the_writer_then_reads(client, editor, contributor):
    article = ArticleFactory(status=Article.Status.REVIEW, publish_at=None, authors=[contributor.author])
    client.force_login(editor)

    workflow(client, article, "send-back", note="The second section repeats the first.")

    client.force_login(contributor)
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "Note from the editor" in html and "The second section repeats the first." in html


def test_editor_schedules_in_the_desk_time_zone(client, editor, settings):
    settings.TIME_ZONE = "Europe/Paris"
    article = ArticleFactory(draft=True)
    client.force_login(editor)

    response = workflow(client, article, "schedule", publish_at="2099-03-01T09:30")

    article.refresh_from_db()
    assert article.state == Article.State.SCHEDULED
    assert article.publish_at == datetime.datetime(2099, 3, 1, 8, 30, tzinfo=datetime.UTC)
    assert "goes live by itself" in response.content.decode()


def test_bulk_publish_and_unpublish(client, editor):
    drafts = [ArticleFactory(draft=True), ArticleFactory(status=Article.Status.REVIEW, publish_at=None)]
    live = ArticleFactory()
    changelist = reverse("admin:articles_article_changelist")
    client.force_login(editor)

    client.post(changelist, {"action": "publish_selected", "_selected_action": [a.pk for a in [*drafts, live]]})

    assert Article.objects.published().count() == 3
    client.post(changelist, {"action": "unpublish_selected", "_selected_action": [a.pk for a in drafts]})
    assert list(Article.objects.published()) == [live]


def test_changelist_shows_and_filters_by_status(client, editor):
    ArticleFactory(title="Out now")
    ArticleFactory(title="Next week", scheduled=True)
    ArticleFactory(title="Waiting", status=Article.Status.REVIEW, publish_at=None)
    ArticleFactory(title="Held", embargo_until=later(days=2), embargo_set_by="Neon")
    client.force_login(editor)
    changelist = reverse("admin:articles_article_changelist")

    html = client.get(changelist).content.decode()
    for label in ("Published", "Scheduled", "In review", "Under embargo"):
        assert label in html

    def titles(state):
        return [a.title for a in client.get(changelist, {"state": state}).context["cl"].result_list]

    assert titles("live") == ["Out now"]
    assert titles("scheduled") == ["Next week"]
    assert titles("review") == ["Waiting"]
    assert titles("embargoed") == ["Held"]


# --- Scheduling: absent from everything public until the clock passes -------------------


@pytest.fixture
def scheduled_review():
    director = PersonFactory(name="Ada Director", slug="ada-director")
    film = FilmFactory(title="Some Film", slug="some-film")
    Credit.objects.create(work=film, person=director, role=Credit.Role.DIRECTOR)
    article = ArticleFactory(
        title="Tomorrow's Review",
        slug="tomorrows-review",
        section=SectionFactory(name="Film", slug="film"),
        authors=[AuthorFactory(name="Writer", slug="writer")],
        films=[film],
        publish_at=later(days=7),
    )
    article.tags.add("future")
    return article


# The pages and feeds about the article's section, tag, author, film and director.
PAGES_ABOUT_IT = [
    "/sections/film/",
    "/sections/film/feed/",
    "/sections/film/feed/atom/",
    "/tags/future/",
    "/tags/future/feed/",
    "/tags/future/feed/atom/",
    "/authors/writer/",
    "/authors/writer/feed/",
    "/authors/writer/feed/atom/",
    "/films/some-film/",
    "/people/ada-director/",
    "/sitemap-articles.xml",
    "/search/?q=tomorrow",
]

# Sitemaps that list the pages about the article (what they list, not the article itself),
# listed only once something public is about them.
SITEMAPS_ABOUT_IT = {
    "/sitemap-sections.xml": "/sections/film/",
    "/sitemap-authors.xml": "/authors/writer/",
    "/sitemap-films.xml": "/films/some-film/",
    "/sitemap-people.xml": "/people/ada-director/",
}


def site_wide_urls() -> list[str]:
    """Every public address that takes no argument: the front page, the sitemap, feeds as they come."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif not any(mark in route for mark in "<(^$") and not route.startswith(("admin/", "comments/")):
                yield f"/{route}"

    return sorted(set(walk(get_resolver().url_patterns)) - NOT_ARTICLE_LISTS)


# Public addresses that never list articles themselves: the archive index lists months, the
# sitemap index lists sitemaps, an empty search lists nothing.
NOT_ARTICLE_LISTS = {"/healthz", "/robots.txt", "/archive/", "/sitemap.xml", "/search/"}


def appears_anywhere(client) -> dict[str, bool]:
    when = timezone.localtime(Article.objects.get(slug="tomorrows-review").publish_at)
    urls = site_wide_urls() + PAGES_ABOUT_IT + [f"/archive/{when:%Y}/", f"/archive/{when:%Y}/{when:%m}/"]
    assert {"/", "/feed/", "/feed/atom/", "/sitemap-articles.xml"} <= set(urls)
    seen = {url: bool(re.search("Tomorrow|tomorrows-review", client.get(url).content.decode())) for url in urls}
    # The archive's index lists the month once something public was published in it.
    looked_for = {**SITEMAPS_ABOUT_IT, "/archive/": f"/archive/{when:%Y}/{when:%m}/"}
    seen |= {url: text in client.get(url).content.decode() for url, text in looked_for.items()}
    seen["the article's page"] = client.get("/articles/tomorrows-review/").status_code == 200
    return seen


def test_scheduled_article_is_absent_everywhere_then_appears_by_itself(client, scheduled_review, clock):
    assert not any(appears_anywhere(client).values())

    clock(days=7, minutes=1)

    assert all(appears_anywhere(client).values())


# --- Embargoes ---------------------------------------------------------------------------


def test_nothing_publishes_before_the_embargo_whatever_the_publish_time_says(clock):
    article = ArticleFactory(embargo_until=later(days=2), embargo_set_by="Festival de Cannes")
    # Even a publish time forced into the past without save() does not get around it.
    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() - datetime.timedelta(days=1))

    assert not Article.objects.published().filter(pk=article.pk).exists()
    article.refresh_from_db()
    assert article.state == Article.State.EMBARGOED and not article.is_published

    clock(days=2, minutes=1)

    assert Article.objects.published().filter(pk=article.pk).exists()
    assert article.is_published


def test_publishing_under_embargo_waits_for_it(editor, client):
    embargo = later(days=3)
    article = ArticleFactory(draft=True, embargo_until=embargo, embargo_set_by="Neon")

    article = services.article_publish(article, by=editor)

    assert article.status == Article.Status.PUBLISHED
    assert article.publish_at == embargo and article.goes_live_at == embargo
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "embargo set by Neon" in versions_of(article).first().revision.comment


def test_scheduling_before_the_embargo_goes_live_when_it_lifts(editor):
    article = ArticleFactory(draft=True, embargo_until=later(days=5), embargo_set_by="Neon")

    article = services.article_schedule(article, by=editor, at=later(days=1))

    assert article.goes_live_at == article.embargo_until


def test_an_embargo_needs_to_say_who_set_it(client, editor):
    article = ArticleFactory(draft=True)
    client.force_login(editor)
    data = article_form(article, embargo_until_0="2099-01-01", embargo_until_1="09:00:00", embargo_set_by="")

    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    assert response.status_code == 200
    assert "Say who set the embargo" in response.content.decode()


def test_contributors_cannot_lift_an_embargo(client, contributor):
    embargo = later(days=3)
    article = ArticleFactory(draft=True, authors=[contributor.author], embargo_until=embargo, embargo_set_by="Neon")
    client.force_login(contributor)

    client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form(article, embargo_until_0="", embargo_until_1="", embargo_set_by=""),
    )

    article.refresh_from_db()
    assert article.embargo_until == embargo
