from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse

from .models import Article, Section


class ArticleSitemap(Sitemap):
    """Published articles; lastmod is the latest dated correction or update, else publication."""

    changefreq = "weekly"
    priority = 0.8
    limit = 5000

    def items(self):
        return Article.objects.published().with_modified().only("slug", "publish_at").order_by("-publish_at", "-pk")

    def lastmod(self, article: Article):
        return article.modified_at

    def get_latest_lastmod(self):
        # The sitemap index asks for this: one aggregate rather than every article.
        modified = Greatest("publish_at", Coalesce("last_correction_at", "publish_at"))
        return Article.objects.published().with_modified().aggregate(latest=Max(modified))["latest"]


class SectionSitemap(Sitemap):
    """Sections with something published; lastmod is their newest article."""

    changefreq = "daily"
    priority = 0.6

    def items(self):
        newest = (
            Article.objects.published().filter(section=OuterRef("pk")).order_by("-publish_at").values("publish_at")[:1]
        )
        return Section.objects.annotate(newest=Subquery(newest)).filter(newest__isnull=False).order_by("order", "pk")

    def lastmod(self, section: Section):
        return section.newest

    def get_latest_lastmod(self):
        return Article.objects.published().aggregate(latest=Max("publish_at"))["latest"]


class FrontPageSitemap(Sitemap):
    """The front page and the archive, changed whenever an article is published."""

    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["home", "articles:archive"]

    def location(self, name: str) -> str:
        return reverse(name)

    def lastmod(self, name: str):
        if not hasattr(self, "_newest"):
            self._newest = Article.objects.published().aggregate(newest=Max("publish_at"))["newest"]
        return self._newest

    def get_latest_lastmod(self):
        return self.lastmod("home")
