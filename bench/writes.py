"""What a change costs: the desk's writes, timed through the admin, and how soon readers see them.

Each write is made as an editor or moderator makes it, over HTTP against the running server: signed
in through the admin's login form with the bench's login (`bench.corpus.bench_login`), every form
read from the page that shows it and posted back with its CSRF token, cookies kept, behind TLS as
production is (`X-Forwarded-Proto: https` from the proxy, the browser's `Origin`). Three writes:

- **publish**: "Publish now" on a draft's change form (the workflow's publish button);
- **approve**: the moderation queue's "Approve" action on one pending comment;
- **rename**: a new title for the film on the card of 300 articles, through its change form.

For each: the write's own request (the POST, until its answer is read), and the time from the start
of that request until every page it changes shows the change to an anonymous reader, the page cache
on as deployed. The pages are asked for again and again by a few readers at once until each shows it;
a write whose pages do not all show it within the timeout is a failure, reported, never waited on
longer. Whether a page shows a change is read from its HTML, so the figures mean the same whether
pages are rendered when read (today) or by a worker after the write (issue 23).
"""

from __future__ import annotations

import http.client
import math
import re
import secrets
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urljoin, urlsplit

# How many readers ask for the changed pages at once.
READERS = 8
# Pause between rounds of asking for the pages that did not show the change yet.
POLL_INTERVAL = 0.05


class WriteFailed(RuntimeError):
    """The site refused the write, or the page to make it from was not there."""


# --- A desk member's browser ------------------------------------------------------------------


@dataclass
class Response:
    status: int
    location: str
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


