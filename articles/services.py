"""The editorial workflow: every change of an article's state goes through these functions.

draft → in review → published (now, or scheduled for a later time) → unpublished, with
"send back" from review to draft. Each transition checks who asks, locks the row, refuses
a stale edit (optimistic locking, see `StaleArticle`) and leaves a revision in the
article's history saying who did what. The admin's buttons and bulk actions call these.

A scheduled article needs no job to appear: `Article.objects.published()` compares the
publish time (and any embargo) with the clock on every request.
"""

from __future__ import annotations

import datetime

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from reversion.models import Version
from taggit.models import Tag

from films.models import Film

from . import notifications, permissions, tagging
from .models import Article
from .writing import write_article


class WorkflowError(Exception):
    """A transition the article's state (or the request) does not allow; the message says why."""


class StaleArticle(Exception):
    """The article changed after the person asking loaded it."""

    def __init__(self, current: Article):
        self.current = current
        super().__init__(f"{current} was changed by {describe_user(current.updated_by)} in the meantime.")


# What a revert leaves as it is: the address, the workflow state and the lock.
KEPT_ON_REVERT = [
    "slug",
    "status",
    "publish_at",
    "embargo_until",
    "embargo_set_by",
    "editor_note",
    "submitted_at",
    "lock_version",
]


def describe_user(user) -> str:
    if user is None:
        return "someone"
    return user.get_full_name() or user.get_username()


def local_time(value: datetime.datetime) -> str:
    return date_format(timezone.localtime(value), "j F Y, H:i")


def _lock(article: Article, expected_version: int | None) -> Article:
    current = Article.objects.select_for_update().get(pk=article.pk)
    if expected_version is not None and current.lock_version != expected_version:
        raise StaleArticle(current)
    return current


def _save(article: Article, by, comment: str) -> Article:
    """Save inside the open revision, adding `comment` to what it already says."""
    write_article(article, by=by)
    reversion.set_user(by)
    said = reversion.get_comment()
    reversion.set_comment(f"{said} {comment}" if said else comment)
    return article


def _require_publisher(by) -> None:
    if not permissions.can_publish(by):
        raise PermissionDenied("Only editors publish, schedule, unpublish or send articles back.")


def _embargo_clause(article: Article) -> str:
    if article.is_embargoed:
        return f" The embargo set by {article.embargo_set_by} holds it until {local_time(article.embargo_until)}."
    return ""


def _require_confirmed_films(article: Article) -> None:
    """A writer's proposed film (films.Proposal) is never public: it is confirmed or merged first."""
    pending = [str(film) for film in Film.objects.pending().filter(articles=article)]
    if pending:
        names = ", ".join(f"“{name}”" for name in pending)
        raise WorkflowError(
            f"The article discusses {names}, proposed by a writer and not confirmed yet: "
            "confirm it, or merge it into the film it duplicates, under Films, then publish."
        )


def article_submit(article: Article, *, by, expected_version: int | None = None) -> Article:
    """A writer (or an editor) hands a draft to the desk."""
    with transaction.atomic(), reversion.create_revision():
        article = _lock(article, expected_version)
        if not permissions.can_submit(by, article):
            if article.status != Article.Status.DRAFT:
                raise WorkflowError(f"Only drafts can be submitted; this article is {article.get_state_display()}.")
            raise PermissionDenied("Only the article's writers and editors can submit it.")
        article.status = Article.Status.REVIEW
        article.submitted_at = timezone.now()
        # The note has been answered; it stays in the history.
        article.editor_note = ""
        _save(article, by, "Submitted for review.")
        notifications.notify_submitted(article, by=by)
        return article


def article_send_back(article: Article, *, by, note: str, expected_version: int | None = None) -> Article:
    """An editor returns an article in review to its writer, saying why."""
    _require_publisher(by)
    note = note.strip()
    if not note:
        raise WorkflowError("Write a note for the writer: say what to change before it comes back.")
    with transaction.atomic(), reversion.create_revision():
        article = _lock(article, expected_version)
        if article.status != Article.Status.REVIEW:
            raise WorkflowError("Only an article in review can be sent back.")
        article.status = Article.Status.DRAFT
        article.editor_note = note
        article.submitted_at = None
        _save(article, by, f"Sent back to the writer: {note}")
        notifications.notify_sent_back(article, by=by, note=note)
        return article


