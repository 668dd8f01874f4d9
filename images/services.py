"""Storing pictures in the library: re-encode once, make every rendition once."""

from __future__ import annotations

import json
import logging
import secrets
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image as PILImage

from core import embeds, net

from . import processing
from .models import Image

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

logger = logging.getLogger(__name__)


def _rendition_name(stem: str, encoded: processing.Encoded) -> str:
    extension = "jpg" if encoded.format == "jpeg" else encoded.format
    return default_storage.save(f"{stem}-{encoded.width}.{extension}", ContentFile(encoded.content))


def _crop_renditions(image: Image, picture: PILImage.Image, stem: str) -> list[dict]:
    """Store the crops of `picture` for each use (cards, share image), around `image`'s focal point
    or inside the box drawn for that use; a new name each time, so no browser keeps an old crop."""
    stem = f"{stem}-{secrets.token_urlsafe(4)}"
    made = []
    for use in processing.CROPS:
        box = image.crops.get(use)
        for encoded in processing.encode_crop(picture, use, focus=image.focus, box=tuple(box) if box else None):
            made.append(
                {
                    "name": _rendition_name(f"{stem}-{use}", encoded),
                    "width": encoded.width,
                    "height": encoded.height,
                    "format": encoded.format,
                    "crop": use,
                }
            )
    return made


@transaction.atomic
def image_store(*, image: Image, picture: PILImage.Image) -> Image:
    """Give `image` our re-encoded copy of `picture` and all its renditions, and save it.

    `picture` is what `processing.open_upload()` returned (or one drawn in code). Files an
    earlier picture of `image` left behind are deleted once the new ones are committed.
    """
    old_names = [name for name in [image.file.name, *(data["name"] for data in image.renditions)] if name]
    picture = processing.normalise(picture)
    master = processing.encode(picture, width=picture.width, format="webp")
    # A bare file name: the field's upload_to puts it under images/<year>/<month>/ (given a
    # path, it was put there twice), and the renditions go beside it.
    image.file.save(f"{secrets.token_urlsafe(9)}.webp", ContentFile(master.content), save=False)
    stem = image.file.name.removesuffix(".webp")
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
    image.renditions += _crop_renditions(image, picture, stem)
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
    focus: tuple[float, float] = (0.5, 0.5),
    source: str = "",
) -> Image:
    """Add `picture` to the library with its text (and its focal point, and where it came from)."""
    image = Image(
        alt=alt,
        caption=caption,
        credit=credit,
        uploaded_by=uploaded_by,
        focus_x=focus[0],
        focus_y=focus[1],
        source=source,
    )
    return image_store(image=image, picture=picture)


@transaction.atomic
def image_set_focus(
    *, image: Image, focus: tuple[float, float], crops: dict[str, processing.Box | None] | None = None
) -> Image:
    """Move `image`'s focal point (and set or clear the boxes drawn for some uses), and make its
    cropped renditions anew from the stored master; the old crops' files go once this commits.

    Saving the image renews the page cache (front/invalidation.py), so cards show the new crop.
    """
    image.focus_x, image.focus_y = focus
    for use, box in (crops or {}).items():
        if use not in processing.CROPS:
            raise ValueError(f"no crop is made for {use!r}")
        if box:
            image.crops[use] = list(box)
        else:
            image.crops.pop(use, None)
    image.full_clean(exclude=["file", "width", "height", "renditions"])
    old = [data for data in image.renditions if data.get("crop")]
    with image.file.open("rb") as master:
        picture = PILImage.open(master)
        picture.load()
    image.renditions = [data for data in image.renditions if not data.get("crop")]
    image.renditions += _crop_renditions(image, picture, image.file.name.rsplit(".", 1)[0])
    image.save()
    transaction.on_commit(lambda: [default_storage.delete(data["name"]) for data in old])
    return image


def embed_details(*, embed: embeds.Embed) -> tuple[str, Image | None]:
    """A video's title and poster, asked of its provider (oEmbed) when an editor pastes its address.

    The poster goes into the library through the upload's own checks, once: the same video pasted
    again gets the picture already there. Readers' pages then show our copy, so their browsers ask
    the provider for nothing. Either part is empty when the provider cannot be reached or answers
    with something we do not take (another host, not a picture): the placeholder then shows the
    title the editor gives on a plain background.
    """
    if not embed.oembed:
        return "", None
    limit = {"max_bytes": settings.EMBED_FETCH_MAX_BYTES, "timeout": settings.EMBED_FETCH_TIMEOUT}
    try:
        answer = json.loads(net.fetch(embed.oembed, hosts=[urlsplit(embed.oembed).hostname], **limit))
    except (net.FetchError, ValueError) as error:
        logger.warning("embed: no details for %s: %s", embed.url, error)
        return "", None
    title = " ".join(str(answer.get("title") or "").split())[:200] if isinstance(answer, dict) else ""
    poster_url = str(answer.get("thumbnail_url") or "") if isinstance(answer, dict) else ""
    if urlsplit(poster_url).hostname not in embed.provider.poster_hosts or len(poster_url) > 500:
        return title, None
    if poster := Image.objects.filter(source=poster_url).first():
        return title, poster
    try:
        content = net.fetch(poster_url, hosts=embed.provider.poster_hosts, **limit)
        picture = processing.open_upload(SimpleUploadedFile("poster", content))
    except (net.FetchError, ValidationError) as error:
        logger.warning("embed: no poster for %s: %s", embed.url, error)
        return title, None
    label = embed.provider.label
    alt = f"A still from “{title}”" if title else f"A still from a video on {label}"
    return title, image_create(picture=picture, alt=alt, credit=f"Poster: {label}", source=poster_url)


@transaction.atomic
def image_set_default_share(*, image: Image, chosen: bool = True) -> Image:
    """Make `image` the picture pages without one of their own are shared with (the one there was
    stops being it), or with `chosen=False` stop it being that picture."""
    if chosen:
        Image.objects.filter(is_default_share=True).exclude(pk=image.pk).update(is_default_share=False)
    image.is_default_share = chosen
    image.save(update_fields=["is_default_share"])
    return image
