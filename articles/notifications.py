"""Telling people about the workflow: a notification in the admin, and a mail unless they opted out.

The workflow's services (articles/services.py) call `notify_*` inside their transaction, so a
notification exists exactly when the step it tells of does; mail goes only once that transaction
has committed (a refused or rolled-back step mails nobody), through Django's mail framework, with
links on `SITE_URL`. Who hears of what:

- submitted for review: the editors (whoever may publish), but not the person who submitted it;
- sent back (with the note), scheduled, published: the article's writers (the logins of the
  authors on its byline), but not the editor who did it, should they be on the byline too.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from . import permissions
from .models import Article, Notification, NotificationPreference

logger = logging.getLogger(__name__)

Kind = Notification.Kind

SUBJECTS = {
    Kind.SUBMITTED: "In review: {title}",
    Kind.SENT_BACK: "Sent back to you: {title}",
    Kind.SCHEDULED: "Scheduled: {title}",
    Kind.PUBLISHED: "Published: {title}",
}


def _describe(user) -> str:
    if user is None:
        return "someone"
    return user.get_full_name() or user.get_username()


def editors(*, besides=None) -> list:
    """Active staff who may publish (through a group, their own permissions or as superusers)."""
    users = (
        get_user_model()
        .objects.with_perm(permissions.PUBLISH, backend="django.contrib.auth.backends.ModelBackend")
        .filter(is_active=True, is_staff=True)
    )
    if besides is not None and besides.pk:
        users = users.exclude(pk=besides.pk)
    return list(users.order_by("pk"))


def writers(article: Article, *, besides=None) -> list:
    """The active logins of the authors on the article's byline."""
    users = get_user_model().objects.filter(author__article_links__article=article, is_active=True).distinct()
    if besides is not None and besides.pk:
        users = users.exclude(pk=besides.pk)
    return list(users.order_by("pk"))


def notify(*, kind: str, article: Article, by, message: str, recipients: list) -> list[Notification]:
    """Leave a notification for each recipient now, and mail those who want it after the commit."""
    made = Notification.objects.bulk_create(
        Notification(recipient=user, kind=kind, article=article, actor=by, message=message) for user in recipients
    )
    if made:
        ids = [notification.pk for notification in made]
        transaction.on_commit(lambda: mail_notifications(ids))
    return made


def notify_submitted(article: Article, *, by) -> list[Notification]:
    return notify(
        kind=Kind.SUBMITTED,
        article=article,
        by=by,
        message=f"{_describe(by)} submitted it for review.",
        recipients=editors(besides=by),
    )


def notify_sent_back(article: Article, *, by, note: str) -> list[Notification]:
    return notify(
        kind=Kind.SENT_BACK,
        article=article,
        by=by,
        message=f"{_describe(by)} sent it back to you with this note:\n{note}",
        recipients=writers(article, besides=by),
    )


def notify_scheduled(article: Article, *, by, when: str) -> list[Notification]:
    return notify(
        kind=Kind.SCHEDULED,
        article=article,
        by=by,
        message=f"{_describe(by)} scheduled it: it goes live by itself on {when}.",
        recipients=writers(article, besides=by),
    )


def notify_published(article: Article, *, by, held_until: str = "") -> list[Notification]:
    said = f"{_describe(by)} published it."
    if held_until:
        said += f" The embargo holds it until {held_until}."
    return notify(kind=Kind.PUBLISHED, article=article, by=by, message=said, recipients=writers(article, besides=by))


# --- Mail ------------------------------------------------------------------------------------


def preference_for(user) -> NotificationPreference:
    """The user's mail preferences; everything on until they change it (nothing is stored till then)."""
    try:
        return user.desk_mail_preference
    except NotificationPreference.DoesNotExist:
        return NotificationPreference(user=user)


def article_admin_url(article: Article) -> str:
    return settings.SITE_URL + reverse("admin:articles_article_change", args=[quote(article.pk)])


def mail_notifications(ids: list[int]) -> int:
    """Mail each of these notifications whose recipient has an address and wants this kind by mail."""
    sent = 0
    notifications = Notification.objects.filter(pk__in=ids).select_related(
        "recipient__desk_mail_preference", "article"
    )
    for notification in notifications:
        user = notification.recipient
        if not user.email or not preference_for(user).wants_mail(notification.kind):
            continue
        sent += _send(notification)
    return sent


def _send(notification: Notification) -> bool:
    article = notification.article
    context = {
        "magazine_name": settings.MAGAZINE_NAME,
        "notification": notification,
        "article": article,
        "article_url": article_admin_url(article),
        "notifications_url": settings.SITE_URL + reverse("admin:articles_notification_changelist"),
        "preferences_url": settings.SITE_URL + reverse("admin:articles_notification_preferences"),
    }
    subject = SUBJECTS[notification.kind].format(title=article.title)
    body = render_to_string("articles/email/notification.txt", context)
    try:
        send_mail(
            f"[{settings.MAGAZINE_NAME}] {subject}",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [notification.recipient.email],
        )
    except Exception:  # a mail server that is down must not undo the step, which has committed
        logger.exception("Could not mail notification %s to %s", notification.pk, notification.recipient.email)
        return False
    return True
