"""The article, or one of its revisions, as readers would see it, with a link to share."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from reversion.errors import RevertError

from articles import previews

from .base import ArticleViewMixin


class PreviewViews(ArticleViewMixin):
    def preview_view(self, request, object_id, version_id=None):
        """The article (or one of its revisions) as readers would see it, with a link to share."""
        article = self._article_or_404(request, object_id)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        version = previews.version_of(article.pk, version_id) if version_id else None
        try:
            return previews.render_preview(
                request,
                article.pk,
                version,
                shared=False,
                revision=version.revision if version else None,
                share_url=request.build_absolute_uri(previews.share_url(article, version)),
                share_expires_at=previews.share_link_expires_at(),
                edit_url=self._change_url(article),
                history_url=reverse("admin:articles_article_history", args=[quote(article.pk)]),
            )
        except RevertError as error:
            messages.error(request, f"That revision cannot be shown: {error}")
            return redirect(reverse("admin:articles_article_history", args=[quote(article.pk)]))
