"""The body editor's calls to the media library: a dropped picture, a pasted video or link."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles.models import Article
from core import net
from images import services
from images.models import Image
from tests.factories import ArticleFactory, picture

from .conftest import encoded, upload

pytestmark = pytest.mark.django_db

UPLOAD_URL = reverse("admin:images_image_upload")
EMBED_URL = reverse("admin:images_image_embed")
VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
POSTER = "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg"


def test_a_dropped_picture_joins_the_library_with_its_alt_text_caption_and_credit(admin_client, jpeg_upload):
    response = admin_client.post(
        UPLOAD_URL,
        {"upload": jpeg_upload, "alt": "A motel sign at dusk", "caption": "Kissimmee", "credit": "Photo: desk"},
    )

    assert response.status_code == 201
    image = Image.objects.get()
    assert (image.alt, image.caption, image.credit) == ("A motel sign at dusk", "Kissimmee", "Photo: desk")
    assert image.uploaded_by.username == "admin"
    assert response.json() == {
        "id": image.pk,
        "alt": "A motel sign at dusk",
        "caption": "Kissimmee",
        "credit": "Photo: desk",
        "src": image.src,
        "thumbnail": image.rendition(200).url,
    }


def test_a_dropped_picture_without_alt_text_is_refused_with_the_library_s_message(admin_client, jpeg_upload):
    response = admin_client.post(UPLOAD_URL, {"upload": jpeg_upload, "alt": ""})

    assert response.status_code == 400
    assert response.json() == {"errors": {"alt": ["Describe the picture for readers who cannot see it."]}}
    assert not Image.objects.exists()


def test_a_dropped_file_that_is_not_a_picture_is_refused_with_the_library_s_message(admin_client):
    response = admin_client.post(UPLOAD_URL, {"upload": upload(b"not a picture" * 50, name="x.jpg"), "alt": "x"})

    assert response.status_code == 400
    assert response.json()["errors"]["upload"] == [
        "This file is not a picture Pillow can read. Upload a JPEG, PNG, WebP, GIF image."
    ]


def test_a_dropped_picture_over_the_size_limit_is_refused(admin_client, settings):
    settings.IMAGE_MAX_UPLOAD_BYTES = 1000

    response = admin_client.post(UPLOAD_URL, {"upload": upload(encoded(picture((400, 300)))), "alt": "x"})

    assert response.status_code == 400
    assert "images up to 1000" in response.json()["errors"]["upload"][0]


def test_dropping_a_picture_needs_the_right_to_add_to_the_library(client, django_user_model, jpeg_upload):
    writer = django_user_model.objects.create_user("writer", password="pw", is_staff=True)
    writer.user_permissions.add(Permission.objects.get(codename="view_image"))
    client.force_login(writer)

    assert client.post(UPLOAD_URL, {"upload": jpeg_upload, "alt": "x"}).status_code == 403
    assert not Image.objects.exists()


def test_dropping_a_picture_needs_the_csrf_token(admin_user, jpeg_upload):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)

    assert client.post(UPLOAD_URL, {"upload": jpeg_upload, "alt": "x"}).status_code == 403


def test_the_upload_address_takes_only_posts(admin_client):
    assert admin_client.get(UPLOAD_URL).status_code == 405


class FakeProvider:
    """Stands in for YouTube (the tests never reach the network): oEmbed answers and a poster."""

    def __init__(self, answer: dict | None = None, poster: bytes | None = None):
        self.answer = {"title": "Red Rocket | Official Trailer", "thumbnail_url": POSTER} if answer is None else answer
        self.poster = encoded(picture((480, 360))) if poster is None else poster
        self.asked: list[str] = []

    def __call__(self, url, *, hosts, max_bytes, timeout):
        self.asked.append(url)
        if url.startswith("https://www.youtube.com/oembed"):
            return json.dumps(self.answer).encode()
        if url == POSTER and "i.ytimg.com" in hosts:
            return self.poster
        raise net.FetchError(f"{url} refused")


@pytest.fixture
def provider(monkeypatch):
    fake = FakeProvider()
    monkeypatch.setattr(services.net, "fetch", fake)
    return fake


def test_a_pasted_video_gets_its_title_and_a_poster_in_the_library(admin_client, provider):
    response = admin_client.post(EMBED_URL, {"url": "https://youtu.be/dQw4w9WgXcQ"})

    data = response.json()
    poster = Image.objects.get()
    assert (data["url"], data["provider"], data["title"]) == (VIDEO, "youtube", "Red Rocket | Official Trailer")
    assert data["player"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    assert data["poster"]["id"] == poster.pk
    assert (poster.source, poster.credit) == (POSTER, "Poster: YouTube")
    assert poster.alt == "A still from “Red Rocket | Official Trailer”"


def test_pasting_the_same_video_again_fetches_its_poster_once(admin_client, provider):
    admin_client.post(EMBED_URL, {"url": VIDEO})
    admin_client.post(EMBED_URL, {"url": VIDEO})

    assert Image.objects.count() == 1
    assert provider.asked.count(POSTER) == 1


def test_a_poster_on_another_host_is_not_fetched(admin_client, provider):
    provider.answer = {"title": "T", "thumbnail_url": "https://evil.example/poster.jpg"}

    data = admin_client.post(EMBED_URL, {"url": VIDEO}).json()

    assert (data["title"], data["poster"]) == ("T", None)
    assert provider.asked == [provider.asked[0]]  # the oEmbed question only
    assert not Image.objects.exists()


def test_a_poster_that_hides_markup_is_refused_like_any_upload(admin_client, provider):
    provider.poster = encoded(picture((64, 64)), "PNG") + b"<script>alert(1)</script>"

    data = admin_client.post(EMBED_URL, {"url": VIDEO}).json()

    assert data["poster"] is None
    assert not Image.objects.exists()


def test_a_provider_out_of_reach_leaves_the_title_to_the_editor(admin_client, monkeypatch):
    def unreachable(url, **kwargs):
        raise net.FetchError("Network is unreachable")

    monkeypatch.setattr(services.net, "fetch", unreachable)

    response = admin_client.post(EMBED_URL, {"url": VIDEO})

    assert response.status_code == 200
    assert (response.json()["title"], response.json()["poster"]) == ("", None)


def test_a_link_card_asks_no_outside_service(admin_client, monkeypatch):
    monkeypatch.setattr(services.net, "fetch", lambda *args, **kwargs: pytest.fail("fetched"))

    data = admin_client.post(EMBED_URL, {"url": "https://example.org/essays/anora"}).json()

    assert (data["provider"], data["url"], data["host"], data["player"]) == (
        "link",
        "https://example.org/essays/anora",
        "example.org",
        "",
    )


def test_an_address_that_cannot_be_embedded_is_refused_with_a_message(admin_client):
    response = admin_client.post(EMBED_URL, {"url": "javascript:alert(1)"})

    assert response.status_code == 400
    assert response.json()["errors"]["url"][0].startswith("This address cannot be embedded.")


def _placeholder(url: str, **attributes) -> str:
    extra = "".join(f' data-embed-{name}="{value}"' for name, value in attributes.items())
    return f'<figure data-embed="{url}"{extra}></figure>'


def test_a_saved_video_is_a_placeholder_with_our_poster_and_a_link_to_the_video(admin_client, provider):
    poster_id = admin_client.post(EMBED_URL, {"url": VIDEO}).json()["poster"]["id"]
    poster = Image.objects.get(pk=poster_id)

    article = ArticleFactory(body=_placeholder(VIDEO, poster=poster_id, title="Red Rocket trailer"))

    assert article.body.startswith(
        f'<figure data-embed="{VIDEO}" data-embed-player="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"'
        f' data-embed-poster="{poster_id}" data-embed-title="Red Rocket trailer">'
        f'<a href="{VIDEO}" rel="noopener noreferrer"><img src="{poster.src}"'
    )
    assert (
        "<strong>Red Rocket trailer</strong> <small>Play the video (from YouTube)</small></a></figure>" in article.body
    )
    assert "ytimg" not in article.body and "<iframe" not in article.body


def test_a_video_without_a_poster_shows_its_title_alone():
    article = ArticleFactory(body=_placeholder(VIDEO, title="Trailer"))

    assert "<img" not in article.body
    assert f'<a href="{VIDEO}" rel="noopener noreferrer"><strong>Trailer</strong>' in article.body


def test_a_video_without_a_title_is_named_for_its_provider():
    article = ArticleFactory(body=_placeholder("https://vimeo.com/76979871"))

    assert "<strong>A video on Vimeo</strong>" in article.body


def test_a_link_card_shows_its_title_and_host():
    article = ArticleFactory(body=_placeholder("https://example.org/essays/anora", title="On Anora"))

    assert "data-embed-player" not in article.body
    assert "<strong>On Anora</strong> <small>example.org</small>" in article.body


def test_saving_a_placeholder_again_changes_nothing(provider, admin_client):
    poster_id = admin_client.post(EMBED_URL, {"url": VIDEO}).json()["poster"]["id"]
    article = ArticleFactory(
        body="<p>Before</p>" + _placeholder(VIDEO, poster=poster_id, title="T &amp; U") + "<p>After</p>"
    )
    body = article.body

    article.save()

    assert Article.objects.get(pk=article.pk).body == body


def test_forged_markup_inside_a_placeholder_is_replaced():
    forged = f'<figure data-embed="{VIDEO}" data-embed-title="T"><a href="https://evil.example/">Win</a></figure>'

    article = ArticleFactory(body=forged)

    assert "evil.example" not in article.body and "Win" not in article.body


def test_a_placeholder_of_a_provider_switched_off_is_dropped_on_save(settings):
    settings.EMBED_PROVIDERS = ["vimeo"]

    article = ArticleFactory(body="<p>Text</p>" + _placeholder(VIDEO, title="T"))

    assert "youtube" not in article.body
    assert article.body.startswith("<p>Text</p>")
