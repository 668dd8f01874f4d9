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
    count = _count(cache_key, timeout=window + 1)
    if count > limit:
        return Limited(scope=scope, retry_after=max(1, int(start + window - now + 0.999)))
    return None


def _count(key: str, *, timeout: int) -> int:
    """One more attempt on the counter `key`, which starts at 1 and lasts `timeout` seconds."""
    if hasattr(cache, "count"):  # core.cache.RedisCache: one round trip
        return cache.count(key, timeout)
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=timeout)
        return 1


def hit_ip(ip: str | None, *, scope: str = "ip") -> Limited | None:
    return hit(scope, ip or "", limit=settings.COMMENTS_RATE_LIMIT_PER_IP, window=settings.COMMENTS_RATE_LIMIT_WINDOW)


def hit_email(email: str) -> Limited | None:
    return hit(
        "email",
        (email or "").strip().lower(),
        limit=settings.COMMENTS_RATE_LIMIT_PER_EMAIL,
        window=settings.COMMENTS_RATE_LIMIT_WINDOW,
    )
