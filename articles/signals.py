"""Keep each article's search document current when anything it is built from changes.

`update_search_vectors` runs one UPDATE per change, and brings the article's search entry in step
(`articles.models.SearchEntry`): an article's own save may add or remove it, a change to a related
row only refreshes it. Bulk operations (bulk_create, queryset update) send no signals, so code that
uses them calls it itself (as the demo loader does).
"""

from __future__ import annotations

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from authors.models import Author
from films.merging import records_merged
from films.models import (
    CARD_ROLES,
    Album,
    Book,
    Company,
    Credit,
    Episode,
    Film,
    Game,
    Merge,
    Person,
    Season,
    Series,
    Work,
)

from .models import Article, ArticleAuthor, ArticleWork
from .search import COMPANIES, update_search_vectors


@receiver(post_save, sender=Article, dispatch_uid="search_article_saved")
def article_saved(sender, instance: Article, raw: bool = False, using: str = "default", **kwargs) -> None:
    if not raw:
        update_search_vectors([instance.pk], using=using)


@receiver(post_save, sender=ArticleAuthor, dispatch_uid="search_byline_saved")
@receiver(post_delete, sender=ArticleAuthor, dispatch_uid="search_byline_deleted")
@receiver(post_save, sender=ArticleWork, dispatch_uid="search_work_link_saved")
@receiver(post_delete, sender=ArticleWork, dispatch_uid="search_work_link_deleted")
def article_link_changed(sender, instance, raw: bool = False, using: str = "default", **kwargs) -> None:
    if not raw:
        update_search_vectors([instance.article_id], using=using, related_only=True)


@receiver(post_save, sender=Author, dispatch_uid="search_author_saved")
def author_saved(sender, instance: Author, raw: bool = False, using: str = "default", **kwargs) -> None:
    if not raw and not kwargs.get("created"):
        update_search_vectors(Article.objects.filter(article_authors__author=instance), using=using, related_only=True)


def work_saved(sender, instance: Work, raw: bool = False, using: str = "default", **kwargs) -> None:
    if not raw and not kwargs.get("created"):
        update_search_vectors(
            Article.objects.filter(article_works__work_id=instance.pk), using=using, related_only=True
        )


# A save of a kind's row sends post_save for that kind only (and for its Work row, with raw saves aside).
for kind in (Work, Film, Album, Book, Series, Season, Episode, Game):
    post_save.connect(work_saved, sender=kind, dispatch_uid=f"search_{kind._meta.model_name}_saved")


@receiver(post_save, sender=Person, dispatch_uid="search_person_saved")
def person_saved(sender, instance: Person, raw: bool = False, using: str = "default", **kwargs) -> None:
    if not raw and not kwargs.get("created"):
        articles = Article.objects.filter(
            article_works__work__credits__person=instance, article_works__work__credits__role__in=CARD_ROLES
        )
        update_search_vectors(articles, using=using, related_only=True)


@receiver(post_save, sender=Company, dispatch_uid="search_company_saved")
def company_saved(sender, instance: Company, raw: bool = False, using: str = "default", **kwargs) -> None:
    if not raw and not kwargs.get("created"):
        condition = Q()
        for company in COMPANIES:
            condition |= Q(**{f"article_works__work__{company}": instance})
        update_search_vectors(Article.objects.filter(condition), using=using, related_only=True)


@receiver(records_merged, dispatch_uid="search_records_merged")
def records_merged_or_undone(sender, merge: Merge, undone: bool, **kwargs) -> None:
    # An undo puts rows back as raw saves, which the receivers above skip: the articles linked to
    # either record are rebuilt here, after a merge and after its undo alike.
    ids = [merge.merged_id, merge.kept_work_id or merge.kept_person_id or merge.kept_company_id]
    if merge.kept_work_id:
        articles = Article.objects.filter(article_works__work_id__in=ids)
    elif merge.kept_company_id:
        played = Q()
        for company in COMPANIES:
            played |= Q(**{f"work__{company}_id__in": ids})
        articles = Article.objects.filter(pk__in=ArticleWork.objects.filter(played).values("article"))
    else:
        articles = Article.objects.filter(article_works__work__credits__person_id__in=ids)
    update_search_vectors(articles, related_only=True)


@receiver(post_save, sender=Credit, dispatch_uid="search_credit_saved")
@receiver(post_delete, sender=Credit, dispatch_uid="search_credit_deleted")
def credit_changed(sender, instance: Credit, raw: bool = False, using: str = "default", **kwargs) -> None:
    # A credit whose role changed away from the card's must update too, so any role counts.
    if not raw:
        update_search_vectors(
            Article.objects.filter(article_works__work_id=instance.work_id), using=using, related_only=True
        )
