"""The SQL of reply chains: from a reply up to the comments above it, level by level.

Shared by the model (where a comment sits: comments/models.py) and the pages of threads
(comments/threads.py); it imports neither, so that neither imports the other.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL


def reply_levels() -> range:
    return range(1, settings.COMMENTS_MAX_DEPTH)


# The SQL of the reply chains is written out rather than composed with the ORM: built from
# querysets (an EXISTS a level, twice a page, and a UNION of a SELECT a level with the ids and
# times of the comments above each reply) a page of comments took 28-32 ms on the bench
# machine, 15-19 ms written out; PostgreSQL's part is about 5 ms of either. The shapes are the
# same; each level is one step up the index on parent_id. The SQL is plain enough for
# PostgreSQL and SQLite alike.


def lookup_up(levels: int, name: str) -> str:
    """The ORM lookup of `name` on the comment `levels` above: (1, "id") is parent_id, (2, "created_at")
    is parent__parent__created_at."""
    if name == "id":
        return "parent__" * (levels - 1) + "parent_id"
    return "parent__" * levels + name


def table(level: int) -> str:
    """The table of the comment `level` steps above a reply (`reply` itself at 0); see `chain`."""
    return f"up{level}" if level else "reply"


def chain(level: int) -> str:
    """Joins from a reply `level` deep (`reply`) to the comments above it, `up1` (its parent) to
    `up{level-1}`; `up{level-1}.parent_id` (or `reply.parent_id`) is then its top-level comment."""
    return "".join(
        f" INNER JOIN comments_comment {table(step)} ON {table(step)}.id = {table(step - 1)}.parent_id"
        for step in range(1, level)
    )


def has_visible_replies(approved: str) -> RawSQL:
    """Some reply under the comment (the outer query's comments_comment), at any level, is approved."""
    exists = [
        f"EXISTS (SELECT 1 FROM comments_comment reply{chain(level)}"
        f" WHERE reply.status = %s AND {table(level - 1)}.parent_id = comments_comment.id)"
        for level in reply_levels()
    ]
    if not exists:
        return RawSQL("1 = 0", [], output_field=BooleanField())
    return RawSQL(" OR ".join(exists), [approved] * len(exists), output_field=BooleanField())


def takes_a_place(approved: str) -> Q:
    """A top-level comment shown on the page: approved, or removed with replies still shown."""
    return Q(parent__isnull=True) & (Q(status=approved) | Q(has_visible_replies(approved)))
