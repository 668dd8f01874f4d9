"""Rate limits per IP and per email: a 429 page saying when to try again, and recovery after."""

from unittest import mock

import pytest
from django.urls import reverse

from comments import ratelimit
from comments.models import Comment, Flag
from tests.factories import CommentFactory

from .helpers import post

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """A clock for the rate limiter that tests move by hand."""
    now = [1_800_000_000.0]  # the start of a 600-second window
    monkeypatch.setattr(ratelimit, "clock", lambda: now[0])
    return now


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.COMMENTS_RATE_LIMIT_WINDOW = 600
    settings.COMMENTS_RATE_LIMIT_PER_IP = 3
    settings.COMMENTS_RATE_LIMIT_PER_EMAIL = 2


def test_too_many_posts_from_one_ip_get_a_429_that_says_when_to_try_again(client, article, clock):
    for n in range(3):
        assert post(client, article, email=f"r{n}@example.com", body=f"Comment {n}").status_code == 302
    clock[0] += 120

    response = post(client, article, email="r9@example.com", body="One too many.")

    assert response.status_code == 429
    assert response["Retry-After"] == "480"
    html = response.content.decode()
    assert "Please try again in 8 minutes" in html
    assert "your text is still in the form" in html
    assert not Comment.objects.filter(body="One too many.").exists()


def test_posting_works_again_once_the_window_has_passed(client, article, clock):
    for n in range(4):
        post(client, article, email=f"r{n}@example.com", body=f"Comment {n}")
    assert post(client, article, email="late@example.com", body="Blocked.").status_code == 429

    clock[0] += 600

    assert post(client, article, email="late@example.com", body="Back again.").status_code == 302
    assert Comment.objects.filter(body="Back again.").exists()


def test_other_ips_are_not_limited_by_one_busy_ip(client, article, clock):
    for n in range(4):
        post(client, article, email=f"r{n}@example.com", body=f"Comment {n}", ip="10.0.0.1")

    assert post(client, article, email="x@example.com", body="Me too.", ip="10.0.0.2").status_code == 302


def test_one_address_is_limited_across_ips(client, article, clock):
    assert post(client, article, ip="10.0.0.1", body="One.").status_code == 302
    assert post(client, article, ip="10.0.0.2", body="Two.").status_code == 302

    response = post(client, article, ip="10.0.0.3", email="ADA@example.com", body="Three.")

    assert response.status_code == 429
    assert int(response["Retry-After"]) == 600


def test_a_minute_or_less_reads_as_a_minute(client, article, clock):
    for n in range(3):
        post(client, article, email=f"r{n}@example.com", body=f"Comment {n}")
    clock[0] += 590

    response = post(client, article, email="r9@example.com")

    assert response["Retry-After"] == "10"
    assert "Please try again in a minute" in response.content.decode()


def test_flags_are_rate_limited_per_ip_too(client, clock):
    comments = CommentFactory.create_batch(4)
    for comment in comments[:3]:
        assert client.post(reverse("comments:flag", args=[comment.pk]), {"reason": "spam"}).status_code == 302

    response = client.post(reverse("comments:flag", args=[comments[3].pk]), {"reason": "spam"})

    assert response.status_code == 429
    assert Flag.objects.count() == 3


@pytest.fixture
def redis_cache(settings):
    """The production cache (core.cache.RedisCache) under a prefix of this test's own, removed after
    it: the database is shared with other tests, so nothing else is emptied."""
    import uuid

    from django.core.cache import cache

    from tests.redis_dbs import redis_url

    prefix = f"ratelimit-test-{uuid.uuid4().hex}"
    settings.CACHES = {"default": {"BACKEND": "core.cache.RedisCache", "LOCATION": redis_url(0), "KEY_PREFIX": prefix}}
    yield cache
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def test_the_redis_counter_starts_at_one_expires_with_its_window_and_reads_as_a_number(redis_cache):
    assert [redis_cache.count("counter", 60) for _ in range(3)] == [1, 2, 3]
    assert redis_cache.get("counter") == 3
    key = redis_cache.make_and_validate_key("counter")
    assert 0 < redis_cache._cache.get_client(key).ttl(key) <= 60


def test_limits_hold_with_the_production_cache_and_one_round_trip_a_count(client, article, clock, redis_cache):
    calls = []
    pipeline_class = type(redis_cache._cache.get_client(write=True).pipeline())
    execute = pipeline_class.execute

    def counted(pipeline, *args, **kwargs):
        calls.append(len(pipeline.command_stack))
        return execute(pipeline, *args, **kwargs)

    with mock.patch.object(pipeline_class, "execute", counted):
        for n in range(3):
            assert post(client, article, email=f"r{n}@example.com", body=f"Comment {n}").status_code == 302
        assert post(client, article, email="r9@example.com", body="One too many.").status_code == 429
    # Per post: the IP's counter and the address's, each one pipeline of two commands; the refused
    # post counts its IP only.
    assert calls == [2] * 7
