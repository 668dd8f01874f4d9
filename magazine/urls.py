from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.static import serve

from .sitemaps import SITEMAPS
from .views import HomeView, healthz, robots_txt

admin.site.site_header = f"{settings.MAGAZINE_NAME} · the desk"
admin.site.site_title = settings.MAGAZINE_NAME
admin.site.index_title = "Today at the desk"

handler400 = "magazine.views.bad_request"
handler404 = "magazine.views.page_not_found"
handler500 = "magazine.views.server_error"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("page/<int:page>/", HomeView.as_view(), name="home_page"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("sitemap.xml", sitemap_index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"}, name="sitemap"),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("robots.txt", robots_txt, name="robots"),
    path("", include("comments.urls")),
    path("", include("articles.urls")),
    path("", include("films.urls")),
    path("", include("authors.urls")),
]

if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]
