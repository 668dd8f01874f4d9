"""Checking uploads and re-encoding them with Pillow.

Nothing of an upload is kept as it came: it is decoded, turned upright, converted to sRGB
and encoded anew, so metadata (EXIF, GPS, XMP, comments) and anything hidden between or
after the pixels stay behind.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from PIL import Image as PILImage
from PIL import ImageCms, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}

# Byte strings that make a browser, a server or a plugin treat the file as something other
# than a picture. No honest JPEG, PNG, WebP or GIF carries them: compressed pixels are too
# random to spell one out by chance, and editing software does not write them into metadata.
MARKUP_SIGNATURES = (b"<script", b"<html", b"<body", b"<iframe", b"<svg", b"<!doctype", b"<?php", b"javascript:")

FORMATS = {"webp": ("WEBP", {"quality": 80, "method": 4}), "jpeg": ("JPEG", {"quality": 82, "optimize": True})}


@dataclass(frozen=True)
class Encoded:
    content: bytes
    width: int
    height: int
    format: str  # a key of FORMATS


def open_upload(upload: UploadedFile) -> PILImage.Image:
    """Return the upload decoded, or raise ValidationError saying why it is refused."""
    limit = settings.IMAGE_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            "This file is %(size)s; images up to %(limit)s can be uploaded. Export it smaller and try again.",
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    upload.seek(0)
    data = upload.read()
    lowered = data.lower()
    if any(signature in lowered for signature in MARKUP_SIGNATURES):
        raise ValidationError(
            "This file hides web-page code inside an image, so it was refused. Export the picture again "
            "from an image editor.",
            code="hidden_markup",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            probe = PILImage.open(io.BytesIO(data))
            if probe.format not in ACCEPTED_FORMATS:
                raise UnidentifiedImageError(probe.format)
            probe.verify()
            image = PILImage.open(io.BytesIO(data))
            image.load()
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise ValidationError(
            "This image is too large to process safely: at most %(limit)s megapixels.",
            code="too_many_pixels",
            params={"limit": settings.IMAGE_MAX_PIXELS // 1_000_000},
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            "This file is not a picture Pillow can read. Upload a %(formats)s image.",
            code="not_an_image",
            params={"formats": ", ".join(ACCEPTED_FORMATS.values())},
        ) from None
    return image


def normalise(image: PILImage.Image) -> PILImage.Image:
    """Turn `image` upright, in sRGB, at most IMAGE_MASTER_MAX_SIDE on its longer side, with no metadata."""
    image = ImageOps.exif_transpose(image)
    if image.mode.startswith("I"):
        # 16-bit greyscale: scaled to 8 bits, where a plain conversion would clip it to white.
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    if image.mode not in {"RGB", "RGBA", "CMYK"}:
        has_alpha = image.mode in {"LA", "La", "PA", "RGBa"} or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha else "RGB")
    icc = image.info.get("icc_profile")
    if icc and image.mode in {"RGB", "RGBA", "CMYK"}:
        # A broken profile: keep the pixels as they are rather than refuse the picture.
        with contextlib.suppress(ImageCms.PyCMSError, OSError):
            image = ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(io.BytesIO(icc)),
                ImageCms.createProfile("sRGB"),
                outputMode="RGBA" if image.mode == "RGBA" else "RGB",
            )
    if image.mode not in {"RGB", "RGBA"}:
        image = image.convert("RGB")
    if image.mode == "RGBA" and image.getextrema()[3][0] == 255:
        image = image.convert("RGB")  # an alpha channel that is opaque everywhere
    image.thumbnail((settings.IMAGE_MASTER_MAX_SIDE,) * 2, PILImage.Resampling.LANCZOS)
    image.info.clear()
    return image


def encode(image: PILImage.Image, *, width: int, format: str) -> Encoded:
    """`image` scaled to `width` pixels wide and encoded as `format` ("webp" or "jpeg"), without metadata."""
    if width < image.width:
        height = max(1, round(image.height * width / image.width))
        image = image.resize((width, height), PILImage.Resampling.LANCZOS, reducing_gap=3.0)
    pillow_format, options = FORMATS[format]
    if pillow_format == "JPEG" and image.mode != "RGB":
        # JPEG has no transparency: lay the picture on white.
        background = PILImage.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A") if image.mode == "RGBA" else None)
        image = background
    buffer = io.BytesIO()
    image.save(buffer, pillow_format, **options)
    return Encoded(buffer.getvalue(), image.width, image.height, format)


def rendition_widths(source_width: int) -> list[int]:
    """The widths to make for a picture `source_width` pixels wide: never wider than it is."""
    widths = [width for width in settings.IMAGE_RENDITION_WIDTHS if width < source_width]
    if source_width <= max(settings.IMAGE_RENDITION_WIDTHS):
        widths.append(source_width)
    return widths or [source_width]


# Crops made for particular uses, as (aspect ratio, widths, format). The picture in a body or on a
# film's page is shown whole; cards and other sites' previews show a part of it, chosen here (around
# the picture's focal point, or a box an editor drew) so that no page needs to crop it in CSS.
CROPS = {
    "card": (3 / 2, (400, 800), "webp"),
    # Open Graph's preferred 1.91:1, 1200 x 628 at most; JPEG because not every site reads WebP.
    "share": (1.91, (1200,), "jpeg"),
}

Box = tuple[float, float, float, float]  # left, top, right, bottom as fractions of the picture


def crop_box(
    width: int, height: int, *, aspect: float, focus: tuple[float, float], box: Box | None = None
) -> tuple[int, int, int, int]:
    """The largest `aspect`-shaped pixel box in a `width` x `height` picture, centred on `focus`
    (fractions) as far as the picture's edges allow; inside `box` (fractions) when an editor drew one."""
    left, top, right, bottom = (0, 0, width, height)
    if box is not None:
        left, top = round(box[0] * width), round(box[1] * height)
        right, bottom = max(left + 1, round(box[2] * width)), max(top + 1, round(box[3] * height))
        focus = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    area_width, area_height = right - left, bottom - top
    crop_width = min(area_width, round(area_height * aspect))
    crop_height = min(area_height, round(crop_width / aspect))
    x = round(focus[0] * width - crop_width / 2)
    y = round(focus[1] * height - crop_height / 2)
    x = min(max(x, left), right - crop_width)
    y = min(max(y, top), bottom - crop_height)
    return (x, y, x + max(crop_width, 1), y + max(crop_height, 1))


def encode_crop(
    image: PILImage.Image, use: str, *, focus: tuple[float, float], box: Box | None = None
) -> list[Encoded]:
    """The renditions of `image` for `use` (a key of CROPS), cropped around `focus` or to `box`."""
    aspect, widths, format = CROPS[use]
    cropped = image.crop(crop_box(image.width, image.height, aspect=aspect, focus=focus, box=box))
    sizes = sorted({min(width, cropped.width) for width in widths})
    return [encode(cropped, width=width, format=format) for width in sizes]
