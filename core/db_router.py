"""Send reads to a replica when one is configured; writes and the admin stay on the primary."""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings
from django.db import connections

_use_primary: ContextVar[bool] = ContextVar("use_primary", default=False)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints) -> str:
        # Inside a transaction, or during a request that writes or edits, read what we just wrote.
        if _use_primary.get() or connections["default"].in_atomic_block:
            return "default"
        return "replica"

    def db_for_write(self, model, **hints) -> str:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db == "default"


class PrimaryForWritesMiddleware:
    """Pin writes (any non-GET) and the admin to the primary, so nobody edits stale rows."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        pinned = request.method not in ("GET", "HEAD", "OPTIONS") or request.path.startswith(f"/{settings.ADMIN_URL}")
        token = _use_primary.set(pinned)
        try:
            return self.get_response(request)
        finally:
            _use_primary.reset(token)
