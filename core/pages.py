"""What a reader's page tells the page cache above it, without any app importing the cache.

A view opts in to being kept (`cached_page` for a function, `CachedPageMixin` for a class, a
`page_cache` attribute on anything else the URLconf routes to); SHARED pages are kept in the
shared cache, PROCESS pages only in each process's own copies. While a page renders, the view
that serves it says what it shows (`depends_on`) and when it will change by itself
(`changes_at`); the page cache (front/pagecache.py) records that and keeps the page until one
of those changes (core/signals.py `content_changed`, or a model's own signals). The domain code
below the views (counts, threads, the comment policy) knows nothing of it.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import functools
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)

# Every page shows the editors' content; a page showing comments also depends on each article's.
CONTENT = "content"
SHARED = "shared"
# Kept by each process for itself only (searches: each distinct one would be a copy of its own).
PROCESS = "process"


def comments_of(article_id: int) -> str:
    return f"comments:{article_id}"


# --- Opting in ---------------------------------------------------------------------------------


def cached_page(view: Callable | None = None, *, kept: str = SHARED):
    """Mark a function view as a reader's page the page cache may keep."""

    def mark(function: Callable) -> Callable:
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            return function(*args, **kwargs)

        wrapper.page_cache = kept
        return wrapper

    return mark(view) if view is not None else mark


def changes_no_page(view: Callable) -> Callable:
    """Mark a view whose writes show on no reader's page (the desk's autosave and presence
    beacons, every few seconds from each open form): the layers above open no transaction of
    their own around it to render what it changed."""
    view.changes_no_page = True
    return view


class CachedPageMixin:
    """Mark a class-based view (or a feed) as a reader's page the page cache may keep."""

    page_cache: str | None = SHARED


def kept_as(view: Callable) -> str | None:
    """SHARED or PROCESS if the page cache may keep what `view` answers, else None."""
    kept = getattr(view, "page_cache", None)
    if kept is None and (view_class := getattr(view, "view_class", None)) is not None:
        kept = getattr(view_class, "page_cache", None)
    return kept


# --- What the page being rendered depends on -------------------------------------------------


@dataclass
class Recording:
    # How the page cache reads the current versions of dependencies.
    read_versions: Callable[[list[str]], dict[str, int]]
    versions: dict[str, int] = field(default_factory=dict)
    # Versions read already, before the page's rows were: taken as they are rather than read again.
    read: dict[str, int] = field(default_factory=dict)
    expires_at: datetime.datetime | None = None
    # The cache could not be read while rendering: the page is served, never stored.
    failed: bool = False


_recording: contextvars.ContextVar[Recording | None] = contextvars.ContextVar("pagecache_recording", default=None)


@contextlib.contextmanager
def recording(
    read_versions: Callable[[list[str]], dict[str, int]], *, read: dict[str, int] | None = None
) -> Iterator[Recording]:
    """Record what the page rendered inside the block depends on (for the page cache).

    `read`: versions the caller read before the block (the page cache's lookup), which the page
    takes for any dependency it names rather than reading it again.
    """
    found = Recording(read_versions, read=dict(read or {}))
    token = _recording.set(found)
    try:
        yield found
    finally:
        _recording.reset(token)


@contextlib.contextmanager
def unrecorded() -> Iterator[None]:
    """Work done while a page renders whose reads the page does not show (rendering other stored pages)."""
    token = _recording.set(None)
    try:
        yield
    finally:
        _recording.reset(token)


def depends_on(*dependencies: str) -> None:
    """Record that the page being rendered shows these; call it before reading them.

    Reading the version first means a change that lands while the page renders leaves the
    page recorded against the old version, so it is never served.
    """
    recording = _recording.get()
    if recording is None:
        return
    new = [name for name in dependencies if name not in recording.versions]
    recording.versions.update((name, recording.read[name]) for name in new if name in recording.read)
    new = [name for name in new if name not in recording.versions]
    if new and not recording.failed:
        try:
            recording.versions.update(recording.read_versions(new))
        except Exception:  # noqa: BLE001  (a cache outage costs the copy, never the page)
            logger.warning("page cache unavailable while rendering %s", new, exc_info=True)
            recording.failed = True


def depends_on_comments(article_ids: Iterable[int]) -> None:
    depends_on(*(comments_of(pk) for pk in article_ids if pk))


def changes_at(moment: datetime.datetime | None) -> None:
    """The page being rendered will change by itself at `moment` (comments close, say)."""
    recording = _recording.get()
    if recording is None or moment is None:
        return
    if recording.expires_at is None or moment < recording.expires_at:
        recording.expires_at = moment
