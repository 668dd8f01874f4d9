"""Focal points and crop boxes: cards and share images are cut around the part that matters."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image as PILImage
from PIL import ImageDraw

from images import processing
from images.services import image_create, image_set_focus
from tests.factories import ArticleFactory, ImageFactory

pytestmark = pytest.mark.django_db

RED, BLUE = (200, 30, 30), (30, 30, 200)


def _halves(size=(3000, 1000)) -> PILImage.Image:
    """A wide picture, red on its left half and blue on its right."""
    drawn = PILImage.new("RGB", size, RED)
    ImageDraw.Draw(drawn).rectangle([size[0] // 2, 0, size[0], size[1]], fill=BLUE)
    return drawn


def _centre_colour(rendition) -> tuple[int, int, int]:
    with default_storage.open(rendition.name) as stored, PILImage.open(stored) as read:
        return read.convert("RGB").getpixel((read.width // 2, read.height // 2))


def _near(colour, wanted) -> bool:
    return all(abs(a - b) < 40 for a, b in zip(colour, wanted, strict=True))


def test_the_crop_is_centred_on_the_focal_point():
    assert processing.crop_box(3000, 1000, aspect=1.5, focus=(0.5, 0.5)) == (750, 0, 2250, 1000)


def test_the_crop_stays_inside_the_picture_when_the_focal_point_is_near_an_edge():
    assert processing.crop_box(3000, 1000, aspect=1.5, focus=(0.95, 0.5)) == (1500, 0, 3000, 1000)


def test_a_drawn_box_overrides_the_focal_point():
    box = processing.crop_box(3000, 1000, aspect=1.5, focus=(0.9, 0.5), box=(0.0, 0.0, 0.2, 0.4))

    assert box == (0, 0, 600, 400)


def test_a_new_picture_gets_a_card_crop_and_a_share_crop_of_their_shapes():
    image = image_create(picture=_halves(), alt="Red and blue")

    assert [(r.width, r.height) for r in image.card.renditions] == [(400, 267), (800, 533)]
    assert (image.share.width, image.share.height) == (1200, 628)
    assert image.share.format == "jpeg"


def test_moving_the_focal_point_moves_the_card_and_share_crops():
    image = image_create(picture=_halves(), alt="Red and blue")

    image_set_focus(image=image, focus=(0.1, 0.5))
    assert _near(_centre_colour(image.card.renditions[-1]), RED)
    assert _near(_centre_colour(image.share), RED)

    image_set_focus(image=image, focus=(0.9, 0.5))
    image.refresh_from_db()
    assert _near(_centre_colour(image.card.renditions[-1]), BLUE)
    assert _near(_centre_colour(image.share), BLUE)


def test_moving_the_focal_point_deletes_the_old_crops_once_committed(django_capture_on_commit_callbacks):
    image = image_create(picture=_halves(), alt="Red and blue")
    old = [r["name"] for r in image.renditions if r.get("crop")]
    whole = [r["name"] for r in image.renditions if not r.get("crop")]

    with django_capture_on_commit_callbacks(execute=True):
        image_set_focus(image=image, focus=(0.2, 0.5))

    assert not any(default_storage.exists(name) for name in old)
    assert all(default_storage.exists(name) for name in whole)
    assert [r["name"] for r in image.renditions if not r.get("crop")] == whole


def test_a_box_drawn_for_the_card_leaves_the_share_crop_on_the_focal_point():
    image = image_create(picture=_halves(), alt="Red and blue")

    image_set_focus(image=image, focus=(0.9, 0.5), crops={"card": (0.0, 0.0, 0.3, 1.0)})

    assert _near(_centre_colour(image.card.renditions[-1]), RED)
    assert _near(_centre_colour(image.share), BLUE)
    assert image.crops == {"card": [0.0, 0.0, 0.3, 1.0]}


def test_a_focal_point_outside_the_picture_is_refused():
    image = ImageFactory(size=(600, 400))

    with pytest.raises(Exception, match="less than or equal to 1"):
        image_set_focus(image=image, focus=(1.5, 0.5))


def _change(admin_client, image, **fields):
    data = {"alt": image.alt, "caption": "", "credit": "", "focus_x": "0.5", "focus_y": "0.5", **fields}
    return admin_client.post(reverse("admin:images_image_change", args=[image.pk]), data)


def test_the_admin_sets_the_focal_point_and_remakes_the_crops(admin_client):
    image = image_create(picture=_halves(), alt="Red and blue")

    response = _change(admin_client, image, focus_x="0.85", focus_y="0.4")

    assert response.status_code == 302
    image.refresh_from_db()
    assert image.focus == (0.85, 0.4)
    assert _near(_centre_colour(image.card.renditions[-1]), BLUE)


def test_the_admin_keeps_the_crops_when_only_the_text_changes(admin_client):
    image = image_create(picture=_halves(), alt="Red and blue")
    before = image.renditions

    _change(admin_client, image, caption="A new caption")

    image.refresh_from_db()
    assert image.caption == "A new caption"
    assert image.renditions == before


@pytest.mark.parametrize(
    ("box", "message"),
    [
        ("10, 10, 5, 50", "The box has no area"),
        ("left half", "Write the box as four numbers"),
        ("0, 0, 150, 50", "Write the box as four numbers"),
    ],
)
def test_the_admin_refuses_a_crop_box_that_is_not_one_with_a_message(admin_client, box, message):
    image = ImageFactory(size=(600, 400))

    response = _change(admin_client, image, card_crop=box)

    assert response.status_code == 200
    assert message in str(response.context["adminform"].form.errors["card_crop"])


def test_the_admin_refuses_a_focal_point_outside_the_picture(admin_client):
    image = ImageFactory(size=(600, 400))

    response = _change(admin_client, image, focus_x="1.2")

    assert response.status_code == 200
    assert "focus_x" in response.context["adminform"].form.errors


def test_the_admin_draws_a_card_crop_and_shows_it_back_in_per_cent(admin_client):
    image = image_create(picture=_halves(), alt="Red and blue")

    _change(admin_client, image, focus_x="0.9", card_crop="0, 0, 30, 100")

    image.refresh_from_db()
    assert image.crops == {"card": [0.0, 0.0, 0.3, 1.0]}
    html = admin_client.get(reverse("admin:images_image_change", args=[image.pk])).content.decode()
    assert 'value="0, 0, 30, 100"' in html
    assert "images/focal-point.js" in html


def test_article_cards_show_the_card_crop(client):
    hero = image_create(picture=_halves(), alt="Red and blue")
    ArticleFactory(hero=hero)

    html = client.get("/").content.decode()

    assert hero.card.srcset in html
    assert f'width="{hero.card.width}" height="{hero.card.height}"' in html


def test_the_share_image_is_the_share_crop(client):
    hero = image_create(picture=_halves(), alt="Red and blue")
    article = ArticleFactory(hero=hero)

    html = client.get(article.get_absolute_url()).content.decode()

    assert f'content="http://testserver{hero.share.url}"' in html
    assert '<meta property="og:image:height" content="628">' in html


def test_a_writer_correcting_their_picture_s_text_cannot_move_its_crops(client, django_user_model):
    writer = django_user_model.objects.create_user("writer", password="pw", is_staff=True)
    writer.user_permissions.add(*Permission.objects.filter(codename__in=["view_image", "add_image"]))
    image = image_create(picture=_halves(), alt="Red and blue", uploaded_by=writer)
    client.force_login(writer)

    page = client.get(reverse("admin:images_image_change", args=[image.pk])).content.decode()
    response = _change(client, image, alt="Red, then blue", focus_x="0.9", card_crop="0, 0, 30, 100")

    assert "id_focus_x" not in page and "id_card_crop" not in page
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.alt, image.focus, image.crops) == ("Red, then blue", (0.5, 0.5), {})
