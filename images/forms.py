from __future__ import annotations

from django import forms

from . import processing
from .models import Image


class ImageForm(forms.ModelForm):
    upload = forms.FileField(
        label="Picture",
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
        help_text="JPEG, PNG, WebP or GIF. It is re-encoded for the web and its hidden data (camera, GPS) removed.",
    )

    class Meta:
        model = Image
        # Not `upload`: it is declared above, and the admin takes it out for those who may not replace
        # the picture, which its name here would then refuse as an unknown field.
        fields = ["alt", "caption", "credit"]
        error_messages = {"alt": {"required": "Describe the picture for readers who cannot see it."}}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.picture = None
        if "upload" in self.fields:  # (the admin leaves it out for those who may not replace the picture)
            self.fields["upload"].required = not self.instance.pk

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            # Decoded once here; the admin hands the picture to images.services.image_store().
            self.picture = processing.open_upload(upload)
        return upload
