"""The page cache: one rendered copy of each reader's page serves every anonymous reader.

A page is stored with the versions of what it shows ("dependencies"): all editorial content
(`content`) and the approved comments of each article it shows (`comments:<id>`). Any change
bumps the version it touches (front/invalidation.py), and a stored page whose recorded
versions are no longer current is never served again. A change therefore reaches readers at
once, without knowing which addresses show what.

Versions are random numbers rather than counters, so a version evicted from the cache comes
back as a new token and the pages recorded against the old one stop matching: eviction can
cost a render, never serve a stale page.

Only anonymous readers are served from it: a request with a session (an editor, a moderator)
or with a message waiting (a reader who just posted a comment) goes to the view, and a
response that sets a cookie or varies by cookie is never stored.

With PAGE_CACHE_WRITE_ON_READ = 2, a page is written to the shared cache only when it is asked for
again within the time a copy would be kept (the lookup marks each address it is asked for, in the
same round trip): a page read once in that time then costs no write, and one read twice a render
more. A page rendered and not written is answered all the same, headers and all.

A hit is answered before Django builds its request (ServeStoredPages, in magazine/wsgi.py),
and each process keeps the pages it served lately, so that a hit fetches only their versions.

When a busy page goes stale, one request renders it again while the others are served the
previous copy for that moment (as nginx's `proxy_cache_use_stale updating` does), rather
than every worker rendering the same page at once behind a spike of readers. A render that
fails (5xx: the database is away) leaves the previous copy in place and serves it.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import secrets
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from http import HTTPStatus

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIRequest
from django.db.models import Min
from django.db.models.functions import Coalesce, Greatest
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_conditional_response, set_response_etag
from django.utils.http import parse_http_date_safe

from core import pages
from core.pages import CONTENT, comments_of  # noqa: F401  (the names of what pages depend on)

logger = logging.getLogger(__name__)

PREFIX = "pagecache"
# The query parameters a reader's page reads (a search's words, kind of work and page); others
# (utm_source, fbclid…) share one copy.
KEPT_PARAMETERS = ("q", "kind", "page")
# The share of PAGE_CACHE_PROCESS_BYTES a process keeps for the pages only it keeps (core.pages.PROCESS:
# searches). Every distinct search was a copy of its own in the shared cache (5-16 KB for ten minutes),
# so a script sending random queries filled Redis at will (12 MiB for 2,000). A search asked again on
# the same process is still a hit; random ones push out only other searches.
SEARCH_SHARE = 8
# How many pages' dependencies a process remembers (a few hundred bytes each).
REMEMBERED_PAGES = 20_000
# How long the previous copy of a page may be served while one request renders it again: a
# render takes a tenth of a second, so only a stuck one ever reaches this.
RENDER_CLAIM_SECONDS = 5


def _version_key(dependency: str) -> str:
    return f"{PREFIX}:v:{dependency}"


def current_versions(dependencies: Iterable[str]) -> dict[str, int]:
    """The current version of each dependency, giving a new one to any the cache has lost."""
    keys = {_version_key(name): name for name in dependencies}
    if hasattr(cache, "add_many"):
        # Read and, where lost, added in one round trip that costs what a read does (a script):
        # the versions of an article nobody has commented on since the cache was emptied cost a
        # read, then a write.
        held = cache.add_many({key: secrets.randbits(62) for key in keys}, timeout=None)
        return {keys[key]: value for key, value in held.items()}
    found = cache.get_many(keys)
    versions = {keys[key]: value for key, value in found.items()}
    lost = {key: secrets.randbits(62) for key, name in keys.items() if name not in versions}
    if lost:
        # add(), not set(): two workers meeting a lost version agree on one.
        versions.update((keys[key], value) for key, value in _add_many(lost).items())
    return versions


def _add_many(values: dict[str, int]) -> dict[str, int]:
    """add() each of `values`, and what each key then holds (a cache without add_many: local memory)."""
    for key, value in values.items():
        cache.add(key, value, timeout=None)
    return cache.get_many(values)


def bump(dependencies: Iterable[str]) -> None:
    """Make every page that shows any of `dependencies` stale.

    With the cache away, the change that asked for it is saved all the same: copies kept in a
    cache that comes back hold for PAGE_CACHE_SECONDS at most, which the log says.
    """
    try:
        cache.set_many({_version_key(name): secrets.randbits(62) for name in dependencies}, timeout=None)
    except Exception:  # noqa: BLE001
        logger.error("page cache unavailable: %s not renewed", list(dependencies), exc_info=True)


# --- The middleware ------------------------------------------------------------------------


def cache_key(request: HttpRequest) -> str:
    kept = sorted((name, value) for name in KEPT_PARAMETERS for value in request.GET.getlist(name))
    address = f"{request.scheme}://{request.get_host()}{request.path}?{kept}"
    # "stored": pages kept as StoredPage. The copies of the code before (pickled responses) are
    # never read after a deploy, so none fails to unpickle; they run out by themselves.
    return f"{PREFIX}:stored:{hashlib.sha256(address.encode()).hexdigest()}"


def is_anonymous(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def cached_view(request: HttpRequest) -> str | None:
    """How the reader's page `request` asks for may be kept (core.pages SHARED or PROCESS), if at all:
    views opt in (core.pages.cached_page, CachedPageMixin)."""
    if request.path_info.startswith(settings.STATIC_URL):
        return None
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return None
    return pages.kept_as(match.func)


def is_storable(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = {part.strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}
    if control & {"private", "no-cache", "no-store"}:
        return False
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", ""))}
    return "cookie" not in vary and "*" not in vary


@dataclass
class StoredPage:
    """A page as stored: what a response needs, without the response object around it."""

    status: int
    headers: list[tuple[str, str]] = field(repr=False)
    content: bytes = field(repr=False)
    versions: dict[str, int] = field(repr=False)
    # The page changes by itself then (a scheduled article goes public), whatever the TTL says.
    expires_at: datetime.datetime | None = None
    # When the cache lets the stored copy go (time.time()): a copy kept by a process ends then too.
    kept_until: float = 0.0

    @classmethod
    def of(
        cls, response: HttpResponse, versions: dict[str, int], expires_at: datetime.datetime | None, seconds: int
    ) -> StoredPage:
        return cls(
            response.status_code, list(response.items()), response.content, versions, expires_at, time.time() + seconds
        )

    def response(self) -> HttpResponse:
        return HttpResponse(self.content, status=self.status, headers=dict(self.headers))

    @property
    def status_line(self) -> str:
        return f"{self.status} {HTTPStatus(self.status).phrase}"

    def is_live(self) -> bool:
        """Not past its time; whether what it shows has changed is for the versions to say."""
        return self.expires_at is None or self.expires_at > timezone.now()


@dataclass
class Found:
    key: str
    page: StoredPage | None = None
    # The copy was stored against the versions current now: it may be served as it is.
    current: bool = False
    # The address was asked for before, within the time a copy would be kept: a page rendered for it
    # is worth writing to the shared cache (see `worth_storing`).
    asked_before: bool = False
    # Versions the lookup read, read before anything the page is rendered from: a render may take
    # them as its own rather than read them again.
    versions: dict[str, int] = field(default_factory=dict)


# Where the lookup of a request is kept for the rest of its way through (its WSGI environ).
FOUND = "front.pagecache.found"


class ProcessCopies:
    """What this process remembers of the cache, so that a hit reads only what may have changed.

    - The dependencies of each page: one round trip then fetches the page with the versions
      to check it against. A guess that turns out wrong costs a second trip, never a stale page.
    - The pages it has read lately, up to `limit` bytes: a hit then fetches only their versions,
      tens of bytes instead of the page. A kept copy is served only while the versions it was
      stored with are current and the cache would still hold it, exactly as the shared copy.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.dependencies: dict[str, tuple[str, ...]] = {}
        self.pages: dict[str, tuple[StoredPage, dict[str, int]]] = {}
        self.size = 0
        # Threaded servers share one process's copies.
        self.lock = threading.Lock()

    def remember(self, key: str, dependencies: tuple[str, ...]) -> None:
        if len(self.dependencies) >= REMEMBERED_PAGES:
            self.dependencies.clear()
        self.dependencies[key] = dependencies

    def keep(self, key: str, page: StoredPage) -> None:
        with self.lock:
            self._forget(key)
            if len(page.content) > self.limit:
                return
            # The oldest copies go first (dicts keep insertion order).
            while self.pages and self.size + len(page.content) > self.limit:
                self._forget(next(iter(self.pages)))
            # With the cache keys of its versions, which every hit reads.
            self.pages[key] = (page, {_version_key(name): version for name, version in page.versions.items()})
            self.size += len(page.content)

    def forget(self, key: str) -> None:
        with self.lock:
            self._forget(key)

    def _forget(self, key: str) -> None:
        if (kept := self.pages.pop(key, None)) is not None:
            self.size -= len(kept[0].content)

    def kept(self, key: str) -> tuple[StoredPage, dict[str, int]] | tuple[None, None]:
        """The copy of the page at `key` this process keeps, and the versions it holds for."""
        page, versions = self.pages.get(key, (None, None))
        if page is not None and page.kept_until <= time.time():
            self.forget(key)
            return None, None
        return page, versions


