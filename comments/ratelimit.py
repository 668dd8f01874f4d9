"""Rate limits on readers' posts, counted in the cache (Redis in production).

Fixed windows: a reader who is over the limit is told exactly when the window ends.
"""

from __future__ import annotations

import datetime
import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone


def clock() -> float:
    """The current time in seconds; tests move it forward."""
    return time.time()


@dataclass(frozen=True)
class Limited:
    """A refusal: the reader may try again after `retry_after` seconds."""

    scope: str
    retry_after: int

    @property
    def until(self) -> datetime.datetime:
        return timezone.now() + datetime.timedelta(seconds=self.retry_after)


def hit(scope: str, key: str, *, limit: int, window: int) -> Limited | None:
    """Count one attempt by `key` in `scope`; a `Limited` when it is over `limit` in this window."""
    if not key or limit <= 0 or window <= 0:
        return None
    now = clock()
    start = int(now // window) * window
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"comments:rate:{scope}:{digest}:{start}"
    cache.add(cache_key, 0, timeout=window + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.set(cache_key, 1, timeout=window + 1)
        count = 1
    if count > limit:
        return Limited(scope=scope, retry_after=max(1, int(start + window - now + 0.999)))
    return None


def hit_ip(ip: str | None, *, scope: str = "ip") -> Limited | None:
    return hit(scope, ip or "", limit=settings.COMMENTS_RATE_LIMIT_PER_IP, window=settings.COMMENTS_RATE_LIMIT_WINDOW)


def hit_email(email: str) -> Limited | None:
    return hit(
        "email",
        (email or "").strip().lower(),
        limit=settings.COMMENTS_RATE_LIMIT_PER_EMAIL,
        window=settings.COMMENTS_RATE_LIMIT_WINDOW,
    )
