"""The production profile (DJANGO_ENV=production), checked in fresh processes as gunicorn would load it."""

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.servers import free_port

ROOT = Path(__file__).resolve().parents[2]


def production_env(tmp_path, **overrides) -> dict[str, str]:
    # A clean environment, as a server's would be: nothing leaks in from the test run.
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    env |= {
        "DJANGO_SETTINGS_MODULE": "magazine.settings",
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "magazine.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "VAR_DIR": str(tmp_path),
    }
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def printed_json(code: str, env: dict[str, str]) -> dict:
    """What `code`, run under `env`, printed as JSON on its last line."""
    result = run_python(code, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def run_manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_check_deploy_finds_nothing_to_warn_about(tmp_path):
    result = run_manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY must be set when DJANGO_ENV=production"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY is too weak for production"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS must be set when DJANGO_ENV=production"),
    ],
)
def test_production_refuses_to_start_without_required_settings(tmp_path, overrides, message):
    result = run_manage(production_env(tmp_path, **overrides), "check")

    assert result.returncode != 0
    assert message in result.stderr


HEADERS_SCRIPT = """
import json, django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="magazine.example")
plain = client.get("/")
secure = client.get("/admin/login/", secure=True)
cookie = secure.cookies["csrftoken"]
print(json.dumps({
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location"),
    "plain_healthz": client.get("/healthz").status_code,
    "hsts": secure.get("Strict-Transport-Security"),
    "csp": secure.get("Content-Security-Policy"),
    "cookie": {"secure": cookie["secure"], "httponly": cookie["httponly"], "samesite": cookie["samesite"]},
}))
"""


