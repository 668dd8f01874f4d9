"""Two app servers sharing PostgreSQL and Redis behave as one site."""

import pytest
import redis
import requests
from django.db import connection

from comments.models import Comment
from tests.factories import ArticleFactory, user_with_role
from tests.redis_dbs import redis_url
from tests.servers import collect_static, comment_form, gunicorn

REDIS_URL = redis_url(0)

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="two servers need a database both can open"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def two_servers(tmp_path):
    # A Redis database of the tests' own, emptied first; the test fails if Redis is not running.
    redis.Redis.from_url(REDIS_URL).flushdb()
    static_root = tmp_path / "static"
    collect_static(static_root)
    env = {"CACHE_URL": REDIS_URL, "COMMENTS_RATE_LIMIT_PER_IP": "3", "COMMENTS_RATE_LIMIT_PER_EMAIL": "100"}
    with gunicorn(static_root, **env) as first, gunicorn(static_root, **env) as second:
        yield first, second


def post_comment(base: str, article, text: str) -> requests.Response:
    reader = requests.Session()
    action, fields = comment_form(reader, base, article.get_absolute_url())
    data = fields | {"name": "Ada", "email": f"{abs(hash(text))}@example.com", "body": text}
    return reader.post(action, data=data, allow_redirects=False, timeout=10)


def log_in(base: str, username: str, password: str) -> requests.Session:
    desk = requests.Session()
    page = desk.get(f"{base}/admin/login/", timeout=10)
    token = page.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = desk.post(
        f"{base}/admin/login/",
        data={"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/admin/"},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.text[:500]
    return desk


def test_a_comment_approved_through_one_server_shows_at_once_through_the_other(two_servers, settings):
    first, second = two_servers
    # The servers check passwords with the site's own hashers, not the tests' fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    article = ArticleFactory(title="Two servers, one magazine")
    moderator = user_with_role("Moderator", username="sol")
    moderator.set_password("moderate-me-please")
    moderator.save()

    assert post_comment(second, article, "Posted through the second server.").status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert "Posted through the second server." not in requests.get(f"{second}{article.get_absolute_url()}").text

    desk = log_in(first, "sol", "moderate-me-please")
    # The session made through the first server is good on the second.
    assert desk.get(f"{second}/admin/comments/comment/", allow_redirects=False, timeout=10).status_code == 200
    changelist = desk.get(f"{first}/admin/comments/comment/", timeout=10).text
    token = changelist.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    approved = desk.post(
        f"{first}/admin/comments/comment/",
        data={"csrfmiddlewaretoken": token, "action": "approve", "_selected_action": [comment.pk]},
        allow_redirects=False,
        timeout=10,
    )

    assert approved.status_code == 302
    assert "Posted through the second server." in requests.get(f"{second}{article.get_absolute_url()}").text


def test_a_rate_limit_reached_through_one_server_holds_on_the_other(two_servers):
    first, second = two_servers
    article = ArticleFactory()

    statuses = [
        post_comment(first, article, f"Comment {number} through the first.").status_code for number in range(3)
    ]
    refused = post_comment(second, article, "One more, through the second.")

    assert statuses == [302, 302, 302]
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    assert "try again" in refused.text.lower()
    assert Comment.objects.count() == 3
