"""A URLconf whose only view fails, for testing the 500 page."""

from django.urls import path

from magazine.urls import handler404, handler500  # noqa: F401


def boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", boom)]
