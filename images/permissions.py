"""Who may change a picture in the library: what model permissions cannot say (whose upload it is).

- `images.change_image` (editors): every picture, its text and the picture itself.
- Without it, whoever may add pictures (writers) may correct the alt text, caption and credit of
  the ones they uploaded, but not replace them: other articles may show them.
- The default share picture, which every page without one of its own shows, is chosen by editors.
"""

from __future__ import annotations

from .models import Image


def can_replace(user, image: Image) -> bool:
    return user.has_perm("images.change_image")


def can_change(user, image: Image) -> bool:
    if can_replace(user, image):
        return True
    uploaded_by_them = image.uploaded_by_id is not None and image.uploaded_by_id == user.pk
    return uploaded_by_them and user.has_perm("images.add_image")


def can_choose_default_share(user) -> bool:
    return user.has_perm("images.change_image")
