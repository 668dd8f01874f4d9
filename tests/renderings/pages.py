"""What the renderings' tests ask of the site: the pages a reader can open, a fresh rendering of
one, and the worker's queue run to its end."""

from __future__ import annotations

import io
from collections.abc import Iterator
from unittest import mock

from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import clear_url_caches, reverse
from taggit.models import Tag

from core import cards


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
    """The page at `path` rendered from the rows as they are now, nothing stored or kept from before."""
    with (
        override_settings(PAGE_CACHE_SECONDS=0, ROOT_URLCONF="tests.renderings.scratch_urls"),
        # The lists' cards rendered from their articles, as when none is stored.
        mock.patch.object(cards, "_stored", None),
    ):
        clear_url_caches()
        try:
            return Client().get(path)
        finally:
            clear_url_caches()


def stored_renderings_differences() -> str:
    """What `rerender --check` finds (nothing, when every stored rendering is as rendered afresh)."""
    out = io.StringIO()
    try:
        call_command("rerender", "--check", stdout=out, stderr=io.StringIO())
    except CommandError:
        return out.getvalue()
    return ""


def forget_kept_pages() -> None:
    """Start with no page kept by the page cache, shared or in this process (each hypothesis
    example is a magazine of its own, whose addresses an earlier one's pages may share)."""
    from front import pagecache

    cache.clear()
    pagecache.copies = pagecache.ProcessCopies(limit=pagecache.copies.limit)
    pagecache.own_copies = pagecache.ProcessCopies(limit=pagecache.own_copies.limit)


def drain_worker() -> None:
    """End the step's writes as a request's end does (render what they made stale, queue the rest),
    then run every task queued that is due, as a worker would."""
    from core.tasks import run_queued
    from renderings import changes

    changes.flush()
    run_queued()
