"""The page cache: one rendered copy of each reader's page serves every anonymous reader.

A page is stored with the versions of what it shows ("dependencies"): all editorial content
(`content`) and the approved comments of each article it shows (`comments:<id>`). Any change
bumps the version it touches (magazine/invalidation.py), and a stored page whose recorded
versions are no longer current is never served again. A change therefore reaches readers at
once, without knowing which addresses show what.

Versions are random numbers rather than counters, so a version evicted from the cache comes
back as a new token and the pages recorded against the old one stop matching: eviction can
cost a render, never serve a stale page.

Only anonymous readers are served from it: a request with a session (an editor, a moderator)
or with a message waiting (a reader who just posted a comment) goes to the view, and a
response that sets a cookie or varies by cookie is never stored.

When a busy page goes stale, one request renders it again while the others are served the
previous copy for that moment (as nginx's `proxy_cache_use_stale updating` does), rather
than every worker rendering the same page at once behind a spike of readers. A render that
fails (5xx: the database is away) leaves the previous copy in place and serves it.
"""

from __future__ import annotations

import contextvars
import datetime
import hashlib
import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min
from django.db.models.functions import Coalesce, Greatest
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_conditional_response, set_response_etag
from django.utils.http import parse_http_date_safe

logger = logging.getLogger(__name__)

CONTENT = "content"
PREFIX = "pagecache"
# The query parameters a reader's page reads; others (utm_source, fbclid…) share one copy.
KEPT_PARAMETERS = ("q", "page")
# Reader pages worth keeping; everything else (admin, previews, comment forms, health) never is.
CACHED_VIEWS = {
    "comments:page",
    "home",
    "home_page",
    "robots",
    "sitemap",
    "sitemap_section",
}
UNCACHED_ARTICLE_VIEWS = {"articles:preview"}
# How many pages' dependencies a process remembers (a few hundred bytes each).
REMEMBERED_PAGES = 20_000
# How long the previous copy of a page may be served while one request renders it again: a
# render takes a tenth of a second, so only a stuck one ever reaches this.
RENDER_CLAIM_SECONDS = 5


def comments_of(article_id: int) -> str:
    return f"comments:{article_id}"


def _version_key(dependency: str) -> str:
    return f"{PREFIX}:v:{dependency}"


def current_versions(dependencies: Iterable[str]) -> dict[str, int]:
    """The current version of each dependency, giving a new one to any the cache has lost."""
    keys = {_version_key(name): name for name in dependencies}
    found = cache.get_many(keys)
    versions = {keys[key]: value for key, value in found.items()}
    for key, name in keys.items():
        if name not in versions:
            # add(), not set(): two workers meeting a lost version agree on one.
            cache.add(key, secrets.randbits(62), timeout=None)
            versions[name] = cache.get(key)
    return versions


def bump(dependencies: Iterable[str]) -> None:
    """Make every page that shows any of `dependencies` stale.

    With the cache away, the change that asked for it is saved all the same: copies kept in a
    cache that comes back hold for PAGE_CACHE_SECONDS at most, which the log says.
    """
    try:
        cache.set_many({_version_key(name): secrets.randbits(62) for name in dependencies}, timeout=None)
    except Exception:  # noqa: BLE001
        logger.error("page cache unavailable: %s not renewed", list(dependencies), exc_info=True)


# --- What the page being rendered depends on -------------------------------------------------


@dataclass
class Recording:
    versions: dict[str, int] = field(default_factory=dict)
    expires_at: datetime.datetime | None = None
    # The cache could not be read while rendering: the page is served, never stored.
    failed: bool = False


_recording: contextvars.ContextVar[Recording | None] = contextvars.ContextVar("pagecache_recording", default=None)


