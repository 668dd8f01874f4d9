"""What articles/ tells core/about.py: the published articles about a section, a tag, an
author, a work of any kind or a person, for the pages that list them (films/ and authors/ own theirs)."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from taggit.models import Tag

from authors.models import Author
from core import about
from films.models import Album, Book, Company, Credit, Episode, Film, Game, Person, Season, Series, Work

from .models import Article, ArticleWork, Section


def _cards(at: datetime.datetime | None) -> QuerySet[Article]:
    # Built per call: `published()` reads the clock when not given a moment.
    return Article.objects.published(at).with_cards()


def about_section(section: Section, at: datetime.datetime | None) -> QuerySet[Article]:
    return _cards(at).filter(section=section)


def about_tag(tag: Tag, at: datetime.datetime | None) -> QuerySet[Article]:
    return _cards(at).tagged(tag)


def about_author(author: Author, at: datetime.datetime | None) -> QuerySet[Article]:
    return _cards(at).filter(article_authors__author=author)


def about_person(person: Person, at: datetime.datetime | None) -> QuerySet[Article]:
    # The articles on any work of theirs, as `pk IN (...)`: an article on two of their works is
    # listed once without a DISTINCT over whole rows, and the page walks the date index.
    works = Credit.objects.filter(person=person).values("work")
    return _cards(at).filter(pk__in=ArticleWork.objects.filter(work__in=works).values("article"))


def about_company(company: Company, at: datetime.datetime | None) -> QuerySet[Article]:
    # Any part the company played in a work the article discusses, as `pk IN (...)` (once each).
    return _cards(at).filter(pk__in=ArticleWork.objects.filter(work__in=company.work_ids()).values("article"))


def about_work(work: Work, at: datetime.datetime | None) -> QuerySet[Article]:
    return _cards(at).filter(article_works__work_id=work.pk)


def register() -> None:
    about.register(Section, about_section)
    about.register(Tag, about_tag)
    about.register(Author, about_author)
    # Each kind of work is its own concrete model, which the registry looks up.
    for kind in (Work, Film, Album, Book, Series, Season, Episode, Game):
        about.register(kind, about_work)
    about.register(Person, about_person)
    about.register(Company, about_company)
