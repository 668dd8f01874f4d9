"""What articles/ tells core/about.py: the published articles about a section, a tag, an
author, a work of any kind or a person, for the pages that list them (films/ and authors/ own theirs)."""

from __future__ import annotations

from django.db.models import QuerySet
from taggit.models import Tag

from authors.models import Author
from core import about
from films.models import Album, Book, Company, Credit, Episode, Film, Game, Person, Season, Series, Work

from .models import Article, ArticleWork, Section


def _cards() -> QuerySet[Article]:
    # Built per call: `published()` reads the clock.
    return Article.objects.published().with_cards()


def about_person(person: Person) -> QuerySet[Article]:
    # The articles on any work of theirs, as `pk IN (...)`: an article on two of their works is
    # listed once without a DISTINCT over whole rows, and the page walks the date index.
    works = Credit.objects.filter(person=person).values("work")
    return _cards().filter(pk__in=ArticleWork.objects.filter(work__in=works).values("article"))


def about_company(company: Company) -> QuerySet[Article]:
    # Any part the company played in a work the article discusses, as `pk IN (...)` (once each).
    return _cards().filter(pk__in=ArticleWork.objects.filter(work__in=company.work_ids()).values("article"))


def about_work(work: Work) -> QuerySet[Article]:
    return _cards().filter(article_works__work_id=work.pk)


def register() -> None:
    about.register(Section, lambda section: _cards().filter(section=section))
    about.register(Tag, lambda tag: _cards().tagged(tag))
    about.register(Author, lambda author: _cards().filter(article_authors__author=author))
    # Each kind of work is its own concrete model, which the registry looks up.
    for kind in (Work, Film, Album, Book, Series, Season, Episode, Game):
        about.register(kind, about_work)
    about.register(Person, about_person)
    about.register(Company, about_company)
