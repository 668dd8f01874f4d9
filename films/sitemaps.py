"""Sitemaps of film and person pages.

films/ knows nothing of articles, so the pages are found through the reverse relations by
name: a film's `articles`, a person's `films__articles`, published ones only.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.utils import timezone

from .models import Film, Person


def _published(prefix: str) -> Q:
    return Q(**{f"{prefix}__status": "published", f"{prefix}__publish_at__lte": timezone.now()})


class FilmSitemap(Sitemap):
    """Films with at least one published article; lastmod is the newest of them."""

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        newest = Max("articles__publish_at", filter=_published("articles"))
        return Film.objects.annotate(newest=newest).filter(newest__isnull=False).only("slug").order_by("pk")

    def lastmod(self, film: Film):
        return film.newest

    def get_latest_lastmod(self):
        return Film.objects.aggregate(latest=Max("articles__publish_at", filter=_published("articles")))["latest"]


class PersonSitemap(Sitemap):
    """People with a credit on a film that has a published article; lastmod is the newest article."""

    changefreq = "weekly"
    priority = 0.4

    def items(self):
        newest = Max("films__articles__publish_at", filter=_published("films__articles"))
        return Person.objects.annotate(newest=newest).filter(newest__isnull=False).only("slug").order_by("pk")

    def lastmod(self, person: Person):
        return person.newest

    def get_latest_lastmod(self):
        newest = Max("films__articles__publish_at", filter=_published("films__articles"))
        return Person.objects.aggregate(latest=newest)["latest"]
