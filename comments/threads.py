"""An article's comments in pages of threads, and the page that holds a given comment.

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
from django.db.models import BooleanField, Count, F, IntegerField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse

from articles.models import Article
from core.pagination import page_links
from magazine import pagecache

from .models import Comment

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


def page_path(article: Article, number: int) -> str:
    """Page one is the article itself; later pages have their own address."""
    if number <= 1:
        return article.get_absolute_url()
    return reverse("comments:page", kwargs={"slug": article.slug, "page": number})


def page_url(article: Article, number: int) -> str:
    """Where a link to page `number` goes: on the article page, straight to its comments."""
    path = page_path(article, number)
    return f"{path}#comments" if number <= 1 else path


def _reply_levels() -> range:
    return range(1, settings.COMMENTS_MAX_DEPTH)


# The SQL of the reply chains is written out rather than composed with the ORM: built from
# querysets (an EXISTS a level, twice a page, and a UNION of a SELECT a level with the ids and
# times of the comments above each reply) a page of comments took 28-32 ms on the bench
# machine, 15-19 ms written out; PostgreSQL's part is about 5 ms of either. The shapes are the
# same; each level is one step up the index on parent_id. The SQL is plain enough for
# PostgreSQL and SQLite alike.


def _lookup_up(levels: int, name: str) -> str:
    """The ORM lookup of `name` on the comment `levels` above: (1, "id") is parent_id, (2, "created_at")
    is parent__parent__created_at."""
    if name == "id":
        return "parent__" * (levels - 1) + "parent_id"
    return "parent__" * levels + name


def _up(level: int) -> str:
    """The table of the comment `level` steps above a reply (`reply` itself at 0); see `_chain`."""
    return f"up{level}" if level else "reply"


def _chain(level: int) -> str:
    """Joins from a reply `level` deep (`reply`) to the comments above it, `up1` (its parent) to
    `up{level-1}`; `up{level-1}.parent_id` (or `reply.parent_id`) is then its top-level comment."""
    return "".join(
        f" INNER JOIN comments_comment {_up(up)} ON {_up(up)}.id = {_up(up - 1)}.parent_id" for up in range(1, level)
    )


def _has_visible_replies() -> RawSQL:
    """Some reply under the comment (the outer query's comments_comment), at any level, is approved."""
    exists = [
        f"EXISTS (SELECT 1 FROM comments_comment reply{_chain(level)}"
        f" WHERE reply.status = %s AND {_up(level - 1)}.parent_id = comments_comment.id)"
        for level in _reply_levels()
    ]
    if not exists:
        return RawSQL("1 = 0", [], output_field=BooleanField())
    return RawSQL(" OR ".join(exists), [APPROVED] * len(exists), output_field=BooleanField())


def _takes_a_place() -> Q:
    """A top-level comment shown on the page: approved, or removed with replies still shown."""
    return Q(parent__isnull=True) & (Q(status=APPROVED) | Q(_has_visible_replies()))


def thread_heads(article: Article | int) -> QuerySet[Comment]:
    """The top-level comments that take a place on the pages of `article`, in page order."""
    return Comment.objects.filter(article=article).filter(_takes_a_place()).order_by("created_at", "pk")


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
    # Before reading them: a page cached from these rows is renewed when they change.
    pagecache.depends_on(pagecache.comments_of(article.pk))
    counts = Comment.objects.filter(article=article).aggregate(
        approved=Count("pk", filter=Q(status=APPROVED)),
        heads=Count("pk", filter=_takes_a_place()),
    )
    paginator = Paginator(_Heads(thread_heads(article), counts["heads"]), settings.COMMENTS_THREADS_PER_PAGE)
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
    levels = _reply_levels()
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
            above.append(f"{_up(up - 1) + '.parent_id' if up <= level else no_id} AS up{up}_id")
            if up < levels[-1]:
                above.append(f"{_up(up) + '.created_at' if up < level else no_time} AS up{up}_at")
        selects.append(
            f"SELECT {columns}, {level} AS level, {', '.join(above)} FROM comments_comment reply{_chain(level)}"
            f" WHERE reply.status = %s AND {_up(level - 1)}.parent_id IN ({heads})"
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


def page_of(comment: Comment) -> int:
    """The page of comments that shows `comment`'s thread: where its top-level comment falls."""
    if comment.parent_id is None:
        head_pk, head_at = comment.pk, comment.created_at
    else:
        # The farthest comment up the chain is the top-level one.
        ups = list(reversed(_reply_levels()))
        head_pk, head_at = (
            Comment.objects.filter(pk=comment.pk)
            .values_list(
                Coalesce(*(F(_lookup_up(up, "id")) for up in ups), F("pk"), output_field=IntegerField()),
                Coalesce(*(F(_lookup_up(up, "created_at")) for up in ups), F("created_at")),
            )
            .get()
        )
    before = (
        thread_heads(comment.article_id)
        .filter(Q(created_at__lt=head_at) | Q(created_at=head_at, pk__lt=head_pk))
        .count()
    )
    return before // settings.COMMENTS_THREADS_PER_PAGE + 1


def comment_url(comment: Comment) -> str:
    """The address of `comment` on its page of comments."""
    return f"{page_path(comment.article, page_of(comment))}#comment-{comment.pk}"