def article_publish(article: Article, *, by, expected_version: int | None = None) -> Article:
    """Publish now (an embargo still holds it back until it lifts)."""
    _require_publisher(by)
    with transaction.atomic(), reversion.create_revision():
        article = _lock(article, expected_version)
        if article.state == Article.State.LIVE:
            raise WorkflowError("The article is already published.")
        now = timezone.now()
        # An article published before and then taken down keeps its original date.
        republished = article.status == Article.Status.ARCHIVED and article.publish_at and article.publish_at <= now
        if not republished:
            article.publish_at = now
        article.status = Article.Status.PUBLISHED
        _require_confirmed_films(article)
        _save(article, by, "Published." + _embargo_clause(article))
        held = local_time(article.embargo_until) if article.is_embargoed else ""
        notifications.notify_published(article, by=by, held_until=held)
        return article


def article_schedule(article: Article, *, by, at: datetime.datetime, expected_version: int | None = None) -> Article:
    """Publish at a later time; the article appears by itself when the clock passes it."""
    _require_publisher(by)
    if at <= timezone.now():
        raise WorkflowError("Choose a time in the future to schedule the article, or publish it now.")
    with transaction.atomic(), reversion.create_revision():
        article = _lock(article, expected_version)
        if article.state == Article.State.LIVE:
            raise WorkflowError("The article is already published; unpublish it before scheduling it again.")
        article.status = Article.Status.PUBLISHED
        article.publish_at = at
        _require_confirmed_films(article)
        _save(article, by, f"Scheduled for {local_time(at)}." + _embargo_clause(article))
        notifications.notify_scheduled(article, by=by, when=local_time(article.goes_live_at))
        return article


def article_unpublish(article: Article, *, by, expected_version: int | None = None) -> Article:
    """Take a published (or scheduled) article off the site; it keeps its history and address."""
    _require_publisher(by)
    with transaction.atomic(), reversion.create_revision():
        article = _lock(article, expected_version)
        if article.status != Article.Status.PUBLISHED:
            raise WorkflowError("Only a published or scheduled article can be unpublished.")
        was = "Unpublished." if article.is_published else "Unpublished before it went live."
        article.status = Article.Status.ARCHIVED
        return _save(article, by, was)


def article_revert(article: Article, version: Version, *, by, expected_version: int | None = None) -> Article:
    """Bring back the text, bylines, films, works cited, tags and image of an earlier revision.

    The address, the workflow state (status, publish time, embargo) and the lock stay as
    they are: reverting edits content, it does not publish or unpublish anything.
    """
    if version.content_type.model_class() is not Article or version.object_id != str(article.pk):
        raise WorkflowError("That revision belongs to another article.")
    with transaction.atomic(), reversion.create_revision():
        current = _lock(article, expected_version)
        if not permissions.can_change(by, current):
            raise PermissionDenied("You cannot change this article.")
        kept = {name: getattr(current, name) for name in KEPT_ON_REVERT}
        version.revision.revert(delete=True)
        reverted = Article.objects.get(pk=current.pk)
        for name, value in kept.items():
            setattr(reverted, name, value)
        revision = version.revision
        comment = f"Reverted to the revision of {local_time(revision.date_created)} by {describe_user(revision.user)}."
        return _save(reverted, by, comment)


def article_tags_restore(article: Article, *, names: list[str], note: str) -> Article:
    """Give the article these tags as a repair by the system, not an edit by anyone.

    A revision says what was done; the lock moves on, so that a form opened before cannot
    save the old tags back; tags taken off that no article uses any more are deleted, and
    their pages with them.
    """
    with transaction.atomic(), reversion.create_revision():
        current = _lock(article, None)
        before = list(current.tags.all())
        tags = tagging.tags_named(names)
        current.tags.set(tags)
        left = [tag.pk for tag in before if tag not in tags]
        Tag.objects.filter(pk__in=left, taggit_taggeditem_items__isnull=True).delete()
        current.lock_version += 1
        Article.objects.filter(pk=current.pk).update(lock_version=current.lock_version)
        reversion.add_to_revision(current)
        reversion.set_comment(note)
        return current
