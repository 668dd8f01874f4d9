from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from renderings.views import article_page, comments_page

admin.site.site_header = f"{settings.MAGAZINE_NAME} · the desk"
admin.site.site_title = settings.MAGAZINE_NAME
admin.site.index_title = "Today at the desk"

handler400 = "front.views.bad_request"
handler404 = "front.views.page_not_found"
handler500 = "front.views.server_error"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("front.urls")),
    # Later pages of comments as stored (renderings/), matched before comments' own route, which
    # names them (comments:page) and serves what is not stored.
    path("articles/<slug:slug>/comments/page/<int:page>/", comments_page),
    path("", include("comments.urls")),
    # Readers get the article page put together from its stored parts (renderings/, above the
    # articles app, which may not import it). Matched before articles' own route, whose name
    # (articles:detail) still builds every address: the two share one pattern.
    path("articles/<slug:slug>/", article_page),
    path("", include("articles.urls")),
    path("", include("films.urls")),
    path("", include("authors.urls")),
]

if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]
