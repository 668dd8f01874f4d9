"""Previews in the admin and share links: valid, tampered, expired."""

import re
import time

import pytest
from django.core import signing
from django.urls import reverse

from articles import previews, services
from articles.history import versions_of
from articles.models import Article
from tests.admin_forms import article_form
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(contributor):
    return ArticleFactory(
        draft=True, title="Not Out Yet", body="<p>The words of the draft.</p>", authors=[contributor.author]
    )


def preview_url(article, version=None):
    if version is None:
        return reverse("admin:articles_article_preview", args=[article.pk])
    return reverse("admin:articles_article_preview_revision", args=[article.pk, version.pk])


def test_editor_previews_a_draft_as_readers_would_see_it(client, editor, draft):
    client.force_login(editor)

    response = client.get(preview_url(draft))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Not Out Yet" in html and "The words of the draft." in html
    assert "Preview." in html and "Readers cannot see this article yet" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    # The reader's page itself is still a 404.
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_the_author_previews_their_own_draft(client, contributor, draft):
    client.force_login(contributor)

    assert client.get(preview_url(draft)).status_code == 200


def test_preview_of_an_older_revision_shows_it_and_keeps_nothing(client, editor, draft):
    client.force_login(editor)
    change = reverse("admin:articles_article_change", args=[draft.pk])
    client.post(change, article_form(draft, title="First Title", body="<p>Early words.</p>"))
    draft.refresh_from_db()
    client.post(change, article_form(draft, title="Second Title", body="<p>Later words.</p>"))
    older = versions_of(draft)[1]

    html = client.get(preview_url(draft, older)).content.decode()

    assert "First Title" in html and "Early words." in html and "Later words." not in html
    assert "not the latest one" in html
    draft.refresh_from_db()
    assert draft.title == "Second Title" and "Later words." in draft.body


def test_share_link_works_without_a_login(client, editor, draft):
    client.force_login(editor)
    html = client.get(preview_url(draft)).content.decode()
    # The link is signed with the time it was made: take the page's own, not one made a second later.
    share = re.search(r"/preview/[\w:-]+/", html).group(0)
    assert previews.read_token(share.split("/")[2])[0] == draft.pk
    client.logout()

    response = client.get(share)

    assert response.status_code == 200
    assert "Not Out Yet" in response.content.decode()
    assert response["Referrer-Policy"] == "no-referrer"


def test_share_link_shows_later_edits(client, editor, draft):
    share = previews.share_url(draft)
    draft.title = "Retitled Since"
    draft.save()

    assert "Retitled Since" in client.get(share).content.decode()


def test_share_link_of_a_revision_shows_that_revision(client, editor, draft):
    services.article_submit(draft, by=editor)
    revision = versions_of(draft).first()
    draft.refresh_from_db()
    draft.title = "Much Later"
    draft.save()

    html = client.get(previews.share_url(draft, revision)).content.decode()

    assert "Not Out Yet" in html and "Much Later" not in html


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # the signature
        lambda token: signing.b64_encode(b'{"article":999,"version":null}').decode() + token[token.index(":") :],
        lambda token: "nonsense",
    ],
    ids=["signature", "payload", "garbage"],
)
def test_tampered_share_link_is_a_friendly_403(client, draft, tamper):
    token = previews.share_url(draft).split("/")[-2]

    response = client.get(reverse("articles:preview", kwargs={"token": tamper(token)}))

    assert response.status_code == 403
    html = response.content.decode()
    assert "This preview link does not work" in html and "Not Out Yet" not in html


def test_expired_share_link_is_a_friendly_410(client, draft, settings, monkeypatch):
    share = previews.share_url(draft)
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + settings.PREVIEW_LINK_MAX_AGE + 60)

    response = client.get(share)

    assert response.status_code == 410
    html = response.content.decode()
    assert "This preview link has expired" in html and "Not Out Yet" not in html


def test_share_links_last_seven_days_by_default_and_follow_the_setting(client, draft, settings, monkeypatch):
    assert settings.PREVIEW_LINK_MAX_AGE == 7 * 24 * 60 * 60
    share = previews.share_url(draft)
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 6 * 24 * 60 * 60)
    assert client.get(share).status_code == 200

    settings.PREVIEW_LINK_MAX_AGE = 5 * 24 * 60 * 60

    assert client.get(share).status_code == 410


def test_share_link_of_a_deleted_article_is_404(client, draft):
    share = previews.share_url(draft)
    Article.objects.filter(pk=draft.pk).delete()

    assert client.get(share).status_code == 404


def test_preview_of_a_draft_prints_no_empty_publish_time(client, draft):
    html = client.get(previews.share_url(draft)).content.decode()

    meta = re.search(r'<p class="meta">(.*?)</p>', html, re.DOTALL).group(1)
    assert 'datetime=""' not in html
    assert re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", meta)).strip().endswith("Not published yet · 1 min read")
    assert "· ·" not in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", meta))


@pytest.mark.parametrize("shared", [True, False], ids=["share-link", "admin"])
def test_preview_shows_no_comment_form_and_says_why(client, editor, draft, shared):
    if shared:
        url = previews.share_url(draft)
    else:
        client.force_login(editor)
        url = preview_url(draft)

    html = client.get(url).content.decode()

    assert "<form" not in html.split('id="comments"')[1]
    assert "comments/post/" not in html
    assert "Comments cannot be posted from a preview" in html
