"""Sitemap of author pages (authors/ knows nothing of articles: the relation is named, not imported)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.utils import timezone

from .models import Author


class AuthorSitemap(Sitemap):
    """Authors with at least one published article; lastmod is their newest."""

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        published = Q(articles__status="published", articles__publish_at__lte=timezone.now())
        return (
            Author.objects.annotate(newest=Max("articles__publish_at", filter=published))
            .filter(newest__isnull=False)
            .only("slug")
            .order_by("pk")
        )

    def lastmod(self, author: Author):
        return author.newest
