"""The site's addresses with the article page and the later pages of comments rendered from
scratch, as before stored renderings: what the stored pages are compared with (the lists' cards
are rendered from scratch by `fresh_page`)."""

from django.urls import include, path

from articles.views import ArticleDetailView
from comments.views import thread_page

urlpatterns = [
    path("articles/<slug:slug>/", ArticleDetailView.as_view()),
    path("articles/<slug:slug>/comments/page/<int:page>/", thread_page),
    path("", include("magazine.urls")),
]
