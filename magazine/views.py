"""Site-wide pages: the front page and the error pages."""

from __future__ import annotations

import re

from django.conf import settings
from django.db.models import F, Window, prefetch_related_objects
from django.db.models.functions import RowNumber
from django.http import HttpResponse, HttpResponseNotFound, HttpResponseServerError
from django.template import loader
from django.urls import reverse
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET

from articles import search
from articles.models import Article, card_prefetches
from articles.views import ArticleListView

from .seo import TAGLINE, PageMeta, absolute, website
from .sitemaps import SITEMAPS

FEATURED_ON_HOME = 4
PER_SECTION_ON_HOME = 3


class HomeView(ArticleListView):
    """The front page: the editors' featured articles, the latest, then a block per section.

    Later pages (`/page/2/` on) continue the list of latest articles.
    """

    template_name = "home.html"
    url_name = "home"

    def page_title(self) -> str:
        return "Latest articles"

    def page_description(self) -> str:
        return f"{settings.MAGAZINE_NAME}: {TAGLINE}"

    def breadcrumbs(self):
        return []

    def get_meta(self, page_obj) -> PageMeta:
        meta = super().get_meta(page_obj)
        if page_obj is None or page_obj.number == 1:
            meta.title = ""
            meta.json_ld = [website(self.request)]
        return meta

    def get_queryset(self):
        # The cards' bylines and films are fetched below, for every card of the page at once.
        return Article.objects.published().without_text().select_related("section")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = list(context["articles"])
        if context["page_obj"].number > 1:
            prefetch_related_objects(page, *card_prefetches())
            return context
        featured = list(
            Article.objects.published().featured().without_text().select_related("section")[:FEATURED_ON_HOME]
        )
        featured_ids = {article.pk for article in featured}
        latest = [article for article in page if article.pk not in featured_ids]
        section_blocks = self.section_blocks(exclude=featured_ids | {article.pk for article in page})
        # One query each for the bylines and card films of every card on the page.
        block_articles = [article for block in section_blocks for article in block["articles"]]
        prefetch_related_objects(featured + page + block_articles, *card_prefetches())
        context.update(featured=featured, latest=latest, section_blocks=section_blocks)
        return context

    def section_blocks(self, exclude: set[int]) -> list[dict]:
        """The newest articles of each section not already on the page, in one query."""
        rows = (
            Article.objects.published()
            .exclude(pk__in=exclude)
            .without_text()
            .select_related("section")
            .annotate(
                place=Window(
                    RowNumber(), partition_by=F("section_id"), order_by=[F("publish_at").desc(), F("pk").desc()]
                )
            )
            .filter(place__lte=PER_SECTION_ON_HOME)
            .order_by("section__order", "section__name", "place")
        )
        blocks: list[dict] = []
        for article in rows:
            if not blocks or blocks[-1]["section"].pk != article.section_id:
                blocks.append({"section": article.section, "articles": []})
            blocks[-1]["articles"].append(article)
        return blocks


def _words_from_path(path: str) -> str:
    """The words of a mistyped address, to offer as a search: /articles/anora-essay/ -> "anora essay"."""
    last = [part for part in path.split("/") if part][-1:] or [""]
    words = re.findall(r"[^\W_]+", last[0].replace("-", " "))
    return " ".join(word for word in words if not word.isdigit())[:100]


@requires_csrf_token
def page_not_found(request, exception=None):
    """A 404 that helps: a search box filled in from the address, and articles that may be the one."""
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


def server_error(request):
    """The 500 page: static HTML that needs neither the database nor a context."""
    return HttpResponseServerError(loader.get_template("500.html").render())


@require_GET
def robots_txt(request) -> HttpResponse:
    """Crawlers may read everything readers can, and are pointed at the sitemaps."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /comments/",
        "",
        f"Sitemap: {absolute(request, reverse('sitemap'))}",
        *(f"Sitemap: {absolute(request, reverse('sitemap_section', args=[name]))}" for name in SITEMAPS),
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
