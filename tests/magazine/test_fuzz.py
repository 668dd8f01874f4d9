"""Arbitrary input to every public form, address and query string never gets a 500; every POST
endpoint of the URLconf answers a body in a charset other than UTF-8 with a 400, not a 500."""

import logging
import re
import string
from urllib.parse import quote, urlencode

import pytest
from django.apps import apps
from django.conf import settings as settings_module
from django.contrib.auth import get_user_model
from django.core import signing
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles.models import Article
from comments import notifications
from comments.models import Comment
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db

# Anything a browser or a bot can send: every character but lone surrogates, which cannot be encoded.
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
SHORT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
NUMBERS = st.integers(min_value=-(2**70), max_value=2**70).map(str)
VALUES = st.one_of(TEXT, NUMBERS, st.sampled_from(["", "0", "-1", "1e9", "NaN", "\x00", "../../etc/passwd"]))
PARAMS = st.dictionaries(st.one_of(SHORT, st.sampled_from(["q", "page", "token", "parent", "reason"])), VALUES)
FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

PAGES = [
    "/",
    "/page/2/",
    "/articles/anora-sex-work-and-the-fantasies-of-genre/",
    "/articles/anora-sex-work-and-the-fantasies-of-genre/comments/page/2/",
    "/sections/film/",
    "/sections/film/page/2/",
    "/tags/sean-baker/",
    "/authors/maren-okafor/",
    "/films/anora/",
    "/people/sean-baker/",
    "/archive/",
    "/archive/2025/",
    "/archive/2025/01/",
    "/search/",
    "/feed/",
    "/feed/atom/",
    "/sections/film/feed/",
    "/sitemap.xml",
    "/sitemap-articles.xml",
    "/robots.txt",
    "/healthz",
    "/comments/form-token/",
]
# Addresses with a part that readers (or bots) can change at will.
PATTERNS = [
    "/articles/{}/",
    "/articles/{}/comments/page/2/",
    "/articles/anora-sex-work-and-the-fantasies-of-genre/comments/page/{}/",
    "/sections/{}/",
    "/tags/{}/",
    "/authors/{}/",
    "/films/{}/",
    "/people/{}/",
    "/archive/{}/",
    "/sections/film/page/{}/",
    "/preview/{}/",
    "/comments/mute/{}/",
    "/comments/{}/reply/",
    "/comments/{}/flag/",
    "/sitemap-{}.xml",
]


@pytest.fixture
def reader(demo, settings):
    # Rate limits would answer 429 before the deeper code sees the input.
    settings.COMMENTS_RATE_LIMIT_PER_IP = settings.COMMENTS_RATE_LIMIT_PER_EMAIL = 10**9
    client = Client()
    client.raise_request_exception = False
    return client


def assert_no_server_error(response, what) -> None:
    assert response.status_code < 500, (what, response.status_code)


@FUZZ
@given(path=st.sampled_from(PAGES), params=PARAMS)
@example(path="/", params={"page": "¹"})  # a digit to str.isdigit(), not to int()
@example(path="/search/", params={"q": "\x00"})
def test_query_strings(reader, path, params):
    url = f"{path}?{urlencode(params)}"

    assert_no_server_error(reader.get(url), url)


@FUZZ
@given(pattern=st.sampled_from(PATTERNS), part=st.one_of(SHORT.filter(bool), NUMBERS))
def test_addresses(reader, pattern, part):
    url = pattern.format(quote(part, safe=""))

    assert_no_server_error(reader.get(url), url)


@pytest.fixture
def comment(demo):
    return Comment.objects.approved().first()


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            "name": TEXT,
            "email": st.one_of(TEXT, st.emails()),
            "body": TEXT,
            "parent": VALUES,
            "token": st.one_of(VALUES, st.just(signing.dumps({"n": "x", "t": 0}))),
            "website": VALUES,
        },
    ),
    extra=PARAMS,
)
def test_comment_and_reply_form(reader, comment, data, extra):
    response = reader.post(f"/comments/post/{comment.article_id}/", {**extra, **data})

    assert_no_server_error(response, data)


@FUZZ
@given(data=st.fixed_dictionaries({}, optional={"reason": VALUES}), extra=PARAMS)
def test_flag_form(reader, comment, data, extra):
    response = reader.post(f"/comments/{comment.pk}/flag/", {**extra, **data})

    assert_no_server_error(response, data)


@FUZZ
@given(token=st.one_of(SHORT.filter(bool), st.text(string.ascii_letters + string.digits + ":_-", min_size=1)))
def test_mute_and_preview_links(reader, token):
    for url in (f"/comments/mute/{quote(token, safe='')}/", f"/preview/{quote(token, safe='')}/"):
        assert_no_server_error(reader.post(url), url)
        assert_no_server_error(reader.get(url), url)


