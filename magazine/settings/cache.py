"""The cache (Redis when shared), sessions and the page cache."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from core.environment import env

# --- Cache and sessions -----------------------------------------------------

# Unset: each process keeps its own cache in memory, which is right for one process only.
CACHE_URL = env.str("CACHE_URL")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "core.cache.RedisCache", "LOCATION": CACHE_URL}}
    # Sessions are read from the shared cache and written through to the database.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif CACHE_URL:
    # A misspelt address would otherwise leave every app server with a cache of its own, and rate
    # limits and sessions quietly unshared.
    raise ImproperlyConfigured(
        f"CACHE_URL must start with redis:// or rediss://, not {urlsplit(CACHE_URL).scheme}:// "
        "(unset, each process keeps a cache of its own)."
    )
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# How long a reader's page may be kept (front/pagecache.py); changes replace it sooner,
# at once. 0 turns the page cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", 600)
# Which read of a page within PAGE_CACHE_SECONDS writes it to the shared cache: 1, the first; 2, the
# second, so that a page read once in that time costs no write (the lookup marks what it was asked
# for), at the price of a render more for every page read twice or more. Which is cheaper depends
# on how often pages are read: the bench's long tail reads each article twice and prefers 1.
PAGE_CACHE_WRITE_ON_READ = env.int("PAGE_CACHE_WRITE_ON_READ", 1)
if PAGE_CACHE_WRITE_ON_READ not in (1, 2):
    raise ImproperlyConfigured(f"PAGE_CACHE_WRITE_ON_READ must be 1 or 2, not {PAGE_CACHE_WRITE_ON_READ}.")
# How many bytes of pages each server process keeps a copy of, so that a page-cache hit
# fetches only the versions of what the page shows from the cache, not the page itself.
PAGE_CACHE_PROCESS_BYTES = env.int("PAGE_CACHE_PROCESS_BYTES", 16 * 1024 * 1024)
# How long a front cache (nginx micro-caching, docs/deploy.md) may keep a page Django cached.
FRONT_CACHE_SECONDS = env.int("FRONT_CACHE_SECONDS", 1)
