"""The article's form in the admin: tags by name with an autocomplete, and the optimistic lock."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html
from taggit.utils import parse_tags

from . import services
from .models import Article


class TagAutocomplete(AutocompleteSelectMultiple):
    """The admin's autocomplete (select2) over tag names, where typing a new name adds a tag."""

    def get_url(self) -> str:
        return reverse("admin:articles_article_tags_autocomplete")

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        attrs.update({"data-tags": "true", "data-token-separators": '[","]', "data-placeholder": "Add tags"})
        return attrs

    def optgroups(self, name, value, attrs=None):
        names = dict.fromkeys(str(item) for item in value if item)
        return [(None, [self.create_option(name, tag, tag, True, index) for index, tag in enumerate(names)], 0)]


class TagNamesField(forms.Field):
    """Tag names; each entry may itself be a comma-separated list, as taggit reads them."""

    def to_python(self, value) -> list[str]:
        if not value:
            return []
        names: dict[str, str] = {}
        for item in [value] if isinstance(value, str) else value:
            for tag in parse_tags(item):
                names.setdefault(tag.lower(), tag)
        return list(names.values())

    def prepare_value(self, value):
        if isinstance(value, str):
            return self.to_python(value)
        return [getattr(tag, "name", tag) for tag in value or []]

    def has_changed(self, initial, data) -> bool:
        before = sorted(name.lower() for name in self.prepare_value(initial))
        return before != sorted(name.lower() for name in self.to_python(data))


class ArticleAdminForm(forms.ModelForm):
    # The version the form was opened at: a save from an older one is refused (optimistic locking).
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    tags = TagNamesField(
        label="Tags",
        required=False,
        widget=TagAutocomplete(Article._meta.get_field("tags"), admin.site),
        help_text="Start typing to find a tag; a new name adds a new tag.",
    )

    class Meta:
        model = Article
        # The admin passes the fields of its fieldsets; these are all it could.
        fields = [
            "title", "slug", "dek", "section", "kind", "body", "tags", "publish_at", "embargo_until",
            "embargo_set_by", "rating", "comment_mode", "hero",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["lock_version"].initial = self.instance.lock_version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            current = Article.objects.filter(pk=self.instance.pk)
            if transaction.get_connection().in_atomic_block:
                # Held until the save commits, so nobody slips in between this check and the save.
                current = current.select_for_update()
            current = current.first()
            if current is not None and cleaned.get("lock_version") != current.lock_version:
                raise ValidationError(stale_message(current), code="stale")
        return cleaned


def stale_message(current: Article):
    change_url = reverse("admin:articles_article_change", args=[quote(current.pk)])
    return format_html(
        "{who} changed this article at {when}, after you opened it. Your changes have not been saved, "
        "so nothing of theirs was overwritten. <a href='{url}'>Reload the article</a> to see the latest "
        "version, then make your changes again; what you typed is still below to copy from.",
        who=services.describe_user(current.updated_by),
        when=services.local_time(current.updated_at),
        url=change_url,
    )
