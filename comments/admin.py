"""The moderation desk: the comment queue, the word list, suspensions and bans, the log.

Moderation goes through comments/services.py, so that every step is logged. Who may do
what is model permissions: `comments.moderate_comment` to approve, reject, mark spam and
feature; `comments.change_comment` (editors) to correct a comment's text as well.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import truncatechars
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from articles.models import Article
from core.textlimits import TextLimitsAdminMixin, limit_text

from . import services
from .forms import BlockAdminForm
from .models import Block, Comment, Commenter, Flag, MailMute, ModerationLog, ModerationReason, WordListEntry
from .triage import REASONS

Status = Comment.Status
MODERATE = "comments.moderate_comment"

# The moderation steps, by the name of their admin action and of their button. Rejecting and
# marking spam say why: a reason from the moderators' list and a note, both kept in the log.
STEPS = {
    "approve": ("Approve", "approved", lambda comment, by, **why: services.comment_approve(comment=comment, by=by)),
    "reject": (
        "Reject",
        "rejected",
        lambda comment, by, **why: services.comment_reject(comment=comment, by=by, **why),
    ),
    "mark_spam": (
        "Spam",
        "marked as spam",
        lambda comment, by, **why: services.comment_mark_spam(comment=comment, by=by, **why),
    ),
    "feature": ("Feature", "featured", lambda comment, by, **why: services.comment_feature(comment=comment, by=by)),
    "unfeature": (
        "Unfeature",
        "unfeatured",
        lambda comment, by, **why: services.comment_feature(comment=comment, by=by, featured=False),
    ),
}
SAYS_WHY = {"reject", "mark_spam"}
NOTE_LIMIT = ModerationLog._meta.get_field("note").max_length


class WhyForm(forms.Form):
    """Why a comment is rejected or marked spam: a reason from the moderators' list, a note."""

    reason = forms.ModelChoiceField(
        queryset=ModerationReason.objects.all(),
        required=False,
        empty_label="(no reason given)",
        label="Reason (reject, spam):",
    )
    note = forms.CharField(required=False, max_length=NOTE_LIMIT, label="Note:")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self.fields["note"], count=True)

    def why(self) -> dict[str, str]:
        reason = self.cleaned_data.get("reason")
        return {"reason": reason.text if reason else "", "note": self.cleaned_data.get("note", "")}