def depends_on(*dependencies: str) -> None:
    """Record that the page being rendered shows these; call it before reading them.

    Reading the version first means a change that lands while the page renders leaves the
    page recorded against the old version, so it is never served.
    """
    recording = _recording.get()
    if recording is None:
        return
    new = [name for name in dependencies if name not in recording.versions]
    if new and not recording.failed:
        try:
            recording.versions.update(current_versions(new))
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


# --- The middleware ------------------------------------------------------------------------


def cache_key(request: HttpRequest) -> str:
    kept = sorted((name, value) for name in KEPT_PARAMETERS for value in request.GET.getlist(name))
    address = f"{request.scheme}://{request.get_host()}{request.path}?{kept}"
    return f"{PREFIX}:page:{hashlib.sha256(address.encode()).hexdigest()}"


def is_anonymous(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def is_cached_view(request: HttpRequest) -> bool:
    if request.path_info.startswith(settings.STATIC_URL):
        return False
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return False
    if match.namespace == "articles":
        return match.view_name not in UNCACHED_ARTICLE_VIEWS
    return match.view_name in CACHED_VIEWS


def is_storable(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = {part.strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}
    if control & {"private", "no-cache", "no-store"}:
        return False
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", ""))}
    return "cookie" not in vary and "*" not in vary


@dataclass
class Entry:
    response: HttpResponse
    versions: dict[str, int]
    # The page changes by itself then (a scheduled article goes public), whatever the TTL says.
    expires_at: datetime.datetime | None = None


class PageCacheMiddleware:
    """Serve anonymous GETs of reader pages from the cache; store what they render.

    Sits outside every other middleware: a page is stored with the headers they gave it
    (security headers, CSP, Permissions-Policy, its ETag: the same for every reader of one
    address, whose scheme is part of the key), and a page from the cache answers a matching
    If-None-Match with a 304 itself, as Django's conditional-GET middleware would.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # {page key: the dependencies its copy was stored with}, for this process.
        self.dependencies: dict[str, tuple[str, ...]] = {}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = settings.PAGE_CACHE_SECONDS
        if seconds <= 0 or request.method not in ("GET", "HEAD") or not is_anonymous(request):
            return self.get_response(request)
        key = cache_key(request)
        entry, current = None, False
        try:
            entry, current = self.lookup(key)
        except Exception:  # noqa: BLE001  (the cache is away: render, as if it were empty)
            logger.warning("page cache unavailable for %s", request.path, exc_info=True)
        # Only reader pages are ever stored, so a copy needs no look at the URL.
        if current:
            return served(request, entry, "hit")
        if not is_cached_view(request):
            return self.get_response(request)
        if entry is not None and not claim(key):
            # Another request is rendering this page again: the previous copy, for that moment.
            return served(request, entry, "stale")
        try:
            response = self.render(request, key, seconds, replacing=entry is not None)
        finally:
            if entry is not None:
                release(key)
        if entry is not None and response.status_code >= 500:
            # The page could not be rendered again (the database is away, say): readers keep
            # the previous copy rather than an error page, until a render succeeds.
            logger.warning(
                "serving the previous copy of %s: rendering it answered %s", request.path, response.status_code
            )
            return served(request, entry, "stale")
        return response

    def render(self, request: HttpRequest, key: str, seconds: int, *, replacing: bool) -> HttpResponse:
        recording = Recording()
        token = _recording.set(recording)
        try:
            # Every reader's page shows the editors' content, so every page depends on it.
            depends_on(CONTENT)
            response = self.get_response(request)
        finally:
            _recording.reset(token)
        try:
            if not recording.failed and is_storable(response):
                self.store(key, response, recording, seconds)
            elif replacing and response.status_code < 500:
                # The page is gone (unpublished) or cannot be kept: no previous copy of it may
                # stand in for it while another request renders.
                cache.delete(key)
        except Exception:  # noqa: BLE001
            logger.warning("page cache could not store %s", request.path, exc_info=True)
        response.headers.setdefault("X-Page-Cache", "miss")
        return response

    def lookup(self, key: str) -> tuple[Entry | None, bool]:
        """The stored copy of the page, if any, and whether it is current."""
        # What a page depends on rarely changes: remembering it lets one round trip fetch the
        # page with the versions to check it against. A guess that turns out wrong costs a
        # second trip, never a stale page.
        guessed = self.dependencies.get(key, (CONTENT,))
        found = cache.get_many([key, *(_version_key(name) for name in guessed)])
        entry = found.pop(key, None)
        if not isinstance(entry, Entry):
            return None, False
        if entry.expires_at is not None and entry.expires_at <= timezone.now():
            return entry, False
        if set(entry.versions) == set(guessed):
            versions = {name: found.get(_version_key(name)) for name in guessed}
        else:
            self.remember(key, tuple(entry.versions))
            versions = current_versions(entry.versions)
        return entry, versions == entry.versions

    def remember(self, key: str, dependencies: tuple[str, ...]) -> None:
        if len(self.dependencies) >= REMEMBERED_PAGES:
            self.dependencies.clear()
        self.dependencies[key] = dependencies

    def store(self, key: str, response: HttpResponse, recording: Recording, seconds: int) -> None:
        # Worked out after rendering: the schedule changes only with the content, whose
        # version was read before the page's rows were.
        expires_at = min(filter(None, [recording.expires_at, next_scheduled_change()]), default=None)
        if expires_at is not None:
            seconds = min(seconds, int((expires_at - timezone.now()).total_seconds()))
            if seconds <= 0:
                return
        # Browsers check back every time (a 304 when nothing changed); a front cache (nginx,
        # ops/nginx-microcache.conf) may keep the page a second: X-Accel-Expires is read by
        # nginx only, and never passed on to browsers.
        response.headers.setdefault("Cache-Control", "public, max-age=0, must-revalidate")
        if settings.FRONT_CACHE_SECONDS > 0:
            response.headers["X-Accel-Expires"] = str(settings.FRONT_CACHE_SECONDS)
        # One chunk: a feed is written in thousands of small ones, which the server would
        # otherwise send one by one on every hit.
        response.content = response.content
        if "ETag" not in response.headers:
            set_response_etag(response)
        cache.set(key, Entry(response, recording.versions, expires_at), timeout=seconds)
        self.remember(key, tuple(recording.versions))


def served(request: HttpRequest, entry: Entry, how: str) -> HttpResponse:
    response = entry.response
    response.headers["X-Page-Cache"] = how
    if request.method != "GET":
        return response
    last_modified = response.get("Last-Modified")
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=last_modified and parse_http_date_safe(last_modified),
        response=response,
    )


def _claim_key(key: str) -> str:
    return f"{key}:rendering"


def claim(key: str) -> bool:
    """Take the rendering of the page at `key` on this request, unless another has it."""
    try:
        return cache.add(_claim_key(key), 1, timeout=RENDER_CLAIM_SECONDS)
    except Exception:  # noqa: BLE001  (with the cache away, every request renders)
        return True


def release(key: str) -> None:
    try:
        cache.delete(_claim_key(key))
    except Exception:  # noqa: BLE001  (the claim runs out by itself)
        logger.warning("page cache could not release %s", key, exc_info=True)


def next_scheduled_change() -> datetime.datetime | None:
    """When the next scheduled article or embargo goes public: every page may change then.

    Worked out once per version of the content (only an edit can move it) and again once
    that moment has passed.
    """
    from articles.models import Article

    key = f"{PREFIX}:next:{current_versions([CONTENT])[CONTENT]}"
    moment = cache.get(key)
    if moment is None or (moment != "none" and moment <= timezone.now()):
        goes_public = Greatest("publish_at", Coalesce("embargo_until", "publish_at"))
        moment = Article.objects.scheduled().aggregate(next=Min(goes_public))["next"] or "none"
        cache.set(key, moment, timeout=settings.PAGE_CACHE_SECONDS)
    return None if moment == "none" else moment
