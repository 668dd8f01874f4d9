"""The stored renderings of an article: its page, its card, its pages of comments.

Each is rendered from the same templates and functions a page rendered on request uses
(articles/page.py, comments' thread), so what is stored is what a rendering from scratch gives;
`check()` renders afresh in memory and lists where the stored rows differ.

Only published articles have rows (live ones, and scheduled ones written ahead: readers'
queries test the publish time). Rendering an id whose article is gone or unpublished deletes
its rows, so a renderer may be handed any ids, whatever has happened to them since.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from articles.models import Article
from articles.page import CARD_VARIANTS, render_card, render_parts
from articles.related import related_ids
from comments import policy, threads
from comments.counts import approved_counts
from comments.templatetags.comments import thread_context, thread_html
from core.seo import TAGLINE
from front import sharing

from .models import ArticleCard, ArticlePage, CommentsPage, new_version
from .registry import Difference, Renderer, register, rendered

# Stored pages are served on every host the site answers to: their absolute addresses start with
# this, which the page being read replaces with its own scheme and host.
ORIGIN = "https://origin.stored.invalid"

PAGE, CARD, COMMENTS, RELATED = "article-page", "article-card", "comments", "article-related"


class _Origin:
    """Stands in for the request where templates build absolute addresses."""

    path = "/"

    def build_absolute_uri(self, location: str | None = None) -> str:
        return ORIGIN + (location or self.path)


def with_origin(html: str, origin: str) -> str:
    """A stored part with its absolute addresses on `origin` ("https://host")."""
    return html.replace(ORIGIN, origin)


def _context() -> dict:
    """What the page's templates read beside the article, as front's context processor gives it."""
    return {
        "request": _Origin(),
        "magazine_name": settings.MAGAZINE_NAME,
        "tagline": TAGLINE,
        "default_share_picture": SimpleLazyObject(sharing.default_picture),
    }


def _published(ids: Iterable[int]) -> QuerySet[Article]:
    return Article.objects.filter(pk__in=list(ids), status=Article.Status.PUBLISHED)


def _stale_at(article: Article, now: datetime.datetime) -> datetime.datetime | None:
    """When `article`'s renderings change by themselves: it goes public (others' "Read next"
    then take it in), or its comments close (the reply links go)."""
    moments = []
    if (live := article.goes_live_at) and live > now:
        moments.append(live)
    closing = policy.closes_at(article)
    if closing and closing > now and policy.comment_mode(article, now).is_open:
        moments.append(closing)
    return min(moments, default=None)


# --- The page --------------------------------------------------------------------------------


def page_rows(ids: Iterable[int]) -> dict[int, ArticlePage]:
    """The pages of the published articles among `ids`, rendered now (unsaved), by article id."""
    now = timezone.now()
    context = _context()
    rows = {}
    for article in _published(ids).with_related().defer("search_vector"):
        rows[article.pk] = ArticlePage(
            article_id=article.pk,
            parts=render_parts(article, context),
            related=related_ids(article),
            stale_at=_stale_at(article, now),
            rendered_at=now,
        )
    return rows


def _differs(row: ArticlePage | ArticleCard | CommentsPage, fresh, fields: tuple[str, ...]) -> bool:
    return any(getattr(row, name) != getattr(fresh, name) for name in fields)


PAGE_FIELDS = ("parts", "related", "stale_at")


def render_pages(ids: Iterable[int]) -> None:
    ids = set(ids)
    fresh = page_rows(ids)
    ArticlePage.objects.filter(pk__in=ids - fresh.keys()).delete()
    stored = ArticlePage.objects.in_bulk(list(fresh))
    changed = [row for pk, row in fresh.items() if pk not in stored or _differs(stored[pk], row, PAGE_FIELDS)]
    _upsert(ArticlePage, changed, ["article"], [*PAGE_FIELDS, "rendered_at"])
    rendered(PAGE, {row.article_id for row in changed})


def check_pages(ids: Iterable[int]) -> list[Difference]:
    ids = set(ids)
    fresh = page_rows(ids)
    stored = ArticlePage.objects.in_bulk(list(ids))
    differences = _missing_or_extra(PAGE, "page", ids, fresh, stored)
    for pk in fresh.keys() & stored.keys():
        row, new = stored[pk], fresh[pk]
        for name in sorted(new.parts.keys() | row.parts.keys()):
            if row.parts.get(name) != new.parts.get(name):
                differences.append(
                    Difference(PAGE, f"article {pk} {name}", _first_change(row.parts.get(name), new.parts.get(name)))
                )
        if row.related != new.related:
            differences.append(Difference(PAGE, f"article {pk} related", f"stored {row.related}, now {new.related}"))
    return differences


def render_related(ids: Iterable[int]) -> None:
    """Choose the "Read next" of these articles' stored pages again: what a new, changed or
    unpublished kin changes on them (their cards are read as the page is, so that is all)."""
    pages = list(ArticlePage.objects.filter(pk__in=list(ids)).only("pk", "related"))
    # `with_related()` for the works, their makers and the tags `related_ids()` reads (a batch's
    # prefetches, whatever its size).
    articles = _published(page.pk for page in pages).with_related().defer("body", "search_vector")
    found = {article.pk: related_ids(article) for article in articles}
    changed = []
    for page in pages:
        if page.pk in found and found[page.pk] != page.related:
            page.related, page.version = found[page.pk], new_version()
            changed.append(page)
    ArticlePage.objects.bulk_update(changed, ["related", "version"])


# --- The card --------------------------------------------------------------------------------


def card_rows(ids: Iterable[int]) -> dict[int, ArticleCard]:
    now = timezone.now()
    articles = list(_published(ids).with_cards())
    context = {"comment_counts": approved_counts(articles)}
    return {
        article.pk: ArticleCard(
            article_id=article.pk,
            variants={variant: render_card(article, variant, context) for variant in CARD_VARIANTS},
            rendered_at=now,
        )
        for article in articles
    }


def render_cards(ids: Iterable[int]) -> None:
    ids = set(ids)
    fresh = card_rows(ids)
    ArticleCard.objects.filter(pk__in=ids - fresh.keys()).delete()
    stored = ArticleCard.objects.in_bulk(list(fresh))
    changed = [row for pk, row in fresh.items() if pk not in stored or _differs(stored[pk], row, ("variants",))]
    _upsert(ArticleCard, changed, ["article"], ["variants", "rendered_at"])


def check_cards(ids: Iterable[int]) -> list[Difference]:
    ids = set(ids)
    fresh = card_rows(ids)
    stored = ArticleCard.objects.in_bulk(list(ids))
    differences = _missing_or_extra(CARD, "card", ids, fresh, stored)
    for pk in fresh.keys() & stored.keys():
        row, new = stored[pk], fresh[pk]
        for name in sorted(new.variants.keys() | row.variants.keys()):
            if row.variants.get(name) != new.variants.get(name):
                detail = _first_change(row.variants.get(name), new.variants.get(name))
                differences.append(Difference(CARD, f"article {pk} card {name}", detail))
    return differences


# --- The pages of comments ------------------------------------------------------------------


def comment_rows(ids: Iterable[int], start: dict[int, int] | None = None) -> dict[int, list[CommentsPage]]:
    """The pages of comments of the published articles among `ids`, by article id: all of them, or
    for an article in `start` its first page (the count) and those from `start[id]` on."""
    now = timezone.now()
    start = start or {}
    rows: dict[int, list[CommentsPage]] = {}
    for article in _published(ids).only("pk", "slug", "comment_mode", "publish_at"):
        mode = policy.comment_mode(article, now)
        first = threads.thread_page(article, 1)
        last = first.page_obj.paginator.num_pages
        later = range(max(2, start.get(article.pk, 2)), last + 1)
        pages = [first, *(threads.thread_page(article, number) for number in later)]
        rows[article.pk] = [
            CommentsPage(
                article_id=article.pk,
                number=page.number,
                html=(html := thread_html(page, mode)),
                section=comments_section(article, html, page.count, mode) if page.number == 1 else "",
                count=page.count,
                rendered_at=now,
            )
            for page in pages
        ]
        # How many pages there are, for render_comments to drop those past the last.
        rows[article.pk][0].last = last
    return rows


def comments_section(article: Article, html: str, count: int, mode: policy.Mode) -> str:
    """The comments section of the article page around its first page of threads, as every reader gets it."""
    return render_to_string("comments/_thread.html", thread_context(article, thread_html=html, count=count, mode=mode))


def render_comments(ids: Iterable[int], start: dict[int, int] | None = None) -> None:
    """Write the pages of comments of these articles (with `start`, only those a change can have
    touched: comments/threads.py's pages run oldest first, so a change on page n leaves those
    before it as they were, but for the count on the first)."""
    ids = set(ids)
    fresh = comment_rows(ids, start)
    stored: dict[tuple[int, int], CommentsPage] = {
        (row.article_id, row.number): row for row in CommentsPage.objects.filter(article_id__in=ids)
    }
    wanted = {(row.article_id, row.number): row for pages in fresh.values() for row in pages}
    gone = [row.pk for (pk, number), row in stored.items() if pk not in fresh or number > fresh[pk][0].last]
    CommentsPage.objects.filter(pk__in=gone).delete()
    changed = [
        row
        for key, row in wanted.items()
        if key not in stored or _differs(stored[key], row, ("html", "section", "count"))
    ]
    _upsert(CommentsPage, changed, ["article", "number"], ["html", "section", "count", "rendered_at"])


def check_comments(ids: Iterable[int]) -> list[Difference]:
    ids = set(ids)
    fresh = comment_rows(ids)
    stored = {(row.article_id, row.number): row for row in CommentsPage.objects.filter(article_id__in=ids)}
    wanted = {(row.article_id, row.number): row for pages in fresh.values() for row in pages}
    differences = []
    for pk, number in sorted(stored.keys() ^ wanted.keys()):
        state = "stored, but should not be" if (pk, number) in stored else "missing"
        differences.append(Difference(COMMENTS, f"article {pk} comments page {number}", state))
    for key in sorted(stored.keys() & wanted.keys()):
        row, new = stored[key], wanted[key]
        if row.count != new.count:
            differences.append(Difference(COMMENTS, f"article {key[0]} comments count", f"{row.count} → {new.count}"))
        if row.html != new.html:
            differences.append(
                Difference(COMMENTS, f"article {key[0]} comments page {key[1]}", _first_change(row.html, new.html))
            )
        if row.section != new.section:
            differences.append(
                Difference(COMMENTS, f"article {key[0]} comments section", _first_change(row.section, new.section))
            )
    return differences


# --- Shared -----------------------------------------------------------------------------------


def _upsert(model, rows: list, unique_fields: list[str], fields: list[str]) -> None:
    """Write `rows` whether or not they exist yet (two writers meeting on one agree), each with a new version."""
    if not rows:
        return
    for row in rows:
        row.version = new_version()
    model.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=unique_fields, update_fields=[*fields, "version"]
    )


def _missing_or_extra(renderer: str, what: str, ids: set[int], fresh: dict, stored: dict) -> list[Difference]:
    return [
        Difference(renderer, f"article {pk} {what}", "missing" if pk in fresh else "stored, but should not be")
        for pk in sorted(ids & (fresh.keys() ^ stored.keys()))
    ]


def _first_change(stored: str | None, fresh: str | None, around: int = 60) -> str:
    """Where two renderings part, with a little of each, for a person to read."""
    if stored is None or fresh is None:
        return "missing" if stored is None else "stored, but no longer rendered"
    at = next((i for i, (a, b) in enumerate(zip(stored, fresh, strict=False)) if a != b), min(len(stored), len(fresh)))
    start = max(0, at - around // 2)
    return f"at character {at}: stored {stored[start : at + around]!r}, now {fresh[start : at + around]!r}"


def _published_ids() -> QuerySet:
    return Article.objects.filter(status=Article.Status.PUBLISHED).values_list("pk", flat=True).order_by("pk")


def register_all() -> None:
    register(
        Renderer(
            PAGE,
            render_pages,
            check_pages,
            _published_ids,
            stored_ids=lambda: ArticlePage.objects.values_list("pk", flat=True),
        )
    )
    register(
        Renderer(
            CARD,
            render_cards,
            check_cards,
            _published_ids,
            stored_ids=lambda: ArticleCard.objects.values_list("pk", flat=True),
        )
    )
    register(
        Renderer(
            COMMENTS,
            render_comments,
            check_comments,
            _published_ids,
            stored_ids=lambda: CommentsPage.objects.values_list("article_id", flat=True).distinct(),
        )
    )
    # Part of the page's rendering, for the worker's fan-out only: --all and --check go through the page's.
    register(Renderer(RELATED, render_related, lambda ids: [], Article.objects.none, listed=False))
