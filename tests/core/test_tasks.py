"""The task queue's helpers (core/tasks.py): retries, no task queued twice, tasks run at a time."""

import logging
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from core.tasks import enqueue, enqueue_at, requeue_abandoned, run_queued
from tests.core.queued import fail, fail_once, name_group

pytestmark = pytest.mark.django_db


def make_due(**filters) -> None:
    """As if the time the tasks wait for had come."""
    DBTaskResult.objects.filter(status=TaskResultStatus.READY, **filters).update(
        run_after=timezone.now() - timedelta(seconds=1)
    )


def test_a_queued_task_runs_when_the_queue_is_run():
    enqueue(name_group, 1)

    assert run_queued() == 1
    assert Group.objects.filter(name="group 1").exists()
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


def test_a_task_is_queued_in_the_callers_transaction_and_rolls_back_with_it():
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue(name_group, 1)
        raise RuntimeError("the change fails")

    assert not DBTaskResult.objects.exists()


def test_the_same_task_with_the_same_arguments_is_queued_once_and_costs_one_query(django_assert_num_queries):
    first = enqueue(name_group, 1, pause=0)

    with django_assert_num_queries(1):
        again = enqueue(name_group, 1, pause=0)

    assert first is not None
    assert again is None
    assert DBTaskResult.objects.count() == 1


def test_other_arguments_make_another_task():
    enqueue(name_group, 1)
    enqueue(name_group, 2)
    enqueue(name_group, 1, pause=0.1)

    assert DBTaskResult.objects.count() == 3


def test_keywords_in_another_order_are_the_same_arguments():
    enqueue(fail, number=1)
    enqueue(name_group, number=1, pause=0)

    assert enqueue(name_group, pause=0, number=1) is None
    assert DBTaskResult.objects.count() == 2


def test_a_task_already_run_or_running_is_queued_again():
    enqueue(name_group, 1)
    run_queued()

    assert enqueue(name_group, 1) is not None
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(status=TaskResultStatus.RUNNING)
    assert enqueue(name_group, 1) is not None
    assert DBTaskResult.objects.count() == 3


def test_a_task_queued_for_later_waits_for_its_time():
    when = timezone.now() + timedelta(hours=1)
    result = enqueue_at(when, name_group, 1)

    assert DBTaskResult.objects.get(pk=result.id).run_after == when
    assert run_queued() == 0
    make_due()
    assert run_queued() == 1
    assert Group.objects.filter(name="group 1").exists()


def test_a_time_already_past_runs_at_once():
    enqueue_at(timezone.now() - timedelta(minutes=1), name_group, 1)

    assert run_queued() == 1


def test_a_task_for_later_is_no_duplicate_of_one_for_now_nor_of_one_at_another_time():
    when = timezone.now() + timedelta(hours=1)

    assert enqueue(name_group, 1) is not None
    assert enqueue_at(when, name_group, 1) is not None
    assert enqueue_at(when, name_group, 1) is None
    assert enqueue_at(when + timedelta(minutes=1), name_group, 1) is not None
    assert enqueue(name_group, 1) is None
    assert DBTaskResult.objects.count() == 3


def test_a_failing_task_runs_again_later_and_later():
    started = timezone.now()
    enqueue(fail_once, 7)

    assert run_queued() == 1
    first = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert "first try of 7" in first.traceback
    # The backoff's first step, 10 s.
    assert started + timedelta(seconds=10) <= retry.run_after <= timezone.now() + timedelta(seconds=10)
    assert retry.worker_ids == first.worker_ids

    make_due()
    assert run_queued() == 1
    assert DBTaskResult.objects.get(pk=retry.pk).status == TaskResultStatus.SUCCESSFUL
    assert Group.objects.filter(name="group 7").exists()


def test_a_task_that_keeps_failing_gives_up_after_its_attempts_with_an_error_in_the_log(caplog):
    enqueue(fail, 3)
    waits = []
    with caplog.at_level(logging.WARNING, logger="core.tasks"):
        while run_queued():
            retry = DBTaskResult.objects.filter(status=TaskResultStatus.READY).first()
            if retry:
                waits.append(retry.run_after - retry.enqueued_at)
                make_due()

    assert DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count() == 3
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
    # Twice as long each time: 10 s, then 20 s.
    assert [round(wait.total_seconds()) for wait in waits] == [10, 20]
    errors = [record for record in caplog.records if record.name == "core.tasks" and record.levelno == logging.ERROR]
    assert [record.getMessage() for record in errors] == [
        "Task tests.core.queued.fail gave up after 3 attempts; arguments [3] {}"
    ]
    assert "failure 3" in caplog.text


def running_task(*, started: timedelta, worker: str, earlier_workers: tuple[str, ...] = ()) -> DBTaskResult:
    result = enqueue(name_group, 1)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now() - started, worker_ids=[*earlier_workers, worker]
    )
    return DBTaskResult.objects.get(pk=result.id)


def test_a_task_running_longer_than_the_lease_is_queued_again():
    running_task(started=timedelta(minutes=6), worker="gone")

    assert requeue_abandoned(lease=timedelta(minutes=5)) == 1
    assert run_queued() == 1
    assert Group.objects.filter(name="group 1").exists()


def test_a_task_within_its_lease_is_left_to_its_worker():
    running_task(started=timedelta(minutes=4), worker="busy")

    assert requeue_abandoned(lease=timedelta(minutes=5), worker_id="another") == 0
    assert DBTaskResult.objects.get().status == TaskResultStatus.RUNNING


def test_a_worker_starting_under_a_dead_ones_name_takes_its_task_back_at_once():
    running_task(started=timedelta(seconds=1), worker="host-1")

    assert requeue_abandoned(lease=timedelta(minutes=5), worker_id="host-1") == 1
    assert DBTaskResult.objects.get().status == TaskResultStatus.READY


def test_a_task_queued_for_now_is_stored_to_run_as_soon_as_possible():
    result = enqueue(name_group, 1)

    assert DBTaskResult.objects.get(pk=result.id).run_after == get_date_max()


def test_a_task_whose_worker_died_at_each_attempt_gives_up_with_an_error_in_the_log(caplog):
    running_task(started=timedelta(minutes=6), worker="w5", earlier_workers=("w1", "w2", "w3", "w4"))

    with caplog.at_level(logging.ERROR, logger="core.tasks"):
        assert requeue_abandoned(lease=timedelta(minutes=5)) == 0

    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED
    assert "Task tests.core.queued.name_group" in caplog.text
    assert "its worker died in each of 5 attempts" in caplog.text
