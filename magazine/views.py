"""Site-wide pages."""

from articles.views import ArticleListView


class HomeView(ArticleListView):
    """The front page: the latest published articles."""

    template_name = "home.html"
