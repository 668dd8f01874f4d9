"""Reader-facing pages built around published articles.

The pages about a section, a film, a person, an author or a tag are lists of the
articles about them, so they live here: films/ and authors/ know nothing of articles.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.views.generic import DetailView, ListView
from reversion.errors import RevertError
from taggit.models import Tag

from authors.models import Author
from films.models import Credit, Film, Person

from . import previews
from .models import Article, FormerSlug, Section


class ArticleDetailView(DetailView):
    model = Article

    def get_queryset(self) -> QuerySet[Article]:
        # Built per request: `published()` reads the clock, so a class-level queryset would
        # freeze "now" at import and scheduled articles would never appear.
        return Article.objects.published().with_related()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # An address the article had before its slug changed: send readers (and search engines) on.
            former = FormerSlug.objects.filter(
                slug=kwargs.get("slug"), article__in=Article.objects.published()
            ).select_related("article")
            if former := former.first():
                return HttpResponsePermanentRedirect(former.article.get_absolute_url())
            raise


class ArticlePreviewView(ArticleDetailView):
    """The reader's page for any article, whatever its state, with a preview banner."""

    template_name = "articles/article_preview.html"
    preview: dict = {}

    def get(self, request, *args, **kwargs):
        return DetailView.get(self, request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Article]:
        return Article.objects.with_related()

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=self.preview, **kwargs)


def shared_preview(request, token: str):
    """A preview opened from a share link: no login, but a signed token that expires."""
    try:
        article_pk, version_pk = previews.read_token(token)
    except previews.PreviewLinkExpired:
        return render(request, "articles/preview_expired.html", status=410)
    except previews.PreviewLinkInvalid:
        return render(request, "articles/preview_invalid.html", status=403)
    version = previews.version_of(article_pk, version_pk) if version_pk else None
    get_object_or_404(Article, pk=article_pk)
    try:
        return previews.render_preview(request, article_pk, version, shared=True)
    except RevertError:
        # That revision names something deleted since (a film, an author): show the article as it is.
        return previews.render_preview(request, article_pk, None, shared=True)


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
    about_queryset = Author.objects.all()
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
