"""How articles show comments, without the articles app knowing about them.

`{% comment_thread article %}` on the article page (its first page of comments, built by
comments/threads.py), `{% comment_count article %}` on cards.
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

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
    return thread_context(
        article,
        thread_html=thread_html(page, mode),
        count=page.count,
        mode=mode,
        form=context.get("comment_form"),
        # A preview (articles/previews.py) shows the thread as readers will see it, but takes no comment.
        is_preview=context.get("is_preview", False),
        request=context.get("request"),
        csrf_token=context.get("csrf_token"),
    )


def thread_html(page: threads.ThreadPage, mode: policy.Mode) -> str:
    """A page of threads as every reader sees it (comments/_list.html), or "" when it has none.

    Nothing in it is a reader's own, so it may be rendered once and kept (renderings/)."""
    if not page.nodes:
        return ""
    return render_to_string(
        "comments/_list.html",
        {
            "threads": page.nodes,
            "pagination": page.pagination,
            "mode": mode,
            "max_depth": settings.COMMENTS_MAX_DEPTH,
        },
    )


def thread_context(
    article,
    *,
    thread_html: str,
    count: int,
    mode: policy.Mode,
    form: CommentForm | None = None,
    is_preview: bool = False,
    request=None,
    csrf_token=None,
) -> dict:
    """What comments/_thread.html reads: a page of threads already rendered (`thread_html`), around
    it the count and the form, which are put together for each reader."""
    return {
        "article": article,
        "thread_html": mark_safe(thread_html),
        "count": count,
        "mode": mode,
        # The page is cached and served to every reader: its form gets its CSRF and form
        # tokens from static/js/comments.js. A form shown again with errors keeps its own.
        "form": form or CommentForm(issue_token=False),
        "shared_page": form is None,
        "is_preview": is_preview,
        "request": request,
        "csrf_token": csrf_token,
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
