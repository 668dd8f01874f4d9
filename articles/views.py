"""Reader-facing pages built around published articles.

The pages about a section, a film, a person, an author or a tag are lists of the
articles about them, so they live here: films/ and authors/ know nothing of articles.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from authors.models import Author
from films.models import Credit, Film, Person

from .models import Article, Section


class ArticleDetailView(DetailView):
    queryset = Article.objects.published().with_related()


class ArticleListView(ListView):
    """Published articles, newest first, as cards."""

    paginate_by = settings.ARTICLES_PER_PAGE
    context_object_name = "articles"

    def get_queryset(self) -> QuerySet[Article]:
        return Article.objects.published().with_cards()


class ArticlesAboutView(ArticleListView):
    """A page about one thing, found by its slug, with the published articles about it."""

    about_queryset: QuerySet
    about_name: str
    # The lookup from an article to the thing, e.g. "films" for a film.
    articles_lookup: str

    def get_about_queryset(self) -> QuerySet:
        return self.about_queryset.all()

    def get_queryset(self) -> QuerySet[Article]:
        self.object = get_object_or_404(self.get_about_queryset(), slug=self.kwargs["slug"])
        return super().get_queryset().filter(**{self.articles_lookup: self.object})

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, **{self.about_name: self.object}, **kwargs)


class SectionDetailView(ArticlesAboutView):
    about_queryset = Section.objects.all()
    about_name = "section"
    articles_lookup = "section"
    template_name = "articles/section_detail.html"


class TagDetailView(ArticlesAboutView):
    about_queryset = Tag.objects.all()
    about_name = "tag"
    articles_lookup = "tags"
    template_name = "articles/tag_detail.html"


class AuthorDetailView(ArticlesAboutView):
    about_queryset = Author.objects.select_related("portrait")
    about_name = "author"
    articles_lookup = "authors"
    template_name = "authors/author_detail.html"


class FilmDetailView(ArticlesAboutView):
    about_name = "film"
    articles_lookup = "films"
    template_name = "films/film_detail.html"

    def get_about_queryset(self) -> QuerySet[Film]:
        return Film.objects.with_card().prefetch_related("credits__person")


class PersonDetailView(ArticlesAboutView):
    about_queryset = Person.objects.all()
    about_name = "person"
    articles_lookup = "films__credits__person"
    template_name = "films/person_detail.html"

    def get_queryset(self) -> QuerySet[Article]:
        # An article about two films by the same director would otherwise appear twice.
        return super().get_queryset().distinct()

    def get_context_data(self, **kwargs):
        credits = Credit.objects.filter(person=self.object).select_related("film").order_by("-film__year", "role")
        return super().get_context_data(credits=credits, **kwargs)
