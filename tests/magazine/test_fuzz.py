"""Arbitrary input to every public form, address and query string never gets a 500."""

import string
from urllib.parse import quote, urlencode

import pytest
from django.core import signing
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from comments.models import Comment

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
