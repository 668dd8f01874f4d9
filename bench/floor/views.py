from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import ArticleRow


def article(request: HttpRequest, slug: str) -> HttpResponse:
    """The article's page from its row (one query) and one template."""
    row = get_object_or_404(ArticleRow, slug=slug)
    return render(request, "floor/article.html", {"article": row})
