"""What a change makes stale, and when it is rendered again.

Domain apps never call this: it listens to their model signals and to core.signals.content_changed.
Each change marks, in the pending set of the thread's current work:

- the renderings of the article it belongs to (its page, card, comments): rendered in the same
  transaction as the change, so that no reader sees an article, a count or a thread behind its
  own edit or approval;
- what it shows on other articles (a film renamed that 300 articles discuss, a section, an
  author, a new article in others' "Read next"): found when the set is flushed and queued for
  the worker, in batches (`enqueue()`, the one place that queues).

The set is flushed (`flush()`): by RenderInTransaction, before the transaction it wraps around
every request that may write ends; on commit, for a change made outside such a request (the
shell, a command); at the start of a read in the same thread (a test's factories, whose
transaction never commits); and at the end of `rendering()`, which commands wrap around bulk
writes so that everything is rendered once, at the end, without the worker.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from taggit.models import Tag, TaggedItem

from articles.models import Article, ArticleAuthor, ArticleWork, Citation, Correction, Section
from authors.models import Author
from comments.models import Comment
from core import pages, signals, tasks
from films.merging import records_merged
from films.models import MAKER_ROLES, Company, Credit, Person, Platform, Work
from front import invalidation
from images.models import Image

from . import registry
from .models import ArticlePage
from .renderers import CARD, COMMENTS, PAGE, RELATED, render_comments

logger = logging.getLogger(__name__)

# Ids per task the worker runs.
BATCH = 100
# Other articles' "Read next" is refreshed after the pages that name what changed: a publication
# queues it for the ~1,000 articles sharing a tag, a work or a maker with the new one, and a film's
# rename must not wait behind that (the worker takes the highest priority first; the default is 0).
READ_NEXT_PRIORITY = -10
# The order an article's own renderings are written in.
OWN = (PAGE, CARD, COMMENTS)

# A function listing the ids of the articles whose renderings a change touches.
Finder = Callable[[], Iterable[int]]


@dataclass
class Pending:
    # Renderer → ids of the articles whose renderings are rendered in the change's transaction.
    now: dict[str, set[int]] = field(default_factory=dict)
    # (what changed) → (renderers, finder): for the worker; found when flushed, so a rename finds its articles.
    later: dict[tuple, tuple[tuple[str, ...], Finder]] = field(default_factory=dict)
    # Article id → ids of its comments that changed: only the pages from theirs on are rendered.
    comments: dict[int, set[int]] = field(default_factory=dict)
    # Something changed that names no article (core.signals CONTENT): everything, by the worker.
    everything: bool = False
    # Inside `rendering()`: no flush until its end, which renders the later ones too.
    held: int = 0
    on_commit: bool = False

    def __bool__(self) -> bool:
        return bool(self.now or self.later or self.comments or self.everything)

    def take(self) -> Pending:
        """What is pending, leaving nothing (but the holds)."""
        taken = Pending(self.now, self.later, self.comments, self.everything)
        self.now, self.later, self.comments, self.everything = {}, {}, {}, False
        return taken


_local = threading.local()


def pending() -> Pending:
    if not hasattr(_local, "pending"):
        _local.pending = Pending()
    return _local.pending


def discard() -> None:
    """Forget what is pending (a test's transaction rolled back with it)."""
    _local.pending = Pending()


# --- Marking ---------------------------------------------------------------------------------


def _flush_on_commit(state: Pending) -> None:
    if state.held or state.on_commit:
        return
    state.on_commit = True

    def flush_committed() -> None:
        state.on_commit = False
        flush()

    transaction.on_commit(flush_committed)


def mark(article_ids: Iterable[int], renderers: tuple[str, ...] = OWN) -> None:
    """These articles' own renderings are stale: rendered in the current transaction."""
    state = pending()
    ids = {pk for pk in article_ids if pk}
    if not ids:
        return
    for name in renderers:
        state.now.setdefault(name, set()).update(ids)
    _flush_on_commit(state)


def mark_comment(comment: Comment) -> None:
    """A comment readers see (or saw) changed: its article's card, and its pages of comments from its own on."""
    state = pending()
    state.comments.setdefault(comment.article_id, set()).add(comment.pk)
    mark([comment.article_id], (CARD,))


def mark_later(key: tuple, renderers: tuple[str, ...], finder: Finder) -> None:
    """Renderings of other articles are stale: `finder` lists them when flushed, the worker renders them."""
    state = pending()
    state.later.setdefault(key, (renderers, finder))
    _flush_on_commit(state)


def mark_everything() -> None:
    state = pending()
    state.everything = True
    _flush_on_commit(state)


# --- Flushing --------------------------------------------------------------------------------


def flush() -> None:
    """Render what is pending for the articles changed, and queue the rest for the worker."""
    state = pending()
    if state.held or not state:
        return
    taken = state.take()
    # Reads inside a transaction go to the primary (core/db_router.py), where the change is; a page
    # being rendered meanwhile (this is the start of a read) shows none of these.
    with pages.unrecorded(), transaction.atomic():
        _render_own(taken)
        if taken.everything:
            for renderer in registry.all_renderers():
                enqueue(renderer.name, renderer.all_ids())
            return
        for renderers, finder in taken.later.values():
            found = set(finder())
            for name in renderers:
                enqueue(name, found - taken.now.get(name, set()))


def _render_own(taken: Pending) -> None:
    # The articles' own first, then the other renderers marked (page headers, renderings/headers.py).
    for name in [*OWN, *(name for name in taken.now if name not in OWN)]:
        if ids := taken.now.get(name):
            registry.get(name).render(ids)
    partly = {pk: ids for pk, ids in taken.comments.items() if pk not in taken.now.get(COMMENTS, ())}
    if partly:
        render_comments(partly.keys(), start={pk: _first_page(ids) for pk, ids in partly.items()})


def _first_page(comment_ids: set[int]) -> int:
    """The first page of comments that changes: the earliest of these comments' (1 if one is gone)."""
    comments = list(Comment.objects.filter(pk__in=comment_ids))
    if len(comments) < len(comment_ids):
        return 1
    return min(comment.page_number() for comment in comments)


@contextlib.contextmanager
def request_scope() -> Iterator[None]:
    """A request's own changes: flushed at its end by its caller, without what the thread had
    pending before it (a test's unflushed writes), which stays pending."""
    before = pending().take()
    try:
        yield
    finally:
        state = pending()
        leftover = state.take()
        for name, ids in before.now.items():
            state.now.setdefault(name, set()).update(ids)
        state.later.update(before.later)
        for pk, ids in before.comments.items():
            state.comments.setdefault(pk, set()).update(ids)
        state.everything = before.everything
        if leftover:  # the block failed before its flush: its changes were rolled back with it
            logger.debug("dropped renderings of a rolled-back request: %s", leftover)


def flush_pending() -> None:
    """At the start of a read: what this thread changed and has not flushed yet (a transaction of
    a test's, which never commits)."""
    if pending():
        flush()


@contextlib.contextmanager
def rendering() -> Iterator[None]:
    """Hold every rendering the block's changes call for until its end, then render them all here,
    the other articles' too (a command's bulk writes: the demo, an import, the bench's corpus)."""
    state = pending()
    state.held += 1
    try:
        yield
    finally:
        state.held -= 1
    if state.held:
        return
    taken = state.take()
    with transaction.atomic():
        if taken.everything:
            for renderer in registry.all_renderers():
                render_in_batches(renderer.name, renderer.all_ids())
            return
        for renderers, finder in taken.later.values():
            found = set(finder())
            for name in renderers:
                taken.now.setdefault(name, set()).update(found)
        _render_own(taken)
        if ids := taken.now.get(RELATED):
            render_in_batches(RELATED, ids)


def render_in_batches(name: str, ids: Iterable[int], size: int = 200) -> None:
    ids = sorted(set(ids))
    for start in range(0, len(ids), size):
        registry.get(name).render(ids[start : start + size])


# --- The worker ------------------------------------------------------------------------------


@tasks.task()
def rerender(renderer: str, ids: list[int]) -> int:
    """Render these objects' stored renderings again (idempotent: any ids, whatever became of them)."""
    with transaction.atomic():
        registry.get(renderer).render(ids)
        # The page cache renewed its copies when the change was made, before this ran: a reader
        # since then may have had the old rendering kept, so they are renewed again.
        invalidation.content_changed()
    return len(ids)


def enqueue(renderer: str, ids: Iterable[int]) -> None:
    """Queue the rendering of `ids` for the worker, BATCH at a time: the one place that queues.

    The task's row is written in the current transaction (core/tasks.py): the change and the
    work it leaves to the worker commit, or roll back, together.
    """
    ids = sorted(set(ids))
    task = rerender.using(priority=READ_NEXT_PRIORITY) if renderer == RELATED else rerender
    for start in range(0, len(ids), BATCH):
        tasks.enqueue(task, renderer, ids[start : start + BATCH])


@tasks.task()
def time_came(article_id: int) -> None:
    """An article's renderings change by themselves now: it went public (others' "Read next" take
    it in), or its comments closed (the reply links go)."""
    mark([article_id])
    mark_later(("kin", article_id), (RELATED,), kin(article_id))
    flush()


@registry.on_rendered
def _schedule_time(renderer: str, ids: set[int]) -> None:
    """Queue, for when it comes, the moment each page just written changes by itself."""
    if renderer != PAGE or not ids:
        return
    for pk, moment in ArticlePage.objects.filter(pk__in=ids, stale_at__isnull=False).values_list("pk", "stale_at"):
        tasks.enqueue_at(moment, time_came, pk)


# --- Who shows what --------------------------------------------------------------------------


def _published(queryset: QuerySet) -> QuerySet:
    return queryset.filter(status=Article.Status.PUBLISHED).values_list("pk", flat=True)


def articles_about(work_ids: QuerySet | list[int]) -> tuple[Finder, Finder]:
    """Articles discussing these works (their page and card show them), and articles citing them."""
    works = Work.objects.filter(
        Q(pk__in=work_ids)
        | Q(tv_season__series__in=work_ids)
        | Q(episode__season__in=work_ids)
        | Q(episode__season__series__in=work_ids)
    ).values("pk")
    return (
        lambda: _published(Article.objects.filter(article_works__work__in=works)),
        lambda: _published(Article.objects.filter(citations__work__in=works)),
    )


def _works_changed(key: tuple, work_ids) -> None:
    discussing, citing = articles_about(work_ids)
    mark_later((*key, "discussed"), (PAGE, CARD), discussing)
    mark_later((*key, "cited"), (PAGE,), citing)


def kin(article_id: int) -> Finder:
    """Articles whose "Read next" this article may enter or leave: those sharing a work, a maker or
    a tag with it, and those that show it now."""

    def find() -> set[int]:
        works = ArticleWork.objects.filter(article_id=article_id).values("work")
        makers = Credit.objects.filter(work__in=works, role__in=MAKER_ROLES).values("person")
        by_makers = Credit.objects.filter(person__in=makers, role__in=MAKER_ROLES).values("work")
        tags = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Article), object_id=article_id
        ).values("tag")
        tagged = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Article), tag__in=tags
        ).values("object_id")
        found = set(
            ArticlePage.objects.filter(
                Q(article__article_works__work__in=works)
                | Q(article__article_works__work__in=by_makers)
                | Q(pk__in=tagged)
            ).values_list("pk", flat=True)
        )
        if connection.vendor == "postgresql":
            found.update(ArticlePage.objects.filter(related__contains=[article_id]).values_list("pk", flat=True))
        else:  # SQLite has no containment on JSON: the demo's few pages are read through.
            found.update(
                pk for pk, related in ArticlePage.objects.values_list("pk", "related") if article_id in related
            )
        found.discard(article_id)
        return found

    return find