@FUZZ
@given(
    data=st.fixed_dictionaries({}, optional={"username": TEXT, "password": TEXT, "next": VALUES}),
    extra=PARAMS,
)
def test_admin_login_form(reader, data, extra):
    # Anyone can reach it: the admin's sign-in page is a public form too.
    response = reader.post("/admin/login/", {**extra, **data})

    assert_no_server_error(response, data)


@pytest.fixture
def reader_without_script(reader):
    """A browser that runs no script posts the cached page's form without its CSRF token."""
    client = Client(enforce_csrf_checks=True)
    client.raise_request_exception = False
    return client


@FUZZ
@given(
    data=st.fixed_dictionaries({}, optional={"name": TEXT, "email": TEXT, "body": TEXT, "parent": VALUES}),
    extra=PARAMS,
)
def test_comment_form_sent_without_its_csrf_token(reader_without_script, comment, data, extra):
    response = reader_without_script.post(f"/comments/post/{comment.article_id}/", {**extra, **data})

    assert response.status_code == 403, (data, response.status_code)


# --- Every POST endpoint, found in the URLconf ---------------------------------------------------
# Found, not listed: an endpoint added later is fuzzed as soon as it is routed.

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
# A named group of a regex route (the admin's app index, its catch-all, media files).
GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^()]*)\)")


