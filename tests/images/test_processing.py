"""What becomes of a picture once it is in the library: no hidden data, renditions that fit."""

import io
import os
import re
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from images.models import Image
from images.services import image_store
from tests.factories import ImageFactory, picture

from .conftest import encoded, upload

pytestmark = pytest.mark.django_db

CAMERA = "Leica-of-the-desk-7731"


def _jpeg_with_exif_and_gps(size=(1200, 800), orientation=1) -> bytes:
    exif = PILImage.Exif()
    exif[0x010F] = CAMERA  # Make
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: (40.0, 34.0, 45.0), 3: "W", 4: (73.0, 57.0, 30.0)}  # GPS: Brighton Beach
    return encoded(picture(size), "JPEG", exif=exif.tobytes())


def _stored_files(image: Image) -> list[str]:
    return [image.file.name, *(rendition["name"] for rendition in image.renditions)]


def _add(admin_client, content: bytes) -> Image:
    response = admin_client.post(
        "/admin/images/image/add/",
        {"alt": "A street at night", "caption": "", "credit": "", "upload": upload(content)},
    )
    assert response.status_code == 302
    return Image.objects.get()


def test_the_test_upload_really_carries_exif_and_gps():
    with PILImage.open(io.BytesIO(_jpeg_with_exif_and_gps())) as original:
        exif = original.getexif()
        assert exif[0x010F] == CAMERA
        assert exif.get_ifd(0x8825)[1] == "N"


def test_exif_and_gps_are_gone_from_every_stored_file(admin_client):
    image = _add(admin_client, _jpeg_with_exif_and_gps())

    for name in _stored_files(image):
        with default_storage.open(name) as stored:
            content = stored.read()
        with PILImage.open(io.BytesIO(content)) as read:
            assert len(read.getexif()) == 0, name
            assert not read.getexif().get_ifd(0x8825), name
            assert "exif" not in read.info and "xmp" not in read.info, name
        assert CAMERA.encode() not in content, name
        assert b"Exif" not in content, name


def test_the_upload_itself_is_stored_nowhere(admin_client, settings):
    # Bytes after the end of the picture, where a polyglot keeps its payload, and its metadata.
    trailer = b"TRAILER-no-reader-should-get-this"
    content = _jpeg_with_exif_and_gps() + trailer

    image = _add(admin_client, content)

    assert image.file.name.endswith(".webp")
    for folder, _dirs, files in os.walk(settings.MEDIA_ROOT):
        for name in files:
            stored = Path(folder, name).read_bytes()
            assert stored != content and trailer not in stored and CAMERA.encode() not in stored, name


def test_the_camera_orientation_is_applied_before_the_exif_goes(admin_client):
    # Orientation 6: the camera was held upright, so the picture is taller than the pixels say.
    image = _add(admin_client, _jpeg_with_exif_and_gps(size=(1200, 800), orientation=6))

    assert (image.width, image.height) == (800, 1200)
    with default_storage.open(image.rendition(400).name) as stored, PILImage.open(stored) as read:
        assert read.size == (400, 600)


def test_renditions_are_webp_and_jpeg_files_of_the_sizes_they_claim():
    image = ImageFactory(size=(2000, 1000))

    for rendition in image.renditions:
        with default_storage.open(rendition["name"]) as stored, PILImage.open(stored) as read:
            assert read.format == {"webp": "WEBP", "jpeg": "JPEG"}[rendition["format"]]
            assert read.size == (rendition["width"], rendition["height"])
            if not rendition.get("crop"):
                assert rendition["height"] == rendition["width"] // 2


def test_no_rendition_is_wider_than_the_picture():
    image = ImageFactory(size=(900, 600))

    whole = [r for r in image.renditions if not r.get("crop")]
    assert sorted(r["width"] for r in whole if r["format"] == "webp") == [400, 800, 900]
    assert [r["width"] for r in whole if r["format"] == "jpeg"] == [900]
    assert max(r["width"] for r in image.renditions) <= 900


def test_a_very_large_picture_is_kept_at_most_2400_pixels_wide():
    image = ImageFactory(size=(6000, 4000))

    assert (image.width, image.height) == (2400, 1600)
    assert max(r["width"] for r in image.renditions) == 1600


def test_transparency_survives_in_webp_and_is_laid_on_white_in_jpeg(admin_client):
    transparent = PILImage.new("RGBA", (800, 400), (0, 0, 0, 0))
    image = _add(admin_client, encoded(transparent, "PNG"))

    with default_storage.open(image.rendition(400).name) as stored, PILImage.open(stored) as read:
        assert read.mode == "RGBA" and read.getpixel((10, 10))[3] == 0
    with default_storage.open(image.share.name) as stored, PILImage.open(stored) as read:
        assert read.mode == "RGB" and read.getpixel((10, 10)) == (255, 255, 255)


def test_srcset_lists_every_webp_rendition_with_its_width():
    image = ImageFactory(size=(1600, 900))

    candidates = image.srcset.split(", ")
    assert [candidate.split()[1] for candidate in candidates] == ["400w", "800w", "1200w", "1600w"]
    assert all(candidate.startswith("/media/images/") and ".webp " in candidate for candidate in candidates)
    assert image.src.endswith("-800.webp")
    assert image.share.url.endswith("-1200.jpg")


def test_a_16_bit_greyscale_png_keeps_its_tones(admin_client):
    image = _add(admin_client, encoded(PILImage.new("I;16", (600, 400), 32768), "PNG"))

    with default_storage.open(image.rendition(400).name) as stored, PILImage.open(stored) as read:
        assert 120 <= read.convert("L").getpixel((200, 200)) <= 136


def test_the_master_is_stored_once_under_its_month_beside_its_renditions(admin_client):
    image = _add(admin_client, encoded(picture((900, 600))))

    # images/2026/12/<token>.webp, not images/2026/12/images/2026/12/<token>.webp
    assert re.fullmatch(r"images/\d{4}/\d{2}/[\w-]+\.webp", image.file.name), image.file.name
    stem = image.file.name.removesuffix(".webp")
    assert all(rendition["name"].startswith(f"{stem}-") for rendition in image.renditions)
    assert default_storage.exists(image.file.name)


def test_a_picture_stored_under_the_old_doubled_path_is_still_served_and_replaced_cleanly(
    django_capture_on_commit_callbacks,
):
    # Pictures uploaded before the fix keep their master at images/Y/m/images/Y/m/<token>.webp:
    # the row names it, nothing reads it by its folder, and replacing the picture deletes it.
    image = ImageFactory(size=(900, 600))
    folder, name = image.file.name.rsplit("/", 1)
    doubled = f"{folder}/{folder}/{name}"
    with default_storage.open(image.file.name) as master:
        doubled = default_storage.save(doubled, master)
    default_storage.delete(image.file.name)
    Image.objects.filter(pk=image.pk).update(file=doubled)
    image.refresh_from_db()
    assert image.src and default_storage.exists(image.rendition(400).name)

    with django_capture_on_commit_callbacks(execute=True):
        image_store(image=image, picture=picture((800, 600)))

    assert not default_storage.exists(doubled)
    assert image.file.name.count("images/") == 1
