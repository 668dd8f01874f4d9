"""The reader's site as a whole: the front page, feeds spanning the apps (they carry comment counts),
sitemaps, robots.txt and the health check. Included at the root, without a namespace."""

from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.urls import path

from core.pages import cached_page

from . import feeds
from .sitemaps import SITEMAPS
from .views import HomeView, healthz, robots_txt


def feeds_for(prefix: str, rss, atom, name: str) -> list:
    return [path(f"{prefix}feed/", rss, name=name), path(f"{prefix}feed/atom/", atom, name=f"{name}_atom")]


urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("page/<int:page>/", HomeView.as_view(), name="home_page"),
    path("healthz", healthz, name="healthz"),
    path(
        "sitemap.xml",
        cached_page(sitemap_index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", cached_page(sitemap), {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("robots.txt", robots_txt, name="robots"),
    path("feed/<workgroup:kind>/", feeds.KindFeed(), name="kind_feed"),
    path("feed/<workgroup:kind>/atom/", feeds.KindAtomFeed(), name="kind_feed_atom"),
    *feeds_for("", feeds.ArticleFeed(), feeds.ArticleAtomFeed(), "feed"),
    *feeds_for("sections/<slug:slug>/", feeds.SectionFeed(), feeds.SectionAtomFeed(), "section_feed"),
    *feeds_for("tags/<uslug:slug>/", feeds.TagFeed(), feeds.TagAtomFeed(), "tag_feed"),
    *feeds_for("authors/<slug:slug>/", feeds.AuthorFeed(), feeds.AuthorAtomFeed(), "author_feed"),
]
