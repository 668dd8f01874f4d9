"""Django's Redis cache, keeping one client per connection pool.

Django's client builds a new `redis.Redis` for every cache call, and redis-py's constructor
fills a table of some 170 response callbacks each time: a third of the cost of serving a page
from the page cache. A `redis.Redis` over a pool is safe to share between threads, so one per
pool does.
"""

from __future__ import annotations

from django.core.cache.backends import redis
from django.core.cache.backends.base import default_key_func


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


# add() each of KEYS (ARGV[1]: seconds to keep them, empty for ever, 0 for no time at all, as
# Django's timeouts; then their values) and answer what each then holds: atomic, so that no key is
# evicted between its SET and its read.
ADD_MANY = """
local held = {}
for index, key in ipairs(KEYS) do
    local value = redis.call("GET", key)
    if not value then
        value = ARGV[index + 1]
        if ARGV[1] == "" then
            redis.call("SET", key, value)
        elseif tonumber(ARGV[1]) > 0 then
            redis.call("SET", key, value, "EX", ARGV[1])
        end
    end
    held[index] = value
end
return held
"""


class RedisCache(redis.RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
        self._add_script = None

    def validate_key(self, key: str) -> None:
        """Django checks every key against memcached's limits (250 characters, no spaces or
        control characters) and warns; Redis has neither limit, and a page-cache hit reads
        one key per article it shows."""

    def get_many(self, keys, version=None) -> dict:
        """Django's get_many, with the keys made in one step rather than three calls each: a
        page-cache hit reads the version of every article a page shows, 31 on the front page."""
        if self.key_func is not default_key_func:
            return super().get_many(keys, version=version)
        prefix = f"{self.key_prefix}:{self.version if version is None else version}:"
        key_map = {prefix + key: key for key in keys}
        return {key_map[made]: value for made, value in self._cache.get_many(list(key_map)).items()}

    def count(self, key: str, timeout: int, version=None) -> int:
        """Add one to the counter `key` and return it, creating it at 1 for `timeout` seconds when
        it is absent: Django's add() then incr(), in one round trip rather than three (incr() asks
        whether the key exists first). A rate limit counts every comment post twice."""
        key = self.make_and_validate_key(key, version=version)
        pipeline = self._cache.get_client(key, write=True).pipeline()
        pipeline.set(key, 0, ex=self.get_backend_timeout(timeout), nx=True)
        pipeline.incr(key)
        return pipeline.execute()[1]

    def add_many(self, mapping: dict, timeout=None, version=None) -> dict:
        """add() each key of `mapping`, and return what every one of them then holds (the value
        added, or the one another process added first), in one round trip: a page rendered after
        the cache lost its versions (a flush, an eviction) met each of them with add() then get(),
        two round trips per article on the page.

        One script rather than SET NX per key and an MGET in MULTI/EXEC: Redis answers one reply
        instead of 2n + 3, which cost 142 µs against get_many's 60 µs for six keys, so the page
        cache could not afford it on every render; the script costs what get_many does.
        """
        made = {self.make_and_validate_key(key, version=version): key for key in mapping}
        client = self._cache.get_client(write=True)
        if self._add_script is None:
            self._add_script = client.register_script(ADD_MANY)
        expiry = self.get_backend_timeout(timeout)
        values = [self._cache._serializer.dumps(mapping[original]) for original in made.values()]
        held = self._add_script(keys=list(made), args=["" if expiry is None else expiry, *values], client=client)
        return {
            made[key]: self._cache._serializer.loads(value)
            for key, value in zip(made, held, strict=True)
            if value is not None
        }

    def get_many_and_add(self, keys, key: str, value, timeout=None, version=None) -> tuple[dict, bool]:
        """get_many(keys) and add(key, value, timeout), in one round trip: the page cache's lookup
        reads a page with its versions and marks its address as asked for (whether the address
        was asked for before decides whether its page is worth writing)."""
        made = {self.make_and_validate_key(name, version=version): name for name in keys}
        added = self.make_and_validate_key(key, version=version)
        pipeline = self._cache.get_client(write=True).pipeline(transaction=False)
        pipeline.mget(list(made))
        pipeline.set(added, self._cache._serializer.dumps(value), ex=self.get_backend_timeout(timeout), nx=True)
        values, was_added = pipeline.execute()
        found = zip(made, values, strict=True)
        return {made[name]: self._cache._serializer.loads(held) for name, held in found if held is not None}, bool(
            was_added
        )
