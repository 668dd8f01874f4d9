"""An index for core/tasks.py's look-up of a task already queued, on django-tasks-db's table.

Without it that look-up reads every queued task: a fan-out of 20,000 tasks took 4 ms a task,
and more as the queue grew. Partial, so it holds only the tasks waiting to run.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("django_tasks_database", "0021_conditional_partial_index_ordering")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX core_queued_task_idx ON django_tasks_database_dbtaskresult (task_path, args_kwargs) "
            "WHERE status = 'READY'",
            "DROP INDEX core_queued_task_idx",
        )
    ]
