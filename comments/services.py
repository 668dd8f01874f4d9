"""Everything that changes comments: posting, moderation, flags, blocks, mutes, privacy.

Each function is keyword-only and atomic, and every moderation step writes a
ModerationLog row (who, when, from → to). The admin and the views only call these.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, router, transaction
from django.db.models import Model, Q
from django.db.models.constants import OnConflict
from django.db.models.sql import InsertQuery
from django.utils import timezone

from articles.models import Article
from core import pages, signals

from . import notifications, policy, triage
from .forms import FormToken
from .models import (
    Block,
    Comment,
    Commenter,
    Flag,
    MailMute,
    ModerationLog,
    normalize_email,
)

Status = Comment.Status


class CommentRefused(Exception):
    """A comment that cannot be taken, with the message for the reader and the HTTP status to answer with."""

    def __init__(self, message: str, *, status: int = 403) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class ModerationError(Exception):
    """A moderation step that does not apply to this comment (featuring a rejected one, say)."""


@dataclass(frozen=True)
class PostResult:
    comment: Comment
    created: bool
    decision: triage.Decision | None = None

    @property
    def published(self) -> bool:
        return self.comment.status == Status.APPROVED


def _actor_name(user) -> str:
    return user.get_username() if user is not None else "system"


def _log(
    *,
    comment: Comment | None,
    by,
    action: str,
    from_state: str = "",
    to_state: str = "",
    note: str = "",
    subject: str = "",
    actor_name: str | None = None,
    reason: str = "",
) -> ModerationLog:
    return ModerationLog.objects.create(
        comment=comment,
        actor=by,
        actor_name=actor_name or _actor_name(by),
        action=action,
        from_state=from_state,
        to_state=to_state,
        reason=reason[:100],
        note=note[:300],
        subject=subject,
    )


# --- Posting ----------------------------------------------------------------


def active_block(email: str, at: datetime.datetime | None = None, *, using: str | None = None) -> Block | None:
    """The ban or suspension that refuses `email` now, bans first."""
    blocks = list(Block.objects.using(using).for_email(email, at))
    blocks.sort(key=lambda block: (block.until is not None, block.kind != Block.Kind.DOMAIN))
    return blocks[0] if blocks else None


# What a post reads of the article it is about: whether readers see it (Article.is_published), how it
# takes comments, where it is, and the title that mail about a reply names.
POSTABLE_FIELDS = ("slug", "title", "comment_mode", "status", "publish_at", "embargo_until")


def postable_article(
    article_id: int, *, email: str | None = None, ip: str | None = None, body: str = ""
) -> Article | None:
    """The article `article_id` if readers see it, with only what a post reads of it (None otherwise).

    With `email`, it also carries in `sender` what triage and the block check read about the sender
    and the text (triage.sender_history), from the same statement: a post's first query brings all
    it reads. Found by its key and held against `is_published` (the rule of `published()`), which
    the ORM took 0.2 ms a post longer to compose as a filter.
    """
    primary = router.db_for_write(Article)
    if email is None:
        article = Article.objects.using(primary).only(*POSTABLE_FIELDS).filter(pk=article_id).first()
    else:
        now = timezone.now()
        since = triage.duplicate_window_start(now)
        params = triage.sender_params(email=email, ip=ip, body=body, since=since, now=now, using=primary)
        columns = ", ".join(POSTABLE_FIELDS)
        sql = f"SELECT id, {columns}, {triage.SENDER_COLUMNS} FROM articles_article WHERE id = %(article_id)s"
        article = next(iter(Article.objects.db_manager(primary).raw(sql, params | {"article_id": article_id})), None)
        if article is not None:
            article.sender = triage.sender_from_row(*(getattr(article, alias) for alias in triage.SENDER_ALIASES))
    return article if article is not None and article.is_published else None


def comment_post(
    *,
    article: Article,
    name: str,
    email: str,
    body: str,
    ip: str | None,
    parent_id: int | None = None,
    form_token: FormToken | None = None,
    honeypot: str = "",
    now: datetime.datetime | None = None,
    sender: triage.Sender | None = None,
) -> PostResult:
    """Take a reader's comment: refuse it, or store it as triage decides (published, held or spam).

    A second submit of the same form (same token) returns the comment the first one stored: the
    token's unique column finds it when the insert stores nothing, so a first submit pays no lookup
    for it, nor a savepoint (Comment.insert_once).
    `sender` is what `postable_article` read with the article (read here when not given).
    """
    now = now or timezone.now()
    email = normalize_email(email)
    mode = policy.comment_mode(article, now)
    if not mode.is_open:
        raise CommentRefused(mode.explanation)
    # Blocks, the sender's history and the word list's version, in one query. These reads come
    # before the transaction below (a refusal inside it would fail the request's), so they name
    # the primary: outside a transaction a read may go to a replica (core/db_router.py).
    primary = router.db_for_write(Comment)
    if sender is None:
        since = triage.duplicate_window_start(now)
        sender = triage.sender_history(email=email, ip=ip, body=body, since=since, now=now)
    if sender.blocked and (block := active_block(email, now, using=primary)) is not None:
        raise CommentRefused(block.refusal_message())
    parent = None
    if parent_id:
        replied_to = Comment.objects.using(primary).filter(pk=parent_id, article=article, status=Status.APPROVED)
        parent = replied_to.first()
        if parent is None:
            raise CommentRefused("The comment you replied to is not on the page any more.", status=400)
        if parent.depth + 1 >= settings.COMMENTS_MAX_DEPTH:
            raise CommentRefused(
                "This thread is as deep as it goes: reply to an earlier comment in it instead.", status=400
            )

    facts = triage.gather(
        mode=mode.value,
        email=email,
        ip=ip,
        name=name,
        body=body,
        honeypot=honeypot,
        issued_at=form_token.issued_at if form_token else None,
        now=now,
        sender=sender,
    )
    decision = triage.decide(facts, triage.Rules.from_settings())
    comment = Comment(
        article=article,
        parent=parent,
        depth=parent.depth + 1 if parent else 0,
        name=name,
        email=email,
        body=body,
        status=decision.status,
        held_reason=decision.summary,
        reason_codes=decision.codes,
        ip_address=ip,
        form_token=form_token.nonce if form_token else None,
        created_at=now,
    )
    # Every refusal is raised above, before this block, and a double submit fails no statement:
    # inside a transaction of the caller's (the request's, renderings.middleware) it needs no
    # savepoint, as nothing in it fails but what should fail the request.
    with transaction.atomic(savepoint=False):
        if not comment.insert_once(using=primary):
            # The same form, submitted twice at the same moment: the other request stored it.
            return PostResult(Comment.objects.using(primary).get(form_token=comment.form_token), created=False)

        _log_posted(comment=comment, note=decision.summary, new_address=sender.trust is None, using=primary)
        if comment.status == Status.PENDING:
            transaction.on_commit(notifications.notify_moderators, robust=True)
        elif comment.status == Status.APPROVED and parent is not None:
            transaction.on_commit(lambda: notifications.notify_reply(comment), robust=True)
    return PostResult(comment, created=True, decision=decision)


def _log_posted(*, comment: Comment, note: str, new_address: bool, using: str) -> None:
    """The log's entry for a post just stored and, from a new address, the commenter's row (trust 0).

    On PostgreSQL the two inserts go in one statement, the row's in a WITH before the entry's: a round
    trip less on a newcomer's post. Each is the insert the ORM compiles; the row's passes over a row
    another post of theirs made meanwhile (ON CONFLICT DO NOTHING, no savepoint needed). The entry's
    post_save is not sent that way (bulk_create never sent the row's): the receivers of every model's
    (renderings, the page cache) pass over both models.
    """
    entry = ModerationLog(
        comment=comment,
        actor_name="triage",
        action=ModerationLog.Action.POSTED,
        to_state=comment.status,
        note=note[:300],
    )
    commenter = Commenter(email=comment.email)
    connection = connections[using]
    if new_address and connection.vendor == "postgresql":
        commenter_sql, commenter_params = _insert_sql(commenter, using=using, on_conflict=OnConflict.IGNORE)
        entry_sql, entry_params = _insert_sql(entry, using=using)
        with connection.cursor() as cursor:
            cursor.execute(f"WITH commenter AS ({commenter_sql}) {entry_sql}", (*commenter_params, *entry_params))
        return
    if new_address:
        Commenter.objects.using(using).bulk_create([commenter], ignore_conflicts=True)
    entry.save(using=using)


def _insert_sql(obj: Model, *, using: str, on_conflict: OnConflict | None = None) -> tuple[str, tuple]:
    """The statement and parameters that insert `obj`, as the ORM writes them (bulk_create's, for one row)."""
    meta = obj._meta
    query = InsertQuery(type(obj), on_conflict=on_conflict)
    fields = [field for field in meta.local_concrete_fields if field is not meta.auto_field and not field.generated]
    query.insert_values(fields, [obj])
    [(statement, params)] = query.get_compiler(using=using).as_sql()
    return statement, tuple(params)


# --- Moderation -------------------------------------------------------------


def _adjust_trust(*, email: str, to_status: str) -> None:
    """The trust ladder: up a rung per approval; a rejection puts the commenter back under the
    threshold (pre-moderated again); spam sends them to the bottom."""
    commenter, _ = Commenter.objects.select_for_update().get_or_create(email=email)
    if to_status == Status.APPROVED:
        commenter.trust += 1
    elif to_status == Status.REJECTED:
        commenter.trust = max(0, min(commenter.trust - 1, settings.COMMENTS_TRUST_THRESHOLD - 1))
    elif to_status == Status.SPAM:
        commenter.trust = 0
    else:
        return
    commenter.save(update_fields=["trust", "updated_at"])


def _transition(*, comment: Comment, by, to_status: str, action: str, note: str = "", reason: str = "") -> bool:
    """Move `comment` to `to_status` and log it; False when it already was there."""
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        from_status = locked.status
        if from_status == to_status:
            return False
        locked.status = to_status
        locked.moderated_by = by
        locked.moderated_at = timezone.now()
        fields = ["status", "moderated_by", "moderated_at"]
        if to_status != Status.APPROVED and locked.featured:
            locked.featured = False
            fields.append("featured")
        if to_status in {Status.APPROVED, Status.REJECTED, Status.SPAM}:
            # A moderator has decided: the readers' flags so far are answered.
            locked.flags.filter(resolved=False).update(resolved=True)
            locked.flag_count = 0
            fields.append("flag_count")
        locked.save(update_fields=fields)
        if locked.email:
            _adjust_trust(email=locked.email, to_status=to_status)
        _log(
            comment=locked, by=by, action=action, from_state=from_status, to_state=to_status, note=note, reason=reason
        )
        if to_status == Status.APPROVED and from_status != Status.APPROVED:
            transaction.on_commit(lambda: notifications.notify_approved(locked), robust=True)
            if locked.parent_id:
                transaction.on_commit(lambda: notifications.notify_reply(locked), robust=True)
    for name in ("status", "moderated_by", "moderated_at", "featured", "flag_count"):
        setattr(comment, name, getattr(locked, name))
    return True


def comment_approve(*, comment: Comment, by, note: str = "") -> bool:
    """Publish `comment`; its author climbs the trust ladder and is told by mail."""
    return _transition(
        comment=comment, by=by, to_status=Status.APPROVED, action=ModerationLog.Action.APPROVE, note=note
    )


def comment_reject(*, comment: Comment, by, note: str = "", reason: str = "") -> bool:
    """Reject (or take down) `comment`, saying why in the log (a reason from the moderators' list, a
    note in their words); its author goes back under the trust threshold."""
    return _transition(
        comment=comment,
        by=by,
        to_status=Status.REJECTED,
        action=ModerationLog.Action.REJECT,
        note=note,
        reason=reason,
    )


def comment_mark_spam(*, comment: Comment, by, note: str = "", reason: str = "") -> bool:
    """File `comment` as spam, saying why in the log; its author's trust drops to zero."""
    return _transition(
        comment=comment, by=by, to_status=Status.SPAM, action=ModerationLog.Action.SPAM, note=note, reason=reason
    )


@transaction.atomic
def comment_feature(*, comment: Comment, by, featured: bool = True) -> bool:
    """Mark an approved comment as an editor's pick (or unmark it)."""
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if featured and locked.status != Status.APPROVED:
        raise ModerationError("Only approved comments can be featured.")
    if locked.featured == featured:
        return False
    locked.featured = featured
    locked.save(update_fields=["featured"])
    comment.featured = featured
    _log(
        comment=locked,
        by=by,
        action=ModerationLog.Action.FEATURE if featured else ModerationLog.Action.UNFEATURE,
        from_state="featured" if not featured else "not featured",
        to_state="featured" if featured else "not featured",
    )
    return True


def comment_edited(*, comment: Comment, by, fields: list[str]) -> None:
    """Log that `by` changed `fields` of the reader's comment (an editor correcting a typo, say)."""
    _log(
        comment=comment,
        by=by,
        action=ModerationLog.Action.EDIT,
        from_state=comment.status,
        to_state=comment.status,
        note=f"changed: {', '.join(fields)}",
    )


@transaction.atomic
def comment_delete(*, comment: Comment, by) -> None:
    """Delete `comment` (and the replies under it) for good; the log keeps a line for each."""
    doomed = [comment]
    frontier = [comment.pk]
    while frontier:
        children = list(Comment.objects.filter(parent_id__in=frontier))
        doomed += children
        frontier = [child.pk for child in children]
    for victim in doomed:
        _log(
            comment=None,
            by=by,
            action=ModerationLog.Action.DELETE,
            from_state=victim.status,
            to_state="deleted",
            subject=f"comment #{victim.pk}",
            # Not the commenter's name: a deleted comment leaves nothing of its author behind, which
            # an erasure (found by email) could not reach.
            note=f"on “{victim.article}”"[:300],
        )
    comment.delete()


# --- Readers' flags ---------------------------------------------------------


@dataclass(frozen=True)
class FlagResult:
    created: bool
    requeued: bool


@transaction.atomic
def comment_flag(*, comment: Comment, reason: str, ip: str) -> FlagResult:
    """Record a reader's flag; at COMMENTS_FLAG_THRESHOLD open flags the comment goes back to the queue."""
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if locked.status != Status.APPROVED:
        raise ModerationError("Only published comments can be flagged.")
    try:
        with transaction.atomic():
            Flag.objects.create(comment=locked, reason=reason, ip_address=ip)
    except IntegrityError:
        return FlagResult(created=False, requeued=False)
    open_flags = list(locked.flags.filter(resolved=False).values_list("reason", flat=True))
    locked.flag_count = len(open_flags)
    fields = ["flag_count"]
    requeued = locked.flag_count >= settings.COMMENTS_FLAG_THRESHOLD
    if requeued:
        labels = sorted({Flag.Reason(reason).label.lower() for reason in open_flags})
        locked.status = Status.PENDING
        locked.held_reason = f"held: flagged by {len(open_flags)} readers ({', '.join(labels)})"[:300]
        locked.reason_codes = ",flagged,"
        fields += ["status", "held_reason", "reason_codes"]
    locked.save(update_fields=fields)
    if requeued:
        _log(
            comment=locked,
            by=None,
            actor_name="readers",
            action=ModerationLog.Action.FLAGGED,
            from_state=Status.APPROVED,
            to_state=Status.PENDING,
            note=locked.held_reason,
        )
        transaction.on_commit(notifications.notify_moderators, robust=True)
    comment.status, comment.flag_count = locked.status, locked.flag_count
    return FlagResult(created=True, requeued=requeued)


# --- Suspensions and bans ---------------------------------------------------


@dataclass(frozen=True)
class BlockSaved:
    block: Block
    # Comments awaiting moderation from the blocked address or domain, rejected in the same step.
    rejected: int = 0


def block_save(*, block: Block, by, confirm_webmail: bool = False, reject_pending: bool = False) -> BlockSaved:
    """Create or change a suspension or ban, refusing a webmail domain unless confirmed; with
    `reject_pending`, reject the comments from it that await moderation, in the same transaction."""
    block.value = normalize_email(block.value).lstrip("@")
    if block.kind == Block.Kind.DOMAIN and block.value in settings.COMMENTS_WEBMAIL_DOMAINS and not confirm_webmail:
        raise ValidationError(f"{block.value} is a webmail domain that many readers share: confirm to ban it.")
    rejected = 0
    with transaction.atomic():
        before = Block.objects.filter(pk=block.pk).first() if block.pk else None
        if block.created_by is None:
            block.created_by = by
        block.save()
        _log(
            comment=None,
            by=by,
            action=ModerationLog.Action.BLOCK,
            from_state=_block_state(before) if before else "allowed",
            to_state=_block_state(block),
            subject=f"{block.kind}: {block.value}",
            note=block.reason,
        )
        if reject_pending:
            reason = "Author banned" if block.is_ban else "Author suspended"
            for comment in block.pending_comments().order_by("pk"):
                rejected += comment_reject(comment=comment, by=by, reason=reason, note=f"{block.kind}: {block.value}")
    return BlockSaved(block, rejected)


def block_lift(*, block: Block, by) -> None:
    with transaction.atomic():
        _log(
            comment=None,
            by=by,
            action=ModerationLog.Action.UNBLOCK,
            from_state=_block_state(block),
            to_state="allowed",
            subject=f"{block.kind}: {block.value}",
        )
        block.delete()


def _block_subject(email: str) -> str:
    """The subject of the log entries about a block of one address."""
    return f"{Block.Kind.EMAIL}: {email}"


def _block_state(block: Block) -> str:
    if block.until is None:
        return "banned"
    return f"suspended until {timezone.localtime(block.until):%Y-%m-%d %H:%M}"


# --- Mail preferences -------------------------------------------------------


def mail_mute(*, email: str, thread_id: int | None = None) -> MailMute:
    """Stop mail to `email` about one thread, or all mail when `thread_id` is None."""
    email = normalize_email(email)
    thread = Comment.objects.filter(pk=thread_id).first() if thread_id else None
    if thread_id and thread is None:
        raise ModerationError("That thread is gone, so no mail will come about it.")
    with transaction.atomic():
        mute, _ = MailMute.objects.get_or_create(email=email, thread=thread)
    return mute


# --- Privacy ----------------------------------------------------------------


def commenter_export(*, email: str) -> dict[str, Any]:
    """Everything stored about `email`, as plain data."""
    email = normalize_email(email)
    comments = Comment.objects.filter(email=email).select_related("article").order_by("created_at")
    commenter = Commenter.objects.filter(email=email).first()
    ids = [comment.pk for comment in comments]
    return {
        "email": email,
        "exported_at": timezone.now().isoformat(),
        "commenter": {"trust": commenter.trust, "since": commenter.created_at.isoformat()} if commenter else None,
        "comments": [
            {
                "id": comment.pk,
                "article": comment.article.title,
                "url": settings.SITE_URL + comment.article.get_absolute_url(),
                "in_reply_to": comment.parent_id,
                "name": comment.name,
                "email": comment.email,
                "body": comment.body,
                "status": comment.status,
                "featured": comment.featured,
                "triage": comment.held_reason,
                "ip_address": comment.ip_address,
                "posted_at": comment.created_at.isoformat(),
                "moderated_at": comment.moderated_at.isoformat() if comment.moderated_at else None,
            }
            for comment in comments
        ],
        "moderation_log": [
            {
                "comment": entry.comment_id,
                "subject": entry.subject,
                "action": entry.action,
                "from": entry.from_state,
                "to": entry.to_state,
                "reason": entry.reason,
                "note": entry.note,
                "at": entry.created_at.isoformat(),
            }
            for entry in ModerationLog.objects.filter(
                Q(comment_id__in=ids) | Q(subject=_block_subject(email))
            ).order_by("created_at", "pk")
        ],
        "blocks": [
            {
                "kind": block.kind,
                "value": block.value,
                "until": block.until.isoformat() if block.until else None,
                "reason": block.reason,
                "since": block.created_at.isoformat(),
            }
            for block in Block.objects.filter(kind=Block.Kind.EMAIL, value=email)
        ],
        "mail_mutes": [
            {"thread": mute.thread_id, "since": mute.created_at.isoformat()}
            for mute in MailMute.objects.filter(email=email)
        ],
    }


@transaction.atomic
def commenter_erase(*, email: str, by=None) -> dict[str, int]:
    """Erase everything stored about `email`.

    Comments under which others replied are emptied (name, address, text, IP) so that
    those replies keep their place; the rest are deleted with their flags and log entries.
    """
    email = normalize_email(email)
    own = Comment.objects.filter(email=email)
    ids = set(own.values_list("pk", flat=True))
    articles = own.values("article_id")
    parents = dict(Comment.objects.filter(article_id__in=articles).values_list("pk", "parent_id"))
    others = Comment.objects.filter(article_id__in=articles).exclude(email=email).values_list("pk", flat=True)
    keep: set[int] = set()
    for pk in others:
        ancestor = parents.get(pk)
        while ancestor:
            if ancestor in ids:
                keep.add(ancestor)
            ancestor = parents.get(ancestor)
    remove = ids - keep

    ModerationLog.objects.filter(comment_id__in=ids).delete()
    ModerationLog.objects.filter(subject=_block_subject(email)).delete()
    # The admin's own history names them too: a block's entries read "ada@example.com (banned)",
    # a comment's "Ada on <article>".
    own_blocks = Block.objects.filter(kind=Block.Kind.EMAIL, value=email).values_list("pk", flat=True)
    LogEntry.objects.filter(
        Q(content_type=ContentType.objects.get_for_model(Comment), object_id__in=[str(pk) for pk in ids])
        | Q(
            Q(object_id__in=[str(pk) for pk in own_blocks]) | Q(object_repr__startswith=f"{email} ("),
            content_type=ContentType.objects.get_for_model(Block),
        )
    ).delete()
    Flag.objects.filter(comment_id__in=ids).delete()
    mutes = MailMute.objects.filter(Q(email=email) | Q(thread_id__in=remove)).delete()[0]
    deleted = Comment.objects.filter(pk__in=remove).delete()[1].get("comments.Comment", 0)
    # A queryset update sends no signal: the pages showing these comments are renewed here.
    changed = set(Comment.objects.filter(pk__in=keep).values_list("article_id", flat=True))
    signals.content_changed.send(sender=Comment, dependencies=[pages.comments_of(pk) for pk in changed])
    emptied = Comment.objects.filter(pk__in=keep).update(
        name="",
        email="",
        body="",
        ip_address=None,
        form_token=None,
        held_reason="erased at the commenter's request",
        reason_codes="",
        status=Status.REJECTED,
        featured=False,
        flag_count=0,
    )
    for pk in sorted(keep):
        _log(
            comment=Comment(pk=pk),
            by=by,
            actor_name=_actor_name(by) if by else "erase command",
            action=ModerationLog.Action.ERASE,
            to_state=Status.REJECTED,
            note="emptied at the commenter's request; replies by others kept",
        )
    blocks = Block.objects.filter(kind=Block.Kind.EMAIL, value=email).delete()[0]
    commenters = Commenter.objects.filter(email=email).delete()[0]
    return {
        "comments_deleted": deleted,
        "comments_emptied": emptied,
        "blocks_deleted": blocks,
        "mutes_deleted": mutes,
        "commenter_deleted": commenters,
    }