def test_production_redirects_to_https_and_sends_hsts_and_secure_cookies(tmp_path):
    env = production_env(tmp_path)
    assert run_manage(env, "collectstatic", "--noinput", "--verbosity", "0").returncode == 0

    seen = printed_json(HEADERS_SCRIPT, env)

    assert seen["plain_status"] == 301
    assert seen["plain_location"] == "https://magazine.example/"
    # Health checks come over plain HTTP from inside: answered, not redirected.
    assert seen["plain_healthz"] == 200
    assert seen["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert "upgrade-insecure-requests" in seen["csp"]
    assert seen["cookie"] == {"secure": True, "httponly": True, "samesite": "Lax"}


PAGES_SCRIPT = """
import json, django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
get_user_model().objects.create_superuser("desk", password="a-long-enough-password-42")
client = Client(HTTP_HOST="magazine.example")
seen = {}
for name, path in [("page", "/"), ("login", "/admin/login/"), ("static", "/static/css/site.css")]:
    response = client.get(path, secure=True)
    seen[name] = {"status": response.status_code, "headers": dict(response.headers)}
login = client.post(
    "/admin/login/", {"username": "desk", "password": "a-long-enough-password-42", "next": "/admin/"}, secure=True
)
admin = client.get("/admin/", secure=True)
seen["admin"] = {"status": admin.status_code, "headers": dict(admin.headers)}
cookie = login.cookies["sessionid"]
seen["session_cookie"] = {"secure": cookie["secure"], "httponly": cookie["httponly"], "samesite": cookie["samesite"]}
print(json.dumps(seen))
"""


def test_production_pages_admin_and_static_files_send_every_security_header(tmp_path):
    env = production_env(tmp_path)
    for command in (["migrate", "--noinput", "--verbosity", "0"], ["collectstatic", "--noinput", "--verbosity", "0"]):
        assert run_manage(env, *command).returncode == 0

    seen = printed_json(PAGES_SCRIPT, env)

    assert seen.pop("session_cookie") == {"secure": True, "httponly": True, "samesite": "Lax"}
    for name, response in seen.items():
        headers = response["headers"]
        assert response["status"] == 200, name
        assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload", name
        csp = dict(part.strip().partition(" ")[::2] for part in headers["Content-Security-Policy"].split(";"))
        assert csp["script-src"] == "'self'" and "unsafe-inline" not in headers["Content-Security-Policy"], name
        assert csp["frame-ancestors"] == "'none'", name
        assert headers.get("X-Frame-Options") == "DENY" or name == "static", name
        assert headers["X-Content-Type-Options"] == "nosniff", name
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin", name
        assert "camera=()" in headers["Permissions-Policy"], name


def test_production_logs_json_lines_on_stdout(tmp_path):
    code = "import django, logging; django.setup(); logging.getLogger('magazine').warning('disk %s full', 'nearly')"

    result = run_python(code, production_env(tmp_path))

    entry = json.loads(result.stdout.strip().splitlines()[-1])
    assert (entry["level"], entry["logger"], entry["message"]) == ("WARNING", "magazine", "disk nearly full")


def test_cache_url_puts_the_cache_and_the_sessions_in_redis(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'], settings.SESSION_ENGINE)"
    )

    result = run_python(code, production_env(tmp_path, CACHE_URL="redis://cache.internal:6379/2"))

    assert result.stdout.strip().splitlines()[-1] == (
        "core.cache.RedisCache redis://cache.internal:6379/2 django.contrib.sessions.backends.cached_db"
    )


def test_admin_url_is_configurable(tmp_path):
    code = "import django; django.setup(); from django.urls import reverse; print(reverse('admin:index'))"

    result = run_python(code, production_env(tmp_path, ADMIN_URL="desk-7f3a"))

    assert result.stdout.strip().splitlines()[-1] == "/desk-7f3a/"


def test_replica_url_adds_a_replica_and_the_router(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(sorted(settings.DATABASES), settings.DATABASE_ROUTERS)"
    )
    replica = f"sqlite:///{tmp_path / 'replica.sqlite3'}"

    result = run_python(code, production_env(tmp_path, DATABASE_REPLICA_URL=replica))

    assert result.stdout.strip().splitlines()[-1] == "['default', 'replica'] ['core.db_router.PrimaryReplicaRouter']"


def test_s3_bucket_moves_media_to_object_storage(tmp_path):
    code = "import django; django.setup(); from django.conf import settings; print(settings.STORAGES['default'])"

    result = run_python(
        code, production_env(tmp_path, S3_BUCKET="magazine-media", S3_ENDPOINT_URL="https://s3.example")
    )

    assert "storages.backends.s3.S3Storage" in result.stdout
    assert "'bucket_name': 'magazine-media'" in result.stdout


@pytest.mark.parametrize(
    ("storage", "origin"),
    [
        ({"S3_CUSTOM_DOMAIN": "media.magazine.example"}, "https://media.magazine.example"),
        ({"S3_ENDPOINT_URL": "https://objects.example:9000/"}, "https://objects.example:9000"),
        ({"S3_REGION": "eu-west-3"}, "https://magazine-media.s3.eu-west-3.amazonaws.com"),
    ],
)
def test_images_from_object_storage_are_allowed_by_the_csp(tmp_path, storage, origin):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )

    result = run_python(code, production_env(tmp_path, S3_BUCKET="magazine-media", **storage))

    assert origin in result.stdout


