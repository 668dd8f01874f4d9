"""The desk's writes made as the bench makes them: through a real gunicorn with the bench's production
profile (secure cookies, CSRF's origin check, the page cache in Redis), logged in with the bench login."""

import pytest
import redis
from django.db import connection

from articles.models import Article
from bench import writes
from bench.corpus import BENCH_LOGIN, bench_login
from bench.run import bench_environment
from bench.servers import http_get
from comments.models import Comment
from films.models import Film
from tests.factories import ArticleFactory, CommentFactory, FilmFactory, role_group
from tests.redis_dbs import redis_url
from tests.servers import collect_static, database_url, gunicorn, task_worker

REDIS_URL = redis_url(0)
PASSWORD = "bench-desk-password-for-tests"

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the server needs a database it can open"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("bench-static") / "static"
    collect_static(root)
    return root


@pytest.fixture
def site(static_root, settings):
    # The server checks passwords with the site's own hasher, not the tests' fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    role_group("Editor")
    bench_login(PASSWORD)
    redis.Redis.from_url(REDIS_URL).flushdb()
    env = bench_environment(database_url=database_url(), cache_url=REDIS_URL) | {"WEB_CONCURRENCY": "2"}
    with gunicorn(static_root, **env) as base, task_worker(static_root, **env):
        desk = writes.Desk(base)
        desk.log_in(BENCH_LOGIN, PASSWORD)
        yield desk, lambda path: http_get(base + path)


def made(cost):
    assert cost.failures == []
    assert cost.done == 1
    assert cost.samples[0].request_s > 0
    assert cost.samples[0].visible_s >= cost.samples[0].request_s
    return cost


def test_publishing_a_draft_shows_it_on_its_page_the_front_page_and_its_section(site):
    desk, fetch = site
    draft = ArticleFactory(draft=True, title="Published by the bench")

    cost = writes.measure("publish", "publishing", writes.publish_attempts(desk, 1), wanted=1, fetch=fetch, timeout=30)

    made(cost)
    assert cost.pages == 3
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED


def test_approving_a_comment_from_the_queue_shows_it_and_its_count(site):
    desk, fetch = site
    article = ArticleFactory()
    CommentFactory(article=article)
    pending = CommentFactory(article=article, status=Comment.Status.PENDING)

    attempts = writes.approve_attempts(desk, fetch, 1)
    cost = writes.measure("approve", "approving", attempts, wanted=1, fetch=fetch, timeout=30)

    made(cost)
    pending.refresh_from_db()
    assert pending.status == Comment.Status.APPROVED
    assert b"Comments (2)" in fetch(article.get_absolute_url())[1]


def test_renaming_a_film_shows_the_new_title_on_its_page_and_every_card(site):
    desk, fetch = site
    film = FilmFactory(title="Starlet")
    for _ in range(3):
        ArticleFactory(films=[film])

    attempts = writes.rename_attempts(desk, film.pk, 1, base_title="Starlet", tag="t1")
    cost = writes.measure("rename", "renaming", attempts, wanted=1, fetch=fetch, timeout=30)

    made(cost)
    assert cost.pages == 4
    assert Film.objects.get(pk=film.pk).title == "Starlet (take t1 1)"


def test_a_wrong_password_is_refused_as_a_failed_write(site, static_root):
    desk, _fetch = site
    stranger = writes.Desk(f"http://{desk.netloc}")

    with pytest.raises(writes.WriteFailed, match="refused the bench login"):
        stranger.log_in(BENCH_LOGIN, "not-the-password")
