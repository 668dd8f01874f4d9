"""Site-wide pages: the front page and the error pages."""

from __future__ import annotations

import datetime
import re
import sys

from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotFound,
    HttpResponseServerError,
    JsonResponse,
)
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from articles import search
from articles.models import Article, Section
from articles.page import dressed
from core import cards, conditional
from core.cards import Card
from core.cards import versions as card_versions
from core.pages import CachedPageMixin, cached_page
from core.prepared import SHAPE, Prepared, counted
from core.seo import TAGLINE, PageMeta, absolute, website
from core.views import FramedPageMixin, PaginatedMixin, Unbuilt

from .context_processors import navigation
from .sitemaps import SITEMAPS

FEATURED_ON_HOME = 4
LATEST_ON_HOME = 3
PER_SECTION_ON_HOME = 3
# How the editors' picks dress their stored cards (articles.page.dressed): the first leads the page.
LEAD_CARD = {
    "card_class": "card-lead",
    "image_sizes": "(min-width: 60rem) 38rem, 100vw",
    "image_loading": "eager",
    "image_priority": "high",
}
FEATURED_CARD = {
    "card_class": "card-featured",
    "image_sizes": "(min-width: 60rem) 19rem, 100vw",
    "image_loading": "eager",
}

# Errors that mean "the database is away" rather than "our code is wrong".
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


class HomeView(CachedPageMixin, FramedPageMixin, conditional.ConditionalPageMixin, PaginatedMixin, TemplateView):
    """The front page: the editors' picks, the latest articles, then the newest of each section
    not already shown. Later pages (`/page/2/` on) list everything else, newest first, so that
    every published article is on exactly one page of the front page's sequence.
    """

    template_name = "home.html"
    url_name = "home"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        number = self.kwargs.get("page", 1)
        at = timezone.now()
        # Each block's cards as stored, in the query that picks its articles, compiled once (core/cards.py).
        featured = cards.read(_READS["picks"], _picks, "h3", at=at)
        shown = [card.pk for card in featured]
        latest = cards.read(_READS["latest"], _latest, "h3", at=at, shown=shown)
        shown += [card.pk for card in latest]
        # The layout lists the sections too: fetched here once, they serve both.
        context["sections"] = sections = navigation()
        section_blocks = self.section_blocks(sections, at, shown)
        shown += [card.pk for block in section_blocks for card in block["cards"]]

        # What the first page shows is public, so the rest is the others.
        rest = Paginator(range(_published.first(at=at)["n"] - len(shown)), settings.ARTICLES_PER_PAGE)
        total = 1 + (rest.num_pages if rest.count else 0)
        if number > total:
            raise Http404("No such page.")
        page_obj = Paginator(range(total), 1).page(number)

        if number == 1:
            context.update(featured=_picks_dressed(featured), latest=latest if featured else _opening(latest))
            context.update(section_blocks=section_blocks)
            meta = PageMeta(
                description=f"{settings.MAGAZINE_NAME}: {TAGLINE}", path="/", json_ld=[website(self.request)]
            )
        else:
            values = {"at": at, "shown": sorted(shown), "number": number - 1, "size": settings.ARTICLES_PER_PAGE}
            context["cards"] = cards.read(_READS["rest"], _rest, "h2", **values)
            # The page's articles, for whoever reads them (tests); the page itself shows their cards.
            context["articles"] = Unbuilt(lambda: _rest(**values))
            meta = PageMeta(
                title=f"More articles · page {number}",
                description=f"Everything {settings.MAGAZINE_NAME} has published, newest first: page {number}.",
                path=self.page_url(number),
                breadcrumbs=[("Home", "/"), (f"More articles · page {number}", self.page_url(number))],
            )
        meta.prev_path = self.page_url(number - 1) if page_obj.has_previous() else ""
        meta.next_path = self.page_url(number + 1) if page_obj.has_next() else ""
        context.update(page_obj=page_obj, pagination=self.pagination(page_obj), meta=meta)
        return context

    def etag_parts(self, context: dict) -> tuple | None:
        blocks = [card for block in context.get("section_blocks", ()) for card in block["cards"]]
        shown = [*context.get("featured", ()), *context.get("latest", ()), *blocks, *context.get("cards", ())]
        if (versions := card_versions(shown)) is None:
            return None
        return (context["page_obj"].paginator.count, context["page_obj"].number, versions)

    def section_blocks(self, sections: list[Section], at: datetime.datetime, exclude: list[int]) -> list[dict]:
        """The newest articles of each section not already on the page, in one query."""
        values = {"at": at, "sections": [section.pk for section in sections], "shown": sorted(exclude)}
        by_section: dict[int, list[Card]] = {}
        for card in cards.read(_READS["blocks"], _blocks, "h3", **values):
            by_section.setdefault(card.section_id, []).append(card)
        return [
            {"section": section, "cards": by_section[section.pk]} for section in sections if section.pk in by_section
        ]


