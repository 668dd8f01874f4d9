"""`manage.py worker`: django-tasks-db's db_worker, which also puts back what a dead worker left running.

The library marks a task RUNNING when a worker claims it and never looks at it again, so a
worker killed mid-task (SIGKILL, out of memory, its machine lost) would leave it so forever.
This one, as it starts and then every quarter of TASKS_LEASE_SECONDS, queues again the tasks
running longer than that lease, and at once those last claimed under its own --worker-id: a
worker restarted under its predecessor's name (docs/deploy.md) recovers its task in no time.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from core.tasks import requeue_abandoned

logger = logging.getLogger(__name__)


class Command(DatabaseWorkerCommand):
    help = "Run the task worker (django-tasks-db's db_worker), putting back tasks a dead worker left running."

    def handle(self, *args: Any, worker_id: str, **options: Any) -> None:
        lease = timedelta(seconds=settings.TASKS_LEASE_SECONDS)
        requeue_abandoned(lease=lease, worker_id=worker_id)
        connection.close()
        # A daemon thread, with its own connection: the library's loop has no hook, and the
        # thread ends with the process however that ends.
        threading.Thread(target=self.watch, args=(lease,), name="requeue-abandoned", daemon=True).start()
        super().handle(*args, worker_id=worker_id, **options)

    def watch(self, lease: timedelta) -> None:
        while True:
            time.sleep(max(lease.total_seconds() / 4, 1))
            try:
                requeue_abandoned(lease=lease)
            except Exception:
                # The database away for a moment, say: the next round tries again.
                logger.exception("Could not look for tasks left running by dead workers")
            finally:
                connection.close()