# --- Receivers -------------------------------------------------------------------------------


def _article_changed(article_id: int) -> None:
    mark([article_id])
    mark_later(("kin", article_id), (RELATED,), kin(article_id))


def _saved_or_deleted(sender, instance=None, raw: bool = False, **kwargs) -> None:
    if raw or instance is None:
        return
    label = sender._meta.app_label
    if label == "renderings":
        return
    if sender is Article:
        _article_changed(instance.pk)
    elif sender in (ArticleAuthor, Correction, Citation):
        mark([instance.article_id], (PAGE, CARD))
    elif sender is ArticleWork:
        mark([instance.article_id], (PAGE, CARD))
        mark_later(("kin", instance.article_id), (RELATED,), kin(instance.article_id))
    elif sender is Comment:
        # A new comment waiting for a moderator changes no page.
        if kwargs.get("created") and not instance.is_approved:
            return
        mark_comment(instance)
    elif sender is TaggedItem:
        if instance.content_type_id == ContentType.objects.get_for_model(Article).pk:
            _article_changed(instance.object_id)
    elif sender is Section:
        mark_later(
            ("section", instance.pk), (PAGE, CARD), lambda: _published(Article.objects.filter(section=instance.pk))
        )
    elif sender is Author:
        mark_later(
            ("author", instance.pk), (PAGE, CARD), lambda: _published(Article.objects.filter(authors=instance.pk))
        )
    elif sender is Tag:
        mark_later(("tag", instance.pk), (PAGE,), lambda: _published(Article.objects.filter(tags=instance.pk)))
    elif issubclass(sender, Work):
        _works_changed(("work", instance.pk), [instance.pk])
    elif sender is Credit:
        _works_changed(("work", instance.work_id), [instance.work_id])
    elif sender is Person:
        _works_changed(("person", instance.pk), Credit.objects.filter(person=instance.pk).values("work"))
    elif sender is Company:
        _works_changed(("company", instance.pk), _works_of_company(instance.pk))
    elif sender is Platform:
        _works_changed(("platform", instance.pk), Work.objects.filter(game__platforms=instance.pk).values("pk"))
    elif sender is Image:
        _image_changed(instance, kwargs.get("update_fields"))


