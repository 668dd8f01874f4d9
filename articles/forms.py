"""The article's form in the admin: tags by name with an autocomplete, and the optimistic lock."""

from __future__ import annotations

import unicodedata

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html

from . import services, tagging
from .models import Article


class TagAutocomplete(AutocompleteSelectMultiple):
    """The admin's autocomplete (select2) over tag names, where typing a new name adds a tag.

    Enter adds what was typed as one tag, at once (static/js/tag-field.js): no token separators,
    so that a comma stays in the name it was typed in ("Crouching Tiger, Hidden Dragon").
    """

    def get_url(self) -> str:
        return reverse("admin:articles_article_tags_autocomplete")

    @property
    def media(self):
        # After the admin's autocomplete.js, which starts select2 on the field.
        return super().media + forms.Media(js=["admin/js/autocomplete.js", "js/tag-field.js"])

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        attrs.update({"data-tags": "true", "data-placeholder": "Add tags"})
        # select2 4.0 puts its "clear all" button inside the list of tags, where only items belong (axe's
        # rule `list`); each tag keeps its own ×.
        attrs["data-allow-clear"] = "false"
        return attrs

    def optgroups(self, name, value, attrs=None):
        names = dict.fromkeys(str(item) for item in value if item)
        return [(None, [self.create_option(name, tag, tag, True, index) for index, tag in enumerate(names)], 0)]


class TagNamesField(forms.Field):
    """Tag names, one a value, kept as typed (articles/tagging.py says why none is parsed)."""

    default_error_messages = {
        "too_long": "“%(name)s…” is too long for a tag: at most %(max)s characters.",
        "control_characters": "A tag cannot hold control characters (a line break, a tab, the null character).",
    }

    def to_python(self, value) -> list[str]:
        if not value:
            return []
        return tagging.tag_names([value] if isinstance(value, str) else value)

    def validate(self, value: list[str]) -> None:
        super().validate(value)
        for name in value:
            # Nothing typed makes them, and feeds (XML) cannot carry them.
            if any(unicodedata.category(character) == "Cc" for character in name):
                raise ValidationError(self.error_messages["control_characters"], code="control_characters")
            if len(name) > tagging.NAME_MAX_LENGTH:
                raise ValidationError(
                    self.error_messages["too_long"],
                    code="too_long",
                    params={"name": name[:40], "max": tagging.NAME_MAX_LENGTH},
                )

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
        help_text=(
            "Type a tag and press Enter to add it; pick an existing one from the list. "
            "A tag is kept as typed: spaces, commas and quotes are part of its name."
        ),
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

    def _save_m2m(self):
        # The tags by name as typed, made where new with an address of their own (articles/tagging.py).
        if "tags" in self.cleaned_data:
            self.cleaned_data["tags"] = tagging.tags_named(self.cleaned_data["tags"])
        super()._save_m2m()

    def clean_publish_at(self):
        return self._to_the_microsecond("publish_at")

    def clean_embargo_until(self):
        return self._to_the_microsecond("embargo_until")

    def _to_the_microsecond(self, name: str):
        # The form shows times to the second and "Publish now" stores them to the microsecond:
        # a time sent back as it was shown is the stored one, not one a fraction of a second
        # earlier (which moved the dates in the feeds on a save that changed nothing).
        value, stored = self.cleaned_data.get(name), self.initial.get(name)
        if value is not None and stored is not None and value == stored.replace(microsecond=0):
            return stored
        return value

    def stored_changes(self) -> list[str]:
        """After saving: the fields whose stored value the save changed, of those the form saw change.

        A browser can send a field back written another way and store the same: the body editor
        writes the markup its own way, a tag typed in another case is the existing tag. The
        history says what a save changed, so it compares what was stored before and after.
        """
        stored = Article.objects.get(pk=self.instance.pk)
        model_fields = {field.name: field for field in Article._meta.get_fields()}

        def as_stored(name: str, value):
            return {tag.pk for tag in value or []} if name == "tags" else value

        def changed(name: str) -> bool:
            if name not in model_fields or name not in self.initial:
                return True
            after = stored.tags.all() if name == "tags" else model_fields[name].value_from_object(stored)
            return as_stored(name, self.initial[name]) != as_stored(name, after)

        return [name for name in self.changed_data if changed(name)]

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
