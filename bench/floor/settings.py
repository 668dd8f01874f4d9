"""Settings of the framework floor: Django with no middleware, one app and one template folder.

Read from the same environment as the magazine's settings, so both talk to the same database
the same way (persistent connections included).
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
# bench/run.py writes the floor's one template (floor/article.html) under this folder.
FLOOR_TEMPLATES = Path(os.environ.get("BENCH_FLOOR_TEMPLATES", VAR_DIR / "bench" / "floor"))

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = [host.strip() for host in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")]
ROOT_URLCONF = "bench.floor.urls"
WSGI_APPLICATION = "bench.floor.wsgi.application"
INSTALLED_APPS = ["bench.floor"]
MIDDLEWARE: list[str] = []
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [FLOOR_TEMPLATES],
        "APP_DIRS": False,
        "OPTIONS": {"context_processors": []},
    }
]
DATABASES = {
    "default": dj_database_url.parse(
        os.environ["DATABASE_URL"],
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
