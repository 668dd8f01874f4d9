"""What articles/ tells core/about.py: the published articles about a section, a tag, an
author, a film or a person, for the pages that list them (films/ and authors/ own theirs)."""

from __future__ import annotations

from django.db.models import QuerySet
from taggit.models import Tag

from authors.models import Author
from core import about
from films.models import Credit, Film, Person

from .models import Article, ArticleFilm, Section


def _cards() -> QuerySet[Article]:
    # Built per call: `published()` reads the clock.
    return Article.objects.published().with_cards()


def about_person(person: Person) -> QuerySet[Article]:
    # The articles on any film of theirs, as `pk IN (...)`: an article on two of their films is
    # listed once without a DISTINCT over whole rows, and the page walks the date index.
    films = Credit.objects.filter(person=person).values("film")
    return _cards().filter(pk__in=ArticleFilm.objects.filter(film__in=films).values("article"))


def register() -> None:
    about.register(Section, lambda section: _cards().filter(section=section))
    about.register(Tag, lambda tag: _cards().tagged(tag))
    about.register(Author, lambda author: _cards().filter(article_authors__author=author))
    about.register(Film, lambda film: _cards().filter(article_films__film=film))
    about.register(Person, about_person)
