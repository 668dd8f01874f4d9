"""gunicorn settings for production: `gunicorn magazine.wsgi` reads this file from the project folder."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# The usual rule for sync workers: two per core, plus one.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# A request that takes longer than this is stuck; the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak never becomes an outage.
max_requests = 5000
max_requests_jitter = 500
# Load Django once in the master and fork workers from it: a recycled worker then starts in
# milliseconds instead of a second of imports on a busy core (on the bench, that second was
# the p99 of the cache-warm rows). Safe because loading the app opens no database or cache
# connection (tests/magazine/test_production.py). New code needs a restart, not a HUP.
preload_app = True
# The proxy in front (nginx) is the only client we take X-Forwarded-* headers from.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Logs on stdout: one JSON object per request, beside the app's own JSON lines.
accesslog = "-"
errorlog = "-"
access_log_format = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "method": "%(m)s", "path": "%(U)s", '
    '"status": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s, "remote": "%(h)s"}'
)
