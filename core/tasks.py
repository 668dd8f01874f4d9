"""Tasks the apps queue for the worker: retried when they fail, not queued twice, run at a time.

Django's Tasks API (the `django-tasks` backport of Django 6.0's `django.tasks`) with
`django-tasks-db`, whose rows live in our own database: enqueueing is a write in the caller's
transaction, so a change and the work it queues commit or roll back together. The library leaves
three things to us, added here:

- `task()` retries a task that raises, later and later, then gives up with an error in the log;
- `enqueue()` and `enqueue_at()` add nothing when the same task with the same arguments is
  already queued to run at that time and has not started;
- `requeue_abandoned()` puts back the tasks a dead worker left running (`manage.py worker` calls it).

Tasks must be idempotent: a task may run twice (a worker that died after the work but before
marking it done, a lease that ran out), never zero times.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.db import connections, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import DEFAULT_TASK_QUEUE_NAME, TaskContext, TaskResult, TaskResultStatus
from django_tasks import task as define_task
from django_tasks.base import DEFAULT_TASK_PRIORITY, Task
from django_tasks.utils import normalize_json
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult, get_date_max
from typing_extensions import ParamSpec

logger = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

ATTEMPTS = 5
BACKOFF = timedelta(seconds=10)


def task(
    *,
    attempts: int = ATTEMPTS,
    backoff: timedelta = BACKOFF,
    priority: int = DEFAULT_TASK_PRIORITY,
    queue_name: str = DEFAULT_TASK_QUEUE_NAME,
) -> Callable[[Callable[P, T]], Task[P, T]]:
    """Make a module-level function a task that is run again when it raises, up to `attempts` runs.

    Attempt n + 1 is queued `backoff * 2 ** (n - 1)` after attempt n failed (10 s, 20 s, 40 s... by
    default); each failed attempt stays in the queue's table as FAILED with its traceback. After the
    last one, an error naming the task and its arguments is logged. A run cut short by a dead
    worker counts as an attempt too.
    """

    def decorate(function: Callable[P, T]) -> Task[P, T]:
        def run(context: TaskContext, *args: P.args, **kwargs: P.kwargs) -> T:
            try:
                return function(*args, **kwargs)
            except Exception:
                _retry_or_give_up(context, attempts=attempts, backoff=backoff)
                raise

        # The worker finds a task by its function's module and name: the module attribute that
        # this decorator's result is bound to. (No __wrapped__: the library checks that the
        # signature it sees starts with `context`.)
        for name in ("__module__", "__name__", "__qualname__", "__doc__"):
            setattr(run, name, getattr(function, name))
        run.function = function  # type: ignore[attr-defined]  # to call it in-process
        return define_task(priority=priority, queue_name=queue_name, takes_context=True)(run)

    return decorate


def _retry_or_give_up(context: TaskContext, *, attempts: int, backoff: timedelta) -> None:
    result = context.task_result
    if context.attempt >= attempts:
        logger.error(
            "Task %s gave up after %d attempts; arguments %r %r",
            result.task.module_path,
            context.attempt,
            result.args,
            result.kwargs,
            exc_info=True,
        )
        return
    delay = backoff * 2 ** (context.attempt - 1)
    logger.warning(
        "Task %s failed (attempt %d of %d); runs again in %s",
        result.task.module_path,
        context.attempt,
        attempts,
        delay,
        exc_info=True,
    )
    try:
        retry = result.task.using(run_after=timezone.now() + delay).enqueue(*result.args, **result.kwargs)
        # The attempts so far go with it: the next run's context.attempt counts them.
        DBTaskResult.objects.filter(pk=retry.id).update(worker_ids=result.worker_ids)
    except Exception:
        # The database away, most likely, as it may be for the task itself: said, not hidden.
        logger.exception(
            "Task %s could not be queued again; arguments %r %r", result.task.module_path, result.args, result.kwargs
        )


def enqueue(task: Task[P, T], /, *args: P.args, **kwargs: P.kwargs) -> TaskResult[T] | None:
    """Queue `task` to run as soon as a worker is free, unless it already is with these arguments.

    Returns None, after one query, when the same task with the same arguments is queued, due and
    not started: that run will see this transaction's changes, as the row is locked until it ends.
    """
    return _enqueue(task, None, args, kwargs)


def enqueue_at(when: datetime, task: Task[P, T], /, *args: P.args, **kwargs: P.kwargs) -> TaskResult[T] | None:
    """Queue `task` to run at `when` (or at once if that is past), unless it already is at that time.

    For what changes with time (a publication scheduled, an embargo lifting, comments closing):
    the worker runs it within a second or two of `when`.
    """
    return _enqueue(task, when, args, kwargs)


def _enqueue(task: Task[P, T], when: datetime | None, args: Any, kwargs: Any) -> TaskResult[T] | None:
    now = timezone.now()
    if when is not None and when <= now:
        when = None
    # Sorted, so that the same keywords in another order are the same arguments on SQLite too.
    kwargs = dict(sorted(kwargs.items()))
    queued = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY,
        task_path=task.module_path,
        backend_name=task.backend,
        queue_name=task.queue_name,
        args_kwargs=normalize_json({"args": args, "kwargs": kwargs}),
    )
    if when is None:
        queued = queued.filter(Q(run_after=get_date_max()) | Q(run_after__lte=now))
    else:
        queued = queued.filter(run_after=when)
    if connections[queued.db].in_atomic_block:
        # Locked to the end of our transaction: a worker skips it until we commit, so it cannot run
        # on what we are changing before we are done. One a worker is claiming is skipped here.
        queued = queued.select_for_update(skip_locked=True)
    if queued.order_by().values_list("pk", flat=True)[:1]:
        return None
    if when is not None:
        task = task.using(run_after=when)
    return task.enqueue(*args, **kwargs)


def requeue_abandoned(*, lease: timedelta, worker_id: str | None = None) -> int:
    """Put back to READY the tasks whose worker died running them; return how many.

    django-tasks-db marks a task RUNNING when a worker claims it and leaves it so if the worker is
    killed. A task is taken for abandoned when it has been running longer than `lease`, or at
    once when it was last claimed by `worker_id`, a worker starting under the same name as the
    one it replaces (worker ids are unique among running workers). One whose workers died
    ATTEMPTS times is marked FAILED instead, with an error in the log: it is what kills them.
    """
    now = timezone.now()
    running = DBTaskResult.objects.running().only("pk", "started_at", "worker_ids", "task_path", "args_kwargs")
    requeued = 0
    for row in running:
        ours = worker_id is not None and row.worker_ids[-1:] == [worker_id]
        if not ours and row.started_at is not None and row.started_at > now - lease:
            continue
        # Only if it is still as we read it: not finished or requeued meanwhile.
        still = running.filter(pk=row.pk, started_at=row.started_at)
        if len(row.worker_ids) >= ATTEMPTS:
            if still.update(status=TaskResultStatus.FAILED, finished_at=now, traceback="Its worker died each time."):
                logger.error(
                    "Task %s (%s) gave up: its worker died in each of %d attempts; arguments %r",
                    row.task_path,
                    row.pk,
                    len(row.worker_ids),
                    row.args_kwargs,
                )
        elif still.update(status=TaskResultStatus.READY, started_at=None):
            requeued += 1
            logger.warning(
                "Task %s (%s) was left running by worker %s since %s: queued again",
                row.task_path,
                row.pk,
                row.worker_ids[-1] if row.worker_ids else "?",
                row.started_at,
            )
    return requeued


def run_queued(*, backend: str = "default") -> int:
    """Run every task that is due in this process, those they queue too, until none is; return how many.

    For tests and management commands that need the queue drained now. Tasks queued for later
    (retries included) stay queued.
    """
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=backend,
        startup_delay=False,
        max_tasks=None,
        worker_id="in-process",
        excluded_queue_names=[],
    )
    ran = 0
    while True:
        with transaction.atomic():
            row = DBTaskResult.objects.ready().filter(backend_name=backend).get_locked()
            if row is None:
                return ran
            row.claim(worker.worker_id)
        worker.run_task(row)
        ran += 1
