import pytest
from django.contrib.auth.models import Permission
from django.db import IntegrityError, transaction
from django.urls import reverse

from images.models import Image
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

PICKER_URL = reverse("admin:images_image_picker")


def test_the_picker_lists_the_library_newest_first_as_json(admin_client):
    older = ImageFactory(alt="An older drawing", caption="Caption", credit="Credit", size=(600, 400))
    newer = ImageFactory(alt="A newer drawing", size=(600, 400))

    results = admin_client.get(PICKER_URL).json()["results"]

    assert [result["id"] for result in results] == [newer.pk, older.pk]
    assert results[1] | {"src": "", "thumbnail": ""} == {
        "id": older.pk,
        "alt": "An older drawing",
        "caption": "Caption",
        "credit": "Credit",
        "src": "",
        "thumbnail": "",
    }
    assert results[1]["thumbnail"] == older.rendition(200).url


@pytest.mark.parametrize("query", ["motel", "MAGIC castle", "drawing: ana"])
def test_the_picker_searches_alt_text_caption_and_credit(admin_client, query):
    wanted = ImageFactory(alt="A motel sign", caption="The Magic Castle", credit="Drawing: Ana", size=(600, 400))
    ImageFactory(alt="A swimming pool", size=(600, 400))

    results = admin_client.get(PICKER_URL, {"q": query}).json()["results"]

    assert [result["id"] for result in results] == [wanted.pk]


def test_the_picker_is_refused_to_staff_who_may_not_view_the_library(client, django_user_model):
    writer = django_user_model.objects.create_user("writer", password="pw", is_staff=True)
    client.force_login(writer)

    assert client.get(PICKER_URL).status_code == 403

    writer.user_permissions.add(Permission.objects.get(codename="view_image"))
    assert client.get(PICKER_URL).status_code == 200


def test_the_picker_sends_anonymous_visitors_to_the_login(client):
    response = client.get(PICKER_URL)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_library_list_shows_thumbnails(admin_client):
    image = ImageFactory(size=(600, 400))

    html = admin_client.get(reverse("admin:images_image_changelist")).content.decode()

    assert f'src="{image.rendition(200).url}"' in html


@pytest.fixture
def writer(contributor):
    return contributor


def _change_url(image) -> str:
    return reverse("admin:images_image_change", args=[image.pk])


def _text(image, **changes) -> dict:
    return {"alt": image.alt, "caption": image.caption, "credit": image.credit, **changes}


def test_an_upload_keeps_who_uploaded_it(client, writer, jpeg_upload):
    client.force_login(writer)

    response = client.post(reverse("admin:images_image_add"), {"upload": jpeg_upload, "alt": "A motel at dusk"})

    assert response.status_code == 302
    assert Image.objects.get().uploaded_by == writer


def test_a_writer_corrects_the_alt_text_and_caption_of_their_own_upload(client, writer):
    image = ImageFactory(alt="A motl", caption="", uploaded_by=writer, size=(600, 400))
    client.force_login(writer)

    response = client.post(_change_url(image), _text(image, alt="A motel at dusk", caption="Orlando, 2017."))

    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.alt, image.caption) == ("A motel at dusk", "Orlando, 2017.")


def test_a_writer_cannot_replace_the_picture_of_their_own_upload(client, writer, jpeg_upload):
    image = ImageFactory(uploaded_by=writer, size=(600, 400))
    before = image.file.name
    client.force_login(writer)

    response = client.post(_change_url(image), _text(image, upload=jpeg_upload))

    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.file.name, image.width) == (before, 600)


def test_a_writer_cannot_change_a_picture_someone_else_uploaded(client, writer, editor):
    image = ImageFactory(alt="An empty pool", uploaded_by=editor, size=(600, 400))
    client.force_login(writer)

    response = client.post(_change_url(image), _text(image, alt="Vandalised"))

    assert response.status_code == 403
    image.refresh_from_db()
    assert image.alt == "An empty pool"


def test_a_writer_sees_someone_else_s_picture_without_an_empty_upload_line(client, writer):
    image = ImageFactory(alt="An empty pool", size=(600, 400))
    client.force_login(writer)

    html = client.get(_change_url(image)).content.decode()

    assert "An empty pool" in html
    assert "None" not in html
    assert 'name="alt"' not in html


def test_editors_change_every_picture_and_may_replace_it(client, editor, writer):
    image = ImageFactory(alt="A motl", uploaded_by=writer, size=(600, 400))
    client.force_login(editor)

    assert 'name="upload"' in client.get(_change_url(image)).content.decode()
    response = client.post(_change_url(image), _text(image, alt="A motel"))

    assert response.status_code == 302
    image.refresh_from_db()
    assert image.alt == "A motel"


def _tick_default_share(client, image, ticked: bool = True):
    data = {"alt": image.alt, "caption": image.caption, "credit": image.credit}
    if ticked:
        data["default_share"] = "on"
    return client.post(reverse("admin:images_image_change", args=[image.pk]), data)


def test_an_editor_makes_a_picture_the_default_share_picture(client, editor):
    image = ImageFactory(size=(600, 400))
    client.force_login(editor)
    form = client.get(reverse("admin:images_image_change", args=[image.pk])).content.decode()
    assert 'name="default_share"' in form

    response = _tick_default_share(client, image)

    assert response.status_code == 302
    image.refresh_from_db()
    assert image.is_default_share
    assert Image.objects.default_share() == image


def test_ticking_another_picture_moves_the_default_share_picture_to_it(client, editor):
    first, second = ImageFactory(size=(600, 400)), ImageFactory(size=(600, 400))
    client.force_login(editor)
    _tick_default_share(client, first)

    response = _tick_default_share(client, second)

    assert response.status_code == 302
    assert list(Image.objects.filter(is_default_share=True)) == [second]
    changelist = client.get(reverse("admin:images_image_changelist"), {"is_default_share__exact": "1"})
    assert list(changelist.context["cl"].result_list) == [second]


def test_unticking_leaves_no_default_share_picture(client, editor):
    image = ImageFactory(size=(600, 400))
    client.force_login(editor)
    _tick_default_share(client, image)

    _tick_default_share(client, image, ticked=False)

    assert Image.objects.default_share() is None


def test_the_database_keeps_a_single_default_share_picture():
    chosen = ImageFactory(size=(60, 40))
    Image.objects.filter(pk=chosen.pk).update(is_default_share=True)
    other = ImageFactory(size=(60, 40))

    with pytest.raises(IntegrityError), transaction.atomic():
        Image.objects.filter(pk=other.pk).update(is_default_share=True)


def test_a_writer_cannot_choose_the_default_share_picture(client, writer):
    image = ImageFactory(uploaded_by=writer, size=(600, 400))
    client.force_login(writer)
    assert 'name="default_share"' not in client.get(_change_url(image)).content.decode()
    assert 'name="default_share"' not in client.get(reverse("admin:images_image_add")).content.decode()

    response = client.post(_change_url(image), _text(image, default_share="on"))

    assert response.status_code == 302
    assert Image.objects.default_share() is None
