import subprocess
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore need PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def _url(dbname: str) -> str:
    params = connection.settings_dict
    auth = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    return f"postgresql://{auth}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{dbname}"


def _counts(url: str) -> dict[str, int]:
    """The row count of every table in the database."""
    with psycopg.connect(url) as conn:
        tables = [row[0] for row in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        return {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}


@pytest.fixture
def scratch_database():
    name = f"{connection.settings_dict['NAME']}_restore"
    with psycopg.connect(_url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield _url(name)
    with psycopg.connect(_url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_then_restore_gives_back_every_row(tmp_path, settings, scratch_database):
    settings.DEMO_PASSWORD = "backup-test"
    call_command("load_demo")
    source = _url(connection.settings_dict["NAME"])
    dump = tmp_path / "magazine.dump"

    backup = subprocess.run(
        ["ops/backup.sh", str(dump)], cwd=ROOT, env={"DATABASE_URL": source, "PATH": "/usr/bin:/bin"}, text=True,
        capture_output=True, timeout=120,
    )  # fmt: skip
    assert backup.returncode == 0, backup.stderr
    restore = subprocess.run(
        ["ops/restore.sh", str(dump)], cwd=ROOT, env={"DATABASE_URL": scratch_database, "PATH": "/usr/bin:/bin"},
        text=True, capture_output=True, timeout=120,
    )  # fmt: skip
    assert restore.returncode == 0, restore.stderr

    restored = _counts(scratch_database)
    assert restored == _counts(source)
    assert restored["articles_article"] >= 8 and restored["comments_comment"] > 0
    assert {"articles_article", "auth_user", "django_migrations"} <= restored.keys()
