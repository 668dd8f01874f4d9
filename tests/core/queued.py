"""Tasks for the queue's tests, at module level as tasks must be, so that a worker process finds them."""

from __future__ import annotations

import time

from django.contrib.auth.models import Group

from core.tasks import task


class Failure(Exception):
    pass


@task()
def name_group(number: int, *, pause: float = 0) -> None:
    """Idempotent, like every task: a second run finds the group and adds nothing."""
    time.sleep(pause)
    Group.objects.get_or_create(name=f"group {number}")


@task(attempts=3)
def fail(number: int) -> None:
    raise Failure(f"failure {number}")


@task(attempts=3)
def fail_once(number: int) -> None:
    if not Group.objects.filter(name=f"tried {number}").exists():
        Group.objects.create(name=f"tried {number}")
        raise Failure(f"first try of {number}")
    Group.objects.get_or_create(name=f"group {number}")
