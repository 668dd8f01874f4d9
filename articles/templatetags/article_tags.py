"""What the article page computes from the article alone, so that any view rendering
`articles/article_detail.html` (a preview, a comment form sent back with errors, or the stored
page put together) shows the same page."""

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from articles import jsonld
from articles.models import Article
from articles.page import CARD_VARIANTS, render_parts
from articles.related import related_articles as find_related
from articles.text import plain_text
from core import slots
from core.seo import FeedLink, PageMeta

register = template.Library()


@register.simple_tag(takes_context=True)
def article_meta(context, article: Article) -> PageMeta:
    """The article page's metadata (computed once per article object, then reused)."""
    meta = getattr(article, "_page_meta", None)
    if meta is None:
        meta = article._page_meta = _article_meta(context.get("request"), article)
    return meta


def _article_meta(request, article: Article) -> PageMeta:
    section = article.section
    meta = PageMeta(
        # The article's own SEO title and meta description when it has them (articles/admin/seo.py).
        title=article.seo_title or article.title,
        description=article.seo_description or article.dek or plain_text(article.body) or article.title,
        path=article.get_absolute_url(),
        type="article",
        breadcrumbs=[
            ("Home", "/"),
            (section.name, section.get_absolute_url()),
            (article.title, article.get_absolute_url()),
        ],
        feeds=[
            FeedLink(
                f"{section.name}: latest articles",
                reverse("section_feed", kwargs={"slug": section.slug}),
                reverse("section_feed_atom", kwargs={"slug": section.slug}),
            )
        ],
        article={
            "published_time": article.publish_at,
            "modified_time": article.modified_at,
            "section": section.name,
            "tags": [tag.name for tag in article.sorted_tags],
            "authors": [author.get_absolute_url() for author in article.bylines],
        },
    )
    meta.share(article.share_picture)
    if request is not None:
        meta.json_ld = [jsonld.article(request, article)]
    return meta


@register.simple_tag(takes_context=True)
def article_part(context, name: str) -> SafeString:
    """One part of the article page: as stored, when the view gives the parts (`parts`), else
    rendered from the article (once for all parts)."""
    parts = context.get("parts")
    if parts is None:
        article = context["article"]
        parts = getattr(article, "_page_parts", None)
        if parts is None:
            parts = article._page_parts = render_parts(article, context.flatten())
    return mark_safe(parts[name])


@register.simple_tag(takes_context=True)
def read_next(context) -> list[SafeString]:
    """The "Read next" cards: as the view gives them (`related_cards`), else found and rendered now."""
    if (cards := context.get("related_cards")) is not None:
        return [mark_safe(card) for card in cards]
    related = find_related(context["article"])
    # One context for all the cards, so that their comment counts are one query.
    template = context.template.engine.get_template("articles/_card.html")
    with context.push(articles=related):
        return [card_in(context, template, article, "h3-compact") for article in related]


def card_in(context, template, article: Article, variant: str) -> SafeString:
    with context.push(article=article, **CARD_VARIANTS[variant]):
        return template.render(context)


@register.simple_tag(takes_context=True)
def after_body(context) -> SafeString:
    """What follows the article (its comments): as the view gives it, else what fills the slot."""
    if (given := context.get("after_body")) is not None:
        return mark_safe(given)
    return slots.render("article-after-body", context, context["article"])
