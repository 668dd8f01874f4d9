"""What each change makes stale in the page cache (front/pagecache.py).

Anything an editor changes (articles, sections, authors, films, people, companies, tags,
pictures) can show on any page, through cards, bylines and film cards, so it renews the
`content` version every page depends on. A comment changes only the pages that show that
article's comments or their count. Edits are rare next to reads: renewing everything on an
edit costs one render per page afterwards, and can never leave a page wrong.

Each change renews the version at once and again when its transaction commits, so a page
rendered from the old rows while the change was being written is not kept.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from core import pages, signals

from . import pagecache

# The apps whose rows readers' pages show.
CONTENT_APPS = {"articles", "authors", "films", "images", "taggit"}


def _bump(dependencies: list[str]) -> None:
    pagecache.bump(dependencies)
    transaction.on_commit(lambda: pagecache.bump(dependencies))


def content_changed() -> None:
    _bump([pages.CONTENT])


def comments_changed(article_ids: Iterable[int]) -> None:
    _bump([pages.comments_of(pk) for pk in set(article_ids) if pk])


def _model_changed(sender, instance=None, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    label = sender._meta.app_label
    if label in CONTENT_APPS:
        content_changed()
    elif label == "comments" and sender._meta.model_name == "comment":
        # A new comment waiting for a moderator changes no page: a flood of them must not
        # empty the cache of the article they are aimed at.
        if kwargs.get("created") and not instance.is_approved:
            return
        comments_changed([instance.article_id])


def _relation_changed(sender, instance, action: str, **kwargs) -> None:
    if action.startswith("post_") and instance._meta.app_label in CONTENT_APPS:
        content_changed()


def _announced(sender, dependencies, **kwargs) -> None:
    """A domain app's core.signals.content_changed: what changed without a model signal."""
    _bump(list(dependencies))


def connect() -> None:
    signals.content_changed.connect(_announced, dispatch_uid="pagecache_announced")
    post_save.connect(_model_changed, dispatch_uid="pagecache_saved")
    post_delete.connect(_model_changed, dispatch_uid="pagecache_deleted")
    m2m_changed.connect(_relation_changed, dispatch_uid="pagecache_relation")
