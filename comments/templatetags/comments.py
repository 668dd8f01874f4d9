"""How articles show comments, without the articles app knowing about them.

`{% comment_thread article %}` on the article page, `{% comment_count article %}` on cards.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template
from django.conf import settings
from django.utils.safestring import SafeString

from comments import policy
from comments.counts import approved_counts
from comments.forms import CommentForm
from comments.models import Comment
from magazine import pagecache
from magazine.sanitize import render_plain_text

register = template.Library()


@dataclass
class Node:
    """One place in a thread: an approved comment, or a removed one whose replies are still shown."""

    pk: int
    comment: Comment | None
    depth: int
    children: list[Node] = field(default_factory=list)

    @property
    def removed(self) -> bool:
        return self.comment is None


def build_thread(article) -> tuple[list[Node], int]:
    """The approved comments of `article` as a tree in thread order, and how many there are."""
    approved = list(article.comments.approved().order_by("created_at", "pk"))
    nodes = {comment.pk: Node(comment.pk, comment, comment.depth) for comment in approved}
    # Replies whose parent was taken down keep their place under a "removed" marker.
    missing = {c.parent_id for c in approved if c.parent_id and c.parent_id not in nodes}
    placeholders: dict[int, tuple[int | None, int]] = {}
    while missing:
        rows = Comment.objects.filter(pk__in=missing).values_list("pk", "parent_id", "depth")
        missing = set()
        for pk, parent_id, depth in rows:
            placeholders[pk] = (parent_id, depth)
            if parent_id and parent_id not in nodes and parent_id not in placeholders:
                missing.add(parent_id)
    for pk, (_, depth) in placeholders.items():
        nodes[pk] = Node(pk, None, depth)
    roots: list[Node] = []
    for pk, node in nodes.items():
        parent_id = node.comment.parent_id if node.comment else placeholders[pk][0]
        (nodes[parent_id].children if parent_id in nodes else roots).append(node)
    _sort(roots)
    return roots, len(approved)


def _sort(nodes: list[Node]) -> None:
    """Oldest first at every level; a removed comment sorts by its oldest visible reply."""

    def key(node: Node):
        if node.comment is not None:
            return (node.comment.created_at, node.pk)
        return min(key(child) for child in node.children)

    for node in nodes:
        _sort(node.children)
    nodes.sort(key=key)


@register.inclusion_tag("comments/_thread.html", takes_context=True)
def comment_thread(context, article):
    """The approved comments of `article` in thread order, their count, and the form to add one."""
    pagecache.depends_on(pagecache.comments_of(article.pk))
    roots, count = build_thread(article)
    mode = policy.comment_mode(article)
    if mode.is_open:
        pagecache.changes_at(mode.closes_at)
    form = context.get("comment_form")
    return {
        "article": article,
        "threads": roots,
        "count": count,
        "mode": mode,
        "max_depth": settings.COMMENTS_MAX_DEPTH,
        # The page is cached and served to every reader: its form gets its CSRF and form
        # tokens from static/js/comments.js. A form shown again with errors keeps its own.
        "form": form or CommentForm(issue_token=False),
        "shared_page": form is None,
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
