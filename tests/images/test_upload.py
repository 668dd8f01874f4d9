"""Uploading to the media library through the admin: what is accepted, what is refused and why."""

import warnings

import pytest
from django.urls import reverse
from PIL import Image as PILImage
from PIL import PngImagePlugin

from images.models import Image
from tests.factories import ImageFactory, picture

from .conftest import encoded, upload

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:images_image_add")


def _post(client, file, **fields):
    data = {"alt": "Two people on a Coney Island boardwalk at dusk", "caption": "", "credit": "", **fields}
    if file is not None:
        data["upload"] = file
    return client.post(ADD_URL, data)


def _errors(response) -> list[str]:
    return [str(error) for error in response.context["adminform"].form.errors.get("upload", [])]


def test_a_jpeg_is_added_to_the_library_with_its_renditions(admin_client, jpeg_upload):
    response = _post(admin_client, jpeg_upload, caption="Brighton Beach", credit="Drawing: the desk")

    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.caption, image.credit) == ("Brighton Beach", "Drawing: the desk")
    assert (image.width, image.height) == (2000, 1200)
    whole = [r for r in image.renditions if not r.get("crop")]
    assert sorted(r["width"] for r in whole if r["format"] == "webp") == [400, 800, 1200, 1600]
    assert [r["width"] for r in whole if r["format"] == "jpeg"] == [1200]


def test_a_text_file_renamed_jpg_is_refused_with_a_message(admin_client):
    response = _post(admin_client, upload(b"Dear editor,\nthis is not a picture.\n" * 40, name="holiday.jpg"))

    assert response.status_code == 200
    assert _errors(response) == ["This file is not a picture Pillow can read. Upload a JPEG, PNG, WebP, GIF image."]
    assert not Image.objects.exists()


def _png_with_text_chunk() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<html><body><script>alert(document.cookie)</script></body></html>")
    return encoded(picture((64, 64)), "PNG", pnginfo=info)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(_png_with_text_chunk(), id="html-in-a-png-chunk"),
        pytest.param(
            encoded(picture((64, 64)), "PNG") + b"<!DOCTYPE html><script>alert(1)</script>", id="html-after-iend"
        ),
    ],
)
def test_an_html_png_polyglot_is_refused_with_a_message(admin_client, content):
    response = _post(admin_client, upload(content, name="poster.png", content_type="image/png"))

    assert response.status_code == 200
    assert _errors(response) == [
        "This file hides web-page code inside an image, so it was refused. Export the picture again from an "
        "image editor."
    ]
    assert not Image.objects.exists()


def test_html_disguised_as_a_png_is_refused(admin_client):
    content = b"<html><script>alert(1)</script></html>" + encoded(picture((64, 64)), "PNG")

    response = _post(admin_client, upload(content, name="poster.png", content_type="image/png"))

    assert response.status_code == 200
    assert _errors(response)
    assert not Image.objects.exists()


def _bomb(size) -> bytes:
    # A one-bit picture of that many pixels compresses to a few kilobytes.
    return encoded(PILImage.new("1", size), "PNG")


@pytest.mark.parametrize(
    "size",
    [
        pytest.param((7000, 6000), id="over-the-cap-where-pillow-only-warns"),
        pytest.param((10000, 9000), id="over-twice-the-cap-where-pillow-refuses"),
    ],
)
def test_a_decompression_bomb_is_refused_with_a_message(admin_client, size):
    content = _bomb(size)
    assert len(content) < 200_000

    with warnings.catch_warnings():
        # Even where warnings are ignored (as a production logging set-up may do), the bomb is refused.
        warnings.simplefilter("ignore")
        response = _post(admin_client, upload(content, name="bomb.png", content_type="image/png"))

    assert response.status_code == 200
    assert _errors(response) == ["This image is too large to process safely: at most 40 megapixels."]
    assert not Image.objects.exists()


def test_pillow_is_capped_at_the_configured_pixel_count(settings):
    assert settings.IMAGE_MAX_PIXELS == PILImage.MAX_IMAGE_PIXELS == 40_000_000


def test_a_file_over_the_size_limit_is_refused_with_a_message(admin_client, settings, jpeg_upload):
    settings.IMAGE_MAX_UPLOAD_BYTES = 10 * 1024

    response = _post(admin_client, jpeg_upload)

    assert response.status_code == 200
    (error,) = _errors(response)
    assert error.startswith("This file is ") and "images up to 10.0\xa0KB can be uploaded" in error
    assert not Image.objects.exists()


def test_alt_text_is_required(admin_client, jpeg_upload):
    response = _post(admin_client, jpeg_upload, alt="   ")

    assert response.status_code == 200
    assert "Describe the picture for readers who cannot see it." in response.content.decode()
    assert not Image.objects.exists()


def test_a_refused_replacement_keeps_the_picture_there_was(admin_client):
    image = ImageFactory()
    before = (image.file.name, image.renditions)

    response = admin_client.post(
        reverse("admin:images_image_change", args=[image.pk]),
        {"alt": image.alt, "caption": "", "credit": "", "upload": upload(b"not a picture", name="new.jpg")},
    )

    assert response.status_code == 200
    image.refresh_from_db()
    assert (image.file.name, image.renditions) == before
    assert image.file.storage.exists(image.file.name)


def test_replacing_the_picture_makes_new_renditions_and_deletes_the_old_files(
    admin_client, jpeg_upload, django_capture_on_commit_callbacks
):
    image = ImageFactory(size=(900, 600))
    old_names = [image.file.name, *(r["name"] for r in image.renditions)]

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:images_image_change", args=[image.pk]),
            {"alt": image.alt, "caption": "", "credit": "", "upload": jpeg_upload},
        )

    assert response.status_code == 302
    image.refresh_from_db()
    assert image.width == 2000
    assert not any(image.file.storage.exists(name) for name in old_names)


def test_editing_the_text_keeps_the_picture(admin_client):
    image = ImageFactory()
    before = (image.file.name, image.renditions)

    response = admin_client.post(
        reverse("admin:images_image_change", args=[image.pk]),
        {"alt": "A new description", "caption": "New caption", "credit": ""},
    )

    assert response.status_code == 302
    image.refresh_from_db()
    assert image.alt == "A new description"
    assert (image.file.name, image.renditions) == before
