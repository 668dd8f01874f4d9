from django.urls import path, register_converter

from core.pagination import listing

from . import feeds, views

app_name = "articles"


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{int(value):04d}"


class MonthConverter:
    regex = "0[1-9]|1[0-2]"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{int(value):02d}"


class UnicodeSlugConverter:
    """A slug in any script: taggit gives tags such addresses ("céline-sciamma")."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(YearConverter, "yyyy")
register_converter(MonthConverter, "mm")
register_converter(UnicodeSlugConverter, "uslug")


def feeds_for(prefix: str, rss, atom, name: str) -> list:
    return [path(f"{prefix}feed/", rss, name=name), path(f"{prefix}feed/atom/", atom, name=f"{name}_atom")]


urlpatterns = [
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("preview/<str:token>/", views.shared_preview, name="preview"),
    *listing("sections/<slug:slug>/", views.SectionDetailView.as_view(), "section"),
    *feeds_for("sections/<slug:slug>/", feeds.SectionFeed(), feeds.SectionAtomFeed(), "section_feed"),
    *listing("tags/<uslug:slug>/", views.TagDetailView.as_view(), "tag"),
    *feeds_for("tags/<uslug:slug>/", feeds.TagFeed(), feeds.TagAtomFeed(), "tag_feed"),
    *feeds_for("authors/<slug:slug>/", feeds.AuthorFeed(), feeds.AuthorAtomFeed(), "author_feed"),
    path("archive/", views.ArchiveIndexView.as_view(), name="archive"),
    *listing("archive/<yyyy:year>/", views.ArchiveYearView.as_view(), "archive_year"),
    *listing("archive/<yyyy:year>/<mm:month>/", views.ArchiveMonthView.as_view(), "archive_month"),
    path("search/", views.SearchView.as_view(), name="search"),
    *feeds_for("", feeds.ArticleFeed(), feeds.ArticleAtomFeed(), "feed"),
]
