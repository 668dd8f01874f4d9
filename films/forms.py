"""The desk's forms for works: a possible duplicate (same title and year, same ISBN) is caught before
it is saved, with links to the record already there."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify

from .models import Book, Work


def _change_links(works) -> str:
    return format_html_join(
        ", ",
        '<a href="{}">{}</a>',
        (
            (reverse(f"admin:films_{work.specific._meta.model_name}_change", args=[work.pk]), str(work))
            for work in works
        ),
    )


class WorkForm(forms.ModelForm):
    not_a_duplicate = forms.BooleanField(
        label="A different work with the same title",
        required=False,
        help_text="Tick only if the desk warned of a possible duplicate and this is another work all the same.",
    )

    def clean(self):
        cleaned = super().clean()
        title = cleaned.get("title") or self.instance.title
        year = cleaned.get("year") or (cleaned["release_date"].year if cleaned.get("release_date") else None)
        if title and not cleaned.get("not_a_duplicate"):
            twins = Work.objects.possible_duplicates(
                kind=self._meta.model.KIND, title=title, year=year, exclude=self.instance.pk
            )
            if twins:
                raise ValidationError(
                    format_html(
                        "We may have it already: {}. Add to that record instead, or tick “{}” below to save "
                        "this one too.",
                        _change_links(twins),
                        self.fields["not_a_duplicate"].label,
                    ),
                    code="possible_duplicate",
                )
        return cleaned


class BookForm(WorkForm):
    def clean_isbn(self) -> str:
        isbn = self.cleaned_data.get("isbn", "")
        if isbn:
            others = Book.objects.filter(isbn=isbn).exclude(pk=self.instance.pk)
            if others:
                raise ValidationError(
                    format_html("{} has this ISBN already: one edition is one record.", _change_links(others)),
                    code="duplicate_isbn",
                )
        return isbn


class SeasonForm(WorkForm):
    """A season's title and address may be left empty: “The Bear, season 3”, the-bear-season-3."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("title", "slug"):
            if name in self.fields:
                self.fields[name].required = False

    def clean(self):
        series, number = self.cleaned_data.get("series"), self.cleaned_data.get("number")
        if series and number:
            if not self.cleaned_data.get("title"):
                self.cleaned_data["title"] = f"{series.title}, season {number}"
            if not self.cleaned_data.get("slug"):
                self.cleaned_data["slug"] = slugify(f"{series.slug}-season-{number}")[:200]
        # The duplicate check of titles does not apply: the series and number say which season it is.
        self.cleaned_data["not_a_duplicate"] = True
        return super().clean()
