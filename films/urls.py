from core.pagination import listing

from . import views

app_name = "films"

urlpatterns = [
    *listing("films/<slug:slug>/", views.FilmDetailView.as_view(), "film"),
    *listing("albums/<slug:slug>/", views.AlbumDetailView.as_view(), "album"),
    *listing("books/<slug:slug>/", views.BookDetailView.as_view(), "book"),
    *listing("tv/<slug:slug>/", views.SeriesDetailView.as_view(), "series"),
    *listing("tv/seasons/<slug:slug>/", views.SeasonDetailView.as_view(), "season"),
    *listing("tv/episodes/<slug:slug>/", views.EpisodeDetailView.as_view(), "episode"),
    *listing("games/<slug:slug>/", views.GameDetailView.as_view(), "game"),
    *listing("people/<slug:slug>/", views.PersonDetailView.as_view(), "person"),
    *listing("companies/<slug:slug>/", views.CompanyDetailView.as_view(), "company"),
]
