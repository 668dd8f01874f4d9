from core.pagination import listing

from . import views

app_name = "films"

urlpatterns = [
    *listing("films/<slug:slug>/", views.FilmDetailView.as_view(), "film"),
    *listing("people/<slug:slug>/", views.PersonDetailView.as_view(), "person"),
]
