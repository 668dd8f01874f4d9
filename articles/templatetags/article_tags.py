"""What the article page computes from the article alone, so that any view rendering
`articles/article_detail.html` (the article view, or a comment form sent back with errors)
shows the same page."""

from django import template
from django.urls import reverse

from articles import jsonld
from articles.models import Article
from articles.related import related_articles as find_related
from articles.text import plain_text
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


@register.simple_tag
def related_articles(article: Article) -> list[Article]:
    return find_related(article)
