"""Autosaves: what a writer typed in the article form and has not saved yet, so that nothing is lost.

The form sends its fields here every few seconds of typing and when a field is left
(static/js/desk-autosave.js). An autosave is not the article: saving one writes no revision (the
history keeps what was saved), leaves the article and its lock version alone (so the writer's own
form is never refused as stale by it), and is seen only by the person who typed it. Each person
has one autosave per article, and one for the new article they have not saved yet (found again
when they reopen the add form). Saving the article deletes the autosave it replaces.

The fields are kept as the form holds them (name: values), for the form to put back; nothing in
them is trusted: the form's save validates and sanitises as ever, and the body is cleaned on the
way in too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone

from core.sanitize import clean_html

# Seconds of typing between two autosaves (static/js/desk-autosave.js reads it from the page).
INTERVAL_SECONDS = 10
# Limits of what one autosave may hold: a form has a few hundred fields, a long body a few 100 kB.
MAX_FIELDS = 2000
MAX_NAME_LENGTH = 200
MAX_VALUES_PER_FIELD = 500
BODY_FIELD = "body"


class Autosave(models.Model):
    """One person's unsaved edits of one article (or of the new article they are writing)."""

    article = models.ForeignKey(
        "articles.Article", null=True, blank=True, on_delete=models.CASCADE, related_name="autosaves"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # {"fields": {name: [value, …]}, "labels": {name: {value: text}}}: what the form needs to show them again.
    data = models.JSONField(default=dict)
    # The article's lock version when the form was opened: restoring over a later save is said so.
    base_version = models.PositiveIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "user"], condition=Q(article__isnull=False), name="one_autosave_per_article_user"
            ),
            models.UniqueConstraint(
                fields=["user"], condition=Q(article__isnull=True), name="one_new_article_autosave_per_user"
            ),
        ]

    def __str__(self) -> str:
        return f"Autosave of {self.article or 'a new article'} by {self.user}"

    @property
    def fields(self) -> dict[str, list[str]]:
        return self.data.get("fields", {})


class AutosaveRefused(ValueError):
    """The autosave sent cannot be kept; the message says why, for the person who sent it."""


@dataclass(frozen=True)
class AutosaveInput:
    fields: dict[str, list[str]]
    labels: dict[str, dict[str, str]]
    base_version: int | None


def parse(raw: bytes) -> AutosaveInput:
    """Read an autosave as the form sends it, or raise AutosaveRefused saying what is wrong.

    `{"fields": {"title": "…", "tags": ["a", "b"]}, "labels": {"hero": {"7": "A motel"}}, "lock_version": 3}`
    """
    try:
        payload = json.loads(raw or b"")
    except (ValueError, UnicodeDecodeError) as error:
        raise AutosaveRefused("The autosave is not JSON: send the form's fields as a JSON object.") from error
    if not isinstance(payload, dict) or not isinstance(payload.get("fields"), dict):
        raise AutosaveRefused("The autosave needs “fields”: an object of field names and their values.")
    sent = payload["fields"]
    if len(sent) > MAX_FIELDS:
        raise AutosaveRefused(f"The autosave has {len(sent):,} fields; a form has at most {MAX_FIELDS:,}.")
    fields: dict[str, list[str]] = {}
    for name, value in sent.items():
        values = value if isinstance(value, list) else [value]
        if not name or len(name) > MAX_NAME_LENGTH or len(values) > MAX_VALUES_PER_FIELD:
            raise AutosaveRefused(f"“{name[:40]}” is not a field of the article form.")
        if not all(isinstance(item, str) for item in values):
            raise AutosaveRefused(f"The values of “{name[:40]}” must be text.")
        if any("\x00" in item for item in values):
            raise AutosaveRefused(f"“{name[:40]}” holds a null character, which no field takes.")
        fields[name] = values
    if BODY_FIELD in fields:
        # Cleaned as a save would: what is put back in the editor is what a save could keep.
        fields[BODY_FIELD] = [clean_html(value) for value in fields[BODY_FIELD]]
    labels = payload.get("labels")
    labels = {} if labels is None else labels
    if not isinstance(labels, dict) or not all(
        isinstance(options, dict) and all(isinstance(text, str) for text in options.values())
        for options in labels.values()
    ):
        raise AutosaveRefused("“labels” must be an object of field names and {value: text} objects.")
    labels = {name: options for name, options in labels.items() if name in fields}
    base_version = payload.get("lock_version")
    if base_version in ("", None):
        base_version = None
    elif isinstance(base_version, str) and base_version.isdigit():
        base_version = int(base_version)
    elif not isinstance(base_version, int) or isinstance(base_version, bool) or base_version < 0:
        raise AutosaveRefused("“lock_version” must be the version number the form was opened at.")
    return AutosaveInput(fields=fields, labels=labels, base_version=base_version)


def autosave_of(*, article, user) -> Autosave | None:
    """`user`'s autosave of `article` (None: of the new article they are writing)."""
    return Autosave.objects.filter(article=article, user=user).first()


def autosave_store(*, article, user, sent: AutosaveInput) -> Autosave:
    """Keep `sent` as `user`'s autosave of `article` (None: the new article), replacing the last one."""
    values = {
        "data": {"fields": sent.fields, "labels": sent.labels},
        "base_version": sent.base_version,
        "updated_at": timezone.now(),
    }
    # One UPDATE every few seconds of typing; an INSERT the first time (update_or_create locks and reads first).
    mine = Autosave.objects.filter(article=article, user=user)
    if not mine.update(**values):
        try:
            with transaction.atomic():
                return Autosave.objects.create(article=article, user=user, **values)
        except IntegrityError:
            # The same form's previous autosave arrived first.
            mine.update(**values)
    return Autosave(article=article, user=user, **values)


def autosave_discard(*, article, user) -> int:
    """Forget `user`'s autosave of `article` (None: the new article); how many were deleted."""
    deleted, _ = Autosave.objects.filter(article=article, user=user).delete()
    return deleted


def autosave_to_offer(*, article, user) -> Autosave | None:
    """The autosave to offer when `user` opens the form: theirs, if newer than the saved article."""
    autosave = autosave_of(article=article, user=user)
    if autosave is None or (article is not None and autosave.updated_at <= article.updated_at):
        return None
    return autosave
