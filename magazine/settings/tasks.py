"""The task queue: work done after a change, by `manage.py worker` (core/tasks.py, docs/deploy.md)."""

from __future__ import annotations

from core.environment import env

# --- Tasks ------------------------------------------------------------------

# Tasks are rows in the site's own database, so enqueueing one is a write in the writer's own
# transaction (an outbox): a change and the work it queues commit or roll back together, and
# there is no broker to run, back up or lose. django-tasks 0.12 and Django 6.0 have no
# ENQUEUE_ON_COMMIT any more: the row is always written at once, which is what this relies on.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A task still running this many seconds after it started is taken for one whose worker died
# (killed, its machine gone) and is queued again. Longer than the longest task: one that
# outlives it runs twice, which idempotent tasks allow.
TASKS_LEASE_SECONDS = env.int("TASKS_LEASE_SECONDS", 300)
