"""Comments of a batch of posts, written a thread level at a time.

Imported comments go straight to the status they had (no triage, no mail, no rate limit), keep
the comments app's rules otherwise (a reply's parent is in the same article, threads go
COMMENTS_MAX_DEPTH levels deep) and move their commenters along the trust ladder as
comments/services.py does.
"""

from __future__ import annotations

import html
import ipaddress
import re
from collections import defaultdict
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone

from comments.models import Comment, Commenter, normalize_email
from core import pages, signals

from . import body as wp_body
from . import wxr
from .models import ImportedObject

if TYPE_CHECKING:
    from .importer import Importer

Kind = ImportedObject.Kind
COMMENT_STATUSES = {"1": Comment.Status.APPROVED, "0": Comment.Status.PENDING, "spam": Comment.Status.SPAM}
IMPORTED = "Imported from WordPress"


class CommentBatch:
    """A batch's comments, written a thread level at a time with bulk inserts."""

    def __init__(self, importer: Importer) -> None:
        self.importer = importer
        self.report = importer.report
        self.levels: dict[int, list[tuple[Comment, wxr.Comment, int, str]]] = defaultdict(list)
        self.updated: list[Comment] = []
        self.rows: list[ImportedObject] = []
        self.stale_rows: dict[int, ImportedObject] = {}
        self.articles: set[int] = set()
        self.max_depth = settings.COMMENTS_MAX_DEPTH

    def _skip_reason(self, wp_comment: wxr.Comment) -> str:
        if wp_comment.type in ("pingback", "trackback"):
            return f"{wp_comment.type}s"
        if wp_comment.approved not in COMMENT_STATUSES:
            return "in the trash"
        return ""

    def add(self, item: wxr.Item, article_id: int, rows: dict[int, ImportedObject]) -> None:
        digests = {comment.wp_id: comment.digest() for comment in item.comments}
        reasons = {comment.wp_id: self._skip_reason(comment) for comment in item.comments}
        if all(
            reasons[c.wp_id]
            or (c.wp_id in rows and rows[c.wp_id].object_id and rows[c.wp_id].digest == digests[c.wp_id])
            for c in item.comments
        ):
            # Nothing new or changed in this thread (every comment of a re-run, usually): no query.
            for comment in item.comments:
                self.importer.done["comments"] += 1
                if reasons[comment.wp_id]:
                    self.report.skip("comments", reasons[comment.wp_id])
                else:
                    self.report.count("comments", "unchanged")
            return
        by_id = {comment.wp_id: comment for comment in item.comments}
        known = {row.wp_id: row.object_id for row in rows.values() if row.wp_parent == item.wp_id and row.object_id}
        existing = {comment.pk: comment for comment in Comment.objects.filter(pk__in=list(known.values()))}
        placed: dict[int, tuple[Comment | int, int]] = {}  # wp id → (comment or its id, depth)
        for wp_comment in _parents_first(item.comments):
            self.importer.done["comments"] += 1
            where = f"comment {wp_comment.wp_id} on post {item.wp_id}"
            if reasons[wp_comment.wp_id]:
                self.report.skip("comments", reasons[wp_comment.wp_id], where)
                continue
            parent, depth = self._parent(wp_comment, by_id, placed, known, existing, where)
            digest = digests[wp_comment.wp_id]
            row = rows.get(wp_comment.wp_id)
            if row and row.object_id in existing:
                comment = existing[row.object_id]
                placed[wp_comment.wp_id] = (comment.pk, comment.depth)
                if row.digest == digest:
                    self.report.count("comments", "unchanged")
                    continue
                self._fill(comment, wp_comment, article_id)
                self.updated.append(comment)
                row.digest = digest
                self.rows.append(row)
                self.articles.add(article_id)
                self.report.count("comments", "updated")
                continue
            comment = Comment(article_id=article_id, depth=depth)
            if isinstance(parent, Comment):
                comment.parent = parent
            else:
                comment.parent_id = parent
            self._fill(comment, wp_comment, article_id)
            self.levels[depth].append((comment, wp_comment, item.wp_id, digest))
            if row is not None:
                self.stale_rows[wp_comment.wp_id] = row  # its comment was deleted here: imported again
            placed[wp_comment.wp_id] = (comment, depth)
            self.articles.add(article_id)
            if wp_comment.url:
                self.report.warn("commenter website", "commenters' websites are not kept", where)

    def _parent(self, wp_comment, by_id, placed, known, existing, where) -> tuple[Comment | int | None, int]:
        parent_wp = wp_comment.parent_id
        # A reply to a comment that is not coming along (trashed, a pingback) answers the one above it.
        while parent_wp and parent_wp not in placed:
            if parent_wp in known and known[parent_wp] in existing:
                placed[parent_wp] = (known[parent_wp], existing[known[parent_wp]].depth)
                break
            self.report.warn("thread", "a reply whose comment was not imported answers the one above it", where)
            parent_wp = by_id[parent_wp].parent_id if parent_wp in by_id else 0
        if not parent_wp:
            return None, 0
        parent, depth = placed[parent_wp]
        # Threads here go COMMENTS_MAX_DEPTH levels deep; a deeper reply joins the deepest level.
        while depth + 1 >= self.max_depth:
            self.report.warn("thread", f"a reply deeper than {self.max_depth} levels moved up", where)
            grandparent = parent.parent if isinstance(parent, Comment) else Comment.objects.get(pk=parent).parent
            parent, depth = grandparent, depth - 1
        return parent, depth + 1

    def _fill(self, comment: Comment, wp_comment: wxr.Comment, article_id: int) -> None:
        comment.name = " ".join(html.unescape(wp_comment.author).split())[:80] or "Anonymous"
        email = normalize_email(wp_comment.email)
        comment.email = email if len(email) <= 254 and re.fullmatch(r"[^@\s]+@[^@\s]+", email) else ""
        comment.body = wp_body.plain_text(wp_comment.content)
        comment.status = COMMENT_STATUSES[wp_comment.approved]
        comment.held_reason = IMPORTED
        comment.reason_codes = ",imported,"
        comment.ip_address = _ip(wp_comment.ip)
        comment.created_at = self.importer.when(wp_comment.date, wp_comment.date_gmt) or timezone.now()

    def save(self) -> None:
        created: list[tuple[Comment, wxr.Comment, int, str]] = []
        for depth in sorted(self.levels):
            level = self.levels[depth]
            for comment, *_ in level:
                if comment.parent is not None:
                    comment.parent_id = comment.parent.pk
            Comment.objects.bulk_create([comment for comment, *_ in level])
            created.extend(level)
        self.report.count("comments", "imported", len(created))
        if self.updated:
            Comment.objects.bulk_update(
                self.updated, ["name", "email", "body", "status", "ip_address", "created_at", "held_reason"]
            )
        new_rows = []
        for comment, wp_comment, post_id, digest in created:
            row = self.stale_rows.get(wp_comment.wp_id)
            if row is not None:
                row.object_id, row.digest = comment.pk, digest
                self.rows.append(row)
            else:
                new_rows.append(
                    ImportedObject(
                        site=self.importer.site,
                        kind=Kind.COMMENT,
                        wp_id=wp_comment.wp_id,
                        object_id=comment.pk,
                        wp_parent=post_id,
                        digest=digest,
                    )
                )
        ImportedObject.objects.bulk_create(new_rows)
        if self.rows:
            ImportedObject.objects.bulk_update(self.rows, ["digest", "object_id"])
        self._commenters([comment for comment, *_ in created])
        if self.articles:
            signals.content_changed.send(
                sender=Comment, dependencies=[pages.comments_of(pk) for pk in set(self.articles) if pk]
            )

    def _commenters(self, created: list[Comment]) -> None:
        """Commenters climb the trust ladder as comments/services.py has them: one rung per approved
        comment, back to zero for spam, in the order they wrote."""
        by_email: dict[str, list[Comment]] = defaultdict(list)
        for comment in created:
            if comment.email:
                by_email[comment.email].append(comment)
        if not by_email:
            return
        Commenter.objects.bulk_create([Commenter(email=email) for email in by_email], ignore_conflicts=True)
        trusts = dict(Commenter.objects.filter(email__in=list(by_email)).values_list("email", "trust"))
        by_trust: dict[int, list[str]] = defaultdict(list)
        for email, trust in trusts.items():
            before = trust
            for comment in sorted(by_email[email], key=lambda c: c.created_at):
                if comment.status == Comment.Status.APPROVED:
                    trust += 1
                elif comment.status == Comment.Status.SPAM:
                    trust = 0
            if trust != before:
                by_trust[trust].append(email)
        # One UPDATE per resulting trust, not per commenter: a batch has thousands of them.
        now = timezone.now()
        for trust, emails in by_trust.items():
            Commenter.objects.filter(email__in=emails).update(trust=trust, updated_at=now)


def _parents_first(comments: list[wxr.Comment]) -> list[wxr.Comment]:
    """The comments ordered so that each comes after the one it answers (exports usually are)."""
    ids = {comment.wp_id for comment in comments}
    children: dict[int, list[wxr.Comment]] = defaultdict(list)
    for comment in comments:
        children[comment.parent_id if comment.parent_id in ids and comment.parent_id != comment.wp_id else 0].append(
            comment
        )
    ordered: list[wxr.Comment] = []
    stack = list(reversed(children[0]))
    seen: set[int] = set()
    while stack:
        comment = stack.pop()
        if comment.wp_id in seen:
            continue
        seen.add(comment.wp_id)
        ordered.append(comment)
        stack.extend(reversed(children.get(comment.wp_id, [])))
    # A cycle of replies (a damaged export) has no root: its comments come last, as top-level ones.
    for comment in comments:
        if comment.wp_id not in seen:
            seen.add(comment.wp_id)
            comment.parent_id = 0
            ordered.append(comment)
    return ordered


def _ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None
