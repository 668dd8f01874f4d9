"""Django's Redis cache, keeping one client per connection pool.

Django's client builds a new `redis.Redis` for every cache call, and redis-py's constructor
fills a table of some 170 response callbacks each time: a third of the cost of serving a page
from the page cache. A `redis.Redis` over a pool is safe to share between threads, so one per
pool does.
"""

from __future__ import annotations

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write: bool = False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient

    def validate_key(self, key: str) -> None:
        """Django checks every key against memcached's limits (250 characters, no spaces or
        control characters) and warns; Redis has neither limit, and a page-cache hit reads
        one key per article it shows."""
