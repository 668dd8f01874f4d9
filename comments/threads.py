"""An article's comments in pages of threads (the page that holds a given comment is the model's:
`Comment.page_number()`, with the SQL of reply chains in comments/chains.py).

A page holds COMMENTS_THREADS_PER_PAGE top-level comments, oldest first, each with all its
visible replies. A top-level comment that was taken down but has visible replies keeps its
place (and its slot on the page) as a "removed" marker; so does a removed reply.

Whatever the length of the thread, a page costs three queries: the counts (approved comments,
and top-level places for the paginator), the page's top-level comments, and their replies
(one SELECT a level of depth, joined with UNION ALL into one query).

`thread_page()` is the one function through which every page of comments is built: the
article page (the `comment_thread` tag) and the later pages (`comments.views.thread_page`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import InvalidPage, Page, Paginator
from django.db import connections
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from articles.models import Article
from core.pagination import page_links

from . import chains
from .models import Comment, page_path

APPROVED = Comment.Status.APPROVED


@dataclass
class Node:
    """One place in a thread: an approved comment, or a removed one whose replies are still shown."""

    pk: int
    comment: Comment | None
    depth: int
    children: list[Node] = field(default_factory=list)
    # For the order among siblings: oldest first.
    created_at: datetime.datetime | None = None

    @property
    def removed(self) -> bool:
        return self.comment is None


@dataclass
class ThreadPage:
    article: Article
    nodes: list[Node]
    # Approved comments on the whole article, as "Comments (N)" says.
    count: int
    page_obj: Page

    @property
    def number(self) -> int:
        return self.page_obj.number

    @property
    def pagination(self) -> dict | None:
        """Links to the other pages, for `_pagination.html`; None when there is one page."""
        return page_links(self.page_obj, lambda number: page_url(self.article, number))


def page_url(article: Article, number: int) -> str:
    """Where a link to page `number` goes: on the article page, straight to its comments."""
    path = page_path(article, number)
    return f"{path}#comments" if number <= 1 else path


class _Heads:
    """The page's top-level comments for the Paginator: counted already, so a slice is the only query."""

    def __init__(self, queryset: QuerySet[Comment], total: int):
        self.queryset, self.total = queryset, total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, key):
        return list(self.queryset[key])


def thread_page(article: Article, number: int = 1) -> ThreadPage:
    """Page `number` of the comments on `article`; Http404 past the last page (page one always exists)."""
    counts = Comment.objects.filter(article=article).aggregate(
        approved=Count("pk", filter=Q(status=APPROVED)),
        heads=Count("pk", filter=chains.takes_a_place(APPROVED)),
    )
    paginator = Paginator(
        _Heads(Comment.objects.thread_heads(article), counts["heads"]), settings.COMMENTS_THREADS_PER_PAGE
    )
    try:
        page_obj = paginator.page(number)
    except InvalidPage as error:
        raise Http404("No such page of comments.") from error
    return ThreadPage(article=article, nodes=_tree(page_obj.object_list), count=counts["approved"], page_obj=page_obj)


def _replies(head_ids: list[int]) -> list[Comment]:
    """The approved replies under `head_ids`, each with the ids of the comments above it (up1_id is
    its parent's, up2_id its grandparent's...) and the times of those that are replies themselves.

    `level` is the reply's depth in its thread, counted here rather than read from `depth`.
    One SELECT a level, each driven by the index on parent_id; all with the same columns.
    """
    levels = chains.reply_levels()
    using = Comment.objects.db
    columns = ", ".join(f"reply.{field.column}" for field in Comment._meta.concrete_fields)
    heads = ", ".join(["%s"] * len(head_ids))
    # What a level this shallow has not got above it is NULL, so every SELECT has the same columns;
    # typed, or PostgreSQL takes two NULLs in a row for text.
    no_id, no_time = (
        f"CAST(NULL AS {Comment._meta.get_field(name).db_type(connections[using])})"
        for name in ("parent", "created_at")
    )
    selects = []
    for level in levels:
        above = []
        for up in levels:
            above.append(f"{chains.table(up - 1) + '.parent_id' if up <= level else no_id} AS up{up}_id")
            if up < levels[-1]:
                above.append(f"{chains.table(up) + '.created_at' if up < level else no_time} AS up{up}_at")
        selects.append(
            f"SELECT {columns}, {level} AS level, {', '.join(above)} FROM comments_comment reply{chains.chain(level)}"
            f" WHERE reply.status = %s AND {chains.table(level - 1)}.parent_id IN ({heads})"
        )
    if not selects:
        return []
    query = Comment.objects.raw(" UNION ALL ".join(selects), [APPROVED, *head_ids] * len(selects)).using(using)
    replies, as_time = list(query), _time_converter(using)
    for reply in replies:
        for up in levels[:-1]:
            setattr(reply, f"up{up}_at", as_time(getattr(reply, f"up{up}_at")))
    return replies


def _time_converter(using: str):
    """What the ORM does to a value of created_at read from the database (SQLite gives text).

    A raw query converts the model's own columns, but not the extra ones like `up1_at`.
    """
    connection = connections[using]
    column = Comment._meta.get_field("created_at").get_col("reply")
    converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)

    def convert(value):
        for converter in converters:
            value = converter(value, column, connection)
        return value

    return convert


def _tree(heads: list[Comment]) -> list[Node]:
    """The nodes of `heads` with their replies nested, oldest first at every level."""
    roots = [Node(head.pk, head if head.status == APPROVED else None, 0, created_at=head.created_at) for head in heads]
    nodes = {node.pk: node for node in roots}
    parents: dict[int, int] = {}
    replies = _replies(list(nodes)) if nodes else []
    for reply in replies:
        nodes[reply.pk] = Node(reply.pk, reply, reply.level, created_at=reply.created_at)
    for reply in replies:
        # The chain from the reply up to its top-level comment: [reply, parent, ..., head].
        chain = [reply.pk] + [getattr(reply, f"up{up}_id") for up in range(1, reply.level + 1)]
        for up in range(1, reply.level):
            # A comment above a visible reply that is not itself shown was taken down.
            pk = chain[up]
            if pk not in nodes:
                nodes[pk] = Node(pk, None, reply.level - up, created_at=getattr(reply, f"up{up}_at"))
            parents[pk] = chain[up + 1]
        parents[reply.pk] = chain[1]
    for pk, parent_pk in parents.items():
        nodes[parent_pk].children.append(nodes[pk])
    for node in nodes.values():
        node.children.sort(key=lambda child: (child.created_at, child.pk))
    return roots
