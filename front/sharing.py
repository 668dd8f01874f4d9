"""The picture a page is shared with when it has none of its own.

Editors choose it in the media library (`Image.is_default_share`). The front page, sections,
tags, search, the archive and every article without a hero show it to other sites, so it is
read on nearly every render: it is kept in the cache, put there again when a change to it
commits, and a render costs no query for it. A cold cache (a new or flushed one) costs
one query, once for the whole site.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from images.models import Image

logger = logging.getLogger(__name__)

KEY = "sharing:default-picture"
# Kept this long at most, so that a change the cache missed (it was away) reaches pages within the hour.
SECONDS = 60 * 60
# Kept when the editors chose no picture, so that finding none is not asked again every time.
NONE = "none"


@dataclass(frozen=True)
class SharePicture:
    """What a page's Open Graph and Twitter tags say about a picture."""

    # The storage's name of the JPEG rendition: its address is asked of the storage each time, as
    # object storage may sign addresses that expire.
    name: str
    width: int
    height: int
    alt: str

    @property
    def url(self) -> str:
        return default_storage.url(self.name)


def _look_up() -> tuple | str:
    """What the cache keeps: the picture's fields as a tuple (a class of ours, pickled, might not
    read back after a deploy that changed it), or NONE."""
    image = Image.objects.default_share()
    rendition = image.share if image else None
    if rendition is None:
        return NONE
    return (rendition.name, rendition.width, rendition.height, image.alt)


def default_picture() -> SharePicture | None:
    """The editors' default share picture, if they chose one."""
    try:
        found = cache.get(KEY)
    except Exception:  # noqa: BLE001  (with the cache away, pages are still rendered)
        logger.warning("cache unavailable: the default share picture is read from the database", exc_info=True)
        found = None
    if found is None:
        found = _look_up()
        # add(), not set(): a change committed meanwhile has already put its own in.
        with contextlib.suppress(Exception):
            cache.add(KEY, found, timeout=SECONDS)
    return None if found == NONE else SharePicture(*found)


def _refill() -> None:
    try:
        cache.set(KEY, _look_up(), timeout=SECONDS)
    except Exception:  # noqa: BLE001
        logger.error("cache unavailable: the default share picture was not renewed", exc_info=True)


def _picture_changed(sender, instance: Image, raw: bool = False, update_fields=None, **kwargs) -> None:
    """The default picture changed (its rendition, its alt text), went, or the choice moved
    (`images.services.image_set_default_share` saves that field alone): once the change is
    committed, keep what the rows then say. Until then readers see the picture there was, as the
    database shows it to them. Other pictures (an import's hundreds) cost nothing here."""
    if raw:
        return
    if instance.is_default_share or "is_default_share" in (update_fields or ()):
        transaction.on_commit(_refill)


def connect() -> None:
    post_save.connect(_picture_changed, sender=Image, dispatch_uid="sharing_picture_saved")
    post_delete.connect(_picture_changed, sender=Image, dispatch_uid="sharing_picture_deleted")
