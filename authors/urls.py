from core.pagination import listing

from . import views

app_name = "authors"

urlpatterns = [
    *listing("authors/<slug:slug>/", views.AuthorDetailView.as_view(), "author"),
]
