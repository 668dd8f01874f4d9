"""The database, and a read replica for readers' pages when there is one."""

from __future__ import annotations

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from core.environment import env

from .base import PRODUCTION, VAR_DIR

# --- Database ---------------------------------------------------------------

DB_CONN_MAX_AGE = env.int("DB_CONN_MAX_AGE", 60 if PRODUCTION else 0)
DB_CONNECT_TIMEOUT = env.int("DB_CONNECT_TIMEOUT", 3)


def database(url: str, variable: str = "DATABASE_URL") -> dict:
    """Django's settings for the database at `url`, the value of `variable` (which an error names)."""
    try:
        config = dj_database_url.parse(
            url,
            conn_max_age=DB_CONN_MAX_AGE,
            # A connection kept across requests is checked before reuse, so a restarted database is survived.
            conn_health_checks=True,
        )
    except ValueError as error:
        raise ImproperlyConfigured(f"{variable} is not a database address we can use: {error}") from None
    if config["ENGINE"] == "django.db.backends.postgresql":
        # Fail fast when the database is away: readers get a 503 in seconds, not a hung request.
        config["OPTIONS"] = {
            "connect_timeout": DB_CONNECT_TIMEOUT,
            # A database that stops answering on an open connection (the network gone, not a restart,
            # which closes it) is given up on in seconds, not after the kernel's quarter of an hour
            # of retries: data unacknowledged for 5 s, or two keepalives unanswered after 5 s of silence (9 s).
            "tcp_user_timeout": 5000,
            "keepalives": 1,
            "keepalives_idle": 5,
            "keepalives_interval": 2,
            "keepalives_count": 2,
            # JIT helps long analytic queries; on a web site's short ones it spends seconds compiling.
            "options": "-c jit=off",
        }
    return config


DATABASES = {"default": database(env.str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"))}
# Lower case, so that it is no setting: Django's debug page shows settings, and this address holds a password.
if replica_url := env.str("DATABASE_REPLICA_URL"):
    # Reads go to the replica, writes and the admin to the primary (core/db_router.py).
    DATABASES["replica"] = database(replica_url, "DATABASE_REPLICA_URL") | {"TEST": {"MIRROR": "default"}}
    DATABASE_ROUTERS = ["core.db_router.PrimaryReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The covering indexes' INCLUDE columns are a PostgreSQL speed-up; SQLite builds the same index
    # without them, so its warning on every migrate tells a newcomer nothing to act on.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
