"""Site-wide pages."""

import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader

from articles.views import ArticleListView

# Errors that mean "the database is away" rather than "our code is wrong".
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


class HomeView(ArticleListView):
    """The front page: the latest published articles."""

    template_name = "home.html"


def healthz(request):
    """200 when the database answers, 503 when it does not; for load balancers and monitors."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request):
    """Django's handler500: a 503 with Retry-After when the database is away, else a plain 500.

    Rendered without a request context, so the page itself needs no database.
    """
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "10"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))
