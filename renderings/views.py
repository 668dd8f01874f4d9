"""The article page as readers get it: put together from its stored parts.

Two queries, whatever the article holds: its stored page with its first page of comments and its
public "Read next" cards (one row, by slug, with the article's public check; the cards as a JSON
array), and the sections of the site's navigation. Both are compiled once per process
(core/prepared.py). No model instance, no template tree for the article: the frame
(articles/article_detail.html, the same one a preview renders from scratch) is rendered once
around stand-ins for the parts and filled in on each read (core/skeleton.py).

The comments section (the count's heading, the first page of threads, the form) is stored whole
with that page: it is the same for every reader, whose form gets its tokens from
static/js/comments.js.
"""

from __future__ import annotations

import datetime

from django.db.models import F, JSONField, Max, OuterRef, QuerySet, Subquery, Value
from django.db.models.fields.json import KT, KeyTextTransform
from django.db.models.functions import JSONArray
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.utils import timezone
from django.views.decorators.http import require_GET, require_safe

from articles.models import Article, FormerSlug, Section, public
from comments.views import render_thread_page, thread_page
from core import conditional, pages, skeleton
from core.jsonsql import JSONAgg, JSONIds
from core.pages import cached_page
from core.prepared import Prepared
from front.context_processors import navigation, navigation_version

from . import changes
from .models import ArticleCard, ArticlePage, CommentsPage
from .renderers import COMMENTS, with_origin

READ_NEXT = "h3-compact"


def _page_query(slug: str, at: datetime.datetime) -> QuerySet:
    first = CommentsPage.objects.filter(article=OuterRef("article"), number=1)
    # The "Read next" cards that are public, as [[id, html], …] (in no order: `related` has it).
    cards = (
        ArticleCard.objects.public(at)
        .filter(pk__in=JSONIds(OuterRef("related")))
        .order_by()
        .annotate(whole=Value(1))
        .values("whole")
        .annotate(cards=JSONAgg(JSONArray("pk", KT(f"variants__{READ_NEXT}"))))
        .values("cards")
    )
    return (
        ArticlePage.objects.public(at)
        .filter(article__slug=slug)
        .annotate(
            comments_section=Subquery(first.values("section")),
            comments_version=Subquery(first.values("version")),
            cards=Subquery(cards, output_field=JSONField()),
        )
        .values(
            "article_id", "parts", "related", "version", "stale_at", "comments_section", "comments_version", "cards"
        )
    )


# Read on every request for an article: compiled once per process (core/prepared.py).
_page = Prepared(_page_query, slug=str, at=datetime.datetime)


def _stored_page(slug: str) -> dict | None:
    return _page.first(slug=slug, at=timezone.now())


@cached_page
@require_safe
def article_page(request: HttpRequest, slug: str) -> HttpResponse:
    changes.flush_pending()
    page = _stored_page(slug)
    if page is None:
        # An address the article had before its slug changed: send readers (and search engines) on.
        if moved := FormerSlug.objects.published_article(slug):
            return HttpResponsePermanentRedirect(moved.get_absolute_url())
        raise Http404("No such article.")
    if page["stale_at"] is not None and page["stale_at"] <= timezone.now():
        # Its time came (comments closed, or it went public) before the worker saw to it.
        changes.mark([page["article_id"]])
        changes.mark_later(("kin", page["article_id"]), (changes.RELATED,), changes.kin(page["article_id"]))
        changes.flush()
        page = _stored_page(slug)
        if page is None:
            raise Http404("No such article.")
    if not page["comments_section"]:
        # Stored by a release that kept no comments section, and not rendered since: stored now.
        changes.mark([page["article_id"]], (COMMENTS,))
        changes.flush()
        if (page := _stored_page(slug)) is None:
            raise Http404("No such article.")
    article_id = page["article_id"]
    # For the page cache: the comments of this article and of the cards it shows, and the moment
    # the page changes by itself (its comment form closes).
    pages.depends_on_comments([article_id, *page["related"]])
    pages.changes_at(page["stale_at"])
    cards = dict(page["cards"] or ())
    # The frame around an article is the navigation (the head is the article's own, its share
    # picture included, even the default one: renderings/changes.py renders it again when that changes).
    sections = navigation()
    context = {"sections": sections}
    frame = navigation_version(sections)
    made_of = (page["version"], page["comments_version"], tuple(sorted(cards.items())))
    etag = conditional.page_etag(request, made_of, context, frame=frame)
    if (not_modified := conditional.not_modified(request, etag)) is not None:
        return not_modified
    parts = dict(page["parts"])
    parts["head"] = with_origin(parts["head"], f"{request.scheme}://{request.get_host()}")
    stored = {
        "parts": parts,
        "related_cards": [cards[pk] for pk in page["related"] if pk in cards],
        "after_body": page["comments_section"],
    }
    # The template reads nothing else of the request but its host: an article's address is never
    # a section's, which the navigation marks as the current page.
    html = skeleton.render_page(request, "articles/article_detail.html", context, stored, key=frame)
    return conditional.tag(HttpResponse(html), etag)


