"""Real app servers for tests: gunicorn processes on the test database, as production runs them."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import requests
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The test database, as a URL another process can open."""
    params = connection.settings_dict
    auth = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    return f"postgres://{auth}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{params['NAME']}"


def server_env(static_root: Path, **overrides: str) -> dict[str, str]:
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    env |= {
        "DJANGO_SETTINGS_MODULE": "magazine.settings",
        "DATABASE_URL": database_url(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": str(static_root),
        "VAR_DIR": str(static_root.parent),
        "DB_CONN_MAX_AGE": "60",
        "DB_CONNECT_TIMEOUT": "2",
        "WEB_CONCURRENCY": "2",
        "LOG_LEVEL": "WARNING",
        # The test clients post faster than people type; these checks have tests of their own.
        "COMMENTS_MIN_SUBMIT_SECONDS": "0",
    }
    return env | overrides


def collect_static(static_root: Path) -> None:
    env = server_env(static_root)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)


@contextlib.contextmanager
def gunicorn(static_root: Path, **env: str) -> Iterator[str]:
    """A gunicorn with the project's gunicorn.conf.py on a free port; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [GUNICORN, "--config", "gunicorn.conf.py", "magazine.wsgi"],
        cwd=ROOT,
        env=server_env(static_root, GUNICORN_BIND=f"127.0.0.1:{port}", **env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, f"gunicorn exited: {process.stderr.read()}"
            with contextlib.suppress(requests.ConnectionError):
                if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            assert time.monotonic() < deadline, "gunicorn did not answer /healthz within 30 s"
            time.sleep(0.2)
        yield base
    finally:
        _stop(process)
        process.stderr.close()


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def task_worker(static_root: Path, **env: str) -> Iterator[subprocess.Popen]:
    """`manage.py worker` beside a server, as deployed: it runs what changes queue for it."""
    process = subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--worker-id", "tests", "--interval", "0.2"],
        cwd=ROOT,
        env=server_env(static_root, **env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield process
    finally:
        _stop(process)


HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def comment_form(session: requests.Session, base: str, article_path: str) -> tuple[str, dict[str, str]]:
    """The article page's comment form as a browser would send it: its action and hidden fields.

    The page comes from a cache shared by every reader, so, like static/js/comments.js, this
    asks the token endpoint for the form token and the CSRF token the form lacks.
    """
    page = session.get(f"{base}{article_path}", timeout=10)
    page.raise_for_status()
    tag = re.search(r'<form[^>]*class="comment-form"[^>]*>', page.text)
    action = re.search(r'action="([^"]+)"', tag.group(0)).group(1)
    token_url = re.search(r'data-token-url="([^"]+)"', tag.group(0)).group(1)
    form = page.text[tag.end() : page.text.index("</form>", tag.end())]
    tokens = session.get(f"{base}{token_url}", timeout=10).json()
    fields = {**dict(HIDDEN.findall(form)), "token": tokens["token"], "csrfmiddlewaretoken": tokens["csrf"]}
    return f"{base}{action}", fields
