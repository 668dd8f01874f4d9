"""How articles show comments, without the articles app knowing about them.

`{% comment_thread article %}` on the article page (its first page of comments, built by
comments/threads.py), `{% comment_count article %}` on cards.
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.safestring import SafeString

from comments import policy, threads
from comments.counts import approved_counts
from comments.forms import CommentForm
from core.sanitize import render_plain_text

register = template.Library()


@register.inclusion_tag("comments/_thread.html", takes_context=True)
def comment_thread(context, article):
    """The first page of the comments on `article`, their count, links to later pages, the form."""
    page = threads.thread_page(article)
    mode = policy.comment_mode(article)
    form = context.get("comment_form")
    return {
        "article": article,
        "threads": page.nodes,
        "count": page.count,
        "pagination": page.pagination,
        "mode": mode,
        "max_depth": settings.COMMENTS_MAX_DEPTH,
        # The page is cached and served to every reader: its form gets its CSRF and form
        # tokens from static/js/comments.js. A form shown again with errors keeps its own.
        "form": form or CommentForm(issue_token=False),
        "shared_page": form is None,
        # A preview (articles/previews.py) shows the thread as readers will see it, but takes no comment.
        "is_preview": context.get("is_preview", False),
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag(takes_context=True)
def comment_count(context, article) -> int:
    """Approved comments on `article`. On a list, counted for every article of it in one query.

    A page whose cards are not one `articles` list (the front page) passes `comment_counts` itself.
    """
    if (given := context.get("comment_counts")) is not None:
        return given.get(article.pk, 0)
    memo: dict[int, int] = getattr(context, "_approved_comment_counts", None) or {}
    if article.pk not in memo:
        listed = [item for item in (context.get("articles") or []) if getattr(item, "pk", None)]
        memo.update(approved_counts([article, *listed]))
        context._approved_comment_counts = memo
    return memo.get(article.pk, 0)


@register.filter
def comment_text(text: str) -> SafeString:
    """A comment's plain text as HTML: escaped, paragraphs kept, links marked nofollow ugc."""
    return render_plain_text(text)
