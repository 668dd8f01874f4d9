"""Form widgets shared by the apps' admins."""

from __future__ import annotations

from django import forms
from django.urls import reverse


class RichTextEditor(forms.Textarea):
    """A textarea that static/richtext/richtext.js turns into the body editor.

    Without JavaScript it stays a plain HTML textarea; either way the server sanitises what arrives.
    """

    class Media:
        css = {"all": ["richtext/richtext.css"]}
        js = ["richtext/richtext.js"]

    def get_context(self, name, value, attrs):
        attrs = {
            **(attrs or {}),
            "data-richtext": "",
            "data-picker-url": reverse("admin:images_image_picker"),
            "data-library-add-url": reverse("admin:images_image_add"),
            "data-upload-url": reverse("admin:images_image_upload"),
            "data-embed-url": reverse("admin:images_image_embed"),
        }
        return super().get_context(name, value, attrs)


class OneLineTextarea(forms.Textarea):
    """A textarea for one sentence that is too long for a text input (a dek): what arrives is one line.

    Line breaks typed or pasted into it become spaces, as they would on the page anyway.
    """

    def __init__(self, attrs=None) -> None:
        super().__init__({"rows": 2, **(attrs or {})})

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return " ".join(value.split()) if isinstance(value, str) else value