@dataclass
class Form:
    action: str
    enctype: str
    id: str = ""
    fields: list[tuple[str, str]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    buttons: list[tuple[str, str]] = field(default_factory=list)

    def value(self, name: str) -> str | None:
        return next((value for key, value in self.fields if key == name), None)

    def filled(self, values: dict[str, str] | None = None, *, add: Iterable[tuple[str, str]] = ()) -> Form:
        """A copy with `values` in place of what the page had (added if it had none), and `add` appended."""
        values = dict(values or {})
        fields = [(key, values.pop(key) if key in values else value) for key, value in self.fields]
        fields += [*values.items(), *add]
        return Form(self.action, self.enctype, self.id, fields, list(self.files), list(self.buttons))

    def data(self) -> dict[str, list[str]]:
        """The fields as Django's test client takes them (a list for each name)."""
        grouped: dict[str, list[str]] = {}
        for key, value in self.fields:
            grouped.setdefault(key, []).append(value)
        return grouped


class _Forms(HTMLParser):
    """Every form of a page, with what a browser would submit from it untouched."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: tuple[str, bool, list[list]] | None = None
        self.option: list | None = None
        self.textarea: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: ("" if value is None else value) for key, value in attrs}
        if tag == "form":
            self.form = Form(
                action=a.get("action", ""),
                enctype=a.get("enctype", "application/x-www-form-urlencoded").lower(),
                id=a.get("id", ""),
            )
            return
        if self.form is None:
            return
        name = a.get("name", "")
        if "disabled" in a:
            return
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in {"submit", "image", "button", "reset"}:
                self.form.buttons.append((name, a.get("value", "")))
            elif kind == "file":
                self.form.files.append(name)
            elif kind in {"checkbox", "radio"}:
                if "checked" in a:
                    self.form.fields.append((name, a.get("value", "on")))
            else:
                self.form.fields.append((name, a.get("value", "")))
        elif tag == "button" and name and a.get("type", "submit").lower() == "submit":
            self.form.buttons.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self.select = (name, "multiple" in a, [])
        elif tag == "option" and self.select is not None:
            self.option = [a.get("value"), "selected" in a, []]
            self.select[2].append(self.option)
        elif tag == "textarea" and name:
            self.textarea = (name, [])

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea[1].append(data)
        elif self.option is not None:
            self.option[2].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.form is not None:
            self.forms.append(self.form)
            self.form = None
        elif tag == "option":
            self.option = None
        elif tag == "textarea" and self.textarea is not None and self.form is not None:
            name, parts = self.textarea
            text = "".join(parts)
            # As HTML parsing does: a newline right after <textarea> is not part of the value.
            text = text[2:] if text.startswith("\r\n") else text[1:] if text.startswith("\n") else text
            self.form.fields.append((name, text))
            self.textarea = None
        elif tag == "select" and self.select is not None and self.form is not None:
            name, multiple, options = self.select
            chosen = [option for option in options if option[1]]
            if not chosen and not multiple and options:
                chosen = options[:1]  # a browser submits the first option of a single select
            for value, _selected, text in chosen:
                self.form.fields.append((name, value if value is not None else "".join(text).strip()))
            self.select = None
            self.option = None


def forms(html: str) -> list[Form]:
    parser = _Forms()
    parser.feed(html)
    parser.close()
    return parser.forms


def find_form(html: str, *, id: str | None = None, action_endswith: str | None = None) -> Form:
    for form in forms(html):
        if id is not None and form.id == id:
            return form
        if action_endswith is not None and form.action.endswith(action_endswith):
            return form
    wanted = f"id={id!r}" if id is not None else f"action ending {action_endswith!r}"
    raise WriteFailed(f"no form with {wanted} on the page")


def multipart(fields: Iterable[tuple[str, str]], files: Iterable[str]) -> tuple[bytes, str]:
    """The body of a multipart/form-data post, as a browser sends it with no file chosen."""
    boundary = f"----bench{secrets.token_hex(12)}"
    parts: list[bytes] = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename=""\r\n'
            "Content-Type: application/octet-stream\r\n\r\n\r\n".encode()
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Desk:
    """An editor's browser: cookies kept (the session, CSRF's), forms posted back as a browser does.

    gunicorn is spoken to directly, but as from behind the TLS proxy production has (X-Forwarded-Proto:
    https), so the production profile's secure cookies, CSRF origin check and all apply unchanged.
    """

    def __init__(self, base_url: str, *, timeout: float = 120) -> None:
        parts = urlsplit(base_url)
        self.host, self.port, self.netloc = parts.hostname or "127.0.0.1", parts.port or 80, parts.netloc
        self.origin = f"https://{parts.netloc}"
        self.timeout = timeout
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, *, body: bytes | None = None, headers: dict | None = None) -> Response:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        sent = {
            "Host": self.netloc,
            "X-Forwarded-Proto": "https",
            "User-Agent": "bench-desk",
            "Accept": "text/html",
        }
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        sent.update(headers or {})
        try:
            connection.request(method, path, body=body, headers=sent)
            answer = connection.getresponse()
            content = answer.read()
            for header in answer.headers.get_all("Set-Cookie") or []:
                self._keep(header)
            return Response(answer.status, answer.getheader("Location", ""), content)
        finally:
            connection.close()

    def _keep(self, header: str) -> None:
        jar = SimpleCookie()
        jar.load(header)
        for name, morsel in jar.items():
            gone = morsel["max-age"] == "0" or "1970" in morsel["expires"]
            if gone:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def page(self, path: str) -> str:
        """The HTML of a desk page that must answer 200."""
        response = self.get(path)
        if response.status != 200:
            raise WriteFailed(f"GET {path} answered {response.status}")
        return response.text

    def submit(self, form: Form, *, page: str, button: tuple[str, str] | None = None) -> Response:
        """Post `form` from `page` as a browser does, `button` the one clicked."""
        fields = list(form.fields) + ([button] if button else [])
        if form.enctype == "multipart/form-data":
            body, content_type = multipart(fields, form.files)
        else:
            body, content_type = urlencode(fields).encode(), "application/x-www-form-urlencoded"
        target = urljoin(page, form.action) if form.action else page
        headers = {"Content-Type": content_type, "Origin": self.origin, "Referer": self.origin + page}
        return self.request("POST", target, body=body, headers=headers)

    def log_in(self, username: str, password: str) -> None:
        from django.urls import reverse

        page = f"{reverse('admin:login')}?next={reverse('admin:index')}"
        form = find_form(self.page(page), id="login-form").filled({"username": username, "password": password})
        response = self.submit(form, page=page)
        if response.status != 302:
            raise WriteFailed(f"the admin refused the bench login {username!r} (answered {response.status})")


def desk_message(desk: Desk, path: str) -> str:
    """The messages the desk shows on `path` (what a redirect after a write brings)."""
    try:
        html = desk.get(path).text
    except OSError as error:
        return f"({error})"
    found = re.findall(r'<li class="(?:error|warning|success|info)">(.*?)</li>', html, re.S)
    return "; ".join(re.sub(r"<[^>]+>", "", text).strip() for text in found) or "(no message)"


# --- Timing a write ---------------------------------------------------------------------------


@dataclass
class Check:
    """A page that must show the change, and how to tell from its status and HTML."""

    path: str
    shows: Callable[[int, bytes], bool]


@dataclass
class Attempt:
    submit: Callable[[], None]  # the write's request: raises WriteFailed when the site refuses it
    checks: list[Check]
    # On a timeout, what the desk said after the write (read only then).
    explain: Callable[[], str] = lambda: ""


@dataclass
class Sample:
    request_s: float | None
    visible_s: float | None
    error: str = ""


Fetch = Callable[[str], tuple[int, bytes]]


def not_yet_shown(checks: list[Check], fetch: Fetch, *, readers: int) -> list[Check]:
    """The checks whose page does not show the change yet (a page that cannot be fetched does not)."""

    def shows(check: Check) -> bool:
        try:
            status, body = fetch(check.path)
        except OSError:
            return False
        return check.shows(status, body)

    if readers <= 1 or len(checks) <= 1:
        seen = [shows(check) for check in checks]
    else:
        with ThreadPoolExecutor(max_workers=min(readers, len(checks))) as pool:
            seen = list(pool.map(shows, checks))
    return [check for check, shown in zip(checks, seen, strict=True) if not shown]


def wait_until_shown(
    checks: list[Check],
    *,
    fetch: Fetch,
    deadline: float,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    interval: float = POLL_INTERVAL,
    readers: int = READERS,
) -> tuple[float | None, list[Check]]:
    """Ask for the pages until each has shown the change once: (when the last did, or None past
    `deadline`; the checks still not shown)."""
    pending = list(checks)
    while True:
        pending = not_yet_shown(pending, fetch, readers=readers)
        now = clock()
        if not pending:
            return now, []
        if now >= deadline:
            return None, pending
        sleep(interval)


def time_write(
    attempt: Attempt,
    *,
    fetch: Fetch,
    timeout: float,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    interval: float = POLL_INTERVAL,
    readers: int = READERS,
) -> Sample:
    """The write's request time, and the time from its start until every page shows it."""
    started = clock()
    try:
        attempt.submit()
    except (WriteFailed, OSError) as error:
        return Sample(None, None, str(error))
    request_s = clock() - started
    shown_at, pending = wait_until_shown(
        attempt.checks,
        fetch=fetch,
        deadline=started + timeout,
        clock=clock,
        sleep=sleep,
        interval=interval,
        readers=readers,
    )
    if shown_at is None:
        where = ", ".join(check.path for check in pending[:3]) + (" …" if len(pending) > 3 else "")
        said = attempt.explain()
        return Sample(
            request_s,
            None,
            f"{len(pending)} of {len(attempt.checks)} pages did not show it within {timeout:g} s ({where})"
            + (f"; the desk said: {said}" if said else ""),
        )
    return Sample(request_s, shown_at - started)


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile (p95 of 20 values is the 19th smallest); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass
class WriteCost:
    key: str
    label: str
    wanted: int
    samples: list[Sample] = field(default_factory=list)
    pages: int = 0
    sql: int | None = None
    error: str = ""  # a failure before any sample could be taken (no draft left, a form missing)

    @property
    def failures(self) -> list[str]:
        return [sample.error for sample in self.samples if sample.error] + ([self.error] if self.error else [])

    @property
    def done(self) -> int:
        return sum(1 for sample in self.samples if not sample.error)

    def request_ms(self, p: float) -> float | None:
        values = [s.request_s * 1000 for s in self.samples if s.request_s is not None and not s.error]
        return percentile(values, p)

    def visible_s(self, p: float) -> float | None:
        """The p-th percentile of the time until every page showed it; a failed write counts as never."""
        values = [s.visible_s if s.visible_s is not None else math.inf for s in self.samples]
        if self.error:
            values.append(math.inf)
        return percentile(values, p)

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "wanted": self.wanted,
            "done": self.done,
            "pages": self.pages,
            "sql": self.sql,
            "request_ms_p50": self.request_ms(50),
            "request_ms_p95": self.request_ms(95),
            "visible_s_p50": _finite(self.visible_s(50)),
            "visible_s_p95": _finite(self.visible_s(95)),
            "failures": self.failures,
            "samples": [sample.__dict__ for sample in self.samples],
        }


