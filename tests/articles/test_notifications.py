"""Notifications of the workflow: who learns of what, in the admin and by mail, and their preferences."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, Notification, NotificationPreference
from tests.factories import ArticleFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://magazine.example"


@pytest.fixture
def in_review(contributor):
    return ArticleFactory(
        title="Notes on Anora", status=Article.Status.REVIEW, publish_at=None, authors=[contributor.author]
    )


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a step and the mail it sends after its transaction commits."""

    def run(step, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return step(*args, **kwargs)

    return run


def kinds(user) -> list[str]:
    return list(Notification.objects.for_user(user).values_list("kind", flat=True))


# --- Who learns of what ------------------------------------------------------------------


def test_editors_learn_of_a_submission_in_the_admin_and_by_mail(contributor, editor, committed, mailoutbox):
    other_editor = user_with_role("Editor", username="second-editor")
    article = ArticleFactory(title="Notes on Anora", draft=True, authors=[contributor.author])

    committed(services.article_submit, article, by=contributor)

    assert kinds(editor) == kinds(other_editor) == [Notification.Kind.SUBMITTED]
    assert kinds(contributor) == []
    assert sorted(mail.to[0] for mail in mailoutbox) == [editor.email, other_editor.email]
    mail = mailoutbox[0]
    assert "In review: Notes on Anora" in mail.subject
    assert f"https://magazine.example/admin/articles/article/{article.pk}/change/" in mail.body
    assert "submitted it for review" in mail.body


def test_the_writer_learns_of_a_send_back_with_the_note(in_review, contributor, editor, committed, mailoutbox):
    committed(services.article_send_back, in_review, by=editor, note="Tighten the opening.\nCut the last line.")

    notification = Notification.objects.for_user(contributor).get()
    assert notification.kind == Notification.Kind.SENT_BACK and notification.actor == editor
    assert "Tighten the opening.\nCut the last line." in notification.message
    assert [mail.to for mail in mailoutbox] == [[contributor.email]]
    assert "Sent back to you: Notes on Anora" in mailoutbox[0].subject
    assert "Tighten the opening." in mailoutbox[0].body
    # The editor who sent it back is told nothing of their own step.
    assert kinds(editor) == []


def test_the_writer_learns_when_the_article_is_scheduled(in_review, contributor, editor, committed, mailoutbox):
    at = timezone.now() + datetime.timedelta(days=2)

    committed(services.article_schedule, in_review, by=editor, at=at)

    notification = Notification.objects.for_user(contributor).get()
    assert notification.kind == Notification.Kind.SCHEDULED
    assert services.local_time(at) in notification.message
    assert "Scheduled: Notes on Anora" in mailoutbox[0].subject


def test_the_writer_learns_when_the_article_is_published(in_review, contributor, editor, committed, mailoutbox):
    committed(services.article_publish, in_review, by=editor)

    assert kinds(contributor) == [Notification.Kind.PUBLISHED]
    assert [mail.to for mail in mailoutbox] == [[contributor.email]]
    assert "Published: Notes on Anora" in mailoutbox[0].subject


def test_bulk_publishing_tells_each_writer(contributor, editor, client, committed, mailoutbox):
    articles = [
        ArticleFactory(status=Article.Status.REVIEW, publish_at=None, authors=[contributor.author]) for _ in range(2)
    ]
    client.force_login(editor)

    committed(
        client.post,
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [article.pk for article in articles]},
    )

    assert kinds(contributor) == [Notification.Kind.PUBLISHED] * 2
    assert len(mailoutbox) == 2


def test_a_refused_step_notifies_nobody(contributor, editor, committed, mailoutbox):
    draft = ArticleFactory(draft=True, authors=[contributor.author])

    with pytest.raises(services.WorkflowError):
        committed(services.article_send_back, draft, by=editor, note="Not in review.")

    assert Notification.objects.count() == 0 and mailoutbox == []


def test_mail_waits_for_the_commit(in_review, editor, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.article_publish(in_review, by=editor)

    assert mailoutbox == [] and callbacks
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1


# --- Mail preferences ------------------------------------------------------------------------


def test_a_writer_who_turned_off_send_back_mail_still_sees_it_in_the_admin(
    in_review, contributor, editor, committed, mailoutbox
):
    NotificationPreference.objects.create(user=contributor, mail_sent_back=False)

    committed(services.article_send_back, in_review, by=editor, note="Shorter.")

    assert kinds(contributor) == [Notification.Kind.SENT_BACK]
    assert mailoutbox == []


def test_turning_off_one_kind_keeps_the_others(in_review, contributor, editor, committed, mailoutbox):
    NotificationPreference.objects.create(user=contributor, mail_sent_back=False)

    committed(services.article_publish, in_review, by=editor)

    assert [mail.to for mail in mailoutbox] == [[contributor.email]]


def test_a_login_without_an_address_gets_no_mail(in_review, contributor, editor, committed, mailoutbox):
    contributor.email = ""
    contributor.save()

    committed(services.article_publish, in_review, by=editor)

    assert kinds(contributor) == [Notification.Kind.PUBLISHED] and mailoutbox == []


def test_preferences_form_saves_ones_own_choice(client, contributor):
    client.force_login(contributor)
    url = reverse("admin:articles_notification_preferences")

    page = client.get(url)
    assert page.status_code == 200
    assert b"My article is sent back to me" in page.content
    # Only editors hear of submissions.
    assert b"submitted for review" not in page.content

    response = client.post(url, {"mail_sent_back": "on", "mail_published": "on"})

    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=contributor)
    assert preference.mail_sent_back and preference.mail_published
    assert not preference.mail_scheduled


