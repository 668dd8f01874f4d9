from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.static import serve

from articles.sitemaps import ArticleSitemap

from .views import HomeView, healthz

admin.site.site_header = f"{settings.MAGAZINE_NAME} · the desk"
admin.site.site_title = settings.MAGAZINE_NAME
admin.site.index_title = "Today at the desk"

sitemaps = {"articles": ArticleSitemap}
handler500 = "magazine.views.server_error"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("comments/", include("comments.urls")),
    path("", include("articles.urls")),
]

if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]
