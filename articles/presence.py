"""Who else has an article's form open: each open form says so every few seconds (a heartbeat).

No websockets: static/js/desk-presence.js posts a heartbeat every HEARTBEAT_SECONDS and is told
who else sent one in the last TIMEOUT_SECONDS, and since when they have been editing. The form
still refuses the second of two saves (optimistic locking, articles/forms.py); this says who the
other person is before either of them types much.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

HEARTBEAT_SECONDS = 15
# Missing two heartbeats (a closed laptop, a lost connection) means gone.
TIMEOUT_SECONDS = 40
# A save reloads the form, and a writer may step away: back within this long, and "since" stays.
RETURN_SECONDS = 120
# Rows nobody has refreshed for this long are deleted by the next heartbeat on the article.
FORGET_AFTER = datetime.timedelta(hours=1)


class Presence(models.Model):
    """Someone with an article's change form open."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="presences")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "user"], name="one_presence_per_article_user")]
        indexes = [models.Index(fields=["article", "-seen_at"], name="presence_article_seen_idx")]

    def __str__(self) -> str:
        return f"{self.user} on {self.article_id} since {self.started_at:%H:%M}"


def others_editing(*, article, user, now: datetime.datetime | None = None) -> list[Presence]:
    """Who else has `article`'s form open now, longest first, with their logins."""
    now = now or timezone.now()
    return list(
        Presence.objects.filter(article=article, seen_at__gte=now - datetime.timedelta(seconds=TIMEOUT_SECONDS))
        .exclude(user=user)
        .select_related("user")
        .order_by("started_at", "pk")
    )


def presence_beat(*, article, user, now: datetime.datetime | None = None) -> list[Presence]:
    """Note that `user` has `article`'s form open; return who else has. A heartbeat after a
    longer silence than the timeout and RETURN_SECONDS starts a new stretch of editing."""
    now = now or timezone.now()
    same_stretch = now - datetime.timedelta(seconds=TIMEOUT_SECONDS + RETURN_SECONDS)
    updated = Presence.objects.filter(article=article, user=user, seen_at__gte=same_stretch).update(seen_at=now)
    if not updated:
        Presence.objects.update_or_create(article=article, user=user, defaults={"started_at": now, "seen_at": now})
        # Now and then (when someone comes back), not on every beat: forget long-gone visitors.
        Presence.objects.filter(article=article, seen_at__lt=now - FORGET_AFTER).delete()
    return others_editing(article=article, user=user, now=now)


def presence_leave(*, article, user, now: datetime.datetime | None = None) -> None:
    """`user` closed `article`'s form: gone for the others at once, back in the same stretch if
    the form opens again soon (as it does after a save)."""
    now = now or timezone.now()
    gone = now - datetime.timedelta(seconds=TIMEOUT_SECONDS + 1)
    Presence.objects.filter(article=article, user=user, seen_at__gt=gone).update(seen_at=gone)
