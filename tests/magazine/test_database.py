"""The database connection's settings."""

import pytest
from django.db import connection

from magazine.settings import database


@pytest.mark.django_db
def test_connections_run_without_jit_on_postgresql():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW jit")
            assert cursor.fetchone() == ("off",)
    else:
        assert "options" not in connection.settings_dict["OPTIONS"]


@pytest.mark.django_db
def test_connections_give_up_on_a_silent_database_in_seconds():
    if connection.vendor != "postgresql":
        assert "tcp_user_timeout" not in connection.settings_dict["OPTIONS"]
        return
    connection.ensure_connection()
    parameters = connection.connection.info.get_parameters()
    assert parameters["tcp_user_timeout"] == "5000"
    assert (parameters["keepalives"], parameters["keepalives_idle"]) == ("1", "5")
    assert (parameters["keepalives_interval"], parameters["keepalives_count"]) == ("2", "2")


def test_postgresql_settings_turn_jit_off():
    assert database("postgres://magazine@db.example.com:5432/magazine")["OPTIONS"]["options"] == "-c jit=off"


def test_sqlite_settings_pass_no_server_options():
    assert "options" not in database("sqlite:///magazine.sqlite3").get("OPTIONS", {})