copies = ProcessCopies(limit=settings.PAGE_CACHE_PROCESS_BYTES)
# The pages of PROCESS_ONLY_VIEWS, in a share of their own: a flood of searches cannot push out the
# articles' copies.
own_copies = ProcessCopies(limit=settings.PAGE_CACHE_PROCESS_BYTES // SEARCH_SHARE)


def look_up(request: HttpRequest) -> Found | None:
    """The stored copy of the page `request` asks for, or None if the cache never answers it
    (not an anonymous GET or HEAD, or the page cache is off). Looked up once per request."""
    if FOUND in request.META:
        return request.META[FOUND]
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD") or not is_anonymous(request):
        return None
    key = cache_key(request)
    try:
        found = _look_up(key)
    except Exception:  # noqa: BLE001  (the cache is away: render, as if it were empty)
        logger.warning("page cache unavailable for %s", request.path, exc_info=True)
        found = Found(key)
    request.META[FOUND] = found
    return found


def _look_up(key: str) -> Found:
    for keeper in (copies, own_copies):
        kept, versions = keeper.kept(key)
        if kept is not None and kept.is_live():
            if cache.get_many(versions) == versions:
                return Found(key, kept, current=True)
            # Changed since: the shared copy may have been rendered again already.
            keeper.forget(key)
    guessed = copies.dependencies.get(key, (CONTENT,))
    keys = [key, *(_version_key(name) for name in guessed)]
    if settings.PAGE_CACHE_WRITE_ON_READ > 1:
        found, first_asked = _get_many_and_mark(keys, _asked_key(key))
    else:
        found, first_asked = cache.get_many(keys), False
    page = found.pop(key, None)
    read = {name: found[_version_key(name)] for name in guessed if _version_key(name) in found}
    if not isinstance(page, StoredPage):
        return Found(key, asked_before=not first_asked, versions=read)
    if not page.is_live():
        return Found(key, page, asked_before=not first_asked, versions=read)
    if set(page.versions) == set(guessed):
        versions = read
    else:
        copies.remember(key, tuple(page.versions))
        versions = current_versions(page.versions)
    current = versions == page.versions
    if current:
        copies.keep(key, page)
    return Found(key, page, current, asked_before=not first_asked, versions=versions)


def _asked_key(key: str) -> str:
    return f"{key}:asked"


def _get_many_and_mark(keys: list[str], mark: str) -> tuple[dict, bool]:
    """get_many(keys), and add() the marker `mark` for as long as a page is kept; whether this added it.
    In the one round trip of the lookup where the cache can."""
    if hasattr(cache, "get_many_and_add"):
        return cache.get_many_and_add(keys, mark, 1, timeout=settings.PAGE_CACHE_SECONDS)
    return cache.get_many(keys), cache.add(mark, 1, timeout=settings.PAGE_CACHE_SECONDS)


# Request headers that can turn a hit into a 304 (or a 412); without them the page goes out as stored.
CONDITIONS = ("HTTP_IF_MATCH", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_UNMODIFIED_SINCE")


class ServeStoredPages:
    """WSGI middleware: answer an anonymous GET of a stored, current page before Django does.

    A hit is then what it must be (one cache round trip for the versions of what the page
    shows, the copy this process keeps, a 304 when the reader has it already) without Django's
    request signals, handler and middleware chain around it: 0.30-0.48 ms down to 0.17-0.29 ms
    in-process on the bench corpus (bench/README.md). Every other request goes to Django as it
    came, with what the lookup found, so that PageCacheMiddleware does not look again.
    """

    def __init__(self, application) -> None:
        self.application = application

    def __call__(self, environ, start_response):
        try:
            request = WSGIRequest(environ)
            found = look_up(request)
        except Exception:  # noqa: BLE001  (a Host not allowed, say: Django answers it, 400, as always)
            found = None
        if found is None or not found.current:
            return self.application(environ, start_response)
        page = found.page
        if request.method == "GET" and any(name in environ for name in CONDITIONS):
            response = served(request, page, "hit")
            start_response(f"{response.status_code} {response.reason_phrase}", list(response.items()))
            return [response.content]
        start_response(page.status_line, [*page.headers, ("X-Page-Cache", "hit")])
        return [page.content]


class PageCacheMiddleware:
    """Serve anonymous GETs of reader pages from the cache; store what they render.

    Sits outside every other middleware: a page is stored with the headers they gave it
    (security headers, CSP, Permissions-Policy, its ETag: the same for every reader of one
    address, whose scheme is part of the key), and a page from the cache answers a matching
    If-None-Match with a 304 itself, as Django's conditional-GET middleware would. In
    production, ServeStoredPages answers hits before Django and hands this middleware what it
    found for the rest.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        found = look_up(request)
        if found is None:
            return self.get_response(request)
        key, page = found.key, found.page
        # Only reader pages are ever stored, so a copy needs no look at the URL.
        if found.current:
            return served(request, page, "hit")
        if (kept := cached_view(request)) is None:
            return self.get_response(request)
        if page is not None and not claim(key):
            # Another request is rendering this page again: the previous copy, for that moment.
            return served(request, page, "stale")
        try:
            response = self.render(request, found, settings.PAGE_CACHE_SECONDS, shared=kept == pages.SHARED)
        finally:
            if page is not None:
                release(key)
        if page is not None and response.status_code >= 500:
            # The page could not be rendered again (the database is away, say): readers keep
            # the previous copy rather than an error page, until a render succeeds.
            logger.warning(
                "serving the previous copy of %s: rendering it answered %s", request.path, response.status_code
            )
            return served(request, page, "stale")
        return response

    def render(self, request: HttpRequest, found: Found, seconds: int, *, shared: bool = True) -> HttpResponse:
        key, replacing = found.key, found.page is not None
        # The versions the lookup read were read before the page's rows are, as depends_on asks.
        with pages.recording(current_versions, read=found.versions) as recording:
            # Every reader's page shows the editors' content, so every page depends on it.
            pages.depends_on(CONTENT)
            response = self.get_response(request)
        try:
            if not recording.failed and is_storable(response):
                self.store(found, response, recording, seconds, shared=shared)
            elif replacing and response.status_code < 500 and response.status_code != 304:
                # The page is gone (unpublished) or cannot be kept: no previous copy of it may
                # stand in for it while another request renders. (A 304 says nothing of the page,
                # only that this reader has it: the copy stays for the others.)
                cache.delete(key)
                copies.forget(key)
        except Exception:  # noqa: BLE001
            logger.warning("page cache could not store %s", request.path, exc_info=True)
        response.headers.setdefault("X-Page-Cache", "miss")
        return response

    def store(
        self, found: Found, response: HttpResponse, recording: pages.Recording, seconds: int, *, shared: bool = True
    ) -> None:
        """Give `response` the headers of a kept page, and keep it if it is worth it."""
        # Worked out after rendering: the schedule changes only with the content, whose
        # version was read before the page's rows were.
        expires_at = min(
            filter(None, [recording.expires_at, next_scheduled_change(recording.versions.get(CONTENT))]), default=None
        )
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
        key = found.key
        if shared:
            # Kept or not: this process's next lookup of the page reads all its versions with it,
            # which its render then needs not read again.
            copies.remember(key, tuple(recording.versions))
        if not worth_storing(found, shared=shared):
            # Answered all the same as a kept page is, whether or not the next reader gets a copy.
            return
        page = StoredPage.of(response, recording.versions, expires_at, seconds)
        if not shared:
            own_copies.keep(key, page)
            return
        cache.set(key, page, timeout=seconds)
        copies.keep(key, page)


def worth_storing(found: Found, *, shared: bool) -> bool:
    """Whether to keep the page rendered for `found`: in the shared cache, with
    PAGE_CACHE_WRITE_ON_READ = 2, only a page asked for again within the time it would be kept, or
    one replacing its previous copy.

    Writing a copy (tens of KB, pickled) costs a round trip and the pickling, wasted on a page
    nobody reads again in that time. A process's own copies cost no round trip: they keep every page.
    """
    return not shared or found.page is not None or found.asked_before


def served(request: HttpRequest, page: StoredPage, how: str) -> HttpResponse:
    response = page.response()
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


def next_scheduled_change(content_version: int | None = None) -> datetime.datetime | None:
    """When the next scheduled article or embargo goes public: every page may change then.

    Worked out once per version of the content (only an edit can move it: `content_version`, when
    the caller has read it) and again once that moment has passed; each process remembers it too,
    so that storing a page costs no round trip for it.
    """
    from articles.models import Article

    if content_version is None:
        content_version = current_versions([CONTENT])[CONTENT]
    key = f"{PREFIX}:next:{content_version}"
    moment = _moments.get(key)
    if moment is None:
        moment = cache.get(key)
    if moment is None or (moment != "none" and moment <= timezone.now()):
        goes_public = Greatest("publish_at", Coalesce("embargo_until", "publish_at"))
        moment = Article.objects.scheduled().aggregate(next=Min(goes_public))["next"] or "none"
        cache.set(key, moment, timeout=settings.PAGE_CACHE_SECONDS)
    if len(_moments) >= REMEMBERED_MOMENTS:
        _moments.clear()
    _moments[key] = moment
    return None if moment == "none" else moment


# next_scheduled_change's answers, by version of the content: a few are current at any time.
_moments: dict[str, datetime.datetime | str] = {}
REMEMBERED_MOMENTS = 64
