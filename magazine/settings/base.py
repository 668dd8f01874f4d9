"""The site's core: the environment it runs in, its apps, middleware and templates, its language and name."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from core.environment import Required, env

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# The local run's database, uploads, static files and demo password live here.
VAR_DIR = env.path("VAR_DIR", BASE_DIR / "var")

# --- Environment ------------------------------------------------------------

# "production" turns on the HTTPS-only settings below and makes SECRET_KEY and
# ALLOWED_HOSTS required; anything else is a local or test run.
DJANGO_ENV = env.str("DJANGO_ENV", "development")
PRODUCTION = DJANGO_ENV == "production"
REQUIRED = Required("when DJANGO_ENV=production (see README, Configuration)")

# --- Core -------------------------------------------------------------------

if PRODUCTION:
    DEBUG = False
    SECRET_KEY = env.str("SECRET_KEY", REQUIRED).strip()
    if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure-"):
        raise ImproperlyConfigured(
            "SECRET_KEY is too weak for production: use 50 or more random characters, e.g. from "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", REQUIRED)
else:
    DEBUG = env.bool("DEBUG", False)
    # The fallback key is only good for a local run; production refuses to start without a real one.
    SECRET_KEY = env.str("SECRET_KEY", "django-insecure-local-only-do-not-deploy")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", [])
# A comment from a cached page without its CSRF token (no script) is shown back to post again.
CSRF_FAILURE_VIEW = "comments.views.csrf_failure"

ROOT_URLCONF = "magazine.urls"
WSGI_APPLICATION = "magazine.wsgi.application"
SITE_ID = 1

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",  # Django's widget templates, for FORM_RENDERER below
    "desk.apps.TagsConfig",  # django-taggit, named for the desk
    "csp",
    "axes",
    "reversion",
    # The task queue (core/tasks.py): Django's Tasks API, its rows in our own database.
    "django_tasks",
    "django_tasks_db",
    # The layers, bottom up (README, Layout): helpers, then the domain apps, then what composes them.
    "core",
    "images",
    "films",
    "authors",
    "articles",
    "comments",
    # The top layer: composes the apps above, none of which imports it.
    "renderings",
    "front",
    "desk",
    "demo",
    "wordpress",
]

MIDDLEWARE = [
    # Before the page cache, which keys the front page on `q` and `page` only: WordPress's old
    # addresses (/?p=123, and old permalinks that would be 404s) answer a 301 to their new ones.
    "wordpress.redirects.OldAddressMiddleware",
    # First: a page from the cache comes with the headers all the middleware below gave it
    # when it was rendered (security headers, CSP, Permissions-Policy, X-Frame-Options, its
    # ETag: the same for every reader of that address), answers If-None-Match itself, and
    # skips their work.
    "front.pagecache.PageCacheMiddleware",
    # Security headers go on every other response, static files included.
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.db_router.PrimaryForWritesMiddleware",
    # A request that may write is one transaction, which also writes the stored renderings of what
    # it changed (renderings/changes.py).
    "renderings.middleware.RenderInTransaction",
    # Last, as django-axes asks, so it sees the outcome of every login.
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "front.context_processors.site",
            ],
        },
    },
]
# Widgets render through TEMPLATES, so that templates/ may override one of Django's (the admin's
# split date and time, whose inputs it leaves unlabelled).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Internationalisation ---------------------------------------------------

LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- The magazine -----------------------------------------------------------

MAGAZINE_NAME = env.str("MAGAZINE_NAME", "The Long Take")
ARTICLES_PER_PAGE = 12
# A search ranks at most this many matches, the newest: see articles/search.py.
SEARCH_RANKED_MATCHES = env.int("SEARCH_RANKED_MATCHES", 1000)
TAGGIT_CASE_INSENSITIVE = True
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "")
# The site's own address, for links in emails (which are sent without a request at hand); by
# default the port `make run` serves on (PORT), so that a demo's mail links to the demo.
SITE_URL = (os.environ.get("SITE_URL") or f"http://127.0.0.1:{os.environ.get('PORT') or '8000'}").rstrip("/")
