from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("preview/<str:token>/", views.shared_preview, name="preview"),
    path("sections/<slug:slug>/", views.SectionDetailView.as_view(), name="section"),
    path("tags/<slug:slug>/", views.TagDetailView.as_view(), name="tag"),
    path("authors/<slug:slug>/", views.AuthorDetailView.as_view(), name="author"),
    path("films/<slug:slug>/", views.FilmDetailView.as_view(), name="film"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person"),
]
