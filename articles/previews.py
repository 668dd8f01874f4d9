"""Previews: an article, or any revision of it, as readers would see it.

Editors and the article's writers open previews in the admin. A share link carries a
signed token (django.core.signing.TimestampSigner) that works without a login until
PREVIEW_LINK_MAX_AGE seconds have passed; a changed token is refused (403), an old one
is gone (410).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from reversion.errors import RevertError
from reversion.models import Version

from .models import Article
from .views import ArticlePreviewView

SALT = "articles.preview"


class PreviewLinkInvalid(Exception):
    """The token was not made by this site, or was changed."""


class PreviewLinkExpired(Exception):
    """The token is genuine but older than PREVIEW_LINK_MAX_AGE."""


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def share_url(article: Article, version: Version | None = None) -> str:
    """A signed address showing `article` (at `version`, or as it is when opened) to anyone who has it."""
    token = _signer().sign_object({"article": article.pk, "version": version.pk if version else None})
    return reverse("articles:preview", kwargs={"token": token})


def share_link_expires_at() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(seconds=settings.PREVIEW_LINK_MAX_AGE)


def read_token(token: str) -> tuple[int, int | None]:
    """The article's and the revision's ids in a share token; raises PreviewLinkInvalid or PreviewLinkExpired."""
    try:
        data = _signer().unsign_object(token, max_age=settings.PREVIEW_LINK_MAX_AGE)
    except signing.SignatureExpired as error:
        raise PreviewLinkExpired from error
    except signing.BadSignature as error:
        raise PreviewLinkInvalid from error
    if not isinstance(data, dict) or not isinstance(data.get("article"), int):
        raise PreviewLinkInvalid
    version = data.get("version")
    return data["article"], version if isinstance(version, int) else None


def version_of(article_pk: int, version_pk: int) -> Version:
    return get_object_or_404(Version.objects.get_for_model(Article), pk=version_pk, object_id=str(article_pk))


def render_preview(request: HttpRequest, article_pk: int, version: Version | None = None, **banner) -> HttpResponse:
    """The reader's article page for `article_pk`, at `version` if given, with a preview banner.

    An older revision is put back inside a transaction that is rolled back once the page
    is rendered, so the page is built by the very code readers get and nothing is kept.
    """
    if request.method not in ("GET", "HEAD"):
        # A preview only shows; the view's own 405 is not a page to render.
        return HttpResponseNotAllowed(["GET", "HEAD"])
    view = ArticlePreviewView.as_view(preview=banner)
    if version is None:
        response = view(request, pk=article_pk)
        response.render()
    else:
        with transaction.atomic():
            version.revision.revert(delete=True)
            response = view(request, pk=article_pk)
            response.render()
            transaction.set_rollback(True)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The token is in the address: never hand it to another site.
    response["Referrer-Policy"] = "no-referrer"
    return response


def shared_preview(request, token: str):
    """A preview opened from a share link: no login, but a signed token that expires."""
    try:
        article_pk, version_pk = read_token(token)
    except PreviewLinkExpired:
        return render(request, "articles/preview_expired.html", status=410)
    except PreviewLinkInvalid:
        return render(request, "articles/preview_invalid.html", status=403)
    version = version_of(article_pk, version_pk) if version_pk else None
    get_object_or_404(Article, pk=article_pk)
    try:
        return render_preview(request, article_pk, version, shared=True)
    except RevertError:
        # That revision names something deleted since (a film, an author): show the article as it is.
        return render_preview(request, article_pk, None, shared=True)
