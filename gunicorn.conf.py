"""gunicorn settings for production: `gunicorn magazine.wsgi` reads this file from the project folder."""

import gc
import json
import multiprocessing

from gunicorn.glogging import Logger

# The variables are read as the settings read theirs (core/environment.py: a bad value is
# refused with its name); that module imports nothing of Django's but its exception.
from core.environment import env

bind = env.str("GUNICORN_BIND", f"127.0.0.1:{env.int('PORT', 8000)}")
# The usual rule for sync workers: two per core, plus one.
workers = env.int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"
# A request that takes longer than this is stuck; the worker is replaced.
timeout = env.int("GUNICORN_TIMEOUT", 30)
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
forwarded_allow_ips = env.str("FORWARDED_ALLOW_IPS", "127.0.0.1")


class JsonAccessLogger(Logger):
    """The access log as one JSON object a line, written by json.dumps.

    gunicorn's access_log_format escapes double quotes only: a path with a backslash or a tab
    made a line that was not JSON, and an encoded newline (%0A) two lines, one of them the
    sender's.
    """

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        atoms = self.atoms(resp, req, environ, request_time)
        entry = {
            "time": atoms["t"],
            "logger": "gunicorn.access",
            "method": atoms["m"],
            "path": atoms["U"],
            "status": int(atoms["s"]) if str(atoms["s"]).isdigit() else atoms["s"],
            "bytes": atoms["B"],
            "duration_ms": atoms["M"],
            "remote": atoms["h"],
        }
        # ASCII only: no character of the path can end the line for a log reader either.
        self.access_log.info("%s", json.dumps(entry))


# Logs on stdout: one JSON object per request, beside the app's own JSON lines.
accesslog = "-"
errorlog = "-"
logger_class = JsonAccessLogger


# --- Hooks ---------------------------------------------------------------------


def pre_fork(server, worker):
    # Everything the master loaded (Django, the app, their modules) lives as long as the worker:
    # frozen, the worker's full garbage collections skip it. They took up to 43 ms each, a few
    # times a minute per worker, on a cold search (p95 77 ms, 56 ms frozen); forked pages stay shared.
    gc.freeze()