def _works_of_company(pk: int) -> QuerySet:
    return Work.objects.filter(
        Q(film__distributor=pk)
        | Q(album__label=pk)
        | Q(book__publisher=pk)
        | Q(tv_series__network=pk)
        | Q(game__studio=pk)
        | Q(game__publisher=pk)
    ).values("pk")


def _image_changed(image: Image, update_fields) -> None:
    pk = image.pk
    if image.is_default_share or "is_default_share" in (update_fields or ()):
        # The default share picture stands in for every article without one of its own.
        mark_later(
            ("default-share",),
            (PAGE,),
            lambda: _published(Article.objects.filter(share_image__isnull=True, hero__isnull=True)),
        )
    # The articles it is the picture of (one or a few): their page and card with the change, as the
    # editor who moved its focal point then sees them.
    mark(_published(Article.objects.filter(Q(hero=pk) | Q(share_image=pk))), (PAGE, CARD))
    mark_later(("image-portrait", pk), (PAGE,), lambda: _published(Article.objects.filter(authors__portrait=pk)))
    _works_changed(("image-work", pk), Work.objects.filter(picture=pk).values("pk"))


def _relation_changed(sender, instance, action: str, reverse: bool, pk_set=None, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if isinstance(instance, Article):
        _article_changed(instance.pk)
    elif sender is Article.tags.through and isinstance(instance, Tag):
        for pk in pk_set or ():
            _article_changed(pk)
    elif isinstance(instance, Work) or (isinstance(instance, Platform) and pk_set):
        works = [instance.pk] if isinstance(instance, Work) else list(pk_set)
        _works_changed(("work-relation", sender._meta.label, instance.pk), works)


def _announced(sender, dependencies, **kwargs) -> None:
    """core.signals.content_changed: a domain app's writes that sent no model signal."""
    for dependency in dependencies:
        if dependency == pages.CONTENT:
            mark_everything()
        elif dependency.startswith("comments:"):
            mark([int(dependency.partition(":")[2])], (COMMENTS, CARD))


def _merged(sender, merge, undone: bool, **kwargs) -> None:
    """Two records merged, or a merge undone (which puts rows back as raw saves, sending nothing
    above): the articles about the works of either record are rendered again."""
    both = [merge.kept_work_id or merge.kept_person_id or merge.kept_company_id, merge.merged_id]
    if merge.kept_work_id:
        works = Work.objects.filter(pk__in=both).values("pk")
    elif merge.kept_person_id:
        works = Credit.objects.filter(person__in=both).values("work")
    else:
        works = _works_of_company(both[0]).union(_works_of_company(both[1]))
    _works_changed(
        ("merge", merge.pk, undone), list(works.values_list("pk", flat=True)) if merge.kept_company_id else works
    )


def connect() -> None:
    records_merged.connect(_merged, dispatch_uid="renderings_merged")
    post_save.connect(_saved_or_deleted, dispatch_uid="renderings_saved")
    post_delete.connect(_saved_or_deleted, dispatch_uid="renderings_deleted")
    m2m_changed.connect(_relation_changed, dispatch_uid="renderings_relation")
    signals.content_changed.connect(_announced, dispatch_uid="renderings_announced")
