"""Comment counts for lists and feeds: approved comments only, many articles in one query."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count

from .models import Comment


def approved_counts(articles: Iterable) -> dict[int, int]:
    """{article id: number of approved comments} for `articles` (objects or ids); absent means 0."""
    ids = {getattr(article, "pk", article) for article in articles}
    ids.discard(None)
    if not ids:
        return {}
    rows = (
        Comment.objects.approved()
        .filter(article_id__in=ids)
        .order_by()
        .values("article_id")
        .annotate(count=Count("pk"))
        .values_list("article_id", "count")
    )
    counts = dict.fromkeys(ids, 0)
    counts.update(rows)
    return counts