def _finite(value: float | None) -> float | None:
    return None if value is None or math.isinf(value) else value


def measure(
    key: str,
    label: str,
    attempts: Iterator[Attempt],
    *,
    wanted: int,
    fetch: Fetch,
    timeout: float,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    interval: float = POLL_INTERVAL,
    readers: int = READERS,
) -> WriteCost:
    """Time each attempt in turn; stop at the first that fails (the next would only wait as long)."""
    result = WriteCost(key, label, wanted)
    while len(result.samples) < wanted:
        try:
            attempt = next(attempts)  # preparing it (reading its form) is not timed
        except StopIteration:
            break
        except (WriteFailed, OSError) as error:
            result.error = str(error)
            break
        result.pages = max(result.pages, len(attempt.checks))
        sample = time_write(
            attempt, fetch=fetch, timeout=timeout, clock=clock, sleep=sleep, interval=interval, readers=readers
        )
        result.samples.append(sample)
        if sample.error:
            break
    if len(result.samples) < wanted and not result.failures:
        result.error = f"only {len(result.samples)} of {wanted} could be made"
    return result


# --- The three writes -------------------------------------------------------------------------
# What to change is chosen through the models; everything else goes through the site.


def links_to(path: str) -> Callable[[int, bytes], bool]:
    needle = f'href="{path}"'.encode()
    return lambda status, body: status == 200 and needle in body


