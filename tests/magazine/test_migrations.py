"""Migrations must be safe to run while the previous release still serves (docs/deploy.md, Migrations)."""

import pytest
from django.core.management import call_command
from django.db import connection, migrations, models
from django.db.migrations.loader import MigrationLoader

pytestmark = pytest.mark.django_db

OUR_APPS = {"articles", "authors", "films", "comments", "images", "magazine"}

# Operations that break the running release: it still reads or writes what they remove or rename.
BREAKING = (
    migrations.RemoveField,
    migrations.DeleteModel,
    migrations.RenameField,
    migrations.RenameModel,
    migrations.AlterModelTable,
)

# (app, migration) pairs allowed to break the rule anyway, each with the reason it is safe.
ACCEPTED: dict[tuple[str, str], str] = {}


def _operations():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for (app, name), migration in sorted(loader.disk_migrations.items()):
        # An initial migration creates new tables, which no running release uses yet.
        if app in OUR_APPS and not migration.initial and (app, name) not in ACCEPTED:
            for operation in migration.operations:
                yield app, name, operation


def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_no_migration_removes_or_renames_what_the_running_release_uses():
    breaking = [f"{app}.{name}: {op.describe()}" for app, name, op in _operations() if isinstance(op, BREAKING)]

    assert breaking == [], "expand first, contract in a later release (docs/deploy.md)"


def test_new_required_columns_have_a_database_default():
    # The running release inserts rows without the new column; only a database default fills it.
    unsafe = [
        f"{app}.{name}: {op.describe()}"
        for app, name, op in _operations()
        if isinstance(op, migrations.AddField)
        and not op.field.null
        and not op.field.many_to_many
        and op.field.db_default is models.NOT_PROVIDED
    ]

    assert unsafe == [], "give new NOT NULL columns a db_default (docs/deploy.md)"


def _altered_fields():
    """(app, migration, operation, the field before, the field after) of every AlterField checked."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for (app, name), migration in sorted(loader.disk_migrations.items()):
        if app not in OUR_APPS or migration.initial or (app, name) in ACCEPTED:
            continue
        state = loader.project_state((app, name), at_end=False)
        for operation in migration.operations:
            if isinstance(operation, migrations.AlterField):
                before = state.models[app, operation.model_name_lower].fields[operation.name]
                yield app, name, operation, before, operation.field
            operation.state_forwards(app, state)


def test_no_migration_narrows_a_column_the_running_release_writes():
    # NOT NULL on a column the running release leaves empty, or a new type (a shorter varchar,
    # text to integer), fails its inserts and updates.
    unsafe = [
        f"{app}.{name}: {operation.describe()}"
        for app, name, operation, before, after in _altered_fields()
        if (before.null and not after.null and after.db_default is models.NOT_PROVIDED)
        or before.db_type(connection) != after.db_type(connection)
    ]

    assert unsafe == [], "expand first, contract in a later release (docs/deploy.md)"
