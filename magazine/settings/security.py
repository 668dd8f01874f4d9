"""Security headers and the Content-Security-Policy."""

from __future__ import annotations

from urllib.parse import urlsplit

import csp.constants as csp

from core.embeds import PROVIDERS as EMBED_PROVIDER_DEFINITIONS

from .storage import EMBED_PROVIDERS, STORAGES

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
