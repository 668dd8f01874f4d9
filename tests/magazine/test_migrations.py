"""Migrations must be safe to run while the previous release still serves (docs/deploy.md, Migrations),
and a database at any released migration must upgrade to the schema a new database gets."""

import re

import pytest
from django.core.management import call_command
from django.db import connection, migrations, models
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

pytestmark = pytest.mark.django_db

OUR_APPS = {"articles", "authors", "films", "comments", "images", "desk"}

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
    # Without replacements: a squashed migration's replaced ones are checked in the history they ran in.
    loader = MigrationLoader(None, ignore_no_migrations=True, replace_migrations=False)
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


# --- Squashed migrations ----------------------------------------------------------------------

SQUASHED = ("articles", "0001_squashed_0006_hot_query_indexes")
# Every migration of articles a released database may have stopped at (each landed commit of main
# had one of these as its newest): the nine the squashed migration replaces.
RELEASED = [
    ("articles", "0001_initial"),
    ("articles", "0002_article_comment_mode"),
    ("articles", "0002_article_hero"),
    ("articles", "0002_reader_site"),
    ("articles", "0002_workflow"),
    ("articles", "0003_merge"),
    ("articles", "0004_merge"),
    ("articles", "0005_merge"),
    ("articles", "0006_hot_query_indexes"),
]

# A migration written later on a branch that still depends on a replaced migration, as other
# branches' new migrations of articles do: Django points it at the squashed migration when that is
# the one used, and leaves it after 0006 when a database runs the replaced ones.
LATER = ("articles", "9999_later")
LATER_MIGRATION = type(
    "Migration",
    (migrations.Migration,),
    {
        "dependencies": [("articles", "0006_hot_query_indexes")],
        "operations": [
            migrations.AddField("article", "later_note", models.TextField(blank=True, db_default="")),
            migrations.AddIndex("article", models.Index(fields=["later_note"], name="article_later_note_idx")),
        ],
    },
)(LATER[1], LATER[0])


class LoaderWithALaterMigration(MigrationLoader):
    def load_disk(self):
        super().load_disk()
        self.disk_migrations[LATER] = LATER_MIGRATION


def _executor(*, released: bool = False) -> MigrationExecutor:
    """An executor on a fresh reading of the database's migrations table.

    released: articles' migrations as released, the nine without the squashed one; else as this
    code ships them, with the later migration.
    """
    executor = MigrationExecutor(connection)
    if released:
        executor.loader = MigrationLoader(connection, replace_migrations=False)
        squashed = executor.loader.replacements.pop(SQUASHED)
        executor.loader.graph.remove_replacement_node(SQUASHED, squashed.replaces)
    else:
        executor.loader = LoaderWithALaterMigration(connection)
    return executor


def _head() -> list[tuple[str, str]]:
    return _executor().loader.graph.leaf_nodes()


NUMBERED = re.compile(r"__unnamed_constraint_\d+__|fk_\d+")


def _schema() -> dict:
    """Every table's columns, constraints and indexes as the database describes them, column order aside."""
    introspection = connection.introspection
    schema = {}
    with connection.cursor() as cursor:
        for table in introspection.table_names(cursor):
            constraints = introspection.get_constraints(cursor, table)
            # SQLite numbers the constraints that have no name (a column's CHECK, a foreign key) in
            # column order, which a new database and an upgraded one need not share.
            numbered = {name for name in constraints if connection.vendor == "sqlite" and NUMBERED.fullmatch(name)}
            schema[table] = {
                "columns": {
                    column.name: tuple(column) for column in introspection.get_table_description(cursor, table)
                },
                "constraints": {name: details for name, details in constraints.items() if name not in numbered},
                "numbered constraints": sorted(repr(constraints[name]) for name in numbered),
            }
        if connection.vendor == "postgresql":
            # Introspection leaves out check constraints' conditions; PostgreSQL gives each definition.
            cursor.execute(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE connamespace = current_schema()::regnamespace"
            )
            schema["constraint definitions"] = sorted(cursor.fetchall())
            cursor.execute("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()")
            schema["index definitions"] = sorted(cursor.fetchall())
        else:
            # SQLite keeps each index's CREATE statement (partial ones' WHERE included).
            cursor.execute("SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index'")
            schema["index definitions"] = sorted(cursor.fetchall(), key=repr)
    return schema


_new_database: dict[str, tuple[dict, list]] = {}


@pytest.fixture
def new_database():
    """The schema a new database gets (articles, and what depends on it, migrated from nothing) and
    the migrations that took it there. Made once for the module: it takes a dozen migrations."""
    if connection.vendor not in _new_database:
        _executor().migrate([("articles", None)])
        plan = [(migration.app_label, migration.name) for migration, _ in _executor().migration_plan(_head())]
        _executor().migrate(_head())
        _new_database[connection.vendor] = _schema(), plan
    yield _new_database[connection.vendor]
    # Back to the head as this code ships it, without the later migration, for the tests that follow
    # (from wherever a failed test left the database): back to the squashed migration, which takes
    # the later one away with articles' real migrations after 0006, then on to those again.
    if not set(RELEASED) <= MigrationRecorder(connection).applied_migrations().keys():
        _executor().migrate(_head())
    _executor().migrate([SQUASHED])
    shipped = MigrationExecutor(connection)
    shipped.migrate(shipped.loader.graph.leaf_nodes())


def test_a_new_database_runs_the_squashed_migration_and_none_it_replaces():
    plan = MigrationLoader(None).graph.forwards_plan(("comments", "0007_moderation_log_edit_action"))

    assert SQUASHED in plan
    assert not set(RELEASED) & set(plan)


def test_migrations_of_other_apps_on_a_replaced_migration_wait_for_the_squashed_one():
    graph = MigrationLoader(None).graph

    # comments 0002 depends on 0002_article_comment_mode, desk 0001 on 0005_merge.
    assert SQUASHED in graph.node_map["comments", "0002_moderation"].parents
    assert SQUASHED in graph.node_map["desk", "0001_roles"].parents


def test_the_squashed_migration_leaves_the_state_the_replaced_ones_leave():
    squashed = MigrationLoader(None).project_state(SQUASHED)
    replaced = MigrationLoader(None, replace_migrations=False).project_state(RELEASED[-1])

    def models_of_articles(state):
        return {
            name: (
                {field: model.fields[field].deconstruct()[1:] for field in model.fields},
                model.options,
                model.bases,
            )
            for (app, name), model in state.models.items()
            if app == "articles"
        }

    assert models_of_articles(squashed) == models_of_articles(replaced)


@pytest.mark.django_db(transaction=True)
def test_a_new_database_migrates_through_the_squashed_migration_and_then_the_later_one(new_database):
    _, plan = new_database

    assert SQUASHED in plan and plan.index(SQUASHED) < plan.index(LATER)
    assert not set(RELEASED) & set(plan)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("released", RELEASED, ids=[name for _, name in RELEASED])
def test_a_database_at_each_released_migration_upgrades_to_the_schema_of_a_new_one(new_database, released):
    schema, _ = new_database
    # The database as that release left it: back to articles' first migration, on to `released`,
    # and no record of a squashed migration it never had.
    _executor(released=True).migrate([RELEASED[0]])
    _executor(released=True).migrate([released])
    MigrationRecorder(connection).record_unapplied(*SQUASHED)

    _executor().migrate(_head())

    assert _schema() == schema
    assert {SQUASHED, *RELEASED, LATER} <= set(MigrationRecorder(connection).applied_migrations())
