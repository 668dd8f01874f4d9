"""JSON-LD for article pages, as plain dicts (rendered by `core.seo`); films/jsonld.py and
authors/jsonld.py say what an article's works (of any kind) and writers are."""

from __future__ import annotations

from django.http import HttpRequest

from authors.jsonld import author
from core.seo import CONTEXT, absolute, publisher
from films import jsonld as works_jsonld

from .models import Article


def article(request: HttpRequest, piece: Article) -> dict:
    """An Article (NewsArticle for news); for a review, a critic's Review of the work it rates (a
    Movie, MusicAlbum, Book, TVSeries, TVSeason, TVEpisode or VideoGame) with the rating.

    Reads what `Article.objects.with_related()` prefetches.
    """
    url = absolute(request, piece.get_absolute_url())
    reviewed = piece.reviewed_work
    is_review = reviewed is not None
    if is_review:
        kind = "Review"
    elif piece.kind == Article.Kind.NEWS:
        kind = "NewsArticle"
    else:
        kind = "Article"
    data = {
        "@context": CONTEXT,
        "@type": kind,
        "headline": piece.title[:110],
        "name": piece.title,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": piece.publish_at.isoformat() if piece.publish_at else None,
        "dateModified": piece.modified_at.isoformat() if piece.modified_at else None,
        "author": [author(request, writer) for writer in piece.bylines],
        "publisher": publisher(request),
        "inLanguage": "en",
        "keywords": [tag.name for tag in piece.sorted_tags],
    }
    if description := piece.seo_description or piece.dek:
        data["description"] = description
    if (picture := piece.share_picture) and (share := picture.share):
        data["image"] = [absolute(request, share.url)]
    if is_review:
        data["itemReviewed"] = works_jsonld.work(request, reviewed)
        if piece.rating:
            data["reviewRating"] = {
                "@type": "Rating",
                "ratingValue": piece.rating,
                "bestRating": max(Article.Rating.values),
                "worstRating": min(Article.Rating.values),
            }
    else:
        data["articleSection"] = piece.section.name
        works = [link.work for link in piece.article_works.all()]
        if works:
            data["about"] = [works_jsonld.work(request, about) for about in works]
    if not data["keywords"]:
        del data["keywords"]
    return {key: value for key, value in data.items() if value is not None}
