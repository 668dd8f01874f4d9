"""Settings for the magazine, read from environment variables.

Every variable is read through core/environment.py's `env` (`env.int`, `env.bool`, ...), which
stops the start-up with a message naming a variable whose value cannot be read. Every variable has
a default that is safe for a local run, except those the production profile requires; README.md
(Configuration, Comments) and docs/deploy.md (Production variables) list them, and
tests/magazine/test_configuration.py keeps those tables and this file in step.
"""

from __future__ import annotations

import datetime
import logging
import os
from pathlib import Path
from urllib.parse import urlsplit

import csp.constants as csp
import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from core.embeds import PROVIDERS as EMBED_PROVIDER_DEFINITIONS
from core.environment import Required, env

BASE_DIR = Path(__file__).resolve().parent.parent
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
    "magazine.apps.TagsConfig",  # django-taggit, named for the desk
    "csp",
    "axes",
    "reversion",
    "core",
    "magazine",
    "images",
    "films",
    "authors",
    "articles",
    "comments",
    # The top layer: composes the apps above, none of which imports it.
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
    "magazine.pagecache.PageCacheMiddleware",
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
                "magazine.context_processors.site",
            ],
        },
    },
]
# Widgets render through TEMPLATES, so that templates/ may override one of Django's (the admin's
# split date and time, whose inputs it leaves unlabelled).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Database ---------------------------------------------------------------

DB_CONN_MAX_AGE = env.int("DB_CONN_MAX_AGE", 60 if PRODUCTION else 0)
DB_CONNECT_TIMEOUT = env.int("DB_CONNECT_TIMEOUT", 3)


def database(url: str, variable: str = "DATABASE_URL") -> dict:
    """Django's settings for the database at `url`, the value of `variable` (which an error names)."""
    try:
        config = dj_database_url.parse(
            url,
            conn_max_age=DB_CONN_MAX_AGE,
            # A connection kept across requests is checked before reuse, so a restarted database is survived.
            conn_health_checks=True,
        )
    except ValueError as error:
        raise ImproperlyConfigured(f"{variable} is not a database address we can use: {error}") from None
    if config["ENGINE"] == "django.db.backends.postgresql":
        # Fail fast when the database is away: readers get a 503 in seconds, not a hung request.
        config["OPTIONS"] = {
            "connect_timeout": DB_CONNECT_TIMEOUT,
            # A database that stops answering on an open connection (the network gone, not a restart,
            # which closes it) is given up on in seconds, not after the kernel's quarter of an hour
            # of retries: data unacknowledged for 5 s, or two keepalives unanswered after 5 s of silence (9 s).
            "tcp_user_timeout": 5000,
            "keepalives": 1,
            "keepalives_idle": 5,
            "keepalives_interval": 2,
            "keepalives_count": 2,
            # JIT helps long analytic queries; on a web site's short ones it spends seconds compiling.
            "options": "-c jit=off",
        }
    return config


