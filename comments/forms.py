from __future__ import annotations

import datetime
import secrets
import time
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core import signing
from django.utils import timezone

from core.sanitize import clean_plain_text
from core.textlimits import limit_text

from .models import Block, Flag, normalize_email

TOKEN_SALT = "comments.form-token"


@dataclass(frozen=True)
class FormToken:
    """What a comment form carries, signed: a nonce (one comment per form) and when it was shown."""

    nonce: str
    issued_at: datetime.datetime


def issue_form_token(started: float | None = None) -> str:
    """A new token; `started` (a timestamp) backdates when the reader is taken to have begun."""
    return signing.dumps({"n": secrets.token_urlsafe(18), "t": int(started or time.time())}, salt=TOKEN_SALT)


def read_form_token(value: str) -> FormToken | None:
    """The token in `value`, or None when it is missing or was tampered with."""
    try:
        data = signing.loads(value or "", salt=TOKEN_SALT)
        return FormToken(
            nonce=str(data["n"])[:64], issued_at=datetime.datetime.fromtimestamp(int(data["t"]), tz=datetime.UTC)
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError, OverflowError):
        return None


class CommentForm(forms.Form):
    """A reader's comment or reply. The labels are what a screen reader announces."""

    name = forms.CharField(
        max_length=80,
        help_text="Shown with your comment.",
        error_messages={"required": "Tell us the name to show with your comment."},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        max_length=254,
        help_text="Never shown. We use it only to tell you about your comment and replies to it.",
        error_messages={"required": "Give an email address; it is never shown."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    body = forms.CharField(
        label="Comment",
        error_messages={"required": "Write something before posting."},
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    token = forms.CharField(required=False, widget=forms.HiddenInput)
    # The honeypot: hidden from people by CSS and from screen readers by aria-hidden; bots fill it in.
    website = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, issue_token: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Over-long text is refused with a message and kept, never cut (core/textlimits.py); the
        # comment's limit is shown, and counted as the reader types.
        body = self.fields["body"]
        body.max_length = settings.COMMENTS_MAX_LENGTH
        body.help_text = f"Plain text, up to {body.max_length:,} characters. Web addresses become links."
        limit_text(
            body,
            message="Your comment is %(length)s characters long; the limit is %(limit)s. Shorten it by "
            "%(excess)s characters and post it again: your text is still here.",
            count=True,
        )
        limit_text(
            self.fields["name"],
            message="The name is %(length)s characters long; the limit is %(limit)s. Shorten it by %(excess)s.",
        )
        limit_text(
            self.fields["email"],
            message="The address is %(length)s characters long; the limit is %(limit)s.",
        )
        # A form on a cached page must not carry a token: every reader would share its nonce.
        # Its script asks for one (comments:token) instead.
        if not self.is_bound and issue_token:
            self.initial.setdefault("token", issue_form_token())
        self.form_token: FormToken | None = None

    def clean_name(self) -> str:
        name = clean_plain_text(self.cleaned_data["name"], single_line=True)
        if not name:
            raise forms.ValidationError("Tell us the name to show with your comment.", code="required")
        return name

    def clean_email(self) -> str:
        return normalize_email(self.cleaned_data["email"])

    def clean_body(self) -> str:
        body = clean_plain_text(self.cleaned_data["body"])
        if not body:
            raise forms.ValidationError("Write something before posting.", code="required")
        return body

    def clean(self) -> dict:
        cleaned = super().clean()
        self.form_token = read_form_token(cleaned.get("token", ""))
        if self.form_token is not None:
            age = timezone.now() - self.form_token.issued_at
            if age > datetime.timedelta(hours=settings.COMMENTS_FORM_MAX_AGE_HOURS):
                self.add_error(
                    None,
                    forms.ValidationError(
                        "This page was open for a long time, so we refreshed the form. "
                        "Your text is still here: post it again.",
                        code="expired",
                    ),
                )
        return cleaned

    def refresh_token_if_needed(self) -> None:
        """After errors: keep a good token (and its time), replace a missing, forged or expired one."""
        token = read_form_token(self.data.get("token", ""))
        expired = token and timezone.now() - token.issued_at > datetime.timedelta(
            hours=settings.COMMENTS_FORM_MAX_AGE_HOURS
        )
        if token is None or expired:
            self.data = self.data.copy()
            self.data["token"] = issue_form_token()


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label="What is wrong with this comment?",
        choices=Flag.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what is wrong with the comment."},
    )


class BlockAdminForm(forms.ModelForm):
    """Suspensions and bans, with a guard against banning a whole webmail domain by mistake."""

    confirm_webmail = forms.BooleanField(
        required=False,
        label="Yes, ban this webmail domain",
        help_text="Needed only for domains that many readers share, such as gmail.com.",
    )
    reject_pending = forms.BooleanField(
        required=False,
        label="Also reject their comments awaiting moderation",
        help_text="The moderation log gives the ban or suspension as the reason.",
    )

    class Meta:
        model = Block
        fields = ["kind", "value", "until", "reason"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The address the form was opened for (from a comment's page), or the block's own: say how
        # many of its comments wait.
        kind = self.initial.get("kind") or self.instance.kind
        value = self.initial.get("value") or self.instance.value
        if value:
            waiting = Block(kind=kind, value=value).pending_comments().count()
            field = self.fields["reject_pending"]
            field.label = f"Also reject the {waiting} comment{'s' if waiting != 1 else ''} awaiting moderation"
            field.help_text = f"From {value}, in the same step. {field.help_text}"

    def clean_value(self) -> str:
        return normalize_email(self.cleaned_data["value"]).lstrip("@")

    def clean(self) -> dict:
        cleaned = super().clean()
        kind, value = cleaned.get("kind"), cleaned.get("value")
        if not kind or not value:
            return cleaned
        if kind == Block.Kind.EMAIL:
            try:
                forms.EmailField().clean(value)
            except forms.ValidationError:
                self.add_error("value", "Enter an email address, or choose “Email domain”.")
        elif "@" in value or "." not in value:
            self.add_error("value", "Enter a domain such as example.com, without the @.")
        elif value in settings.COMMENTS_WEBMAIL_DOMAINS and not cleaned.get("confirm_webmail"):
            self.add_error(
                "confirm_webmail",
                f"{value} is a webmail domain that many readers use: banning it refuses all of them. "
                "Tick the box to ban it anyway.",
            )
        return cleaned