def answers_200(status: int, body: bytes) -> bool:
    return status == 200


def contains(*needles: str) -> Callable[[int, bytes], bool]:
    encoded = [needle.encode() for needle in needles]
    return lambda status, body: status == 200 and all(needle in body for needle in encoded)


def comment_count(html: bytes) -> int | None:
    """The count the article page's comments heading gives ("Comments (12)")."""
    match = re.search(rb"Comments \((\d+)\)", html)
    return int(match.group(1)) if match else None


def _redirected(response: Response, what: str) -> None:
    if response.status != 302:
        errors = re.findall(r'<ul class="errorlist[^"]*">(.*?)</ul>', response.text, re.S)
        detail = "; ".join(re.sub(r"<[^>]+>", " ", error).strip() for error in errors)
        raise WriteFailed(f"{what} answered {response.status}" + (f": {detail}" if detail else ""))


def drafts(count: int) -> list:
    from articles.models import Article

    return list(Article.objects.filter(status=Article.Status.DRAFT).select_related("section").order_by("pk")[:count])


def publish_attempts(desk: Desk, count: int) -> Iterator[Attempt]:
    """Publish drafts with the change form's "Publish now": then the article's page answers 200,
    and the front page and its section's first page link to it."""
    from django.urls import reverse

    for article in drafts(count):
        change = reverse("admin:articles_article_change", args=[article.pk])
        form = find_form(desk.page(change), action_endswith="/workflow/publish/")
        path = article.get_absolute_url()
        checks = [Check(path, answers_200), Check("/", links_to(path))]
        if article.section_id:
            checks.append(Check(article.section.get_absolute_url(), links_to(path)))

        def submit(form=form, change=change) -> None:
            _redirected(desk.submit(form, page=change), "Publish now")

        yield Attempt(submit, checks, explain=lambda change=change: desk_message(desk, change))


