"""A worker killed mid-task loses nothing: `manage.py worker` processes, on the test database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.tasks import enqueue
from tests.core.queued import name_group
from tests.servers import ROOT, database_url

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="worker processes need a database they can all open"),
    pytest.mark.django_db(transaction=True),
]

TASKS = 8
PAUSE = 0.4  # each task's length, so that a kill lands in the middle of one


def done() -> list[str]:
    """What the tasks wrote (the roles' groups from desk's migration aside)."""
    return sorted(Group.objects.filter(name__startswith="group ").values_list("name", flat=True))


def start_worker(worker_id: str, *, lease: int) -> subprocess.Popen:
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    env |= {
        "DJANGO_SETTINGS_MODULE": "magazine.settings",
        "DATABASE_URL": database_url(),
        "TASKS_LEASE_SECONDS": str(lease),
        "LOG_LEVEL": "WARNING",
    }
    command = [
        sys.executable,
        "manage.py",
        "worker",
        "--worker-id",
        worker_id,
        "--interval",
        "0.1",
        "--no-startup-delay",
    ]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"no {what} within {seconds} s"
        time.sleep(0.05)


def stop(worker: subprocess.Popen) -> None:
    worker.terminate()
    try:
        worker.wait(timeout=10)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def kill_mid_queue(worker_id: str) -> None:
    """Queue the tasks, let a worker run some, and kill it -9 while it runs another."""
    for number in range(TASKS):
        enqueue(name_group, number, pause=PAUSE)
    worker = start_worker(worker_id, lease=3600)
    try:
        wait_for(
            lambda: DBTaskResult.objects.successful().count() >= 2 and DBTaskResult.objects.running().exists(),
            30,
            "task done and another running",
        )
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        stop(worker)
    # Left as the library leaves it: running, by nobody.
    assert DBTaskResult.objects.running().count() == 1
    assert len(done()) < TASKS


def assert_every_task_done_once() -> None:
    assert done() == sorted(f"group {number}" for number in range(TASKS))
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}
    assert DBTaskResult.objects.count() == TASKS


def test_a_worker_restarted_under_the_dead_ones_name_runs_what_it_left_at_once():
    kill_mid_queue("host-1")

    # A lease of an hour: only the name tells that the task's worker is gone.
    worker = start_worker("host-1", lease=3600)
    try:
        wait_for(lambda: len(done()) == TASKS and not DBTaskResult.objects.running().exists(), 30, "queue")
    finally:
        stop(worker)
    assert_every_task_done_once()


def test_another_worker_runs_what_a_dead_one_left_once_its_lease_is_over():
    kill_mid_queue("host-1")

    worker = start_worker("host-2", lease=1)
    try:
        wait_for(lambda: len(done()) == TASKS and not DBTaskResult.objects.running().exists(), 30, "queue")
    finally:
        stop(worker)
    assert_every_task_done_once()


def test_a_task_found_already_queued_waits_for_the_writer_to_commit():
    # Else a worker could run it on the rows as they were before the change that queued it again.
    enqueue(name_group, 1)
    claimed = []

    def claim() -> None:
        try:
            with transaction.atomic():
                claimed.append(DBTaskResult.objects.ready().get_locked())
        finally:
            connection.close()

    with transaction.atomic():
        assert enqueue(name_group, 1) is None
        during = threading.Thread(target=claim)
        during.start()
        during.join()
    after = threading.Thread(target=claim)
    after.start()
    after.join()

    assert claimed[0] is None
    assert claimed[1] is not None
