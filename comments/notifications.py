"""Mail about comments, through Django's mail framework.

Every mail carries signed links to stop mail about the thread, or all mail, to that address.
Senders are called after the transaction commits (services.py uses `on_commit`).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from .models import Comment, MailMute, normalize_email

logger = logging.getLogger(__name__)

MUTE_SALT = "comments.mute"
MODERATOR_MAIL_KEY = "comments:moderator-mail-sent"
MODERATE_PERMISSION = "comments.moderate_comment"


def mute_token(email: str, thread_id: int | None = None) -> str:
    return signing.dumps({"e": normalize_email(email), "t": thread_id}, salt=MUTE_SALT)


def read_mute_token(token: str) -> tuple[str, int | None] | None:
    try:
        data = signing.loads(token, salt=MUTE_SALT)
        email, thread = data["e"], data["t"]
    except (signing.BadSignature, KeyError, TypeError):
        return None
    if not isinstance(email, str) or not (thread is None or isinstance(thread, int)):
        return None
    return email, thread


def mute_url(email: str, thread_id: int | None = None) -> str:
    return settings.SITE_URL + reverse("comments:mute", kwargs={"token": mute_token(email, thread_id)})


def is_muted(email: str, thread_id: int | None = None) -> bool:
    muted = Q(thread__isnull=True)
    if thread_id:
        muted |= Q(thread_id=thread_id)
    return MailMute.objects.filter(muted, email=normalize_email(email)).exists()


def _send(subject: str, template: str, context: dict, to: str) -> bool:
    body = render_to_string(template, {"magazine_name": settings.MAGAZINE_NAME, **context})
    try:
        send_mail(f"[{settings.MAGAZINE_NAME}] {subject}", body, settings.DEFAULT_FROM_EMAIL, [to])
    except Exception:  # a mail server that is down must not lose the comment that was just saved
        logger.exception("Could not send %r to %s", subject, to)
        return False
    return True


def moderator_addresses() -> list[str]:
    """Active users allowed to moderate (through a group or their own permissions) who have not muted mail."""
    users = get_user_model().objects.with_perm(
        MODERATE_PERMISSION, include_superusers=False, backend="django.contrib.auth.backends.ModelBackend"
    )
    emails = {normalize_email(email) for email in users.filter(is_active=True).values_list("email", flat=True)}
    emails.discard("")
    muted = set(MailMute.objects.filter(email__in=emails, thread__isnull=True).values_list("email", flat=True))
    return sorted(emails - muted)


def notify_moderators() -> int:
    """Tell moderators that comments await them: at most one mail per COMMENTS_MODERATOR_MAIL_MINUTES."""
    if cache.get(MODERATOR_MAIL_KEY):
        # Mailed within the window: nothing to ask the database on a post in a busy thread.
        return 0
    recipients = moderator_addresses()
    pending = Comment.objects.pending()
    if not recipients or not pending.exists():
        return 0
    if not cache.add(MODERATOR_MAIL_KEY, True, timeout=settings.COMMENTS_MODERATOR_MAIL_MINUTES * 60):
        return 0
    count = pending.count()
    context = {
        "count": count,
        "comments": pending.select_related("article").order_by("created_at")[:10],
        "queue_url": settings.SITE_URL + reverse("admin:comments_comment_changelist") + "?status__exact=pending",
        "minutes": settings.COMMENTS_MODERATOR_MAIL_MINUTES,
    }
    subject = f"{count} comment{'s' if count != 1 else ''} awaiting moderation"
    sent = 0
    for email in recipients:
        sent += _send(subject, "comments/email/moderators.txt", context | {"mute_all_url": mute_url(email)}, email)
    return sent


def notify_approved(comment: Comment) -> bool:
    """Tell a commenter that a moderator approved their comment."""
    thread_id = comment.thread_root_id()
    if not comment.email or is_muted(comment.email, thread_id):
        return False
    context = {
        "comment": comment,
        "article": comment.article,
        "comment_url": settings.SITE_URL + comment.get_absolute_url(),
        "mute_thread_url": mute_url(comment.email, thread_id),
        "mute_all_url": mute_url(comment.email),
    }
    return _send(
        f"Your comment on “{comment.article.title}” is published",
        "comments/email/approved.txt",
        context,
        comment.email,
    )


def notify_reply(reply: Comment) -> bool:
    """Tell the author of the comment that `reply` answers, now that the reply is visible."""
    parent = reply.parent
    if parent is None or not parent.email or parent.email == reply.email or not parent.is_approved:
        return False
    thread_id = reply.thread_root_id()
    if is_muted(parent.email, thread_id):
        return False
    context = {
        "reply": reply,
        "parent": parent,
        "article": reply.article,
        "reply_url": settings.SITE_URL + reply.get_absolute_url(),
        "mute_thread_url": mute_url(parent.email, thread_id),
        "mute_all_url": mute_url(parent.email),
    }
    return _send(
        f"{reply.name} replied to your comment on “{reply.article.title}”",
        "comments/email/reply.txt",
        context,
        parent.email,
    )