def run_gunicorn(option: str) -> subprocess.CompletedProcess:
    """gunicorn with the project's configuration and `option` (--check-config, --print-config)."""
    command = [Path(sys.executable).with_name("gunicorn"), option, "--config", "gunicorn.conf.py", "magazine.wsgi"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_gunicorn_config_loads():
    result = run_gunicorn("--check-config")

    assert result.returncode == 0, result.stdout + result.stderr


# Paths as a client may send them (percent-encoded), and as the access log must give them back.
HOSTILE_PATHS = {
    "/back%5Cslash%5C%22quote": '/back\\slash\\"quote',
    "/line%0A%7B%22forged%22:true%7D": '/line\n{"forged":true}',
    "/tab%09and%0Dreturn": "/tab\tand\rreturn",
}


HOST = {"Host": "magazine.example"}


def test_gunicorn_access_log_lines_are_json_whatever_the_path(tmp_path):
    port = free_port()
    env = production_env(tmp_path, GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="1")
    log = tmp_path / "gunicorn.log"
    with log.open("w") as out:
        command = [Path(sys.executable).with_name("gunicorn"), "--config", "gunicorn.conf.py", "magazine.wsgi"]
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert server.poll() is None, log.read_text()
            try:
                if requests.get(f"http://127.0.0.1:{port}/healthz", headers=HOST, timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not answer /healthz within 30 s"
            time.sleep(0.2)
        for path in HOSTILE_PATHS:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
                connection.sendall(
                    f"GET {path} HTTP/1.1\r\nHost: magazine.example\r\nConnection: close\r\n\r\n".encode()
                )
                assert connection.recv(1024).startswith(b"HTTP/1.1 301")
    finally:
        server.terminate()
        server.wait(timeout=15)

    lines = [line for line in log.read_text().splitlines() if "gunicorn.access" in line]
    entries = [json.loads(line) for line in lines]
    assert {entry["path"] for entry in entries} >= set(HOSTILE_PATHS.values())
    assert {entry["status"] for entry in entries} == {200, 301}


def test_loading_the_app_opens_no_connection_so_workers_can_be_forked_from_it(tmp_path):
    # gunicorn preloads the app and forks its workers: a connection opened while loading would
    # be shared by every worker. Nothing listens on port 1, so any attempt fails the load.
    code = (
        "import magazine.wsgi; from django.db import connections; from django.core.cache import cache; "
        "print([alias for alias in connections if connections[alias].connection is not None], "
        "len(cache._cache._pools))"
    )
    env = production_env(
        tmp_path, DATABASE_URL="postgres://nobody@127.0.0.1:1/magazine", CACHE_URL="redis://127.0.0.1:1/0"
    )

    result = run_python(code, env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[] 0"


def test_gunicorn_preloads_the_app():
    result = run_gunicorn("--print-config")

    assert result.returncode == 0, result.stderr
    assert re.search(r"^preload_app\s*=\s*True$", result.stdout, re.MULTILINE), result.stdout


def test_workers_are_forked_with_what_the_master_loaded_out_of_the_garbage_collector_s_way(tmp_path):
    code = (
        "import gc, runpy; config = runpy.run_path('gunicorn.conf.py'); import magazine.wsgi; "
        "before = gc.get_freeze_count(); config['pre_fork'](None, None); print(before, gc.get_freeze_count() > 10_000)"
    )

    result = run_python(code, production_env(tmp_path))

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "0 True"


def test_production_keeps_connections_and_compiled_templates(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings; from django.db import connection; "
        "from django.template import engines; "
        "loaders = [type(loader).__module__ + '.' + type(loader).__name__ "
        "for loader in engines['django'].engine.template_loaders]; "
        "print(settings.DATABASES['default']['CONN_MAX_AGE'], settings.DATABASES['default']['CONN_HEALTH_CHECKS'], "
        "loaders, settings.PAGE_CACHE_SECONDS)"
    )

    result = run_python(code, production_env(tmp_path, CACHE_URL="redis://127.0.0.1:6379/11"))

    # Connections live a minute and are checked before reuse; templates are compiled once
    # per process; readers' pages are kept ten minutes unless a change replaces them sooner.
    assert result.stdout.strip().splitlines()[-1] == ("60 True ['django.template.loaders.cached.Loader'] 600"), (
        result.stderr
    )


STATIC_SCRIPT = """
import gzip, json, django
django.setup()
from django.templatetags.static import static
from django.test import Client
url = static("css/site.css")
response = Client(HTTP_HOST="magazine.example").get(url, secure=True, HTTP_ACCEPT_ENCODING="gzip")
body = b"".join(response.streaming_content)
print(json.dumps({
    "url": url,
    "status": response.status_code,
    "encoding": response.get("Content-Encoding"),
    "cache": response.get("Cache-Control"),
    "css": gzip.decompress(body).decode() if response.get("Content-Encoding") == "gzip" else body.decode(),
}))
"""


def test_static_files_are_served_by_the_app_hashed_and_compressed(tmp_path):
    env = production_env(tmp_path)
    assert run_manage(env, "collectstatic", "--noinput", "--verbosity", "0").returncode == 0

    seen = printed_json(STATIC_SCRIPT, env)

    # Pages link the hashed name, which WhiteNoise serves gzipped and cached for good.
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", seen["url"]), seen["url"]
    assert seen["status"] == 200
    assert seen["encoding"] == "gzip"
    assert "immutable" in seen["cache"]
    assert seen["css"] == (ROOT / "static" / "css" / "site.css").read_text()