def routes(resolver=None, prefix: str = "", namespace: str = ""):
    """(name, route) of every view in the URLconf, the admin's included, parameters left in."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace]))
            yield from routes(entry, prefix + str(entry.pattern), inner)
        else:
            yield ":".join(filter(None, [namespace, entry.name or "(unnamed)"])), prefix + str(entry.pattern)


ROUTES = sorted(set(routes()))


def admin_model(route: str):
    """The model of an admin route (admin/<app>/<model>/…), if it is one."""
    parts = route.split("/")
    if len(parts) < 4 or parts[0] != settings_module.ADMIN_URL.strip("/"):
        return None
    try:
        return apps.get_model(parts[1], parts[2])
    except LookupError:
        return None


def address(route: str, samples: dict[str, str]) -> str:
    """`route` with every parameter filled in: a real object of the demo where one is known."""

    def value(name: str) -> str:
        if name == "object_id" and (model := admin_model(route)) is not None:
            first = model._default_manager.order_by("pk").first()
            return str(first.pk) if first else "1"
        return samples.get(name, "1")

    route = GROUP.sub(
        lambda m: m["body"].split("|")[0] if re.fullmatch(r"[\w|-]+", m["body"]) else value(m["name"]), route
    )
    route = PARAMETER.sub(lambda m: value(m["name"]), route)
    return "/" + route.replace("^", "").replace("$", "")


@pytest.fixture
def samples(db):
    """Values for the routes' parameters: an approved comment and its article (the demo's, if loaded)."""
    comment = Comment.objects.approved().filter(article__in=Article.objects.published()).order_by("pk").first()
    comment = comment or CommentFactory()
    article = comment.article
    return {
        "article_id": str(article.pk),
        "comment_id": str(comment.pk),
        "slug": article.slug,
        "page": "2",
        "year": "2025",
        "month": "01",
        "token": notifications.mute_token(comment.email, comment.pk),
        "section": "articles",
        "content_type_id": "1",
    }


def test_the_urlconf_yields_every_post_endpoint_we_know():
    names = {name for name, _ in ROUTES}

    assert {
        "comments:post",
        "comments:flag",
        "comments:mute",
        "admin:login",
        "admin:comments_comment_moderate",
    } <= names
    assert len(ROUTES) > 150


# A well-formed CSRF cookie, and the token that matches it in a form.
CSRF_SECRET = "k" * 32
FIELDS = {"csrfmiddlewaretoken": CSRF_SECRET, "name": "Renée", "email": "renee@example.com", "body": "Très bien."}
CHARSETS = ["latin-1", "cp1252", "utf-16", "shift_jis"]


def urlencoded(charset: str) -> bytes:
    return urlencode(FIELDS, encoding=charset, errors="replace").encode("ascii")


def multipart(charset: str) -> bytes:
    parts = [
        f'--B\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n' for name, value in FIELDS.items()
    ]
    return ("".join(parts) + "--B--\r\n").encode(charset, errors="replace")


# (content type, body): forms in other charsets than UTF-8, and bodies that are not what they say.
HOSTILE_BODIES = [
    *((f"application/x-www-form-urlencoded; charset={charset}", urlencoded(charset)) for charset in CHARSETS),
    *((f"multipart/form-data; boundary=B; charset={charset}", multipart(charset)) for charset in CHARSETS),
    ("application/x-www-form-urlencoded; charset=no-such-charset", urlencoded("utf-8")),
    ("multipart/form-data; boundary=B; charset=no-such-charset", multipart("utf-8")),
    ("multipart/form-data", multipart("utf-8")),
    ("multipart/form-data; boundary=B", b"--B\r\nnot a part\r\n"),
    ("multipart/form-data; boundary=B", multipart("utf-8")[:-12]),
    ("application/x-www-form-urlencoded", b"\xff\xfe%%%=&=&&csrfmiddlewaretoken=" + CSRF_SECRET.encode()),
    ("application/json; charset=utf-16", '{"name": "Renée"}'.encode("utf-16")),
    ("text/plain; charset=latin-1", "Renée".encode("latin-1")),
]

ADMIN_BODIES = [
    ("application/x-www-form-urlencoded; charset=latin-1", urlencoded("latin-1")),
    ("multipart/form-data; boundary=B; charset=latin-1", multipart("latin-1")),
    ("multipart/form-data; boundary=B; charset=no-such-charset", multipart("utf-8")),
    ("multipart/form-data; boundary=B", multipart("utf-8")[:-12]),
]


def site_client(*, enforce_csrf: bool) -> Client:
    client = Client(enforce_csrf_checks=enforce_csrf)
    client.raise_request_exception = False
    client.cookies["csrftoken"] = CSRF_SECRET
    return client


def errors_logged(caplog) -> list[str]:
    return [
        f"{record.name}: {record.getMessage()[:120]}" for record in caplog.records if record.levelno >= logging.ERROR
    ]


# Who posts, whether the body reaches the view past the CSRF check, and what they send. Behind a
# refused CSRF check every endpoint answers alike, and a superuser adds only the admin's views.
PASSES = [
    ("reader, CSRF checked", False, True, HOSTILE_BODIES),
    ("reader, CSRF passed", False, False, HOSTILE_BODIES),
    # Fewer bodies: an admin page takes ten times as long as a reader's 405 or redirect.
    ("superuser, CSRF passed", True, False, ADMIN_BODIES),
]


def test_every_post_endpoint_answers_hostile_charsets_and_bodies_without_a_500(demo, samples, settings, caplog):
    # One test, so that the demo (an object for each admin page) is loaded once for the three passes.
    settings.COMMENTS_RATE_LIMIT_PER_IP = settings.COMMENTS_RATE_LIMIT_PER_EMAIL = 10**9
    superuser = get_user_model().objects.create_superuser("fuzz", "fuzz@example.org", "fuzz-pass")
    failures = []
    for who, signed_in, enforce_csrf, bodies in PASSES:
        client = site_client(enforce_csrf=enforce_csrf)
        for _name, route in ROUTES:
            if signed_in and not route.lstrip("^").startswith(settings.ADMIN_URL):
                continue
            url = address(route, samples)
            for content_type, body in bodies:
                if signed_in:
                    client.force_login(superuser)  # the logout endpoint signs out
                caplog.clear()
                response = client.generic("POST", url, body, content_type=content_type)
                if response.status_code >= 500 or errors_logged(caplog):
                    failures.append((who, url, content_type, response.status_code, errors_logged(caplog)[:1]))

    assert failures == []


def test_a_form_in_another_charset_gets_the_sites_400_page_and_a_warning_at_most(caplog):
    comment = CommentFactory()
    client = site_client(enforce_csrf=True)
    urls = [
        reverse("comments:post", args=[comment.article_id]),
        reverse("comments:flag", args=[comment.pk]),
        reverse("admin:login"),
    ]
    for url in urls:
        for charset in ["latin-1", "cp1252", "utf-16"]:
            caplog.clear()
            content_type = f"application/x-www-form-urlencoded; charset={charset}"

            response = client.generic("POST", url, urlencoded(charset), content_type=content_type)

            assert response.status_code == 400, (url, charset)
            assert "could not read what your browser sent" in response.content.decode()
            assert errors_logged(caplog) == [], (url, charset)
            assert [record.levelname for record in caplog.records if record.name == "django.request"] == ["WARNING"]


CONTENT_TYPES = st.sampled_from(
    ["application/x-www-form-urlencoded", "multipart/form-data; boundary=B", "multipart/form-data", "text/plain", ""]
)
CHARSET_PARAMETERS = st.sampled_from(["", "; charset=utf-8", *(f"; charset={c}" for c in CHARSETS), "; charset=x"])
BODIES = st.one_of(
    st.binary(max_size=400),
    PARAMS.map(lambda params: urlencode({**params, "csrfmiddlewaretoken": CSRF_SECRET}).encode()),
    st.tuples(st.sampled_from(CHARSETS), PARAMS).map(
        lambda pair: urlencode(
            {**pair[1], "csrfmiddlewaretoken": CSRF_SECRET}, encoding=pair[0], errors="replace"
        ).encode()
    ),
)


@FUZZ
@given(route=st.sampled_from(ROUTES), content_type=CONTENT_TYPES, charset=CHARSET_PARAMETERS, body=BODIES)
def test_any_body_to_any_post_endpoint_gets_no_500(samples, caplog, route, content_type, charset, body):
    client = site_client(enforce_csrf=False)
    caplog.clear()

    response = client.generic("POST", address(route[1], samples), body, content_type=content_type + charset)

    assert response.status_code < 500, (route, content_type + charset, body[:80])
    assert errors_logged(caplog) == []