DATABASES = {"default": database(env.str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"))}
# Lower case, so that it is no setting: Django's debug page shows settings, and this address holds a password.
if replica_url := env.str("DATABASE_REPLICA_URL"):
    # Reads go to the replica, writes and the admin to the primary (core/db_router.py).
    DATABASES["replica"] = database(replica_url, "DATABASE_REPLICA_URL") | {"TEST": {"MIRROR": "default"}}
    DATABASE_ROUTERS = ["core.db_router.PrimaryReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The covering indexes' INCLUDE columns are a PostgreSQL speed-up; SQLite builds the same index
    # without them, so its warning on every migrate tells a newcomer nothing to act on.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

# --- Cache and sessions -----------------------------------------------------

# Unset: each process keeps its own cache in memory, which is right for one process only.
CACHE_URL = env.str("CACHE_URL")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "core.cache.RedisCache", "LOCATION": CACHE_URL}}
    # Sessions are read from the shared cache and written through to the database.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif CACHE_URL:
    # A misspelt address would otherwise leave every app server with a cache of its own, and rate
    # limits and sessions quietly unshared.
    raise ImproperlyConfigured(
        f"CACHE_URL must start with redis:// or rediss://, not {urlsplit(CACHE_URL).scheme}:// "
        "(unset, each process keeps a cache of its own)."
    )
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# How long a reader's page may be kept (magazine/pagecache.py); changes replace it sooner,
# at once. 0 turns the page cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", 600)
# How many bytes of pages each server process keeps a copy of, so that a page-cache hit
# fetches only the versions of what the page shows from the cache, not the page itself.
PAGE_CACHE_PROCESS_BYTES = env.int("PAGE_CACHE_PROCESS_BYTES", 16 * 1024 * 1024)
# How long a front cache (nginx micro-caching, docs/deploy.md) may keep a page Django cached.
FRONT_CACHE_SECONDS = env.int("FRONT_CACHE_SECONDS", 1)

# --- Auth -------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses logins from a locked-out username and address.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
ADMIN_URL = env.str("ADMIN_URL", "admin/").strip("/") + "/"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "core.net.client_ip"
# How many proxies in front of the app append to X-Forwarded-For (0: use the socket's address).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", 0)

# --- Internationalisation ---------------------------------------------------

LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Static files and media -------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", VAR_DIR / "media")
# Local media is served by Django itself unless a web server or object storage takes over.
SERVE_MEDIA = env.bool("SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if bucket := env.str("S3_BUCKET"):
    # Uploads on S3-compatible object storage, so that every app server sees the same files.
    SERVE_MEDIA = False
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            # None, not "", for what is unset: django-storages then asks boto3's own defaults.
            "endpoint_url": env.str("S3_ENDPOINT_URL") or None,
            "region_name": env.str("S3_REGION") or None,
            "access_key": env.str("S3_ACCESS_KEY_ID") or None,
            "secret_key": env.str("S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": env.str("S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }

# --- Media library ----------------------------------------------------------

# Uploads larger than this are refused with a form error (keep it under the proxy's body limit).
IMAGE_MAX_UPLOAD_BYTES = env.int("IMAGE_MAX_UPLOAD_MB", 15) * 1024 * 1024
# Pillow refuses to decode pictures of more pixels than this (decompression bombs); 40 MP is
# more than any camera a contributor is likely to use makes.
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_MEGAPIXELS", 40) * 1_000_000
# The longer side of our re-encoded copy of each upload, and the widths of its WebP renditions.
IMAGE_MASTER_MAX_SIDE = 2400
IMAGE_RENDITION_WIDTHS = (400, 800, 1200, 1600)

# --- Embeds -----------------------------------------------------------------

# What an editor may embed in a body by pasting its address (core/embeds.py): YouTube and Vimeo
# videos, and "link" cards for any other https page. Readers load nothing from them until they click.
EMBED_PROVIDERS = env.list("EMBED_PROVIDERS", ["youtube", "vimeo", "link"])
if unknown := sorted(set(EMBED_PROVIDERS) - set(EMBED_PROVIDER_DEFINITIONS)):
    raise ImproperlyConfigured(
        f"EMBED_PROVIDERS: {', '.join(unknown)} unknown; choose from {', '.join(EMBED_PROVIDER_DEFINITIONS)}"
    )
# Fetching a video's title and poster when an editor pastes its address: seconds, and bytes at most.
EMBED_FETCH_TIMEOUT = 5
EMBED_FETCH_MAX_BYTES = 5 * 1024 * 1024

# --- Security headers -------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True


def media_origins(storage: dict) -> list[str]:
    """Where readers' browsers fetch uploads from when they live in object storage (for img-src)."""
    if storage["BACKEND"] != "storages.backends.s3.S3Storage":
        return []
    options = storage["OPTIONS"]
    if options["custom_domain"]:
        return [f"https://{options['custom_domain']}"]
    if options["endpoint_url"]:
        endpoint = urlsplit(options["endpoint_url"])
        return [f"{endpoint.scheme}://{endpoint.netloc}"]
    bucket, region = options["bucket_name"], options["region_name"]
    return [f"https://{bucket}.s3.amazonaws.com", *([f"https://{bucket}.s3.{region}.amazonaws.com"] * bool(region))]


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        # No inline script anywhere: scripts are our own files under static/.
        "script-src": [csp.SELF],
        "style-src": [csp.SELF],
        "img-src": [csp.SELF, "data:", *media_origins(STORAGES["default"])],
        "font-src": [csp.SELF],
        "connect-src": [csp.SELF],
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
        # The players of the embeds switched on, which static/js/embeds.js loads only when a reader
        # clicks a video's placeholder; nothing else may be framed.
        "frame-src": [
            csp.SELF,
            *(
                EMBED_PROVIDER_DEFINITIONS[name].player_origin
                for name in EMBED_PROVIDERS
                if EMBED_PROVIDER_DEFINITIONS[name].player
            ),
        ],
    }
}

if PRODUCTION:
    # TLS ends at the proxy in front of gunicorn, which must set X-Forwarded-Proto (docs/deploy.md).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True

# --- Logging ----------------------------------------------------------------

# Checked here: a bad name would otherwise fail deep in logging.config when Django sets up.
LOG_FORMAT = env.choice("LOG_FORMAT", "json" if PRODUCTION else "plain", ["json", "plain"])
LOG_LEVEL = env.choice("LOG_LEVEL", "INFO", logging.getLevelNamesMapping())

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "core.logging.JsonFormatter"},
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# --- Email ------------------------------------------------------------------

EMAIL_BACKEND = env.str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "magazine@localhost")
# For EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend.
EMAIL_HOST = env.str("EMAIL_HOST", "localhost")
EMAIL_PORT = env.int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", 10)

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

