"""Length limits that say so, instead of cutting text short.

A browser's `maxlength` cuts a paste to the limit without a word: a 20,000-character comment was
posted as its first 5,000, a 1,000-character headline saved mid-word. Fields here carry their limit
as `data-maxlength` instead, which static/js/textlimit.js turns into a live count ("5,120 of 5,000
characters: 120 too many"), and the server refuses over-long text with a message, keeping the
text in the form. Without JavaScript the server's message is all there is, and it is enough.
"""

from __future__ import annotations

from django import forms
from django.core.validators import BaseValidator, MaxLengthValidator
from django.utils.deconstruct import deconstructible

# Limits from which a field shows its live count; shorter ones (a name, a slug) only refuse.
COUNT_FROM = 300
SCRIPT = "js/textlimit.js"
STYLES = "css/textlimit.css"


def text_length(text: str) -> int:
    """Characters as the writer sees them: a line break is one, though browsers send it as two."""
    return len(text.replace("\r\n", "\n"))


@deconstructible
class TextLimitValidator(BaseValidator):
    """At most `limit_value` characters, with a message that says by how much and keeps the text."""

    message = (
        "This is %(length)s characters long; the limit is %(limit)s. Shorten it by %(excess)s: "
        "nothing was saved, and your text is still here."
    )
    code = "max_length"

    def compare(self, length: int, limit: int) -> bool:
        return length > limit

    def clean(self, value: str) -> int:
        return text_length(value)

    def __call__(self, value: str) -> None:
        length, limit = self.clean(value), self.limit_value
        if self.compare(length, limit):
            params = {"length": f"{length:,}", "limit": f"{limit:,}", "excess": f"{length - limit:,}"}
            raise forms.ValidationError(self.message, code=self.code, params=params)


def limit_text(field: forms.CharField, *, message: str | None = None, count: bool | None = None) -> None:
    """Give `field` (with a max_length) a limit that refuses rather than cuts, and, for long text,
    a live count; `message` words the refusal (%(length)s, %(limit)s, %(excess)s)."""
    limit = field.max_length
    if not limit:
        return
    field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
    field.validators.append(TextLimitValidator(limit, message=message))
    field.widget.attrs.pop("maxlength", None)
    if count if count is not None else limit >= COUNT_FROM:
        field.widget.attrs["data-maxlength"] = str(limit)


class TextLimitsAdminMixin:
    """A ModelAdmin whose text fields refuse over-long text with a message and count long text as
    it is typed, instead of letting the browser cut a paste short."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(formfield, forms.CharField) and formfield.max_length:
            limit_text(formfield)
        return formfield

    @property
    def media(self) -> forms.Media:
        return super().media + forms.Media(js=[SCRIPT], css={"all": [STYLES]})