# --- The list in the admin ------------------------------------------------------------------


def notify(user, article, **kwargs) -> Notification:
    return Notification.objects.create(
        recipient=user, article=article, kind=Notification.Kind.PUBLISHED, message="Ada published it.", **kwargs
    )


def test_the_list_shows_ones_own_notifications_only(client, contributor, editor):
    article = ArticleFactory(title="Mine to read")
    notify(contributor, article)
    notify(editor, ArticleFactory(title="Not for the contributor"))
    client.force_login(contributor)

    page = client.get(reverse("admin:articles_notification_changelist"))

    assert page.status_code == 200
    assert b"Mine to read" in page.content and b"Not for the contributor" not in page.content


def test_a_moderator_has_a_list_too(client, moderator):
    client.force_login(moderator)

    assert client.get(reverse("admin:articles_notification_changelist")).status_code == 200


def test_the_header_counts_unread_notifications_on_every_admin_page(client, contributor):
    article = ArticleFactory()
    notify(contributor, article)
    notify(contributor, article)
    notify(contributor, article, read_at=timezone.now())
    client.force_login(contributor)

    for url in [reverse("admin:index"), reverse("admin:articles_article_changelist")]:
        assert b'Notifications <span class="desk-unread">(2 unread)</span>' in client.get(url).content


def test_opening_a_notification_marks_it_read_and_goes_to_the_article(client, contributor):
    article = ArticleFactory(draft=True, authors=[contributor.author])
    notification = notify(contributor, article)
    client.force_login(contributor)

    response = client.get(reverse("admin:articles_notification_open", args=[notification.pk]))

    assert response.url == reverse("admin:articles_article_change", args=[article.pk])
    notification.refresh_from_db()
    assert notification.is_read


def test_nobody_opens_someone_elses_notification(client, contributor, editor):
    notification = notify(editor, ArticleFactory())
    client.force_login(contributor)

    response = client.get(reverse("admin:articles_notification_open", args=[notification.pk]))

    assert response.status_code == 404
    notification.refresh_from_db()
    assert not notification.is_read


def test_mark_selected_as_read(client, contributor, editor):
    article = ArticleFactory()
    mine, other = notify(contributor, article), notify(contributor, article)
    theirs = notify(editor, article)
    client.force_login(contributor)

    client.post(
        reverse("admin:articles_notification_changelist"),
        # Someone else's id slipped into the form is left alone.
        {"action": "mark_read", "_selected_action": [mine.pk, theirs.pk]},
    )

    assert list(Notification.objects.unread().order_by("pk")) == [other, theirs]


def test_mark_all_read(client, contributor, editor):
    article = ArticleFactory()
    notify(contributor, article)
    notify(contributor, article)
    theirs = notify(editor, article)
    client.force_login(contributor)

    response = client.post(reverse("admin:articles_notification_read_all"))

    assert response.status_code == 302
    assert list(Notification.objects.unread()) == [theirs]
    assert client.get(reverse("admin:articles_notification_read_all")).status_code == 405


def test_notifications_cannot_be_added_changed_or_deleted_by_hand(client, editor):
    notification = notify(editor, ArticleFactory())
    client.force_login(editor)

    assert client.get(reverse("admin:articles_notification_add")).status_code == 403
    assert client.get(reverse("admin:articles_notification_delete", args=[notification.pk])).status_code == 403


def test_the_list_makes_the_same_queries_for_three_or_thirty(client, contributor, django_assert_num_queries):
    client.force_login(contributor)
    url = reverse("admin:articles_notification_changelist")
    for _ in range(3):
        notify(contributor, ArticleFactory())
    # Session, user, the header's unread count, the list's count, its rows, the "mark all" count,
    # and the admin's own (permissions, the sidebar's check of the author one writes as).
    with django_assert_num_queries(9):
        assert client.get(url).status_code == 200
    for _ in range(27):
        notify(contributor, ArticleFactory())
    with django_assert_num_queries(9):
        assert client.get(url).status_code == 200


def test_the_send_back_note_shows_on_the_form_until_the_next_submission(client, in_review, contributor, editor):
    services.article_send_back(in_review, by=editor, note="Tighten the opening.")
    client.force_login(contributor)
    url = reverse("admin:articles_article_change", args=[in_review.pk])

    assert b"Tighten the opening." in client.get(url).content

    services.article_submit(Article.objects.get(pk=in_review.pk), by=contributor)

    assert b"Tighten the opening." not in client.get(url).content
    history = client.get(reverse("admin:articles_article_history", args=[in_review.pk]))
    assert b"Sent back to the writer: Tighten the opening." in history.content


def test_a_user_factory_login_is_staff():
    # The header link shows to staff only; the factory's logins are staff (guard for the tests above).
    assert UserFactory().is_staff


def test_the_preferences_page_queries(client, editor, django_assert_num_queries):
    client.force_login(editor)
    NotificationPreference.objects.create(user=editor, mail_published=False)

    # Session, user, the header's unread count, the preference, and the admin's own permission checks.
    with django_assert_num_queries(6):
        page = client.get(reverse("admin:articles_notification_preferences"))

    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="id_mail_submitted" checked' in html
    assert 'id="id_mail_published" checked' not in html