# --- The front page's reads, as functions of their values: compiled once (core/prepared.py) ---------


def _articles(at: datetime.datetime):
    return Article.objects.published(at).with_cards()


def _picks(at: datetime.datetime):
    return _articles(at).featured()[:FEATURED_ON_HOME]


def _latest(at: datetime.datetime, shown: list[int]):
    return _articles(at).exclude(pk__in=shown)[:LATEST_ON_HOME]


def _blocks(at: datetime.datetime, sections: list[int], shown: list[int]):
    newest = Article.objects.newest_in_each_section(sections, PER_SECTION_ON_HOME, shown, at=at)
    return newest.with_cards().order_by("-publish_at", "-pk")


def _rest(at: datetime.datetime, shown: list[int], number: int, size: int):
    return _articles(at).exclude(pk__in=shown)[(number - 1) * size : number * size]


def _count(at: datetime.datetime):
    return counted(Article.objects.published(at))


_READS = {
    "picks": cards.prepared(_picks, "h3", at=datetime.datetime),
    "latest": cards.prepared(_latest, "h3", at=datetime.datetime, shown=list),
    "blocks": cards.prepared(_blocks, "h3", at=datetime.datetime, sections=list, shown=list),
    "rest": cards.prepared(_rest, "h2", at=datetime.datetime, shown=list, number=SHAPE, size=SHAPE),
}
_published = Prepared(_count, at=datetime.datetime)


def _picks_dressed(featured: list[Card]) -> list[Card]:
    """The editors' picks as the front page shows them: the first as its lead, all loaded at once."""
    return [
        _dressed(card, **(LEAD_CARD if position == 0 else FEATURED_CARD)) for position, card in enumerate(featured)
    ]


def _opening(latest: list[Card]) -> list[Card]:
    """The latest, when no picks open the page: loaded at once, the first before anything."""
    return [
        _dressed(card, image_loading="eager", image_priority="high" if position == 0 else "")
        for position, card in enumerate(latest)
    ]


def _dressed(card: Card, **dress: str) -> Card:
    return card._replace(html=mark_safe(dressed(card.html, **dress)))


def _words_from_path(path: str) -> str:
    """The words of a mistyped address, to offer as a search: /articles/anora-essay/ -> "anora essay"."""
    last = [part for part in path.split("/") if part][-1:] or [""]
    words = re.findall(r"[^\W_]+", last[0].replace("-", " "))
    return " ".join(word for word in words if not word.isdigit())[:100]


def page_not_found(request, exception=None):
    """A 404 that helps: a search box filled in from the address, and articles that may be the one.

    Without Django's requires_csrf_token (the page has no form that posts): its CSRF check reads
    the body of a POST, and a body it cannot read (a form in another charset) made the 404 a 500.
    """
    guess = _words_from_path(request.path)
    suggestions = []
    if guess:
        suggestions = list(search.search(search.clean_query(guess), any_word=True)[:3])
    context = {
        "guess": guess,
        "suggestions": suggestions,
        "meta": PageMeta(title="Page not found", noindex=True, description="We can’t find that page."),
    }
    return HttpResponseNotFound(loader.render_to_string("404.html", context, request))


def bad_request(request, exception=None):
    """Django's handler400, without the CSRF check that Django's own runs on the request.

    A form posted in another charset than UTF-8 is refused (BadRequest) when the CSRF check
    first reads its body; Django's handler read the body again, and that second refusal became
    a 500 with a traceback in the log. Rendered without a request context, as the 500 page is:
    whatever made the request bad cannot break its page.
    """
    return HttpResponseBadRequest(loader.render_to_string("400.html", {"magazine_name": settings.MAGAZINE_NAME}))


def server_error(request):
    """Django's handler500: a 503 with Retry-After when the database is away, else a plain 500.

    Rendered without a request context, so the page itself needs no database.
    """
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "10"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))


@cached_page
@require_GET
def robots_txt(request) -> HttpResponse:
    """Crawlers may read everything readers can, and are pointed at the sitemaps."""
    lines = [
        "User-agent: *",
        "Disallow: /search/",
        "Disallow: /comments/",
        "",
        f"Sitemap: {absolute(request, reverse('sitemap'))}",
        *(f"Sitemap: {absolute(request, reverse('sitemap_section', args=[name]))}" for name in SITEMAPS),
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def healthz(request):
    """200 when the database answers, 503 when it does not; for load balancers and monitors."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
