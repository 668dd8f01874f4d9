"""Every variable README.md and docs/deploy.md list, read as the settings read it, in fresh processes.

The tables and the settings are kept in step here: each documented variable reaches its setting,
the defaults are the README's, nothing is read that the tables do not list, and a value that
cannot be read stops the start-up with a message naming its variable.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


READ_SETTINGS = """
import json, sys
from django.conf import settings
read = {name: eval("settings." + name, {"settings": settings}) for name in json.loads(sys.argv[1])}
print(json.dumps(read, default=str))
"""


def clean_environment(**variables: str) -> dict[str, str]:
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    return env | {"DJANGO_SETTINGS_MODULE": "magazine.settings", **variables}


def read_settings(expressions: list[str], **variables: str) -> dict:
    """What each `settings.<expression>` is in a fresh process that has only `variables`."""
    result = subprocess.run(
        [sys.executable, "-c", READ_SETTINGS, json.dumps(expressions)],
        cwd=ROOT,
        env=clean_environment(**variables),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# Every variable the README (Configuration, Comments) and docs/deploy.md (Production variables) list:
# variable: (a value to set it to, the setting it reaches, what that setting then is).
DEVELOPMENT_VARIABLES = {
    "VAR_DIR": ("/srv/var", "VAR_DIR", "/srv/var"),
    "DATABASE_URL": ("postgres://magazine@db.example:5432/mag", "DATABASES['default']['HOST']", "db.example"),
    "DB_CONN_MAX_AGE": ("30", "DATABASES['default']['CONN_MAX_AGE']", 30),
    "DB_CONNECT_TIMEOUT": ("7", "DATABASES['default']['OPTIONS']['connect_timeout']", 7),
    "DATABASE_REPLICA_URL": ("postgres://magazine@replica.example/mag", "DATABASES['replica']['HOST']", "replica.example"),  # noqa: E501
    "CACHE_URL": ("redis://cache.example:6379/3", "CACHES['default']['LOCATION']", "redis://cache.example:6379/3"),
    "PAGE_CACHE_SECONDS": ("120", "PAGE_CACHE_SECONDS", 120),
    "PAGE_CACHE_PROCESS_BYTES": ("1048576", "PAGE_CACHE_PROCESS_BYTES", 1048576),
    "PAGE_CACHE_WRITE_ON_READ": ("2", "PAGE_CACHE_WRITE_ON_READ", 2),
    "FRONT_CACHE_SECONDS": ("0", "FRONT_CACHE_SECONDS", 0),
    "SECRET_KEY": ("a-key-from-the-environment", "SECRET_KEY", "a-key-from-the-environment"),
    "DEBUG": ("on", "DEBUG", True),
    "ALLOWED_HOSTS": ("a.example, b.example", "ALLOWED_HOSTS", ["a.example", "b.example"]),
    "CSRF_TRUSTED_ORIGINS": ("https://a.example", "CSRF_TRUSTED_ORIGINS", ["https://a.example"]),
    "TIME_ZONE": ("Europe/Paris", "TIME_ZONE", "Europe/Paris"),
    "MEDIA_ROOT": ("/srv/media", "MEDIA_ROOT", "/srv/media"),
    "STATIC_ROOT": ("/srv/static", "STATIC_ROOT", "/srv/static"),
    "SERVE_MEDIA": ("false", "SERVE_MEDIA", False),
    "EMAIL_BACKEND": ("django.core.mail.backends.dummy.EmailBackend", "EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend"),  # noqa: E501
    "DEFAULT_FROM_EMAIL": ("desk@magazine.example", "DEFAULT_FROM_EMAIL", "desk@magazine.example"),
    "EMAIL_HOST": ("smtp.example", "EMAIL_HOST", "smtp.example"),
    "EMAIL_PORT": ("587", "EMAIL_PORT", 587),
    "EMAIL_HOST_USER": ("desk", "EMAIL_HOST_USER", "desk"),
    "EMAIL_HOST_PASSWORD": ("$ecret", "EMAIL_HOST_PASSWORD", "$ecret"),
    "EMAIL_USE_TLS": ("yes", "EMAIL_USE_TLS", True),
    "EMAIL_TIMEOUT": ("20", "EMAIL_TIMEOUT", 20),
    "MAGAZINE_NAME": ("The Short Take", "MAGAZINE_NAME", "The Short Take"),
    "SEARCH_RANKED_MATCHES": ("500", "SEARCH_RANKED_MATCHES", 500),
    "IMAGE_MAX_UPLOAD_MB": ("8", "IMAGE_MAX_UPLOAD_BYTES", 8 * 1024 * 1024),
    "IMAGE_MAX_MEGAPIXELS": ("24", "IMAGE_MAX_PIXELS", 24_000_000),
    "EMBED_PROVIDERS": ("vimeo, link", "EMBED_PROVIDERS", ["vimeo", "link"]),
    "ADMIN_URL": ("/desk-7f3a/", "ADMIN_URL", "desk-7f3a/"),
    "AXES_FAILURE_LIMIT": ("3", "AXES_FAILURE_LIMIT", 3),
    "AXES_COOLOFF_MINUTES": ("20", "AXES_COOLOFF_TIME.total_seconds()", 1200),
    "S3_BUCKET": ("magazine-media", "STORAGES['default']['OPTIONS']['bucket_name']", "magazine-media"),
    "S3_ENDPOINT_URL": ("https://s3.example", "STORAGES['default']['OPTIONS']['endpoint_url']", "https://s3.example"),
    "S3_REGION": ("eu-west-3", "STORAGES['default']['OPTIONS']['region_name']", "eu-west-3"),
    "S3_ACCESS_KEY_ID": ("AKIA", "STORAGES['default']['OPTIONS']['access_key']", "AKIA"),
    "S3_SECRET_ACCESS_KEY": ("s3-secret", "STORAGES['default']['OPTIONS']['secret_key']", "s3-secret"),
    "S3_CUSTOM_DOMAIN": ("media.example", "STORAGES['default']['OPTIONS']['custom_domain']", "media.example"),
    "TRUSTED_PROXY_COUNT": ("2", "TRUSTED_PROXY_COUNT", 2),
    "SITE_URL": ("https://magazine.example/", "SITE_URL", "https://magazine.example"),
    "DEMO_PASSWORD": ("demo-password", "DEMO_PASSWORD", "demo-password"),
    "PREVIEW_LINK_MAX_AGE_DAYS": ("1.5", "PREVIEW_LINK_MAX_AGE", 36 * 3600),
    "TASKS_LEASE_SECONDS": ("60", "TASKS_LEASE_SECONDS", 60),
    "LOG_LEVEL": ("warning", "LOGGING['root']['level']", "WARNING"),
    "LOG_FORMAT": ("json", "LOGGING['handlers']['stdout']['formatter']", "json"),
    "COMMENTS_DEFAULT_MODE": ("post", "COMMENTS_DEFAULT_MODE", "post"),
    "COMMENTS_CLOSE_AFTER_DAYS": ("30", "COMMENTS_CLOSE_AFTER_DAYS", 30),
    "COMMENTS_MAX_DEPTH": ("2", "COMMENTS_MAX_DEPTH", 2),
    "COMMENTS_THREADS_PER_PAGE": ("5", "COMMENTS_THREADS_PER_PAGE", 5),
    "COMMENTS_MAX_LENGTH": ("800", "COMMENTS_MAX_LENGTH", 800),
    "COMMENTS_MAX_LINKS": ("1", "COMMENTS_MAX_LINKS", 1),
    "COMMENTS_TRUST_THRESHOLD": ("6", "COMMENTS_TRUST_THRESHOLD", 6),
    "COMMENTS_MIN_SUBMIT_SECONDS": ("2", "COMMENTS_MIN_SUBMIT_SECONDS", 2),
    "COMMENTS_FORM_MAX_AGE_HOURS": ("12", "COMMENTS_FORM_MAX_AGE_HOURS", 12),
    "COMMENTS_DUPLICATE_WINDOW_HOURS": ("48", "COMMENTS_DUPLICATE_WINDOW_HOURS", 48),
    "COMMENTS_FLAG_THRESHOLD": ("5", "COMMENTS_FLAG_THRESHOLD", 5),
    "COMMENTS_RATE_LIMIT_WINDOW": ("300", "COMMENTS_RATE_LIMIT_WINDOW", 300),
    "COMMENTS_RATE_LIMIT_PER_IP": ("20", "COMMENTS_RATE_LIMIT_PER_IP", 20),
    "COMMENTS_RATE_LIMIT_PER_EMAIL": ("4", "COMMENTS_RATE_LIMIT_PER_EMAIL", 4),
    "COMMENTS_MODERATOR_MAIL_MINUTES": ("60", "COMMENTS_MODERATOR_MAIL_MINUTES", 60),
    "COMMENTS_WEBMAIL_DOMAINS": ("gmail.com, posteo.de", "COMMENTS_WEBMAIL_DOMAINS", ["gmail.com", "posteo.de"]),
}  # fmt: skip

# Read only by the production profile, which also needs a real key and the hosts.
PRODUCTION_VARIABLES = {
    "DJANGO_ENV": ("production", "PRODUCTION", True),
    "SECURE_SSL_REDIRECT": ("false", "SECURE_SSL_REDIRECT", False),
    "SECURE_HSTS_SECONDS": ("3600", "SECURE_HSTS_SECONDS", 3600),
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": ("no", "SECURE_HSTS_INCLUDE_SUBDOMAINS", False),
    "SECURE_HSTS_PRELOAD": ("0", "SECURE_HSTS_PRELOAD", False),
}
PRODUCTION_BASICS = {"SECRET_KEY": "k" * 50, "ALLOWED_HOSTS": "magazine.example"}

# gunicorn.conf.py's: variable: (a value, the gunicorn setting, what `--print-config` then shows).
GUNICORN_VARIABLES = {
    "GUNICORN_BIND": ("127.0.0.1:9001", "bind", "['127.0.0.1:9001']"),
    "WEB_CONCURRENCY": ("3", "workers", "3"),
    "GUNICORN_TIMEOUT": ("45", "timeout", "45"),
    "FORWARDED_ALLOW_IPS": ("10.0.0.1", "forwarded_allow_ips", "['10.0.0.1']"),
}
# PORT is make run's (Makefile), and gunicorn's when GUNICORN_BIND is unset.
PORT_VARIABLE = {"PORT": ("9002", "bind", "['127.0.0.1:9002']")}


def documented_variables() -> set[str]:
    """The variables named in the first column of the tables of README.md and docs/deploy.md."""
    sections = [
        ("README.md", "## Configuration"),
        ("README.md", "## Comments"),
        ("docs/deploy.md", "### Production variables"),
    ]
    names = set()
    for path, heading in sections:
        text = (ROOT / path).read_text()
        section = text.split(f"\n{heading}\n", 1)[1].split("\n#", 1)[0]
        for line in section.splitlines():
            if line.startswith("| `"):
                names |= set(re.findall(r"`([A-Z][A-Z0-9_]*)(?:=[^`]*)?`", line.split("|")[1]))
    return names


def test_the_tables_of_variables_list_every_variable_tested_here_and_no_other():
    tested = DEVELOPMENT_VARIABLES.keys() | PRODUCTION_VARIABLES.keys() | GUNICORN_VARIABLES.keys() | {"PORT"}

    assert documented_variables() == tested


def test_every_variable_the_settings_and_gunicorn_read_is_in_the_tables():
    settings_files = sorted((ROOT / "magazine" / "settings").glob("*.py"))
    source = "".join(path.read_text() for path in [*settings_files, ROOT / "gunicorn.conf.py"])
    read = set(re.findall(r"(?:env\.\w+|os\.environ\.get|os\.environ\[)\(?\s*[\"']([A-Z][A-Z0-9_]*)[\"']", source))

    assert read - documented_variables() == set()


def test_each_variable_reaches_its_setting():
    variables = {name: value for name, (value, _, _) in DEVELOPMENT_VARIABLES.items()}
    expected = {setting: gives for _, setting, gives in DEVELOPMENT_VARIABLES.values()}

    assert read_settings(list(expected), **variables) == expected


def test_each_production_variable_reaches_its_setting():
    variables = {name: value for name, (value, _, _) in PRODUCTION_VARIABLES.items()}
    expected = {setting: gives for _, setting, gives in PRODUCTION_VARIABLES.values()}

    assert read_settings(list(expected), **PRODUCTION_BASICS, **variables) == expected


def gunicorn_config(**variables: str) -> dict[str, str]:
    command = [
        Path(sys.executable).with_name("gunicorn"),
        "--print-config",
        "--config",
        "gunicorn.conf.py",
        "magazine.wsgi",
    ]
    result = subprocess.run(
        command, cwd=ROOT, env=clean_environment(**variables), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return dict(line.replace(" ", "").split("=", 1) for line in result.stdout.splitlines() if "=" in line)


@pytest.mark.parametrize("variables", [GUNICORN_VARIABLES, PORT_VARIABLE], ids=["gunicorn", "port"])
def test_each_gunicorn_variable_reaches_its_setting(variables):
    config = gunicorn_config(**{name: value for name, (value, _, _) in variables.items()})

    assert {setting: config[setting] for _, setting, _ in variables.values()} == {
        setting: gives.replace(" ", "") for _, setting, gives in variables.values()
    }


def test_the_defaults_are_those_the_readme_gives():
    defaults = read_settings(
        [
            "DATABASES['default']['CONN_MAX_AGE']",
            "CACHES['default']['BACKEND']",
            "PAGE_CACHE_SECONDS",
            "PAGE_CACHE_PROCESS_BYTES",
            "PAGE_CACHE_WRITE_ON_READ",
            "FRONT_CACHE_SECONDS",
            "CSRF_TRUSTED_ORIGINS",
            "TIME_ZONE",
            "MEDIA_ROOT",
            "STATIC_ROOT",
            "SERVE_MEDIA",
            "EMAIL_BACKEND",
            "DEFAULT_FROM_EMAIL",
            "MAGAZINE_NAME",
            "SEARCH_RANKED_MATCHES",
            "IMAGE_MAX_UPLOAD_BYTES",
            "IMAGE_MAX_PIXELS",
            "EMBED_PROVIDERS",
            "PRODUCTION",
            "ADMIN_URL",
            "AXES_FAILURE_LIMIT",
            "AXES_COOLOFF_TIME.total_seconds()",
            "TRUSTED_PROXY_COUNT",
            "SITE_URL",
            "PREVIEW_LINK_MAX_AGE",
            "TASKS",
            "TASKS_LEASE_SECONDS",
            "COMMENTS_DEFAULT_MODE",
            "COMMENTS_CLOSE_AFTER_DAYS",
            "COMMENTS_MAX_DEPTH",
            "COMMENTS_THREADS_PER_PAGE",
            "COMMENTS_MAX_LENGTH",
            "COMMENTS_MAX_LINKS",
            "COMMENTS_TRUST_THRESHOLD",
            "COMMENTS_MIN_SUBMIT_SECONDS",
            "COMMENTS_FORM_MAX_AGE_HOURS",
            "COMMENTS_DUPLICATE_WINDOW_HOURS",
            "COMMENTS_FLAG_THRESHOLD",
            "COMMENTS_RATE_LIMIT_WINDOW",
            "COMMENTS_RATE_LIMIT_PER_IP",
            "COMMENTS_RATE_LIMIT_PER_EMAIL",
            "COMMENTS_MODERATOR_MAIL_MINUTES",
            "COMMENTS_WEBMAIL_DOMAINS.count('outlook.com')",
        ]
    )

    assert defaults == {
        "DATABASES['default']['CONN_MAX_AGE']": 0,
        "CACHES['default']['BACKEND']": "django.core.cache.backends.locmem.LocMemCache",
        "PAGE_CACHE_SECONDS": 600,
        "PAGE_CACHE_PROCESS_BYTES": 16777216,
        "PAGE_CACHE_WRITE_ON_READ": 1,
        "FRONT_CACHE_SECONDS": 1,
        "CSRF_TRUSTED_ORIGINS": [],
        "TIME_ZONE": "UTC",
        "MEDIA_ROOT": str(ROOT / "var" / "media"),
        "STATIC_ROOT": str(ROOT / "var" / "static"),
        "SERVE_MEDIA": True,
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "DEFAULT_FROM_EMAIL": "magazine@localhost",
        "MAGAZINE_NAME": "The Long Take",
        "SEARCH_RANKED_MATCHES": 1000,
        "IMAGE_MAX_UPLOAD_BYTES": 15 * 1024 * 1024,
        "IMAGE_MAX_PIXELS": 40_000_000,
        "EMBED_PROVIDERS": ["youtube", "vimeo", "link"],
        "PRODUCTION": False,
        "ADMIN_URL": "admin/",
        "AXES_FAILURE_LIMIT": 5,
        "AXES_COOLOFF_TIME.total_seconds()": 900,
        "TRUSTED_PROXY_COUNT": 0,
        "SITE_URL": "http://127.0.0.1:8000",
        "PREVIEW_LINK_MAX_AGE": 7 * 24 * 3600,
        "TASKS": {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}},
        "TASKS_LEASE_SECONDS": 300,
        "COMMENTS_DEFAULT_MODE": "pre",
        "COMMENTS_CLOSE_AFTER_DAYS": 0,
        "COMMENTS_MAX_DEPTH": 4,
        "COMMENTS_THREADS_PER_PAGE": 20,
        "COMMENTS_MAX_LENGTH": 5000,
        "COMMENTS_MAX_LINKS": 2,
        "COMMENTS_TRUST_THRESHOLD": 3,
        "COMMENTS_MIN_SUBMIT_SECONDS": 3,
        "COMMENTS_FORM_MAX_AGE_HOURS": 24,
        "COMMENTS_DUPLICATE_WINDOW_HOURS": 24,
        "COMMENTS_FLAG_THRESHOLD": 3,
        "COMMENTS_RATE_LIMIT_WINDOW": 600,
        "COMMENTS_RATE_LIMIT_PER_IP": 10,
        "COMMENTS_RATE_LIMIT_PER_EMAIL": 5,
        "COMMENTS_MODERATOR_MAIL_MINUTES": 30,
        "COMMENTS_WEBMAIL_DOMAINS.count('outlook.com')": True,
    }


def test_a_variable_set_to_nothing_takes_its_default():
    # As a systemd EnvironmentFile's `TIME_ZONE=` line gives it: not a time zone called "".
    read = read_settings(
        ["TIME_ZONE", "ADMIN_URL", "MAGAZINE_NAME", "MEDIA_ROOT"],
        TIME_ZONE="",
        ADMIN_URL="",
        MAGAZINE_NAME=" ",
        VAR_DIR="",
    )

    assert read == {
        "TIME_ZONE": "UTC",
        "ADMIN_URL": "admin/",
        "MAGAZINE_NAME": "The Long Take",
        "MEDIA_ROOT": str(ROOT / "var" / "media"),
    }


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"COMMENTS_MAX_DEPTH": "four"}, "COMMENTS_MAX_DEPTH must be a whole number, not 'four'"),
        ({"SERVE_MEDIA": "maybe"}, "SERVE_MEDIA must be true or false (1/0, yes/no, on/off), not 'maybe'"),
        ({"PREVIEW_LINK_MAX_AGE_DAYS": "a week"}, "PREVIEW_LINK_MAX_AGE_DAYS must be a number, not 'a week'"),
        ({"LOG_FORMAT": "xml"}, "LOG_FORMAT must be one of json, plain, not 'xml'"),
        ({"EMBED_PROVIDERS": "youtube, tiktok"}, "EMBED_PROVIDERS: tiktok unknown; choose from youtube, vimeo, link"),
        ({"DATABASE_URL": "mysqlx://db.example/magazine"}, "DATABASE_URL is not a database address we can use"),
        ({"CACHE_URL": "memcached://cache.example:11211"}, "CACHE_URL must start with redis:// or rediss://"),
        (
            {"DJANGO_ENV": "production", "SECURE_SSL_REDIRECT": "flase", **PRODUCTION_BASICS},
            "SECURE_SSL_REDIRECT must be true or false (1/0, yes/no, on/off), not 'flase'",
        ),
    ],
    ids=["number", "boolean", "days", "choice", "embeds", "database", "cache", "production"],
)
def test_a_value_that_cannot_be_read_stops_the_start_up_naming_its_variable(variables, message):
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean_environment(**variables),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    # The last line, where a reader looks: the settings' own error, not one from inside Django.
    assert result.stderr.strip().splitlines()[-1].startswith(f"django.core.exceptions.ImproperlyConfigured: {message}")