# --- Comments ---------------------------------------------------------------
# README.md's "Comments" section tells what each one does.

COMMENTS_DEFAULT_MODE = env.str("COMMENTS_DEFAULT_MODE", "pre")  # pre, post or closed
COMMENTS_CLOSE_AFTER_DAYS = env.int("COMMENTS_CLOSE_AFTER_DAYS", 0)  # 0: never
COMMENTS_MAX_DEPTH = env.int("COMMENTS_MAX_DEPTH", 4)
COMMENTS_THREADS_PER_PAGE = env.int("COMMENTS_THREADS_PER_PAGE", 20)
COMMENTS_MAX_LENGTH = env.int("COMMENTS_MAX_LENGTH", 5000)
COMMENTS_MAX_LINKS = env.int("COMMENTS_MAX_LINKS", 2)
COMMENTS_TRUST_THRESHOLD = env.int("COMMENTS_TRUST_THRESHOLD", 3)
COMMENTS_MIN_SUBMIT_SECONDS = env.int("COMMENTS_MIN_SUBMIT_SECONDS", 3)
COMMENTS_FORM_MAX_AGE_HOURS = env.int("COMMENTS_FORM_MAX_AGE_HOURS", 24)
COMMENTS_DUPLICATE_WINDOW_HOURS = env.int("COMMENTS_DUPLICATE_WINDOW_HOURS", 24)
COMMENTS_FLAG_THRESHOLD = env.int("COMMENTS_FLAG_THRESHOLD", 3)
COMMENTS_RATE_LIMIT_WINDOW = env.int("COMMENTS_RATE_LIMIT_WINDOW", 600)  # seconds
COMMENTS_RATE_LIMIT_PER_IP = env.int("COMMENTS_RATE_LIMIT_PER_IP", 10)
COMMENTS_RATE_LIMIT_PER_EMAIL = env.int("COMMENTS_RATE_LIMIT_PER_EMAIL", 5)
COMMENTS_MODERATOR_MAIL_MINUTES = env.int("COMMENTS_MODERATOR_MAIL_MINUTES", 30)
# Banning one of these domains would shut out many readers: the admin asks to confirm it.
COMMENTS_WEBMAIL_DOMAINS = env.list(
    "COMMENTS_WEBMAIL_DOMAINS",
    [
        "aol.com", "fastmail.com", "gmail.com", "gmx.de", "gmx.net", "googlemail.com", "hotmail.com",
        "icloud.com", "live.com", "mail.com", "mail.ru", "me.com", "msn.com", "outlook.com", "proton.me",
        "protonmail.com", "web.de", "yahoo.com", "yandex.ru", "zoho.com",
    ],
)  # fmt: skip

# How long a "share preview" link works, in seconds (PREVIEW_LINK_MAX_AGE_DAYS, default 7 days).
PREVIEW_LINK_MAX_AGE = int(env.float("PREVIEW_LINK_MAX_AGE_DAYS", 7) * 24 * 60 * 60)
