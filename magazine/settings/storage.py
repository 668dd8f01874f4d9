"""Static files, uploads (local or object storage), the media library's limits and embeds."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from core.embeds import PROVIDERS as EMBED_PROVIDER_DEFINITIONS
from core.environment import env

from .base import BASE_DIR, VAR_DIR

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
