from django.urls import path

from core.pagination import listing

from . import previews, views

app_name = "articles"


urlpatterns = [
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("preview/<str:token>/", previews.shared_preview, name="preview"),
    *listing("sections/<slug:slug>/", views.SectionDetailView.as_view(), "section"),
    *listing("tags/<uslug:slug>/", views.TagDetailView.as_view(), "tag"),
    path("archive/", views.ArchiveIndexView.as_view(), name="archive"),
    *listing("archive/<yyyy:year>/", views.ArchiveYearView.as_view(), "archive_year"),
    *listing("archive/<workgroup:kind>/", views.ArchiveKindView.as_view(), "archive_kind"),
    *listing("archive/<yyyy:year>/<mm:month>/", views.ArchiveMonthView.as_view(), "archive_month"),
    path("search/", views.SearchView.as_view(), name="search"),
]
