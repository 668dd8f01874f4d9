"""Keep each article's search document current when anything it is built from changes.

`update_search_vectors` runs one UPDATE per change; bulk operations (bulk_create, queryset
update) send no signals, so code that uses them calls it itself (as the demo loader does).
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from authors.models import Author
from films.models import Credit, Film, Person

from .models import Article, ArticleAuthor, ArticleFilm
from .search import update_search_vectors


@receiver(post_save, sender=Article, dispatch_uid="search_article_saved")
def article_saved(sender, instance: Article, raw: bool = False, using: str = "default", **kwargs) -> None:
    if not raw:
        update_search_vectors([instance.pk], using=using)


@receiver(post_save, sender=ArticleAuthor, dispatch_uid="search_byline_saved")
@receiver(post_delete, sender=ArticleAuthor, dispatch_uid="search_byline_deleted")
@receiver(post_save, sender=ArticleFilm, dispatch_uid="search_film_link_saved")
@receiver(post_delete, sender=ArticleFilm, dispatch_uid="search_film_link_deleted")
def article_link_changed(sender, instance, raw: bool = False, using: str = "default", **kwargs) -> None:
    if not raw:
        update_search_vectors([instance.article_id], using=using)


@receiver(post_save, sender=Author, dispatch_uid="search_author_saved")
def author_saved(sender, instance: Author, raw: bool = False, using: str = "default", **kwargs) -> None:
    if not raw and not kwargs.get("created"):
        update_search_vectors(Article.objects.filter(article_authors__author=instance), using=using)


@receiver(post_save, sender=Film, dispatch_uid="search_film_saved")
def film_saved(sender, instance: Film, raw: bool = False, using: str = "default", **kwargs) -> None:
    if not raw and not kwargs.get("created"):
        update_search_vectors(Article.objects.filter(article_films__film=instance), using=using)


@receiver(post_save, sender=Person, dispatch_uid="search_person_saved")
def person_saved(sender, instance: Person, raw: bool = False, using: str = "default", **kwargs) -> None:
    if not raw and not kwargs.get("created"):
        articles = Article.objects.filter(
            article_films__film__credits__person=instance, article_films__film__credits__role=Credit.Role.DIRECTOR
        )
        update_search_vectors(articles, using=using)


@receiver(post_save, sender=Credit, dispatch_uid="search_credit_saved")
@receiver(post_delete, sender=Credit, dispatch_uid="search_credit_deleted")
def credit_changed(sender, instance: Credit, raw: bool = False, using: str = "default", **kwargs) -> None:
    # A credit whose role changed away from director must update too, so any role counts.
    if not raw:
        update_search_vectors(Article.objects.filter(article_films__film_id=instance.film_id), using=using)
