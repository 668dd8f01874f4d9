"""What the desk's own pages of one article share: finding it, its change form's address, the admin's context."""

from __future__ import annotations

from django.contrib.admin.utils import quote, unquote
from django.http import Http404
from django.urls import reverse

from articles.models import Article


class ArticleViewMixin:
    """For ArticleAdmin's custom views (get_object and the permission checks are the ModelAdmin's)."""

    def _change_url(self, article: Article) -> str:
        return reverse("admin:articles_article_change", args=[quote(article.pk)])

    def _article_or_404(self, request, object_id) -> Article:
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        return article

    def _context(self, request, article: Article | None = None, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "app_label": self.model._meta.app_label,
            "original": article,
            "object": article,
            **extra,
        }
