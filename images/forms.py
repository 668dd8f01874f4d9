from __future__ import annotations

import re

from django import forms

from . import processing
from .models import Image

_BOX = re.compile(r"\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*")


class CropBoxField(forms.CharField):
    """A box drawn on the picture for one use: "left, top, right, bottom" in per cent, or empty."""

    default_error_messages = {
        "invalid": "Write the box as four numbers from 0 to 100 (left, top, right, bottom), or leave it empty.",
        "empty_box": "The box has no area: its right must be past its left and its bottom below its top.",
    }

    def __init__(self, **kwargs) -> None:
        super().__init__(required=False, max_length=60, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(f"{part * 100:g}" for part in value)
        return value

    def to_python(self, value) -> processing.Box | None:
        value = super().to_python(value)
        if not value:
            return None
        match = _BOX.fullmatch(value)
        if not match or any(float(part) > 100 for part in match.groups()):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        left, top, right, bottom = (round(float(part) / 100, 4) for part in match.groups())
        if right <= left or bottom <= top:
            raise forms.ValidationError(self.error_messages["empty_box"], code="empty_box")
        return (left, top, right, bottom)


class ImageForm(forms.ModelForm):
    upload = forms.FileField(
        label="Picture",
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
        help_text="JPEG, PNG, WebP or GIF. It is re-encoded for the web and its hidden data (camera, GPS) removed.",
    )
    card_crop = CropBoxField(
        label="Card crop",
        help_text="Only where the focal point is not enough: drag on the picture with “Draw the card’s crop” "
        "chosen, or write left, top, right, bottom in per cent. Empty: cropped around the focal point.",
    )
    share_crop = CropBoxField(
        label="Share crop",
        help_text="The same for the picture other sites show when the page is shared (1.91 : 1).",
    )

    # Not the model's field, which allows one such picture: ticking it here moves it from the other
    # (images.services.image_set_default_share, which the admin calls).
    default_share = forms.BooleanField(
        label="Default share picture",
        required=False,
        help_text=Image._meta.get_field("is_default_share").help_text + " Ticking it here unticks the other.",
    )

    class Meta:
        model = Image
        # Not `upload`: it is declared above, and the admin takes it out for those who may not replace
        # the picture, which its name here would then refuse as an unknown field.
        fields = ["alt", "caption", "credit", "focus_x", "focus_y"]
        error_messages = {"alt": {"required": "Describe the picture for readers who cannot see it."}}
        widgets = {
            "focus_x": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
            "focus_y": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.picture = None
        if "upload" in self.fields:  # (the admin leaves it out for those who may not replace the picture)
            self.fields["upload"].required = not self.instance.pk
        self.initial_crops = {use: self.instance.crops.get(use) for use in processing.CROPS}
        self.initial_focus = self.instance.focus
        if "focus_x" in self.fields:  # (the admin leaves the crops out for those who may not replace it)
            # Uploads from the body editor send no focal point: the picture keeps the one it has (the centre).
            self.fields["focus_x"].required = self.fields["focus_y"].required = False
            for use, box in self.initial_crops.items():
                self.fields[f"{use}_crop"].initial = tuple(box) if box else None
        if "default_share" in self.fields:  # (and this one for those who may not choose it)
            self.fields["default_share"].initial = self.instance.is_default_share

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            # Decoded once here; the admin hands the picture to images.services.image_store().
            self.picture = processing.open_upload(upload)
        return upload

    def clean_focus_x(self) -> float:
        value = self.cleaned_data.get("focus_x")
        return self.instance.focus_x if value is None else value

    def clean_focus_y(self) -> float:
        value = self.cleaned_data.get("focus_y")
        return self.instance.focus_y if value is None else value

    @property
    def crops(self) -> dict[str, processing.Box | None]:
        """The boxes drawn for each use, as cleaned (None where the focal point does)."""
        return {use: self.cleaned_data.get(f"{use}_crop") for use in processing.CROPS}

    @property
    def crop_changed(self) -> bool:
        """Whether the focal point or a box moved, so the crops must be made anew."""
        if "focus_x" not in self.fields:
            return False
        focus = (self.cleaned_data["focus_x"], self.cleaned_data["focus_y"])
        boxes = {use: list(box) if box else None for use, box in self.crops.items()}
        return focus != self.initial_focus or boxes != self.initial_crops
