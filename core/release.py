"""This release of the site as one short string, for ETags made from stored versions.

A page put together from stored renderings gets its ETag from their versions (core/conditional.py),
which a new release does not change when it changes only how pages are framed: a template, the code
around them, a static file's hashed name. So the ETag includes this fingerprint of the release, and a
reader's browser never keeps the last release's page on a 304.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from django.apps import apps
from django.conf import settings

# What a release ships that shapes a page's HTML.
SOURCES = ("*.py", "*.html", "*.txt", "*.xml")


def _source_files() -> list[Path]:
    base = Path(settings.BASE_DIR).resolve()
    folders = [base / "templates", base / "magazine"]
    # The project's own apps: those under its folder (not Django's or a library's, which pip pins).
    folders += [Path(config.path) for config in apps.get_app_configs() if Path(config.path).is_relative_to(base)]
    return sorted({path for folder in folders for pattern in SOURCES for path in folder.rglob(pattern)})


@functools.cache
def fingerprint() -> str:
    """Read once per process (a release restarts the processes): a few hundred small files."""
    digest = hashlib.sha256()
    for path in _source_files():
        digest.update(path.as_posix().encode())
        digest.update(path.read_bytes())
    from django.contrib.staticfiles.storage import staticfiles_storage

    # The hashed names of static files (the production profile's manifest), which pages link to.
    digest.update(json.dumps(getattr(staticfiles_storage, "hashed_files", {}), sort_keys=True).encode())
    return digest.hexdigest()[:16]
