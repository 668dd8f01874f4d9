"""Settings come from environment variables, with defaults that suit a local run."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRINT_SETTINGS = """
import json
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({
    "engine": db["ENGINE"], "name": str(db["NAME"]), "host": db.get("HOST"),
    "debug": settings.DEBUG, "secret_key": settings.SECRET_KEY, "allowed_hosts": settings.ALLOWED_HOSTS,
    "site_url": settings.SITE_URL,
}))
"""


def settings_with(**variables: str) -> dict:
    """The settings a fresh process reads from `variables` alone: nothing leaks in from the test run."""
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    env |= {"DJANGO_SETTINGS_MODULE": "magazine.settings", **variables}
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_local_run_needs_no_variables():
    local = settings_with()

    assert local["engine"] == "django.db.backends.sqlite3"
    assert local["name"] == str(ROOT / "var" / "db.sqlite3")
    assert local["debug"] is False
    assert local["secret_key"]
    assert local["allowed_hosts"] == ["127.0.0.1", "localhost", "[::1]"]


def test_variables_override_the_defaults():
    configured = settings_with(
        DATABASE_URL="postgres://postgres@db.example.com:5432/magazine",
        DEBUG="true",
        SECRET_KEY="a-key-from-the-environment",
        ALLOWED_HOSTS="magazine.example, www.magazine.example",
    )

    assert configured["engine"] == "django.db.backends.postgresql"
    assert (configured["host"], configured["name"]) == ("db.example.com", "magazine")
    assert configured["debug"] is True
    assert configured["secret_key"] == "a-key-from-the-environment"
    assert configured["allowed_hosts"] == ["magazine.example", "www.magazine.example"]


def test_links_in_mail_point_at_the_port_the_site_runs_on():
    assert settings_with()["site_url"] == "http://127.0.0.1:8000"
    assert settings_with(PORT="8123")["site_url"] == "http://127.0.0.1:8123"
    assert settings_with(PORT="8123", SITE_URL="https://magazine.example/")["site_url"] == "https://magazine.example"


def test_make_run_hands_its_port_to_the_site():
    result = subprocess.run(
        ["make", "--dry-run", "run", "PORT=8123"], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )

    serve = [line for line in result.stdout.splitlines() if "manage.py runserver" in line]
    assert serve == ["PORT=8123 .venv/bin/python manage.py runserver --noreload 127.0.0.1:8123"]
