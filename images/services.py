"""Storing pictures in the library: re-encode once, make every rendition once."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage

from . import processing
from .models import Image

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser


def _rendition_name(stem: str, encoded: processing.Encoded) -> str:
    extension = "jpg" if encoded.format == "jpeg" else encoded.format
    return default_storage.save(f"{stem}-{encoded.width}.{extension}", ContentFile(encoded.content))


@transaction.atomic
def image_store(*, image: Image, picture: PILImage.Image) -> Image:
    """Give `image` our re-encoded copy of `picture` and all its renditions, and save it.

    `picture` is what `processing.open_upload()` returned (or one drawn in code). Files an
    earlier picture of `image` left behind are deleted once the new ones are committed.
    """
    old_names = [name for name in [image.file.name, *(data["name"] for data in image.renditions)] if name]
    picture = processing.normalise(picture)
    stem = f"images/{timezone.now():%Y/%m}/{secrets.token_urlsafe(9)}"
    master = processing.encode(picture, width=picture.width, format="webp")
    image.file.save(f"{stem}.webp", ContentFile(master.content), save=False)
    image.width, image.height = master.width, master.height
    made = [
        processing.encode(picture, width=width, format="webp") for width in processing.rendition_widths(picture.width)
    ]
    made.append(processing.encode(picture, width=min(1200, picture.width), format="jpeg"))
    image.renditions = [
        {
            "name": _rendition_name(stem, encoded),
            "width": encoded.width,
            "height": encoded.height,
            "format": encoded.format,
        }
        for encoded in made
    ]
    image.save()
    if old_names:
        transaction.on_commit(lambda: [default_storage.delete(name) for name in old_names])
    return image


def image_create(
    *,
    picture: PILImage.Image,
    alt: str,
    caption: str = "",
    credit: str = "",
    uploaded_by: AbstractBaseUser | None = None,
) -> Image:
    """Add `picture` to the library with its text."""
    image = Image(alt=alt, caption=caption, credit=credit, uploaded_by=uploaded_by)
    return image_store(image=image, picture=picture)