def pending_comments(count: int, *, exclude_articles: Iterable[int] = ()) -> list:
    """Pending top-level comments, one an article, on published articles with fewer comments than a
    page of threads holds: approved, each shows on its article's page itself."""
    from django.conf import settings
    from django.db.models import Count

    from articles.models import Article
    from comments.models import Comment

    small = (
        Article.objects.published()
        .exclude(pk__in=list(exclude_articles))
        .annotate(n=Count("comments"))
        .filter(n__lt=settings.COMMENTS_THREADS_PER_PAGE)
        .values("pk")
    )
    chosen, articles = [], set()
    candidates = Comment.objects.pending().filter(parent__isnull=True, article__in=small).order_by("pk")
    for comment in candidates.select_related("article").iterator(chunk_size=500):
        if comment.article_id not in articles:
            articles.add(comment.article_id)
            chosen.append(comment)
            if len(chosen) == count:
                break
    return chosen


def queue_of(article_id: int) -> str:
    """The moderation queue of one article's pending comments."""
    from django.urls import reverse

    return f"{reverse('admin:comments_comment_changelist')}?status__exact=pending&article__id__exact={article_id}"


def approve_attempts(
    desk: Desk, fetch: Fetch, count: int, *, exclude_articles: Iterable[int] = ()
) -> Iterator[Attempt]:
    """Approve pending comments from the queue: then the article page shows the comment and a count
    one higher than before."""

    for comment in pending_comments(count, exclude_articles=exclude_articles):
        path = comment.article.get_absolute_url()
        status, html = fetch(path)  # the page as readers had it (and as the page cache keeps it)
        before = comment_count(html) if status == 200 else None
        if before is None:
            raise WriteFailed(f"{path} answered {status} without a comment count")
        queue = queue_of(comment.article_id)
        form = find_form(desk.page(queue), id="changelist-form").filled(
            {"action": "approve"}, add=[("_selected_action", str(comment.pk))]
        )
        checks = [Check(path, contains(f'id="comment-{comment.pk}"', f"Comments ({before + 1})"))]

        def submit(form=form, queue=queue) -> None:
            _redirected(desk.submit(form, page=queue, button=("index", "0")), "the queue's Approve")

        yield Attempt(submit, checks, explain=lambda queue=queue: desk_message(desk, queue))


def film_pages(film_id: int) -> list[str]:
    """The film's page and the page of every published article that shows its card."""
    from articles.models import Article
    from films.models import Film

    film = Film.objects.get(pk=film_id)
    articles = Article.objects.published().filter(works=film).order_by("pk")
    return [film.get_absolute_url(), *(article.get_absolute_url() for article in articles)]


def rename_attempts(desk: Desk, film_id: int, count: int, *, base_title: str, tag: str) -> Iterator[Attempt]:
    """Give the film a new title through its change form: then its page and every article page with
    its card show the new title."""
    from django.urls import reverse

    pages = film_pages(film_id)
    change = reverse("admin:films_film_change", args=[film_id])
    for number in range(1, count + 1):
        marker = f"(take {tag} {number})"
        title = f"{base_title[:150]} {marker}"
        form = find_form(desk.page(change), id="film_form").filled({"title": title})
        checks = [Check(path, contains(marker)) for path in pages]

        def submit(form=form) -> None:
            _redirected(desk.submit(form, page=change, button=("_save", "Save")), "the film's change form")

        yield Attempt(submit, checks, explain=lambda: desk_message(desk, change))
