"""What the renderings' tests ask of the site: the pages a reader can open, a fresh rendering of
one, and the worker's queue run to its end."""

from __future__ import annotations

from collections.abc import Iterator

from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from taggit.models import Tag


def public_paths(articles, films, people, companies, authors, sections) -> Iterator[str]:
    """Every page the machine's magazine has, whatever state its objects are in (a page that
    is not public answers 404 both ways, and that is compared too)."""
    yield reverse("home")
    for article in articles:
        article.refresh_from_db()
        yield article.get_absolute_url()
    for kept in (*films, *people, *companies, *authors, *sections):
        kept.refresh_from_db()
        yield kept.get_absolute_url()
    for tag in Tag.objects.order_by("pk"):
        yield reverse("articles:tag", args=[tag.slug])


def fresh_page(path: str):
    """The page at `path` rendered from the rows as they are now, nothing kept from before."""
    with override_settings(PAGE_CACHE_SECONDS=0):
        return Client().get(path)


def forget_kept_pages() -> None:
    """Start with no page kept by the page cache, shared or in this process (each hypothesis
    example is a magazine of its own, whose addresses an earlier one's pages may share)."""
    from front import pagecache

    cache.clear()
    pagecache.copies = pagecache.ProcessCopies(limit=pagecache.copies.limit)
    pagecache.own_copies = pagecache.ProcessCopies(limit=pagecache.own_copies.limit)


def drain_worker() -> None:
    """Run every task the changes queued (none are queued yet: follow-ups run as they are made)."""