def stored_cards_query(articles: QuerySet, variant: str) -> QuerySet:
    """The stored cards of `articles` in `variant`, in its order, with its filters and slice: the query
    that lists the articles, joined to their cards, as a values() QuerySet of pk, section_id, html (None
    where no card is stored) and version (core/cards.py asks, and a list page compiles it once). No
    instance."""
    html = KeyTextTransform(variant, "stored_card__variants")
    return _page_first(articles.prefetch_related(None)).values(
        "pk", "section_id", html=html, version=F("stored_card__version")
    )


def _page_first(articles: QuerySet) -> QuerySet:
    """A page deep in a list (`articles` sliced with an offset), its articles found first, from the
    index, and only then joined to their cards: otherwise PostgreSQL joins every card it skips over
    (page 200 of a section read 2,400 cards, 50 ms, to show 12)."""
    query = articles.query
    ordering = query.order_by or query.get_meta().ordering
    plain = all(isinstance(field, str) and "__" not in field and field.lstrip("-") in _COLUMNS for field in ordering)
    if not query.low_mark or not plain:
        return articles
    return articles.model._default_manager.filter(pk__in=articles.values("pk")).order_by(*ordering)


# Columns a list may be ordered by that the outer query of `_page_first` can order by again.
_COLUMNS = {"pk", "id", "publish_at", "updated_at", "created_at", "title"}


# --- Later pages of comments -------------------------------------------------------------------


def _stored_comments(slug: str, number: int) -> dict | None:
    pages = CommentsPage.objects.filter(article=OuterRef("article")).values("article").annotate(last=Max("number"))
    return (
        CommentsPage.objects.filter(public(through="article__"), article__slug=slug, number=number)
        .annotate(pages=Subquery(pages.values("last")), stale_at=F("article__stored_page__stale_at"))
        .values(
            "article_id",
            "html",
            "count",
            "pages",
            "stale_at",
            "article__slug",
            "article__title",
            "article__comment_mode",
            "article__publish_at",
            "article__section__name",
            "article__section__slug",
        )
        .first()
    )


@cached_page
@require_GET
def comments_page(request: HttpRequest, slug: str, page: int) -> HttpResponse:
    """A later page of an article's comments, as stored, in one query (comments/views.py's page
    for what is not stored: page one and `?page=`, which redirect, an old slug, a page past the end)."""
    changes.flush_pending()
    stored = _stored_comments(slug, page) if page > 1 and "page" not in request.GET else None
    if stored is not None and stored["stale_at"] is not None and stored["stale_at"] <= timezone.now():
        # Its comments closed (the reply links go) before the worker saw to it.
        changes.mark([stored["article_id"]])
        changes.flush()
        stored = _stored_comments(slug, page)
    if stored is None:
        return thread_page(request, slug=slug, page=page)
    pages.depends_on_comments([stored["article_id"]])
    pages.changes_at(stored["stale_at"])
    # What the page reads of the article, without fetching it.
    article = Article(
        pk=stored["article_id"],
        slug=stored["article__slug"],
        title=stored["article__title"],
        comment_mode=stored["article__comment_mode"],
        publish_at=stored["article__publish_at"],
        section=Section(name=stored["article__section__name"], slug=stored["article__section__slug"]),
    )
    return render_thread_page(
        request, article, number=page, pages=stored["pages"], count=stored["count"], thread_html=stored["html"]
    )
