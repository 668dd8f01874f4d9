"""Readers' comments on articles and everything moderators keep about them.

State changes go through comments/services.py, which logs each one; nothing here
changes a comment's status by itself.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models, router
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.constants import OnConflict
from django.db.models.functions import Coalesce, Now
from django.db.models.signals import post_save, pre_save
from django.urls import reverse
from django.utils import timezone

from articles.models import Article

from . import chains
from .matching import fingerprint


def normalize_email(email: str) -> str:
    """Emails are matched without regard to case: trust, blocks and mutes follow the address."""
    return (email or "").strip().lower()


def email_domain(email: str) -> str:
    return normalize_email(email).rpartition("@")[2]


def page_path(article: Article, number: int) -> str:
    """Page one is the article itself; later pages have their own address."""
    if number <= 1:
        return article.get_absolute_url()
    return reverse("comments:page", kwargs={"slug": article.slug, "page": number})


class CommentQuerySet(models.QuerySet):
    def approved(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.PENDING)

    def by_email(self, email: str) -> CommentQuerySet:
        return self.filter(email=normalize_email(email))

    def thread_heads(self, article) -> CommentQuerySet:
        """The top-level comments that take a place on the pages of `article` (an Article or its id), in
        page order: approved, or removed with replies still shown (comments/threads.py)."""
        return (
            self.filter(article=article)
            .filter(chains.takes_a_place(Comment.Status.APPROVED))
            .order_by("created_at", "pk")
        )


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    # New columns carry a database default too, so that the release before them can still insert rows.
    depth = models.PositiveSmallIntegerField(
        default=0, db_default=0, help_text="0 for a comment, 1 for a reply to it, and so on."
    )
    name = models.CharField(max_length=80)
    email = models.EmailField(db_index=True, help_text="Never shown on the site.")
    body = models.TextField(help_text="Plain text as the reader typed it, less invisible and control characters.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    featured = models.BooleanField("editor's pick", default=False, db_default=False)
    held_reason = models.CharField(
        "triage", max_length=300, blank=True, help_text="Why the comment was published, held or refused."
    )
    # The triage reasons as codes, comma-delimited (",links,first_comment,"), for the admin's filter.
    reason_codes = models.CharField(max_length=200, blank=True, editable=False, default="", db_default="")
    flag_count = models.PositiveIntegerField("open flags", default=0, db_default=0)
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    # The nonce of the form it was posted with: a second submit of the same form stores nothing.
    form_token = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    # The body's digest as duplicates are compared (comments.matching.fingerprint), kept with the row.
    fingerprint = models.CharField(max_length=32, blank=True, editable=False, default="", db_default="")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_article_status_idx"),
            models.Index(fields=["status", "created_at"], name="comment_queue_idx"),
            # The moderation queue's order (CommentAdmin.get_ordering): pending first, then oldest first.
            models.Index(
                Case(When(status="pending", then=Value(0)), default=Value(1)),
                F("created_at"),
                F("id"),
                name="comment_queue_order_idx",
            ),
            # The pages of a thread (CommentQuerySet.thread_heads): an article's top-level comments
            # in page order. Without it the busiest article's first page read the whole table's
            # parent_id index (17 ms on the bench corpus; 0.2 ms with it).
            models.Index(
                fields=["article", "created_at", "id"],
                condition=Q(parent__isnull=True),
                name="comment_thread_heads_idx",
            ),
            # The duplicate check on every post (comments.triage.find_duplicate): the day's comments
            # from the same email or address. Without it each post read all of the day's comments
            # (9.5 ms for 3,000 on the bench corpus; 0.07 ms with it).
            models.Index(fields=["ip_address", "created_at"], name="comment_ip_recent_idx"),
            # The sender's side of it, and the count of their comments that tells a first comment: both
            # read the whole table without it (a sequential scan of every comment on every post).
            models.Index(fields=["email", "created_at"], name="comment_email_recent_idx"),
            # ... and the same text among them: one row found by its digest, where each post used to
            # normalise up to 200 recent bodies to compare them (7 ms a post from one busy address).
            models.Index(fields=["fingerprint"], condition=~Q(fingerprint=""), name="comment_fingerprint_idx"),
            # The moderation queue's article filter (comments.admin.ArticleFilter): pending comments
            # counted by article off the index alone (127 ms with 36,759 pending; 6.6 ms with it).
            models.Index(fields=["article"], condition=Q(status="pending"), name="comment_pending_article_idx"),
        ]
        permissions = [("moderate_comment", "Can moderate comments (approve, reject, spam, feature)")]

    def __str__(self) -> str:
        return f"{self.name} on {self.article}"

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        body_saved = update_fields is None or "body" in update_fields
        self._derive_fields(body_saved=body_saved)
        if body_saved and update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "fingerprint"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """The comment on the page of comments that holds its thread (a query or two: not for lists)."""
        return f"{page_path(self.article, self.page_number())}#comment-{self.pk}"

    def _derive_fields(self, *, body_saved: bool = True) -> None:
        """What the row keeps derived from its own fields, set before it is written."""
        self.email = normalize_email(self.email)
        if body_saved:
            self.fingerprint = fingerprint(self.body)
        if self.parent_id and not self.depth:
            self.depth = self.parent.depth + 1

    def insert_once(self, *, using: str | None = None) -> bool:
        """Insert this new comment as save() would, unless a comment with its form token is stored
        already (the same form submitted twice): False then, and nothing is written.

        save() fails on that conflict, which inside the request's transaction took a savepoint around
        every post's insert (two round trips more) for a rare double click; ON CONFLICT DO NOTHING
        (INSERT OR IGNORE on SQLite) settles it in the insert itself. The model's signals are sent as
        save() sends them: the page cache and the stored pages hear of a comment published. (SQLite's
        OR IGNORE also passes over a NOT NULL or CHECK failure: no comment has the token then, and the
        caller's look-up of it fails, as save() would have.)
        """
        if self.form_token is None:
            # Nothing to conflict with; and SQLite's OR IGNORE would pass over any other failure.
            self.save(using=using, force_insert=True)
            return True
        using = using or router.db_for_write(type(self), instance=self)
        meta = self._meta
        self._derive_fields()
        pre_save.send(sender=type(self), instance=self, raw=False, using=using, update_fields=None)
        fields = [
            field for field in meta.local_concrete_fields if field is not meta.auto_field and not field.generated
        ]
        # save()'s own insert (Model._do_insert), with on_conflict: bulk_create(ignore_conflicts=True)
        # would say nothing of which happened, and gives no pk back on PostgreSQL.
        rows = type(self)._base_manager._insert(
            [self], fields=fields, returning_fields=[meta.pk], using=using, on_conflict=OnConflict.IGNORE
        )
        # No row comes back when the insert did nothing.
        if not rows or rows[0] is None:
            return False
        self.pk = rows[0][0]
        self._state.db, self._state.adding = using, False
        post_save.send(sender=type(self), instance=self, created=True, update_fields=None, raw=False, using=using)
        return True

    def page_number(self) -> int:
        """The page of comments that shows this comment's thread: where its top-level comment falls."""
        if self.parent_id is None:
            head_pk, head_at = self.pk, self.created_at
        else:
            # The farthest comment up the chain is the top-level one.
            ups = list(reversed(chains.reply_levels()))
            head_pk, head_at = (
                Comment.objects.filter(pk=self.pk)
                .values_list(
                    Coalesce(*(F(chains.lookup_up(up, "id")) for up in ups), F("pk"), output_field=IntegerField()),
                    Coalesce(*(F(chains.lookup_up(up, "created_at")) for up in ups), F("created_at")),
                )
                .get()
            )
        before = (
            Comment.objects.thread_heads(self.article_id)
            .filter(Q(created_at__lt=head_at) | Q(created_at=head_at, pk__lt=head_pk))
            .count()
        )
        return before // settings.COMMENTS_THREADS_PER_PAGE + 1

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    def thread_root_id(self) -> int:
        """The top-level comment this one belongs to (itself for a top-level comment)."""
        comment = self
        while comment.parent_id:
            comment = comment.parent
        return comment.pk


class Commenter(models.Model):
    """A commenter's standing, by email: the trust ladder out of pre-moderation."""

    email = models.EmailField(unique=True)
    trust = models.PositiveIntegerField(
        default=0,
        help_text="Up one per approval, below the threshold after a rejection, zero after spam.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    @property
    def is_trusted(self) -> bool:
        return self.trust >= settings.COMMENTS_TRUST_THRESHOLD


class BlockQuerySet(models.QuerySet):
    def in_force(self, at=None) -> BlockQuerySet:
        return self.filter(Q(until__isnull=True) | Q(until__gt=at or timezone.now()))

    def for_email(self, email: str, at=None) -> BlockQuerySet:
        email = normalize_email(email)
        return self.in_force(at).filter(
            Q(kind=Block.Kind.EMAIL, value=email) | Q(kind=Block.Kind.DOMAIN, value=email_domain(email))
        )


class Block(models.Model):
    """A suspension (with an end) or a ban (without) of an email address or a whole email domain."""

    class Kind(models.TextChoices):
        EMAIL = "email", "Email address"
        DOMAIN = "domain", "Email domain"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.EMAIL)
    value = models.CharField(
        "address or domain", max_length=254, help_text="An address (ada@example.com) or a domain (example.com)."
    )
    until = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty to ban for good; set a time to suspend until then."
    )
    reason = models.CharField(max_length=300, blank=True, help_text="For the moderators; never shown to the reader.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BlockQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "suspension or ban"
        verbose_name_plural = "suspensions and bans"
        indexes = [models.Index(fields=["kind", "value"], name="block_kind_value_idx")]

    def __str__(self) -> str:
        what = "suspended" if self.until else "banned"
        return f"{self.value} ({what})"

    def save(self, *args, **kwargs) -> None:
        self.value = normalize_email(self.value).lstrip("@")
        super().save(*args, **kwargs)

    @property
    def is_ban(self) -> bool:
        return self.until is None

    def pending_comments(self) -> CommentQuerySet:
        """The comments awaiting moderation from the address (or domain) this blocks."""
        pending = Comment.objects.pending()
        if self.kind == self.Kind.DOMAIN:
            return pending.filter(email__endswith=f"@{normalize_email(self.value).lstrip('@')}")
        return pending.filter(email=normalize_email(self.value))

    def refusal_message(self) -> str:
        """What the reader is told when a comment is refused because of this block."""
        if self.kind == self.Kind.DOMAIN:
            return "Comments from this email domain are not accepted."
        if self.until:
            until = timezone.localtime(self.until).strftime("%-d %B %Y, %H:%M")
            return f"This email address is suspended from commenting until {until}."
        return "This email address can no longer comment here."


class WordListEntry(models.Model):
    """A word or phrase that triage looks for in a comment's name and text."""

    class Kind(models.TextChoices):
        BANNED = "banned", "Banned: the comment goes to spam"
        SUSPECT = "suspect", "Suspect: the comment is held for a moderator"

    phrase = models.CharField(
        max_length=200,
        unique=True,
        help_text="Whole words, ignoring case, accents and lookalikes; casino* finds casinos.",
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SUSPECT)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # With the count of entries, tells each server process when to compile the list again
    # (comments.triage.WordList.current): every post checks it, rather than reading the list.
    updated_at = models.DateTimeField(auto_now=True, db_default=Now())

    class Meta:
        ordering = ["kind", "phrase"]
        verbose_name = "word list entry"
        verbose_name_plural = "word list"

    def __str__(self) -> str:
        return self.phrase


class Flag(models.Model):
    """A reader's report of an approved comment."""

    class Reason(models.TextChoices):
        ABUSE = "abuse", "Abusive or hateful"
        SPAM = "spam", "Spam or advertising"
        OFF_TOPIC = "off_topic", "Off-topic"
        PRIVACY = "privacy", "Reveals someone's private information"
        OTHER = "other", "Something else"

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="flags")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    ip_address = models.GenericIPAddressField("IP address")
    resolved = models.BooleanField(default=False, help_text="A moderator decided on the comment after this flag.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["comment", "ip_address"], name="one_flag_per_reader")]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} on #{self.comment_id}"


class ModerationReason(models.Model):
    """A reason for rejecting a comment or marking it spam, from the list the moderators keep."""

    text = models.CharField(
        max_length=100, unique=True, help_text="As the moderation log shows it, e.g. “Personal attack”."
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first in the list.")

    class Meta:
        ordering = ["order", "text"]

    def __str__(self) -> str:
        return self.text


class ModerationLog(models.Model):
    """One moderation step: who (a moderator, or triage and readers when empty), when, from → to."""

    class Action(models.TextChoices):
        POSTED = "posted", "Posted (triage)"
        APPROVE = "approve", "Approved"
        REJECT = "reject", "Rejected"
        SPAM = "spam", "Marked as spam"
        FEATURE = "feature", "Featured"
        UNFEATURE = "unfeature", "Unfeatured"
        FLAGGED = "flagged", "Back to the queue after flags"
        BLOCK = "block", "Suspended or banned"
        UNBLOCK = "unblock", "Lifted a suspension or ban"
        EDIT = "edit", "Edited"
        DELETE = "delete", "Deleted"
        ERASE = "erase", "Erased on request"

    # Kept when a comment is deleted: the log outlives what it records.
    comment = models.ForeignKey(Comment, null=True, blank=True, on_delete=models.SET_NULL, related_name="log")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField("who", max_length=150, help_text="Kept if the user is deleted.")
    action = models.CharField(max_length=20, choices=Action.choices)
    from_state = models.CharField("from", max_length=40, blank=True)
    to_state = models.CharField("to", max_length=40, blank=True)
    subject = models.CharField(max_length=254, blank=True, help_text="The address or domain of a block.")
    # The reason's words as they were when given: the list may change, the log does not.
    reason = models.CharField(
        max_length=100, blank=True, default="", db_default="", help_text="Why it was rejected or marked spam."
    )
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "moderation log entry"
        verbose_name_plural = "moderation log"

    def __str__(self) -> str:
        target = f"#{self.comment_id}" if self.comment_id else self.subject
        return f"{self.actor_name}: {self.get_action_display()} {target} ({self.from_state} → {self.to_state})"


class MailMute(models.Model):
    """An address that asked for no more mail about one thread, or none at all (thread empty)."""

    email = models.EmailField()
    thread = models.ForeignKey(Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["email", "thread"], name="one_mute_per_thread"),
            models.UniqueConstraint(fields=["email"], condition=Q(thread__isnull=True), name="one_mute_for_all"),
        ]

    def __str__(self) -> str:
        return f"{self.email} muted {'thread #' + str(self.thread_id) if self.thread_id else 'all mail'}"

    def save(self, *args, **kwargs) -> None:
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)
