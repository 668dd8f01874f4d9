"""The site's addresses with the article page rendered from scratch, as before stored renderings:
what the stored pages are compared with."""

from django.urls import include, path

from articles.views import ArticleDetailView

urlpatterns = [
    path("articles/<slug:slug>/", ArticleDetailView.as_view()),
    path("", include("magazine.urls")),
]
