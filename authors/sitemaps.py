"""Sitemap of author pages (authors/ knows nothing of articles: the relation is named, not imported)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.utils import timezone

from .models import Author


class AuthorSitemap(Sitemap):
    """Authors with at least one published article; lastmod is their newest."""

    changefreq = "weekly"
    priority = 0.5

    def newest(self) -> Max:
        published = Q(articles__status="published", articles__publish_at__lte=timezone.now())
        return Max("articles__publish_at", filter=published)

    def items(self):
        return Author.objects.annotate(newest=self.newest()).filter(newest__isnull=False).only("slug").order_by("pk")

    def lastmod(self, author: Author):
        return author.newest

    def get_latest_lastmod(self):
        return Author.objects.aggregate(latest=self.newest())["latest"]
