import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

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