class ModerationActionForm(ActionForm, WhyForm):
    """The queue's bulk actions, with the reason and note next to them."""

    field_order = ["action", "reason", "note"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The admin renders the actions without ids; the note's live count needs one.
        self.fields["note"].widget.attrs["id"] = "action-note"


def _history_count(statuses: list[str]) -> Coalesce:
    counts = (
        Comment.objects.filter(email=OuterRef("email"), status__in=statuses)
        .order_by()
        .values("email")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


class ReasonFilter(admin.SimpleListFilter):
    title = "triage reason"
    parameter_name = "reason"

    def lookups(self, request, model_admin):
        return list(REASONS.items())

    def queryset(self, request, queryset):
        if self.value() in REASONS:
            return queryset.filter(reason_codes__contains=f",{self.value()},")
        return queryset


class FlaggedFilter(admin.SimpleListFilter):
    title = "flags"
    parameter_name = "flagged"

    def lookups(self, request, model_admin):
        return [("open", "Open flags"), ("ever", "Ever flagged"), ("never", "Never flagged")]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(flag_count__gt=0)
        if self.value() == "ever":
            return queryset.filter(Q(flag_count__gt=0) | Q(flags__isnull=False)).distinct()
        if self.value() == "never":
            return queryset.filter(flags__isnull=True)
        return queryset


class ArticleFilter(admin.SimpleListFilter):
    """The articles with the most comments awaiting moderation, and the one chosen.

    Listing every commented article, as Django's related filter does, put 9,300 titles in the
    sidebar on the bench corpus: a 1.9 MB page that took 3 s to build.
    """

    title = "article (comments awaiting moderation)"
    parameter_name = "article__id__exact"
    shown = 15

    def lookups(self, request, model_admin):
        # Counted off the index of pending comments alone; the titles are fetched for the few shown.
        busiest = dict(
            Comment.objects.pending()
            .values_list("article_id")
            .annotate(waiting=Count("*"))
            .order_by("-waiting", "-article_id")[: self.shown]
        )
        chosen = self.chosen_id()
        titles = dict(Article.objects.filter(pk__in=[*busiest, chosen]).values_list("pk", "title"))
        choices = [(str(pk), f"{truncatechars(titles[pk], 60)} ({waiting})") for pk, waiting in busiest.items()]
        if chosen not in busiest and chosen in titles:
            choices.append((str(chosen), truncatechars(titles[chosen], 60)))
        return choices

    def chosen_id(self) -> int | None:
        try:
            pk = int(self.value() or "")
        except ValueError:
            return None
        return pk if 0 < pk < 2**63 else None

    def has_output(self) -> bool:
        # Without it a filter with nothing to offer is dropped, and the article asked for with it.
        return bool(self.lookup_choices) or self.value() is not None

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if (chosen := self.chosen_id()) is None:
            # The admin's own answer to a bad filter in the address: the list again, with ?e=1.
            raise IncorrectLookupParameters(f"No article has the id {self.value()!r}.")
        return queryset.filter(article_id=chosen)


class FlagInline(admin.TabularInline):
    model = Flag
    extra = 0
    fields = ["reason", "ip_address", "resolved", "created_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class LogInline(admin.TabularInline):
    model = ModerationLog
    extra = 0
    fields = ["created_at", "actor_name", "action", "from_state", "to_state", "reason", "note"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = "moderation log"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(TextLimitsAdminMixin, admin.ModelAdmin):
    list_display = ["excerpt", "status", "triage", "author", "article_title", "flag_count", "featured", "created_at"]
    # "When posted" (today, past 7 days…) needs no query; a date hierarchy's list of years read every
    # comment (175 ms on the bench corpus).
    list_filter = [
        "status",
        ReasonFilter,
        FlaggedFilter,
        "featured",
        ("created_at", admin.DateFieldListFilter),
        ArticleFilter,
    ]
    list_select_related = ["article"]
    list_per_page = 50
    # A filtered queue says "N results" without counting every comment again ("of N total").
    show_full_result_count = False
    search_fields = ["name", "email", "body", "article__title", "ip_address"]
    actions = list(STEPS)
    action_form = ModerationActionForm
    inlines = [FlagInline, LogInline]
    fields = [
        "article_link",
        "parent_link",
        ("name", "email"),
        "body",
        ("status", "featured"),
        "held_reason",
        "author_history",
        ("ip_address", "flag_count"),
        ("created_at", "moderated_at", "moderated_by"),
    ]
    readonly_fields = [
        "article_link",
        "parent_link",
        "status",
        "featured",
        "held_reason",
        "author_history",
        "ip_address",
        "flag_count",
        "created_at",
        "moderated_at",
        "moderated_by",
    ]

    class Media:
        css = {"all": ["css/comments-admin.css"]}
        js = ["js/comments-admin.js"]

    # --- The queue --------------------------------------------------------------

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                approved_count=_history_count([Status.APPROVED]),
                rejected_count=_history_count([Status.REJECTED, Status.SPAM]),
            )
        )

    def get_ordering(self, request):
        # Pending first, oldest first: the queue is worked from the top.
        pending_first = Case(When(status=Status.PENDING, then=Value(0)), default=Value(1))
        return [pending_first.asc(), "created_at", "pk"]

    @admin.display(description="Comment")
    def excerpt(self, comment: Comment) -> str:
        return truncatechars(comment.body, 90) or "(erased)"

    @admin.display(description="Triage", ordering="held_reason")
    def triage(self, comment: Comment) -> str:
        return comment.held_reason

    @admin.display(description="Article", ordering="article__title")
    def article_title(self, comment: Comment) -> str:
        return truncatechars(comment.article.title, 50)

    @admin.display(description="Author, email, IP and history", ordering="email")
    def author(self, comment: Comment) -> str:
        return format_html(
            '<span class="comment-author">{}</span><br>{}<br>{}<br><span class="comment-history">{}</span>',
            comment.name or "(erased)",
            comment.email or "—",
            comment.ip_address or "no IP",
            f"{comment.approved_count} approved, {comment.rejected_count} rejected",
        )

    @admin.display(description="Article")
    def article_link(self, comment: Comment) -> str:
        # The page as readers see it: moderators have no business in the article's admin.
        return format_html('<a href="{}">{}</a>', comment.article.get_absolute_url(), comment.article)

    @admin.display(description="In reply to")
    def parent_link(self, comment: Comment) -> str:
        if not comment.parent_id:
            return "—"
        parent = comment.parent
        return format_html(
            '<a href="{}">{}</a>: {}',
            reverse("admin:comments_comment_change", args=[parent.pk]),
            parent.name or "(erased)",
            truncatechars(parent.body, 120),
        )

    @admin.display(description="Author's history")
    def author_history(self, comment: Comment) -> str:
        if not comment.email:
            return "—"
        counts = dict(
            Comment.objects.filter(email=comment.email).order_by().values_list("status").annotate(n=Count("pk"))
        )
        commenter = Commenter.objects.filter(email=comment.email).first()
        parts = [f"{counts.get(status, 0)} {label.lower()}" for status, label in Status.choices]
        trust = f"trust {commenter.trust}" if commenter else "no standing yet"
        return f"{', '.join(parts)} · {trust}"

    # --- Permissions ------------------------------------------------------------

    def has_add_permission(self, request):
        return False  # comments come from readers

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        # In the change form's transaction: the correction and its log line stand or fall together.
        if change and form.changed_data:
            services.comment_edited(comment=obj, by=request.user, fields=form.changed_data)

    def delete_model(self, request, obj) -> None:
        services.comment_delete(comment=obj, by=request.user)

    def log_deletions(self, request, queryset) -> None:
        """Nothing in the admin's history: the moderation log keeps the deletion, without the
        commenter's name that the history's "Ada on <article>" would keep out of an erasure's reach."""

    def delete_queryset(self, request, queryset) -> None:
        for comment in queryset:
            if Comment.objects.filter(pk=comment.pk).exists():  # not gone with a deleted parent
                services.comment_delete(comment=comment, by=request.user)

    def has_moderate_permission(self, request) -> bool:
        return request.user.has_perm(MODERATE)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields

    # --- Moderation: bulk actions, buttons and keyboard ---------------------------

    def _why(self, request, step: str) -> dict[str, str] | None:
        """The reason and note sent with a step that says why (empty for the others); None, with a
        message, when they cannot be taken (a note longer than the log keeps)."""
        if step not in SAYS_WHY:
            return {}
        form = WhyForm(request.POST)
        if not form.is_valid():
            errors = "; ".join(message for messages_ in form.errors.values() for message in messages_)
            self.message_user(request, f"Nothing was done: {errors}", messages.ERROR)
            return None
        return form.why()

    def _apply(self, request, step: str, comments) -> bool:
        """Run `step` on `comments`, with a message saying what was done; False if nothing was."""
        label, done, run = STEPS[step]
        if (why := self._why(request, step)) is None:
            return False
        changed = skipped = 0
        for comment in comments:
            try:
                changed += bool(run(comment, request.user, **why))
            except services.ModerationError:
                skipped += 1
        message = f"{changed} comment{'s' if changed != 1 else ''} {done}"
        if why.get("reason"):
            message += f" ({why['reason']})"
        message += "."
        if skipped:
            message += f" {skipped} skipped: only approved comments can be featured."
        self.message_user(request, message, messages.WARNING if skipped else messages.SUCCESS)
        return True

    @admin.action(description="Approve selected comments (a)", permissions=["moderate"])
    def approve(self, request, queryset) -> None:
        self._apply(request, "approve", queryset)

    @admin.action(description="Reject selected comments (r)", permissions=["moderate"])
    def reject(self, request, queryset) -> None:
        self._apply(request, "reject", queryset)

    @admin.action(description="Mark selected comments as spam (s)", permissions=["moderate"])
    def mark_spam(self, request, queryset) -> None:
        self._apply(request, "mark_spam", queryset)

    @admin.action(description="Feature selected comments as editor's picks (f)", permissions=["moderate"])
    def feature(self, request, queryset) -> None:
        self._apply(request, "feature", queryset)

    @admin.action(description="Unfeature selected comments", permissions=["moderate"])
    def unfeature(self, request, queryset) -> None:
        self._apply(request, "unfeature", queryset)

    def get_urls(self):
        moderate = self.admin_site.admin_view(require_POST(self.moderate_view))
        return [
            path("<path:object_id>/moderate/", moderate, name="comments_comment_moderate"),
            *super().get_urls(),
        ]

    def moderate_view(self, request: HttpRequest, object_id: str):
        """One step from the comment's page, then on to the next comment in the queue."""
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        step = request.POST.get("step", "")
        if step not in STEPS:
            raise PermissionDenied
        comment = get_object_or_404(Comment, pk=object_id)
        if not self._apply(request, step, [comment]):
            # Back to the comment, with the message saying why nothing was done.
            return HttpResponseRedirect(reverse("admin:comments_comment_change", args=[comment.pk]))
        following = (
            Comment.objects.pending()
            .exclude(pk=comment.pk)
            .filter(Q(created_at__gt=comment.created_at) | Q(created_at=comment.created_at, pk__gt=comment.pk))
            .order_by("created_at", "pk")
            .first()
        ) or Comment.objects.pending().exclude(pk=comment.pk).order_by("created_at", "pk").first()
        if following is not None and step in {"approve", "reject", "mark_spam"}:
            return HttpResponseRedirect(reverse("admin:comments_comment_change", args=[following.pk]))
        if step in {"feature", "unfeature"}:
            return HttpResponseRedirect(reverse("admin:comments_comment_change", args=[comment.pk]))
        return HttpResponseRedirect(reverse("admin:comments_comment_changelist") + "?status__exact=pending")

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_moderate": self.has_moderate_permission(request),
            "can_block": request.user.has_perm("comments.add_block"),
            "steps": [(name, label) for name, (label, _, _) in STEPS.items()],
            "why_form": WhyForm(auto_id="moderation-%s"),
        }
        return super().changeform_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_moderate": self.has_moderate_permission(request)}
        return super().changelist_view(request, extra_context)


@admin.register(WordListEntry)
class WordListEntryAdmin(admin.ModelAdmin):
    list_display = ["phrase", "kind", "note", "created_at"]
    list_filter = ["kind"]
    search_fields = ["phrase", "note"]


@admin.register(ModerationReason)
class ModerationReasonAdmin(admin.ModelAdmin):
    """The reasons moderators choose from when they reject a comment or mark it spam."""

    list_display = ["text", "order"]
    list_editable = ["order"]
    search_fields = ["text"]


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    form = BlockAdminForm
    list_display = ["value", "kind", "state", "reason", "created_by", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value", "reason"]
    fields = ["kind", "value", "until", "reason", "confirm_webmail", "reject_pending"]

    def get_fields(self, request, obj=None):
        # Rejecting is moderating: only for those who may.
        fields = super().get_fields(request, obj)
        return fields if request.user.has_perm(MODERATE) else [f for f in fields if f != "reject_pending"]

    @admin.display(description="In force")
    def state(self, block: Block) -> str:
        if block.until is None:
            return "banned"
        return f"suspended until {block.until:%Y-%m-%d %H:%M}"

    def save_model(self, request, obj, form, change) -> None:
        reject_pending = bool(form.cleaned_data.get("reject_pending")) and request.user.has_perm(MODERATE)
        try:
            saved = services.block_save(
                block=obj,
                by=request.user,
                confirm_webmail=form.cleaned_data.get("confirm_webmail"),
                reject_pending=reject_pending,
            )
        except ValidationError as error:  # the form checks this first; kept for other callers
            raise PermissionDenied(error.messages[0]) from error
        if reject_pending:
            count = saved.rejected
            self.message_user(
                request,
                f"{count} comment{'s' if count != 1 else ''} from {obj.value} awaiting moderation "
                f"{'were' if count != 1 else 'was'} rejected.",
                messages.SUCCESS,
            )

    def delete_model(self, request, obj) -> None:
        services.block_lift(block=obj, by=request.user)

    def delete_queryset(self, request, queryset) -> None:
        for block in queryset:
            services.block_lift(block=block, by=request.user)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ModerationLog)
class ModerationLogAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "actor_name",
        "action",
        "comment_link",
        "from_state",
        "to_state",
        "subject",
        "reason",
        "note",
    ]
    list_filter = ["action", "actor_name"]
    search_fields = ["actor_name", "subject", "reason", "note", "comment__body", "comment__email"]
    date_hierarchy = "created_at"

    def has_delete_permission(self, request, obj=None):
        return False  # the log is the audit trail: nobody edits it

    @admin.display(description="Comment")
    def comment_link(self, entry: ModerationLog) -> str:
        if not entry.comment_id:
            return "—"
        return format_html(
            '<a href="{}">#{}</a>', reverse("admin:comments_comment_change", args=[entry.comment_id]), entry.comment_id
        )


@admin.register(Commenter)
class CommenterAdmin(ReadOnlyAdmin):
    list_display = ["email", "trust", "trusted", "created_at"]
    search_fields = ["email"]

    @admin.display(description="Trusted", boolean=True)
    def trusted(self, commenter: Commenter) -> bool:
        return commenter.is_trusted


@admin.register(MailMute)
class MailMuteAdmin(ReadOnlyAdmin):
    list_display = ["email", "thread", "created_at"]
    search_fields = ["email"]
